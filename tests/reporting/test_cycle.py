"""The reporting cycle's services: a coordinator opens a request, units submit their issued reports
(figures frozen), the coordinator returns or accepts; submitted windows lock activities."""

import datetime as dt

import pytest

from loa.activities.services import activity_delete, activity_record, activity_update
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.reporting.cycle import (
    lock_exception_grant,
    request_open,
    schedule_open_due,
    submission_accept,
    submission_return,
    submission_submit,
)
from loa.reporting.cycle_selectors import due_for, request_rows
from loa.reporting.models import RequestSchedule, Submission
from loa.reporting.services import report_approve, report_issue, report_open, report_replace, report_submit

D = dt.date


def issue_report(world, key, period="2022", date=None, replace=None):
    date = date or D(2022, 12, 10)
    officer, leader, clerk = world[f"{key}_officer"], world[f"{key}_leader"], world[f"{key}_clerk"]
    if replace is not None:
        report = report_replace(actor=officer, report=replace)
    else:
        report = report_open(actor=officer, unit=world[key], period=period, report_date=date)
    report = report_submit(actor=officer, report=report)
    report = report_approve(actor=leader, report=report)
    return report_issue(actor=clerk, report=report, subject="Công tác tuyên truyền CCHC")


def open_2022(world, **kw):
    return request_open(
        actor=world["coordinator"],
        coordinator_unit=world["town"],
        period="2022",
        deadline=kw.pop("deadline", D(2022, 12, 15)),
        **kw,
    )


def sub_of(request, unit):
    return Submission.objects.get(request=request, unit=unit)


def record(world, key, day, quantity=3, channels=None):
    from loa.plans.models import Channel

    channel = Channel.objects.order_by("sort_order").first()
    return activity_record(
        actor=world[f"{key}_officer"],
        unit=world[key],
        date=day,
        channel=channel,
        title=f"Tin bài tuyên truyền CCHC {day:%d/%m}",
        quantity=quantity,
    )


def test_a_request_expects_by_default_the_reporting_units_below_and_is_audited(cycle_world):
    w = cycle_world
    request = open_2022(w)
    expected = set(request.submissions.values_list("unit__code", flat=True))
    # Offices and wards report; the centre, the town itself and units elsewhere do not.
    assert expected == {"tx-vhtt", "tx-tp", "tx-phuong"}
    assert set(request.submissions.values_list("state", flat=True)) == {"expected"}
    assert "2022" in request.title
    event = AuditEvent.objects.get(verb="request.open")
    assert event.actor_name == "noivu-tx" and sorted(event.after["expected"]) == sorted(expected)


def test_chosen_units_must_be_in_the_subtree_and_nothing_is_created_otherwise(cycle_world):
    w = cycle_world
    with pytest.raises(ValidationError) as exc:
        open_2022(w, units=[w["vhtt"], w["other"]])
    assert exc.value.code == "requests.outside_subtree" and "Huyện khác" in exc.value.message
    assert not Submission.objects.exists()
    request = open_2022(w, units=[w["vhtt"]])
    assert list(request.submissions.values_list("unit__code", flat=True)) == ["tx-vhtt"]


def test_a_deadline_before_the_period_starts_is_refused(cycle_world):
    with pytest.raises(ValidationError) as exc:
        open_2022(cycle_world, deadline=D(2021, 12, 20))
    assert exc.value.code == "requests.deadline_before_period" and "01/01/2022" in exc.value.message


def test_only_a_coordinator_of_the_unit_or_above_opens_a_request(cycle_world):
    w = cycle_world
    with pytest.raises(PermissionDenied):
        request_open(
            actor=w["vhtt_leader"], coordinator_unit=w["town"], period="2022", deadline=D(2022, 12, 15)
        )
    request_open(
        actor=w["province_coordinator"], coordinator_unit=w["town"], period="2022", deadline=D(2022, 12, 15)
    )


