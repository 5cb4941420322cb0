"""Responsibility transfers: the panels of a town's culture office handed to its centre mid-year."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from loa.activities.importers.xlsx import activities_import
from loa.activities.models import Activity
from loa.activities.selectors import channel_figures
from loa.activities.services import activity_record
from loa.activities.transfers import transfer_create
from loa.core.actors import SYSTEM_CLI
from loa.core.audit import AuditEvent
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.periods import parse_period
from loa.organizations.models import UnitKind
from loa.plans.models import Target, Task, Transfer
from loa.plans.services import plan_create, target_set, task_add
from loa.reporting.drafting import build_unit_report

HANDOVER = dt.date(2022, 7, 1)


def workbook(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(
        ["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng", "Đường dẫn minh chứng"]
    )
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


@pytest.fixture
def town(make_unit, make_user, channels):
    town = make_unit("UBND thị xã Thử", kind=UnitKind.DISTRICT, code="tx-transfer")
    office = make_unit("Phòng Văn hóa và Thông tin", parent=town, code="vh-transfer")
    centre = make_unit("Trung tâm Văn hóa, Thông tin và Thể thao", parent=town, code="tt-transfer")
    other_town = make_unit("UBND huyện Khác", kind=UnitKind.DISTRICT, code="hk-transfer")
    plans = {}
    for unit, quantity in ((office, 4), (centre, 2)):
        plans[unit.code] = plan_create(
            actor=SYSTEM_CLI, unit=unit, title=f"Kế hoạch 2022 {unit.code}", year_from=2022
        )
        target_set(actor=SYSTEM_CLI, plan=plans[unit.code], channel=channels["PANEL"], quantity=quantity)
    panel = channels["PANEL"]
    april = activity_record(
        actor=SYSTEM_CLI, unit=office, date=dt.date(2022, 4, 22), channel=panel, title="Pano tháng 4"
    )
    august = activity_record(
        actor=SYSTEM_CLI, unit=office, date=dt.date(2022, 8, 24), channel=panel, title="Pano Quốc khánh"
    )
    return {
        "town": town,
        "office": office,
        "centre": centre,
        "other": make_unit("Phòng Nội vụ huyện khác", parent=other_town, code="nv-other"),
        "closed": make_unit(
            "Đài Truyền thanh (đã giải thể)", parent=town, code="dt-closed", valid_to=dt.date(2021, 12, 31)
        ),
        "plans": plans,
        "april": april,
        "august": august,
        "officer": make_user(office, "officer"),
        "centre_officer": make_user(centre, "officer"),
        "coordinator": make_user(town, "coordinator"),
    }


def _hand_over(town, channels, actor=None, **kw):
    return transfer_create(
        actor=actor or town["officer"],
        from_unit=town["office"],
        to_unit=kw.pop("to_unit", town["centre"]),
        channel=kw.pop("channel", channels["PANEL"]),
        valid_from=kw.pop("valid_from", HANDOVER),
        subject=kw.pop("subject", "Công tác cổ động trực quan, tuyên truyền trên các pano của thị xã"),
        **kw,
    )


def _panels(unit):
    figures = channel_figures(user=SYSTEM_CLI, unit=unit, start=YEAR[0], end=YEAR[1], year=2022)
    return next(((f.target, f.actual) for f in figures if f.channel == "PANEL"), None)


def test_the_remaining_target_and_later_activities_move_to_the_receiver(town, channels):
    assert _panels(town["office"]) == (4, 2) and _panels(town["centre"]) == (2, 0)
    transfer = _hand_over(town, channels)
    # The office keeps what it did before the handover (1 of 4); the 3 not yet done move.
    assert (transfer.target_moved, transfer.activities_moved) == (3, 1)
    assert _panels(town["office"]) == (1, 1)
    assert _panels(town["centre"]) == (5, 1)
    assert Activity.objects.get(pk=town["august"].pk).unit == town["centre"]
    assert Activity.objects.get(pk=town["april"].pk).unit == town["office"]
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"transfer.create", "target.transfer", "activity.transfer"} <= verbs


def test_the_town_counts_the_same_before_and_after(town, channels):
    def whole():
        figures = channel_figures(
            user=SYSTEM_CLI, unit=town["town"], start=YEAR[0], end=YEAR[1], year=2022, subtree=True
        )
        return {f.channel: (f.target, f.actual) for f in figures}

    before = whole()
    _hand_over(town, channels)
    assert whole() == before


def test_recording_for_the_giver_after_the_handover_is_refused_with_the_receiver_named(town, channels):
    _hand_over(town, channels)
    with pytest.raises(ValidationError) as err:
        activity_record(
            actor=town["officer"],
            unit=town["office"],
            date=dt.date(2022, 9, 5),
            channel=channels["PANEL"],
            title="Pano",
        )
    assert err.value.code == "activities.transferred"
    assert (
        "Trung tâm Văn hóa, Thông tin và Thể thao" in err.value.message and "01/07/2022" in err.value.message
    )
    # Before the handover, and other channels, stay the office's.
    activity_record(
        actor=town["officer"],
        unit=town["office"],
        date=dt.date(2022, 6, 5),
        channel=channels["PANEL"],
        title="Pano 6",
    )
    activity_record(
        actor=town["officer"],
        unit=town["office"],
        date=dt.date(2022, 9, 5),
        channel=channels["PORTAL"],
        title="Tin",
    )


def test_an_imported_row_after_the_handover_is_refused_and_nothing_is_saved(town, channels):
    _hand_over(town, channels)
    data = workbook(
        [["05/06/2022", "PANEL", "Pano tháng 6", 1, ""], ["05/09/2022", "PANEL", "Pano tháng 9", 1, ""]]
    )
    result = activities_import(actor=town["officer"], unit=town["office"], data=data)
    assert result.created == 0
    assert [(p.row, "Trung tâm" in p.reason) for p in result.problems] == [(3, True)]


def test_both_reports_say_it(town, channels):
    _hand_over(town, channels)

    def text(unit):
        draft = build_unit_report(
            user=SYSTEM_CLI, unit=unit, period=parse_period("2022"), report_date=dt.date(2022, 12, 15)
        )
        return "\n".join(getattr(b, "text", "") for b in draft.document.blocks)

    assert (
        "Công tác cổ động trực quan, tuyên truyền trên các pano của thị xã đã được chuyển giao sang "
        "Trung tâm Văn hóa, Thông tin và Thể thao từ ngày 01/07/2022." in text(town["office"])
    )
    assert (
        "Từ ngày 01/07/2022, đơn vị tiếp nhận công tác cổ động trực quan, tuyên truyền trên các pano của "
        "thị xã do Phòng Văn hóa và Thông tin chuyển giao." in text(town["centre"])
    )
    # A report of a period before the handover says nothing of it.
    draft = build_unit_report(
        user=SYSTEM_CLI, unit=town["office"], period=parse_period("2022-Q1"), report_date=dt.date(2022, 3, 31)
    )
    assert not any("chuyển giao" in getattr(b, "text", "") for b in draft.document.blocks)


def test_a_task_changes_its_owner(town):
    task = task_add(
        actor=SYSTEM_CLI,
        plan=town["plans"]["vh-transfer"],
        title="Thay nội dung pano dịp 2/9",
        owner_unit=town["office"],
        deadline=dt.date(2022, 9, 1),
    )
    transfer = transfer_create(
        actor=town["officer"],
        from_unit=town["office"],
        to_unit=town["centre"],
        task=task,
        valid_from=HANDOVER,
    )
    assert Task.objects.get(pk=task.pk).owner_unit == town["centre"]
    assert transfer.subject == "Nhiệm vụ “Thay nội dung pano dịp 2/9”"
    with pytest.raises(ValidationError) as err:
        transfer_create(
            actor=town["officer"],
            from_unit=town["office"],
            to_unit=town["centre"],
            task=task,
            valid_from=HANDOVER,
        )
    assert err.value.code == "transfers.task_owner"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"to_unit": "office"}, "transfers.same_unit"),
        ({"to_unit": "other"}, "transfers.out_of_scope"),
        ({"channel": None}, "transfers.what"),
        ({"to_unit": "closed"}, "units.out_of_lifetime"),
        ({"valid_from": dt.date(1999, 1, 1)}, "transfers.out_of_scope"),
    ],
)
def test_bad_transfers_are_refused_in_vietnamese_and_change_nothing(town, channels, change, code):
    if "to_unit" in change:
        change = {"to_unit": town[change["to_unit"]]}
    with pytest.raises(ValidationError) as err:
        _hand_over(town, channels, **change)
    assert err.value.code == code and err.value.message
    assert not Transfer.objects.exists()
    assert Activity.objects.get(pk=town["august"].pk).unit == town["office"]
    assert Target.objects.get(plan=town["plans"]["vh-transfer"]).quantity == 4


def test_a_second_transfer_of_the_same_channel_is_refused(town, channels):
    _hand_over(town, channels)
    with pytest.raises(Conflict) as err:
        _hand_over(town, channels, valid_from=dt.date(2022, 10, 1))
    assert err.value.code == "transfers.overlap" and "01/07/2022" in err.value.message


def test_a_receiver_without_a_plan_cannot_take_a_target(town, channels, make_unit):
    bare = make_unit("Trung tâm Hành chính công", parent=town["town"], code="hcc-transfer")
    with pytest.raises(ValidationError) as err:
        _hand_over(town, channels, to_unit=bare)
    assert err.value.code == "transfers.no_plan" and "chưa có kế hoạch năm 2022" in err.value.message
    assert Activity.objects.get(pk=town["august"].pk).unit == town["office"]


def test_who_may_hand_over(town, channels):
    with pytest.raises(PermissionDenied):
        _hand_over(town, channels, actor=town["centre_officer"])
    assert _hand_over(town, channels, actor=town["coordinator"]).pk


def test_the_page_lists_and_creates_transfers(client, town, channels):
    client.force_login(town["officer"])
    url = reverse("web:unit_transfers", kwargs={"code": town["office"].code})
    page = client.get(url)
    assert page.status_code == 200 and "Chuyển giao một công việc" in page.content.decode()
    response = client.post(
        url,
        {
            "channel": channels["PANEL"].pk,
            "to_unit": town["centre"].pk,
            "valid_from": "01/07/2022",
            "subject": "Công tác cổ động trực quan",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Đã chuyển giao cho Trung tâm Văn hóa, Thông tin và Thể thao từ ngày 01/07/2022" in body
    assert "Công tác cổ động trực quan" in body and Transfer.objects.count() == 1
    # The receiver sees it from its side, with no form to give the office's work away.
    client.force_login(town["centre_officer"])
    theirs = client.get(reverse("web:unit_transfers", kwargs={"code": town["centre"].code})).content.decode()
    assert "Phòng Văn hóa và Thông tin" in theirs and "Công tác cổ động trực quan" in theirs


def test_the_form_refuses_neither_channel_nor_task_next_to_the_form(client, town):
    client.force_login(town["officer"])
    url = reverse("web:unit_transfers", kwargs={"code": town["office"].code})
    body = client.post(url, {"to_unit": town["centre"].pk, "valid_from": "01/07/2022"}).content.decode()
    assert "Chọn một hình thức tuyên truyền hoặc một nhiệm vụ để chuyển giao." in body
    assert not Transfer.objects.exists()


def test_the_demo_year_holds_the_founding_reports_handover(demo_world):
    transfer = Transfer.objects.get()
    assert (transfer.from_unit.code, transfer.to_unit.code, transfer.channel.code) == (
        "huongtra-vhtt",
        "huongtra-ttvhtt",
        "PANEL",
    )
    vhtt = demo_world["huongtra-vhtt"]
    draft = build_unit_report(
        user=SYSTEM_CLI, unit=vhtt, period=parse_period("2022"), report_date=dt.date(2022, 10, 21)
    )
    text = "\n".join(getattr(b, "text", "") for b in draft.document.blocks)
    assert (
        "trên các pano của thị xã đã được chuyển giao sang Trung tâm Văn hóa, Thông tin và Thể thao" in text
    )
