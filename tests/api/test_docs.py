"""The API's docs page and schema speak Vietnamese: every parameter, field, shape and answer has its
words, the page lists every address, and it needs nothing outside the server."""

from __future__ import annotations

import re

import pytest

from loa.api.docs import docs_model, type_words
from loa.api.help import STATUS_HELP
from loa.api.v1 import api

# A Vietnamese sentence has at least one letter English does not use.
_VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)
_ENGLISH_REASONS = {"OK", "Created", "No Content", "Unauthorized", "Forbidden", "Not Found", "Conflict"}
_SWAGGER_WORDS = ("Authorize", "Try it out", "Responses", "Schemas", "Parameters", "Request body")


def _schema():
    return api.get_openapi_schema()


def _described(schema):
    """Every (place, words) the document holds for a person to read."""
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            yield f"{method} {path}", op["summary"]
            for p in op.get("parameters", []):
                yield f"{method} {path} ?{p['name']}", p.get("description", "")
            for status, answer in op["responses"].items():
                yield f"{method} {path} → {status}", answer["description"]
    for name, shape in schema["components"]["schemas"].items():
        yield name, shape.get("description", "")
        for field, spec in shape.get("properties", {}).items():
            yield f"{name}.{field}", spec.get("description", "")


def test_every_part_of_the_schema_is_explained_in_vietnamese():
    missing = [place for place, words in _described(_schema()) if not _VIETNAMESE.search(words or "")]
    assert missing == []


def test_the_answers_carry_vietnamese_reasons_not_http_english():
    for _, operations in _schema()["paths"].items():
        for op in operations.values():
            for status, answer in op["responses"].items():
                assert answer["description"] not in _ENGLISH_REASONS
                assert answer["description"] == STATUS_HELP[str(status)]


def test_choice_fields_list_the_values_of_the_model():
    from loa.documents.models import Direction

    words = _schema()["components"]["schemas"]["DocumentOut"]["properties"]["direction"]["description"]
    for value, label in Direction.choices:
        assert f"{value} ({label.lower()})" in words


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ({"type": "integer"}, "số nguyên"),
        ({"type": "string", "format": "date"}, "ngày (yyyy-mm-dd)"),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, "chuỗi (có thể trống)"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/UnitOut"}}, "danh sách UnitOut"),
        ({"enum": ["channel", "area"]}, "một trong: channel, area"),
    ],
)
def test_types_are_named_in_vietnamese(spec, words):
    assert type_words(spec) == words


def test_the_model_lists_every_address_once_with_a_copyable_example():
    schema = _schema()
    model = docs_model(schema)
    listed = [(op.method, op.path) for s in model["sections"] for op in s.operations]
    expected = [(m.upper(), p) for p, ops in schema["paths"].items() for m in ops]
    assert sorted(listed) == sorted(expected)
    post = next(
        op
        for s in model["sections"]
        for op in s.operations
        if op.method == "POST" and op.path == "/api/v1/activities"
    )
    assert post.body_shape == "ActivityIn"
    assert '"unit": "…"' in post.example and '"date": "2026-01-05"' in post.example
    assert "Authorization: Bearer $LOA_TOKEN" in post.example


def test_the_docs_page_is_vietnamese_and_needs_no_internet(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    for path in _schema()["paths"]:
        assert f"<code>{path}</code>" in html
    assert "Tham số" in html and "Trả lời" in html and "Các dạng dữ liệu" in html
    for word in _SWAGGER_WORDS:
        assert word not in html, word
    # No script, style or image from outside the server (the page is printable as it is).
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    # Every in-page link has its target.
    targets = set(re.findall(r'id="([^"]+)"', html))
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert anchor in targets, anchor
