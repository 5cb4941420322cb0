"""``loa completeness`` and ``loa consolidate``: the JSON the issue gives, files written, refusals."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document as Docx
from openpyxl import load_workbook

from loa.core.audit import AuditEvent
from loa.organizations.models import UnitKind
from loa.reporting.models import ReportRequest


@pytest.fixture
def request_world(make_unit, make_user, cycle_request, send_report):
    town = make_unit("UBND thị xã thử", kind=UnitKind.DISTRICT, place_name="Hương Trà")
    a, b, c = (make_unit(f"Phòng {x}", parent=town, code=f"phong-{x.lower()}") for x in "ABC")
    request = cycle_request(town, [a, b, c], deadline=dt.date(2022, 12, 15))
    send_report(request, a, on=dt.date(2022, 12, 10), actual={"PORTAL": 12, "RADIO": 40})
    send_report(request, b, on=dt.date(2022, 12, 19), actual={"PORTAL": 3})
    coordinator = make_user(town, "coordinator", username="noivu.thu")
    officer = make_user(town, "officer", username="canbo.thu")
    return {"request": request, "coordinator": coordinator, "officer": officer, "town": town}


def _run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_completeness_json(request_world):
    data = json.loads(_run("completeness", str(request_world["request"].pk), "--json"))
    assert {k: data[k] for k in ("expected", "received", "on_time", "late", "missing")} == {
        "expected": 3,
        "received": 2,
        "on_time": 1,
        "late": 1,
        "missing": 1,
    }
    rows = {r["unit"]: r for r in data["rows"]}
    assert rows["phong-a"] == {
        "unit": "phong-a",
        "status": "accepted",
        "submitted_on": "2022-12-10",
        "days_late": 0,
    }
    assert rows["phong-b"]["days_late"] == 4
    assert rows["phong-c"]["status"] == "expected" and rows["phong-c"]["submitted_on"] is None


def test_completeness_text_and_xlsx_in_vietnamese(request_world, tmp_path):
    path = tmp_path / "tinh-hinh.xlsx"
    text = _run("completeness", str(request_world["request"].pk), "--xlsx", str(path))
    assert "Phải gửi: 3 · đã gửi: 2 (đúng hạn 1, trễ hạn 1) · chưa gửi: 1" in text
    assert "hạn gửi 15/12/2022" in text
    values = [v for row in load_workbook(path).active.iter_rows(values_only=True) for v in row if v]
    assert "Số ngày trễ hạn" in values and "Chưa gửi" in values


def test_completeness_as_a_user_who_may_not_coordinate_is_refused(request_world):
    with pytest.raises(CommandError, match="Chỉ cán bộ điều phối"):
        _run("completeness", str(request_world["request"].pk), "--as", "canbo.thu")
    with pytest.raises(CommandError, match="Không tìm thấy yêu cầu"):
        _run("completeness", "999999")


def test_consolidate_writes_the_report_and_the_annex(request_world, tmp_path):
    out = tmp_path / "tong-hop.docx"
    data = json.loads(
        _run(
            "consolidate",
            str(request_world["request"].pk),
            "--out",
            str(out),
            "--xlsx",
            "--json",
            "--as",
            "noivu.thu",
        )
    )
    assert {r["channel"]: r["actual"] for r in data["rows"]} == {"PORTAL": 15, "RADIO": 40}
    assert data["units"] == [
        {"unit": "phong-a", "status": "accepted", "counted": True},
        {"unit": "phong-b", "status": "accepted", "counted": True},
    ]
    text = "\n".join(p.text for p in Docx(str(out)).paragraphs)
    assert "Tin, bài trên Cổng/Trang thông tin điện tử: 15 tin, bài" in text
    assert "Phát thanh, truyền thanh cơ sở: 40 lượt phát" in text
    assert load_workbook(out.with_suffix(".xlsx")).active.title == "Biểu 03"
    request = ReportRequest.objects.get(pk=request_world["request"].pk)
    assert request.consolidated_report_id == data["report"]
    assert AuditEvent.objects.filter(verb="request.consolidate", actor_name="noivu.thu").exists()


def test_consolidate_refusals(request_world, make_unit, cycle_request, tmp_path):
    out = tmp_path / "x.docx"
    with pytest.raises(CommandError, match="quyền"):
        _run("consolidate", str(request_world["request"].pk), "--out", str(out), "--as", "canbo.thu")
    with pytest.raises(CommandError, match="Không có người dùng"):
        _run("consolidate", str(request_world["request"].pk), "--out", str(out), "--as", "ai.do")
    empty = cycle_request(request_world["town"], [make_unit(parent=request_world["town"])], period="2023")
    with pytest.raises(CommandError, match="Chưa có báo cáo nào được tiếp nhận"):
        _run("consolidate", str(empty.pk), "--out", str(out))
    assert not out.exists()
