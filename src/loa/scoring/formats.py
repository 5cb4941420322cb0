"""Criteria sets in and out of files: JSON (for systems) and XLSX (for the home-affairs office, who
keeps its index in a spreadsheet). Pure: bytes ↔ :class:`~loa.scoring.rules.SetSpec`; a file that
cannot be read raises :class:`~loa.core.errors.ValidationError` naming the row and the problem.

XLSX layout (three sheets): "Bộ tiêu chí" (field, value rows: mã, tên, tỉnh, năm, loại đơn vị,
tổng điểm, căn cứ); "Tiêu chí" (one row per criterion: mã, mã tiêu chí cha, tên, điểm tối đa,
cách chấm, tham số JSON, tài liệu kiểm chứng — parents before their children); "Xếp loại" (mức,
từ % điểm tối đa).
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from loa.core.errors import ValidationError
from loa.scoring.rules import Band, CriterionSpec, SetSpec, points

_SET_FIELDS = (
    ("code", "Mã bộ tiêu chí"),
    ("name", "Tên bộ tiêu chí"),
    ("province", "Mã đơn vị cấp tỉnh ban hành"),
    ("year", "Năm áp dụng"),
    ("unit_kinds", "Loại đơn vị được chấm (cách nhau bởi dấu phẩy)"),
    ("total", "Tổng điểm"),
    ("source", "Căn cứ (văn bản hướng dẫn)"),
)
_COLUMNS = (
    "Mã",
    "Mã tiêu chí cha",
    "Tên tiêu chí",
    "Điểm tối đa",
    "Cách chấm",
    "Tham số (JSON)",
    "Tài liệu kiểm chứng",
)


def _bad(message: str) -> ValidationError:
    return ValidationError(message, code="scoring.set_file")


def _criterion(raw: Any, where: str) -> CriterionSpec:
    if not isinstance(raw, dict):
        raise _bad(f"{where}: mỗi tiêu chí phải là một bảng khoá–giá trị.")
    try:
        top = points(raw.get("max"))
    except ValueError as exc:
        raise _bad(f"{where}: điểm tối đa — {exc}") from None
    code = str(raw.get("code", "")).strip()
    children = raw.get("children") or []
    if not isinstance(children, list):
        raise _bad(f"{where}: “children” phải là danh sách.")
    return CriterionSpec(
        code=code,
        name=str(raw.get("name", "")).strip(),
        max_points=top,
        rule=str(raw.get("rule") or "manual"),
        params=raw.get("params") if raw.get("params") is not None else {},
        evidence=str(raw.get("evidence", "")).strip(),
        children=tuple(_criterion(c, f"Tiêu chí {code}") for c in children),
    )


def set_from_dict(data: Any) -> SetSpec:
    """A :class:`SetSpec` from the JSON shape (see :func:`set_to_dict`)."""
    if not isinstance(data, dict):
        raise _bad("Tệp bộ tiêu chí phải là một đối tượng JSON.")
    missing = [k for k in ("code", "name", "province", "year", "total", "criteria") if k not in data]
    if missing:
        raise _bad(f"Tệp bộ tiêu chí thiếu: {', '.join(missing)}.")
    try:
        year = int(data["year"])
        total = points(data["total"])
        bands = tuple(Band(str(b["label"]), Decimal(str(b["min_percent"]))) for b in data.get("bands") or [])
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad(f"Năm, tổng điểm hoặc mức xếp loại không hợp lệ ({exc}).") from None
    kinds = data.get("unit_kinds") or []
    if isinstance(kinds, str):
        kinds = [k.strip() for k in kinds.split(",") if k.strip()]
    if not isinstance(data["criteria"], list):
        raise _bad("“criteria” phải là danh sách tiêu chí.")
    spec = SetSpec(
        code=str(data["code"]).strip(),
        name=str(data["name"]).strip(),
        province=str(data["province"]).strip(),
        year=year,
        unit_kinds=tuple(kinds),
        total=total,
        criteria=tuple(_criterion(c, f"Tiêu chí thứ {i}") for i, c in enumerate(data["criteria"], start=1)),
        source=str(data.get("source", "")).strip(),
    )
    return spec if not bands else SetSpec(**{**spec.__dict__, "bands": bands})


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral() else float(d)


def _criterion_dict(c: CriterionSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"code": c.code, "name": c.name, "max": _num(c.max_points)}
    if c.children:
        out["children"] = [_criterion_dict(k) for k in c.children]
    else:
        out.update(rule=c.rule, params=c.params)
    if c.evidence:
        out["evidence"] = c.evidence
    return out


def set_to_dict(spec: SetSpec) -> dict[str, Any]:
    return {
        "code": spec.code,
        "name": spec.name,
        "province": spec.province,
        "year": spec.year,
        "unit_kinds": list(spec.unit_kinds),
        "total": _num(spec.total),
        "source": spec.source,
        "bands": [{"label": b.label, "min_percent": _num(b.min_percent)} for b in spec.bands],
        "criteria": [_criterion_dict(c) for c in spec.criteria],
    }


def set_from_json(data: bytes | str) -> SetSpec:
    try:
        parsed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad(f"Tệp JSON không đọc được: {exc}.") from None
    return set_from_dict(parsed)


def set_to_json(spec: SetSpec) -> bytes:
    return json.dumps(set_to_dict(spec), ensure_ascii=False, indent=2).encode()


def set_to_xlsx(spec: SetSpec) -> bytes:
    wb = Workbook()
    head = wb.active
    head.title = "Bộ tiêu chí"
    values = set_to_dict(spec)
    for key, label in _SET_FIELDS:
        value = values[key]
        head.append([label, ", ".join(value) if isinstance(value, list) else value])
    head.column_dimensions["A"].width = 48
    head.column_dimensions["B"].width = 70
    rows = wb.create_sheet("Tiêu chí")
    rows.append(list(_COLUMNS))
    for cell in rows[1]:
        cell.font = Font(bold=True)
    for c, parent in spec.walk():
        leaf = not c.children
        rows.append(
            [
                c.code,
                parent or "",
                c.name,
                _num(c.max_points),
                c.rule if leaf else "",
                json.dumps(c.params, ensure_ascii=False) if leaf and c.params else "",
                c.evidence,
            ]
        )
    for col, width in zip("ABCDEFG", (8, 10, 60, 10, 18, 60, 50), strict=True):
        rows.column_dimensions[col].width = width
    bands = wb.create_sheet("Xếp loại")
    bands.append(["Mức xếp loại", "Từ % điểm tối đa"])
    for b in spec.bands:
        bands.append([b.label, _num(b.min_percent)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def set_from_xlsx(data: bytes) -> SetSpec:
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise _bad("Tệp không phải là bảng tính Excel (.xlsx) đọc được.") from None
    for name in ("Bộ tiêu chí", "Tiêu chí"):
        if name not in wb.sheetnames:
            raise _bad(f"Bảng tính thiếu trang “{name}”.")
    labels = {label: key for key, label in _SET_FIELDS}
    head: dict[str, Any] = {}
    for row in wb["Bộ tiêu chí"].iter_rows(values_only=True):
        if row and row[0] in labels:
            head[labels[row[0]]] = row[1] if len(row) > 1 and row[1] is not None else ""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for i, row in enumerate(wb["Tiêu chí"].iter_rows(min_row=2, values_only=True), start=2):
        cells = [("" if v is None else v) for v in (*row, *[None] * 7)][:7]
        code, parent, name, top, rule, params, evidence = cells
        if not str(code).strip() and not str(name).strip():
            continue
        try:
            parsed = json.loads(params) if str(params).strip() else {}
        except ValueError:
            raise _bad(f"Dòng {i}: tham số không phải JSON hợp lệ.") from None
        node = {
            "code": str(code).strip(),
            "name": str(name).strip(),
            "max": top,
            "rule": str(rule).strip() or "manual",
            "params": parsed,
            "evidence": str(evidence).strip(),
            "children": [],
        }
        parent_code = str(parent).strip()
        if parent_code:
            if parent_code not in nodes:
                raise _bad(f"Dòng {i}: tiêu chí cha “{parent_code}” chưa có ở các dòng trên.")
            nodes[parent_code]["children"].append(node)
        else:
            roots.append(node)
        nodes[node["code"]] = node
    bands = []
    if "Xếp loại" in wb.sheetnames:
        for row in wb["Xếp loại"].iter_rows(min_row=2, values_only=True):
            if row and row[0]:
                bands.append({"label": row[0], "min_percent": row[1] or 0})
    return set_from_dict({**head, "criteria": roots, "bands": bands})