def test_submitting_freezes_the_figures_and_records_the_day(cycle_world):
    w = cycle_world
    record(w, "vhtt", D(2022, 5, 2), quantity=4)
    request = open_2022(w)
    report = issue_report(w, "vhtt")
    sub = submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]), on=D(2022, 12, 12))
    assert sub.state == "submitted" and sub.report == report and sub.submitted_on == D(2022, 12, 12)
    channels = sub.figures["channels"]
    assert sum(c["actual"] for c in channels) == 4
    assert set(channels[0]) == {"code", "name", "unit", "target", "actual"}
    # Figures do not move when activities are added later (with an exception to do so).
    lock_exception_grant(actor=w["coordinator"], submission=sub, reason="Bổ sung", until=D(2099, 1, 1))
    record(w, "vhtt", D(2022, 6, 1), quantity=10)
    sub.refresh_from_db()
    assert sum(c["actual"] for c in sub.figures["channels"]) == 4
    assert AuditEvent.objects.filter(verb="submission.submit", actor_name="vhtt-vanthu").exists()


def test_submitting_twice_or_without_an_issued_report_is_refused(cycle_world):
    w = cycle_world
    request = open_2022(w)
    sub = sub_of(request, w["vhtt"])
    with pytest.raises(Conflict) as exc:
        submission_submit(actor=w["vhtt_clerk"], submission=sub)
    assert exc.value.code == "requests.report_not_issued" and "chưa ban hành" in exc.value.message
    issue_report(w, "vhtt")
    submission_submit(actor=w["vhtt_clerk"], submission=sub, on=D(2022, 12, 14))
    with pytest.raises(Conflict) as exc:
        submission_submit(actor=w["vhtt_clerk"], submission=sub, on=D(2022, 12, 15))
    assert exc.value.code == "requests.already_submitted" and "14/12/2022" in exc.value.message
    assert sub_of(request, w["vhtt"]).submitted_on == D(2022, 12, 14)


def test_only_the_units_leader_or_clerk_submits(cycle_world):
    w = cycle_world
    request = open_2022(w)
    issue_report(w, "vhtt")
    for actor in (w["vhtt_officer"], w["tp_clerk"], w["coordinator"]):
        with pytest.raises(PermissionDenied):
            submission_submit(actor=actor, submission=sub_of(request, w["vhtt"]))
    assert sub_of(request, w["vhtt"]).state == "expected"


def test_accepting_a_report_not_submitted_is_refused(cycle_world):
    w = cycle_world
    request = open_2022(w)
    with pytest.raises(Conflict) as exc:
        submission_accept(actor=w["coordinator"], submission=sub_of(request, w["vhtt"]))
    assert exc.value.code == "requests.accept_refused" and "Chưa gửi" in exc.value.message
    assert sub_of(request, w["vhtt"]).state == "expected"


def test_return_needs_a_reason_and_resubmitting_needs_a_replacement(cycle_world):
    w = cycle_world
    request = open_2022(w)
    first = issue_report(w, "vhtt")
    sub = submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]), on=D(2022, 12, 1))
    with pytest.raises(ValidationError):
        submission_return(actor=w["coordinator"], submission=sub, reason="  ")
    with pytest.raises(PermissionDenied):
        submission_return(actor=w["vhtt_leader"], submission=sub, reason="Sai số liệu")
    sub = submission_return(actor=w["coordinator"], submission=sub, reason="Thiếu số liệu quý IV")
    assert sub.state == "returned" and sub.return_reason == "Thiếu số liệu quý IV"
    assert sub.decided_by == w["coordinator"]
    with pytest.raises(Conflict) as exc:
        submission_submit(actor=w["vhtt_clerk"], submission=sub, on=D(2022, 12, 20))
    assert exc.value.code == "requests.resubmit_same_report"
    second = issue_report(w, "vhtt", replace=first)
    sub = submission_submit(actor=w["vhtt_clerk"], submission=sub, on=D(2022, 12, 20))
    assert sub.state == "resubmitted" and sub.report == second
    sub = submission_accept(actor=w["coordinator"], submission=sub)
    assert sub.state == "accepted"
    with pytest.raises(Conflict):
        submission_return(actor=w["coordinator"], submission=sub, reason="Muộn")
    verbs = list(AuditEvent.objects.filter(verb__startswith="submission.").values_list("verb", flat=True))
    assert verbs.count("submission.resubmit") == 1 and "submission.accept" in verbs


