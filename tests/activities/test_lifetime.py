"""A unit's lifetime bounds what may be dated: activities (by hand and imported), plans, reports."""

import datetime as dt
import io

import openpyxl
import pytest

from loa.activities.importers.xlsx import activities_import
from loa.activities.models import Activity
from loa.activities.services import activity_record, activity_update
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import ValidationError
from loa.organizations.lifetime import default_day
from loa.plans.services import plan_create, plan_update
from loa.reporting.services import report_edit, report_open

CEASED = dt.date(2025, 6, 30)
MESSAGE = "Phòng Văn hóa và Thông tin chỉ hoạt động đến 30/06/2025; không ghi nhận hoạt động ngày 29/11/2026."


@pytest.fixture
def ceased(make_unit):
    return make_unit(
        "Phòng Văn hóa và Thông tin", code="vhtt-cu", valid_from=dt.date(2008, 1, 1), valid_to=CEASED
    )


@pytest.fixture
def starting(make_unit):
    return make_unit("Phường Mới", code="phuong-moi", valid_from=dt.date(2025, 7, 1))


def test_an_activity_after_the_unit_ceased_is_refused_with_a_clear_message(ceased, channels):
    with pytest.raises(ValidationError) as caught:
        activity_record(
            actor=SYSTEM_CLI,
            unit=ceased,
            date=dt.date(2026, 11, 29),
            channel=channels["PORTAL"],
            title="Tin bài",
        )
    assert caught.value.message == MESSAGE
    assert caught.value.context["fields"] == {"date": MESSAGE}
    assert not Activity.objects.exists()


def test_an_activity_before_the_unit_began_is_refused(starting, channels):
    with pytest.raises(ValidationError, match="chỉ hoạt động từ 01/07/2025"):
        activity_record(
            actor=SYSTEM_CLI,
            unit=starting,
            date=dt.date(2025, 6, 30),
            channel=channels["PORTAL"],
            title="Tin bài",
        )


def test_the_last_day_of_the_lifetime_is_accepted_and_an_edit_cannot_move_past_it(
    ceased, channels, make_user
):
    activity = activity_record(
        actor=SYSTEM_CLI, unit=ceased, date=CEASED, channel=channels["PORTAL"], title="Tin bài"
    )
    with pytest.raises(ValidationError, match="chỉ hoạt động đến 30/06/2025"):
        activity_update(actor=make_user(ceased, "officer"), activity=activity, date=dt.date(2025, 7, 1))
    assert Activity.objects.get(pk=activity.pk).date == CEASED


def test_an_imported_row_outside_the_lifetime_is_a_problem_with_its_row_and_column(ceased, channels):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động"])
    ws.append(["30/06/2025", "PORTAL", "Trong thời gian hoạt động"])
    ws.append(["01/07/2025", "PORTAL", "Sau khi giải thể"])
    out = io.BytesIO()
    wb.save(out)
    result = activities_import(actor=SYSTEM_CLI, unit=ceased, data=out.getvalue())
    assert result.created == 0
    [problem] = result.problems
    assert (problem.row, problem.column) == (3, "Ngày thực hiện")
    assert problem.reason == (
        "Phòng Văn hóa và Thông tin chỉ hoạt động đến 30/06/2025; không ghi nhận hoạt động ngày 01/07/2025."
    )
    assert activities_import(actor=SYSTEM_CLI, unit=ceased, data=out.getvalue(), only_valid=True).created == 1


def test_a_plan_must_overlap_the_unit_lifetime(ceased, starting):
    with pytest.raises(ValidationError) as caught:
        plan_create(actor=SYSTEM_CLI, unit=ceased, title="Kế hoạch 2026", year_from=2026)
    assert caught.value.message == (
        "Phòng Văn hóa và Thông tin chỉ hoạt động đến 30/06/2025; không lập kế hoạch năm 2026."
    )
    assert plan_create(actor=SYSTEM_CLI, unit=ceased, title="Kế hoạch 2025", year_from=2025).year_to == 2025
    with pytest.raises(
        ValidationError, match="chỉ hoạt động từ 01/07/2025; không lập kế hoạch các năm 2023–2024"
    ):
        plan_create(actor=SYSTEM_CLI, unit=starting, title="Kế hoạch cũ", year_from=2023, year_to=2024)
    assert plan_create(
        actor=SYSTEM_CLI, unit=starting, title="Kế hoạch 2021–2025", year_from=2021, year_to=2025
    )


def test_a_report_can_only_be_dated_inside_the_unit_lifetime(ceased):
    with pytest.raises(
        ValidationError, match="chỉ hoạt động đến 30/06/2025; không lập báo cáo ngày 29/11/2026"
    ):
        report_open(actor=SYSTEM_CLI, unit=ceased, period="2024", report_date=dt.date(2026, 11, 29))
    report = report_open(actor=SYSTEM_CLI, unit=ceased, period="2024")
    assert report.report_date <= CEASED
    with pytest.raises(ValidationError, match="không lập báo cáo ngày 01/07/2025"):
        report_edit(actor=SYSTEM_CLI, report=report, narrative={}, report_date=dt.date(2025, 7, 1))


def test_the_default_day_is_today_inside_the_lifetime_else_its_nearest_end(ceased, starting, make_unit):
    today = dt.date(2026, 11, 29)
    assert default_day(ceased, today) == CEASED
    assert default_day(starting, dt.date(2025, 1, 5)) == dt.date(2025, 7, 1)
    assert default_day(starting, today) == today
    assert default_day(make_unit(), today) == today


def test_a_plan_cannot_be_moved_outside_the_unit_lifetime(ceased):
    plan = plan_create(actor=SYSTEM_CLI, unit=ceased, title="Kế hoạch 2025", year_from=2025)
    with pytest.raises(ValidationError) as info:
        plan_update(actor=SYSTEM_CLI, plan=plan, title=plan.title, year_from=2026)
    assert info.value.code == "units.out_of_lifetime"
    plan.refresh_from_db()
    assert plan.year_from == 2025
