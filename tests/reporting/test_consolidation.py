"""Consolidation: sums of the accepted submissions' frozen figures, a unit never counted twice, the
coordinator's report drafted from the units' reports and issued through the normal workflow."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from loa.activities.models import Activity
from loa.activities.services import activity_record, activity_update
from loa.core.actors import SYSTEM_CLI
from loa.core.audit import AuditEvent
from loa.core.errors import Conflict, PermissionDenied
from loa.core.periods import parse_period
from loa.organizations.models import UnitKind
from loa.organizations.services import unit_link
from loa.reporting.consolidation import consolidate, consolidation_of
from loa.reporting.cycle_files import consolidation_annex_xlsx
from loa.reporting.models import Report, ReportStatus
from loa.reporting.producing import report_draft, report_issue_drafted
from loa.reporting.services import report_approve, report_submit


@pytest.fixture
def world(make_unit, make_user, cycle_request, send_report):
    town = make_unit(
        "UBND thị xã thử", kind=UnitKind.DISTRICT, place_name="Hương Trà", leader_title="CHỦ TỊCH"
    )
    a, b, c = (make_unit(f"Phòng {x}", parent=town) for x in "ABC")
    request = cycle_request(town, [a, b, c])
    send_report(
        request,
        a,
        on=dt.date(2022, 12, 10),
        actual={"PORTAL": 12, "RADIO": 40},
        target={"PORTAL": 10},
        narrative={"assessment": "Hoàn thành kế hoạch.", "next": "Tăng tin bài."},
    )
    send_report(request, b, on=dt.date(2022, 12, 20), actual={"PORTAL": 3, "PANEL": 1})
    send_report(request, c, on=dt.date(2022, 12, 11), actual={"PORTAL": 100}, state="submitted")
    return {
        "town": town,
        "units": (a, b, c),
        "request": request,
        "coordinator": make_user(town, "coordinator"),
    }


def _actual(found) -> dict[str, int]:
    return {c.code: c.actual for c in found.channels}


def test_figures_are_summed_from_accepted_submissions_only(world):
    found = consolidation_of(request=world["request"])
    assert _actual(found) == {"PORTAL": 15, "RADIO": 40, "PANEL": 1}
    assert [u.unit_name for u in found.units] == ["Phòng A", "Phòng B"]
    assert {c.code: c.target for c in found.channels}["PORTAL"] == 10
    assert [u.on_time for u in found.units] == [True, False]


def test_a_unit_and_the_unit_above_it_are_not_counted_twice(world, make_unit, cycle_request, send_report):
    """The upper unit's figures include the lower one's: the upper counts, the lower is noted."""
    town, a = world["town"], world["units"][0]
    team = make_unit("Tổ thông tin", parent=a)
    request = cycle_request(town, [a, team], period="2022", title="Yêu cầu hai cấp")
    send_report(request, a, on=dt.date(2022, 12, 10), actual={"PORTAL": 12})
    send_report(request, team, on=dt.date(2022, 12, 10), actual={"PORTAL": 5})
    found = consolidation_of(request=request)
    assert _actual(found) == {"PORTAL": 12}
    lower = next(u for u in found.units if u.unit_name == "Tổ thông tin")
    assert (lower.counted, lower.note) == (False, "Đã tính trong số liệu của Phòng A")


def test_a_unit_moved_during_the_period_counts_once(world, make_unit, cycle_request, send_report):
    """The dated hierarchy: a unit that sat under A until June and under B after is inside both."""
    town, (a, b, _c) = world["town"], world["units"]
    moved = make_unit("Đội lưu động", parent=a, linked_to=dt.date(2022, 6, 30))
    unit_link(actor=SYSTEM_CLI, child=moved, parent=b, valid_from=dt.date(2022, 7, 1))
    request = cycle_request(town, [b, moved], title="Sau sắp xếp")
    send_report(request, b, on=dt.date(2022, 12, 10), actual={"PORTAL": 9})
    send_report(request, moved, on=dt.date(2022, 12, 10), actual={"PORTAL": 4})
    assert _actual(consolidation_of(request=request)) == {"PORTAL": 9}
    # A unit that left before the period's window is not "below" any more: it counts on its own.
    gone = make_unit("Đội cũ", parent=b, linked_to=dt.date(2020, 12, 31))
    request2 = cycle_request(town, [b, gone], title="Đội cũ")
    send_report(request2, b, on=dt.date(2022, 12, 10), actual={"PORTAL": 9})
    send_report(request2, gone, on=dt.date(2022, 12, 10), actual={"PORTAL": 4})
    assert _actual(consolidation_of(request=request2)) == {"PORTAL": 13}


def test_consolidating_with_nothing_accepted_is_refused_and_changes_nothing(
    make_unit, make_user, cycle_request
):
    town = make_unit(kind=UnitKind.DISTRICT)
    request = cycle_request(town, [make_unit(parent=town)])
    with pytest.raises(Conflict) as caught:
        consolidate(actor=make_user(town, "coordinator"), request=request)
    assert caught.value.code == "requests.nothing_accepted"
    assert "Chưa có báo cáo nào được tiếp nhận" in caught.value.message
    request.refresh_from_db()
    assert request.consolidated_report is None
    assert not Report.objects.filter(unit=town).exists()


def test_only_a_coordinator_consolidates(world, make_user):
    with pytest.raises(PermissionDenied):
        consolidate(actor=make_user(world["town"], "officer"), request=world["request"])


def test_consolidate_drafts_the_coordinators_report_from_the_units_reports(world):
    report = consolidate(actor=world["coordinator"], request=world["request"])
    world["request"].refresh_from_db()
    assert world["request"].consolidated_report == report
    assert (report.unit, report.period, report.status) == (world["town"], "2022", ReportStatus.DRAFT)
    assert report.narrative["assessment"] == "Phòng A: Hoàn thành kế hoạch."
    assert AuditEvent.objects.filter(
        verb="request.consolidate", actor_name=world["coordinator"].username
    ).exists()
    # The coordinator's own wording survives a second consolidation.
    report.narrative = {**report.narrative, "assessment": "Đánh giá của Nội vụ."}
    report.save()
    again = consolidate(actor=world["coordinator"], request=world["request"])
    assert again.pk == report.pk
    assert again.narrative["assessment"] == "Đánh giá của Nội vụ."


def _document(report):
    return report_draft(user=SYSTEM_CLI, unit=report.unit, period=parse_period(report.period), report=report)


def test_the_document_shows_the_frozen_figures_not_live_activities(world, channels):
    """Every figure traces back to the submissions: a live activity changed after submitting moves nothing."""
    from loa.reporting.models import LockException, Submission

    a = world["units"][0]
    # The sent window is locked (issue 10 §3): the coordinator lets the unit edit it.
    sent = Submission.objects.filter(unit=a).first()
    LockException.objects.create(submission=sent, reason="Bổ sung", until=dt.date(2099, 12, 31))
    activity = activity_record(
        actor=SYSTEM_CLI,
        unit=a,
        date=dt.date(2022, 5, 10),
        channel=channels["PORTAL"],
        title="Tin mới",
        quantity=7,
    )
    report = consolidate(actor=world["coordinator"], request=world["request"])
    before = _document(report)
    assert {f.channel: f.actual for f in before.figures} == {"PORTAL": 15, "RADIO": 40, "PANEL": 1}
    activity_update(actor=SYSTEM_CLI, activity=activity, quantity=70)
    assert Activity.objects.get(pk=activity.pk).quantity == 70
    after = _document(report)
    assert after.figures == before.figures
    assert _actual(consolidation_of(request=world["request"])) == {"PORTAL": 15, "RADIO": 40, "PANEL": 1}
    text = " ".join(getattr(b, "text", "") for b in after.document.blocks)
    assert "Tin, bài trên Cổng/Trang thông tin điện tử: 15 tin, bài" in text
    assert "Số liệu tổng hợp từ báo cáo của 02 cơ quan, đơn vị" in text


def test_the_consolidated_report_is_issued_with_its_own_number(world, tmp_path, settings):
    """Issued through the normal path: its own register number, the stored file with the frozen figures."""
    settings.MEDIA_ROOT = tmp_path
    report = consolidate(actor=world["coordinator"], request=world["request"])
    report = report_submit(actor=SYSTEM_CLI, report=report)
    report = report_approve(actor=SYSTEM_CLI, report=report)
    report = report_issue_drafted(actor=SYSTEM_CLI, report=report)
    assert report.status == ReportStatus.ISSUED
    assert report.document.symbol == "01/BC-DV"
    stored = Docx(report.document.file.open("rb"))
    assert any("Cổng/Trang thông tin điện tử: 15 tin, bài" in p.text for p in stored.paragraphs)
    # Issued: a new consolidation is refused rather than reopening an issued report.
    with pytest.raises(Conflict):
        consolidate(actor=world["coordinator"], request=world["request"])


def test_annex_biểu_03_one_row_per_unit_with_channel_columns(world):
    found = consolidation_of(request=world["request"])
    sheet = load_workbook(io.BytesIO(consolidation_annex_xlsx(found))).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert sheet.title == "Biểu 03"
    assert "Tin, bài trên Cổng/Trang thông tin điện tử (tin, bài)" in flat
    row_a = next(r for r in values if r[1] == "Phòng A")
    row_b = next(r for r in values if r[1] == "Phòng B")
    totals = next(r for r in values if r[1] == "Tổng cộng")
    assert row_a[2] == dt.datetime(2022, 12, 10) and row_a[3] == "x"
    assert row_b[3] in ("", None)
    assert (row_a[4], row_b[4], totals[4]) == (12, 3, 15)
    assert totals[3] == "1/2"