def test_a_submitted_window_locks_the_units_activities_until_an_exception(cycle_world):
    w = cycle_world
    inside = record(w, "vhtt", D(2022, 5, 2))
    request = open_2022(w)
    issue_report(w, "vhtt")
    sub = submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]))
    for attempt in (
        lambda: record(w, "vhtt", D(2022, 7, 1)),
        lambda: activity_update(actor=w["vhtt_officer"], activity=inside, quantity=9),
        lambda: activity_delete(actor=w["vhtt_officer"], activity=inside),
    ):
        with pytest.raises(Conflict) as exc:
            attempt()
        assert exc.value.code == "activities.locked"
        assert "đã khoá" in exc.value.message and "01/BC-VHTT" in exc.value.message
    # Outside the window, and other units, are free.
    record(w, "vhtt", D(2022, 12, 20))
    record(w, "tp", D(2022, 7, 1))
    # Moving an activity into the locked window is refused too.
    later = record(w, "vhtt", D(2023, 1, 5))
    with pytest.raises(Conflict):
        activity_update(actor=w["vhtt_officer"], activity=later, date=D(2022, 6, 1))
    # A past exception does not unlock; a valid one does, audited.
    with pytest.raises(ValidationError):
        lock_exception_grant(actor=w["coordinator"], submission=sub, reason="Sửa", until=D(2000, 1, 1))
    with pytest.raises(PermissionDenied):
        lock_exception_grant(actor=w["vhtt_leader"], submission=sub, reason="Sửa", until=D(2099, 1, 1))
    lock_exception_grant(
        actor=w["coordinator"], submission=sub, reason="Sửa số liệu tháng 7", until=D(2099, 1, 1)
    )
    activity_update(actor=w["vhtt_officer"], activity=inside, quantity=9)
    assert AuditEvent.objects.filter(verb="submission.lock_exception", actor_name="noivu-tx").exists()


def test_returning_a_report_unlocks_the_window(cycle_world):
    w = cycle_world
    request = open_2022(w)
    issue_report(w, "vhtt")
    sub = submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]))
    with pytest.raises(Conflict):
        record(w, "vhtt", D(2022, 7, 1))
    submission_return(actor=w["coordinator"], submission=sub, reason="Bổ sung hoạt động tháng 7")
    record(w, "vhtt", D(2022, 7, 1))


def test_a_subtree_report_locks_the_units_it_counted(cycle_world, make_unit, make_user):
    w = cycle_world
    hamlet = make_unit("Tổ dân phố thử", parent=w["ward"], abbr="TDP", code="tx-tdp")
    officer = make_user(hamlet, "officer")
    record(w, "ward", D(2022, 3, 1))
    request = open_2022(w, units=[w["ward"]])
    issue_report(w, "ward")
    sub = submission_submit(actor=w["ward_clerk"], submission=sub_of(request, w["ward"]))
    assert hamlet.pk in sub.figures["units"] and sub.figures["subtree"] is True
    from loa.plans.models import Channel

    with pytest.raises(Conflict) as exc:
        activity_record(
            actor=officer,
            unit=hamlet,
            date=D(2022, 4, 1),
            channel=Channel.objects.first(),
            title="Họp tổ dân phố",
        )
    assert "Phường thử" in exc.value.message


