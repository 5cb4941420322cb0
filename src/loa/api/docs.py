"""The API's docs page: the OpenAPI document read aloud in Vietnamese, rendered by the server.

Swagger UI and ReDoc speak English ("Authorize", "Try it out", "Responses") and need JavaScript;
the people who connect a province's portal to Loa read Vietnamese, and print the page. So the page
is built here from the same document programs read (``openapi.json``, with the words of
:mod:`loa.api.help`): every address with its parameters, the fields it takes and gives, its answers
with their error codes, and a ``curl`` line to copy (ADR 0028).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

_WHERE = {"path": "đường dẫn", "query": "truy vấn", "header": "tiêu đề"}
_VERB = {"get": "Đọc", "post": "Gửi", "patch": "Sửa", "put": "Thay", "delete": "Xoá"}


@dataclass(frozen=True)
class FieldDoc:
    name: str
    kind: str
    required: bool
    words: str
    where: str = ""


@dataclass(frozen=True)
class AnswerDoc:
    status: str
    words: str
    shape: str  # the name of the shape answered, linked on the page; "" for none or a plain type
    kind: str


@dataclass(frozen=True)
class OperationDoc:
    method: str
    verb: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[FieldDoc]
    body_shape: str
    body: list[FieldDoc]
    answers: list[AnswerDoc]
    example: str


@dataclass(frozen=True)
class ShapeDoc:
    name: str
    words: str
    fields: list[FieldDoc]


@dataclass
class Section:
    tag: str
    anchor: str
    operations: list[OperationDoc] = field(default_factory=list)


def type_words(spec: dict[str, Any]) -> str:
    """A JSON-schema type in Vietnamese: "số nguyên", "ngày (yyyy-mm-dd)", "danh sách UnitOut"…"""
    if "$ref" in spec:
        return _ref_name(spec["$ref"])
    if "anyOf" in spec:
        kinds = [type_words(s) for s in spec["anyOf"] if s.get("type") != "null"]
        nullable = any(s.get("type") == "null" for s in spec["anyOf"])
        return " hoặc ".join(kinds) + (" (có thể trống)" if nullable else "")
    if "enum" in spec:
        return "một trong: " + ", ".join(str(v) for v in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return "danh sách " + type_words(spec.get("items", {}))
    if kind == "string":
        return {"date": "ngày (yyyy-mm-dd)", "date-time": "thời điểm (ISO 8601)"}.get(
            spec.get("format", ""), "chuỗi"
        )
    words = {"integer": "số nguyên", "number": "số", "boolean": "true/false", "object": "đối tượng"}
    return words.get(str(kind), "giá trị")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _fields(shape: dict[str, Any]) -> list[FieldDoc]:
    required = set(shape.get("required", []))
    return [
        FieldDoc(
            name=name, kind=type_words(spec), required=name in required, words=spec.get("description", "")
        )
        for name, spec in shape.get("properties", {}).items()
    ]


def _anchor(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _example(method: str, path: str, body: dict[str, Any] | None) -> str:
    line = f'curl -X {method.upper()} "https://loa.example.gov.vn{path}" \\\n  -H "Authorization: Bearer $LOA_TOKEN"'
    if body is not None:
        line += (
            ' \\\n  -H "Content-Type: application/json" \\\n  -d \''
            + json.dumps(body, ensure_ascii=False)
            + "'"
        )
    return line


def _sample(shape: dict[str, Any]) -> dict[str, Any]:
    """A body to copy: the required fields with a value of their type."""
    samples = {"integer": 1, "number": 1, "boolean": False, "array": []}
    out: dict[str, Any] = {}
    for name in shape.get("required", []):
        spec = shape.get("properties", {}).get(name, {})
        if spec.get("format") == "date":
            out[name] = "2026-01-05"
        else:
            out[name] = samples.get(spec.get("type", ""), "…")
    return out


def docs_model(schema: dict[str, Any]) -> dict[str, Any]:
    """What the docs page shows, from an OpenAPI document."""
    shapes = schema.get("components", {}).get("schemas", {})
    sections: dict[str, Section] = {}
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            tag = (op.get("tags") or ["Khác"])[0]
            section = sections.setdefault(tag, Section(tag=tag, anchor=_anchor(tag)))
            body_shape = ""
            body_spec: dict[str, Any] = {}
            if op.get("requestBody"):
                ref = op["requestBody"]["content"]["application/json"]["schema"].get("$ref", "")
                body_shape = _ref_name(ref)
                body_spec = shapes.get(body_shape, {})
            answers = []
            for status, answer in op.get("responses", {}).items():
                content = answer.get("content", {}).get("application/json", {}).get("schema", {})
                answers.append(
                    AnswerDoc(
                        status=status,
                        words=answer.get("description", ""),
                        shape=_ref_name(content["$ref"]) if "$ref" in content else "",
                        kind=type_words(content) if content else "",
                    )
                )
            section.operations.append(
                OperationDoc(
                    method=method.upper(),
                    verb=_VERB.get(method, method),
                    path=path,
                    anchor=_anchor(f"{method}-{path}"),
                    summary=op.get("summary", ""),
                    description=op.get("description", ""),
                    parameters=[
                        FieldDoc(
                            name=p["name"],
                            kind=type_words(p.get("schema", {})),
                            required=bool(p.get("required")),
                            words=p.get("description", ""),
                            where=_WHERE.get(p["in"], p["in"]),
                        )
                        for p in op.get("parameters", [])
                    ],
                    body_shape=body_shape,
                    body=_fields(body_spec),
                    answers=answers,
                    example=_example(method, path, _sample(body_spec) if body_shape else None),
                )
            )
    return {
        "info": schema.get("info", {}),
        "sections": list(sections.values()),
        "shapes": [
            ShapeDoc(name=name, words=shape.get("description", ""), fields=_fields(shape))
            for name, shape in sorted(shapes.items())
        ],
    }


class VietnameseDocs(DocsBase):
    """Ninja's docs hook: the page at ``/api/v1/docs``."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = docs_model(schema) | {"openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "loa/api/docs.html", context)