def test_importing_rows_into_a_locked_window_reports_them_as_problems(cycle_world, channels):
    import io

    import openpyxl

    from loa.activities.importers.xlsx.saving import activities_import

    w = cycle_world
    request = open_2022(w)
    issue_report(w, "vhtt")
    submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động"])
    ws.append(["20/12/2022", "PORTAL", "Sau kỳ báo cáo"])
    ws.append(["01/07/2022", "PORTAL", "Trong kỳ đã gửi"])
    out = io.BytesIO()
    wb.save(out)
    result = activities_import(actor=w["vhtt_officer"], unit=w["vhtt"], data=out.getvalue())
    assert result.created == 0
    [problem] = result.problems
    assert problem.row == 3 and "đã khoá" in problem.reason
    result = activities_import(actor=w["vhtt_officer"], unit=w["vhtt"], data=out.getvalue(), only_valid=True)
    assert result.created == 1


def test_schedules_open_their_request_once_when_the_day_comes(cycle_world):
    w = cycle_world
    RequestSchedule.objects.create(
        coordinator_unit=w["town"],
        kind="year",
        title_template="Báo cáo công tác tuyên truyền CCHC {ky}",
        deadline_days_after_period_end=-16,
        open_days_before_deadline=30,
    )
    assert schedule_open_due(actor=SYSTEM_CLI, today=D(2022, 11, 1)) == []
    opened = schedule_open_due(actor=SYSTEM_CLI, today=D(2022, 11, 20))
    assert [(r.period, r.deadline) for r in opened] == [("2022", D(2022, 12, 15))]
    assert opened[0].submissions.count() == 3
    assert schedule_open_due(actor=SYSTEM_CLI, today=D(2022, 11, 21)) == []


def test_the_home_box_lists_what_a_unit_owes_with_days_left(cycle_world):
    w = cycle_world
    request = open_2022(w)
    items = due_for(user=w["vhtt_clerk"], today=D(2022, 12, 10))
    assert [(i.submission.unit.code, i.when, i.can_send) for i in items] == [("tx-vhtt", "còn 5 ngày", False)]
    issue_report(w, "vhtt")
    items = due_for(user=w["vhtt_clerk"], today=D(2022, 12, 17))
    assert [(i.when, i.can_send) for i in items] == [("quá hạn 2 ngày", True)]
    assert due_for(user=w["vhtt_officer"], today=D(2022, 12, 17))[0].can_send is False
    submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]), on=D(2022, 12, 17))
    assert due_for(user=w["vhtt_clerk"], today=D(2022, 12, 17)) == []
    rows = {
        r.submission.unit.code: r
        for r in request_rows(user=w["coordinator"], request=request, today=D(2022, 12, 17))
    }
    assert rows["tx-vhtt"].days_late == 2 and rows["tx-vhtt"].on_time is False
    assert [s.label for s in rows["tx-vhtt"].steps] == ["Trả lại", "Tiếp nhận"]
    assert rows["tx-tp"].steps == [] and rows["tx-tp"].days_late == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_submitting_at_once_submit_once(cycle_world):
    import threading

    from django.db import connection

    w = cycle_world
    request = open_2022(w)
    issue_report(w, "vhtt")
    sub = sub_of(request, w["vhtt"])
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(clerk):
        try:
            barrier.wait()
            submission_submit(actor=clerk, submission=Submission.objects.get(pk=sub.pk))
            outcomes.append("submitted")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    from loa.organizations.accounts import membership_grant

    second = type(w["vhtt_clerk"]).objects.create_user(username="vanthu-2", password="x-matkhau-123")
    membership_grant(actor=SYSTEM_CLI, user=second, unit=w["vhtt"], role="clerk")
    threads = [threading.Thread(target=submit, args=(c,)) for c in (w["vhtt_clerk"], second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["requests.already_submitted", "submitted"]
    assert AuditEvent.objects.filter(verb="submission.submit").count() == 1


def test_each_step_tells_the_people_concerned_after_commit(cycle_world, django_capture_on_commit_callbacks):
    from loa.reporting.models import Notice

    w = cycle_world
    request = open_2022(w)
    issue_report(w, "vhtt")
    with django_capture_on_commit_callbacks(execute=True):
        sub = submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]))
    assert Notice.objects.filter(user=w["coordinator"], request=request).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(actor=w["coordinator"], submission=sub, reason="Thiếu phụ lục")
    assert Notice.objects.filter(user=w["vhtt_clerk"], text__contains="Thiếu phụ lục").exists()


def test_a_towns_consolidated_report_goes_up_to_the_provinces_request_with_its_frozen_figures(
    cycle_world, make_user
):
    """The cycle at two levels: an office reports to the town, the town consolidates, issues its own
    report and sends it to the province; what goes up is the consolidation, not the town's live data."""
    from loa.reporting.consolidation import consolidate
    from loa.reporting.producing import report_issue_drafted

    w = cycle_world
    record(w, "vhtt", D(2022, 5, 2), quantity=4)
    town_request = open_2022(w, units=[w["vhtt"]])
    issue_report(w, "vhtt")
    office = submission_submit(
        actor=w["vhtt_clerk"], submission=sub_of(town_request, w["vhtt"]), on=D(2022, 12, 12)
    )
    submission_accept(actor=w["coordinator"], submission=office)
    province_request = request_open(
        actor=w["province_coordinator"],
        coordinator_unit=w["province"],
        period="2022",
        deadline=D(2022, 12, 20),
        units=[w["town"]],
    )
    # An activity of another office of the town, never reported to the town, stays out.
    record(w, "tp", D(2022, 7, 1), quantity=50)
    leader, clerk = make_user(w["town"], "leader"), make_user(w["town"], "clerk")
    draft = consolidate(actor=w["coordinator"], request=town_request, report_date=D(2022, 12, 14))
    draft = report_submit(actor=w["coordinator"], report=draft)
    draft = report_approve(actor=leader, report=draft)
    issued = report_issue_drafted(actor=clerk, report=draft)
    assert issued.status == "issued" and issued.document.symbol.endswith("/BC-UBND")
    up = submission_submit(actor=clerk, submission=sub_of(province_request, w["town"]), on=D(2022, 12, 16))
    assert up.state == "submitted" and up.report == issued
    assert sum(c["actual"] for c in up.figures["channels"]) == 4


def test_figures_imported_from_an_old_report_cannot_change_a_sent_window(cycle_world, channels):
    """A sent report's window is locked for imported figures as for activities; earlier years stay free."""
    from loa.activities.history import FigureRow, historical_figures_store
    from loa.core.periods import parse_period
    from loa.documents.services import document_create
    from loa.plans.models import Channel

    w = cycle_world
    request = open_2022(w)
    issue_report(w, "vhtt")
    submission_submit(actor=w["vhtt_clerk"], submission=sub_of(request, w["vhtt"]))
    old = document_create(
        actor=SYSTEM_CLI,
        kind="BC",
        subject="Báo cáo công tác tuyên truyền CCHC",
        issuer_unit=w["vhtt"],
        symbol="12/BC-VHTT",
        issued_date=D(2022, 6, 20),
        direction="outgoing",
    )
    rows = [FigureRow(channel=Channel.objects.order_by("pk").first(), quantity=5)]
    with pytest.raises(Conflict) as exc:
        historical_figures_store(
            actor=w["vhtt_officer"],
            unit=w["vhtt"],
            period=parse_period("2022-H1"),
            source_document=old,
            rows=rows,
        )
    assert exc.value.code == "activities.locked" and "đã khoá" in exc.value.message
    assert not old.historical_figures.exists()
    stored = historical_figures_store(
        actor=w["vhtt_officer"], unit=w["vhtt"], period=parse_period("2021"), source_document=old, rows=rows
    )
    assert [f.quantity for f in stored] == [5]
