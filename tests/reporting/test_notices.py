"""Reminders and reporting news in the inbox: who hears what, when, and never twice."""

import datetime as dt

import pytest
from django.utils import timezone

from loa.core.actors import SYSTEM_WORKER
from loa.core.models import AuditEvent
from loa.organizations.models import Membership
from loa.reporting.models import Notice, RequestStatus
from loa.reporting.notices import (
    notice_open,
    notices_mark_all_read,
    on_submission_event,
    reminders_due,
    unread_count,
)
from loa.reporting.transitions import Step

D = dt.date


def _texts(user):
    return sorted(Notice.objects.filter(user=user).values_list("text", flat=True))


def test_units_still_owing_hear_n_days_before_the_deadline(cycle, settings):
    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    made = reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER)
    assert made == {"due_soon": 4, "overdue": 0}  # VH: leader, officer, clerk; TP: its officer
    expected = (
        "Còn 3 ngày đến hạn gửi báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022» "
        "cho Thị xã Hương Trà (hạn 15/12/2022)."
    )
    for who in ("vh_leader", "vh_officer", "vh_clerk", "tp_officer"):
        assert _texts(cycle[who]) == [expected], who
    assert _texts(cycle["coordinator"]) == []
    notice = Notice.objects.get(user=cycle["vh_officer"])
    assert (notice.kind, notice.request, notice.unit, notice.day) == (
        "due_soon",
        cycle["request"],
        cycle["vh"],
        D(2022, 12, 12),
    )
    assert notice.url == "/don-vi/huongtra-vhtt/"
    audit = AuditEvent.objects.get(verb="reminders.notify")
    assert audit.actor_name == SYSTEM_WORKER.name and audit.after["notices"] == 4


def test_no_reminder_on_other_days_nor_for_units_that_sent(cycle, settings):
    from loa.reporting.models import Submission

    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    assert reminders_due(D(2022, 12, 11), actor=SYSTEM_WORKER) == {"due_soon": 0, "overdue": 0}
    assert reminders_due(D(2022, 12, 15), actor=SYSTEM_WORKER) == {"due_soon": 0, "overdue": 0}
    Submission.objects.filter(pk=cycle["subs"]["huongtra-vhtt"].pk).update(state="submitted")
    assert reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER)["due_soon"] == 1  # only the Tư pháp officer
    assert Notice.objects.get().user == cycle["tp_officer"]


def test_several_reminder_days_and_the_overdue_notice_the_day_after(cycle, settings):
    from loa.reporting.models import Submission

    settings.LOA_REMINDER_DAYS_BEFORE = (7, 1)
    Submission.objects.filter(pk=cycle["subs"]["huongtra-vhtt"].pk).update(state="returned")
    assert reminders_due(D(2022, 12, 8), actor=SYSTEM_WORKER)["due_soon"] == 4
    assert reminders_due(D(2022, 12, 14), actor=SYSTEM_WORKER)["due_soon"] == 4
    assert reminders_due(D(2022, 12, 16), actor=SYSTEM_WORKER) == {"due_soon": 0, "overdue": 4}
    assert reminders_due(D(2022, 12, 17), actor=SYSTEM_WORKER) == {"due_soon": 0, "overdue": 0}
    texts = _texts(cycle["tp_officer"])
    assert texts == [
        "Còn 1 ngày đến hạn gửi báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022» cho Thị xã Hương Trà (hạn 15/12/2022).",
        "Còn 7 ngày đến hạn gửi báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022» cho Thị xã Hương Trà (hạn 15/12/2022).",
        "Đã quá hạn gửi báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022» cho Thị xã Hương Trà (hạn 15/12/2022).",
    ]


def test_running_twice_a_day_makes_nothing_new(cycle, settings):
    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    assert reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER)["due_soon"] == 4
    assert reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER) == {"due_soon": 0, "overdue": 0}
    assert Notice.objects.count() == 4
    assert AuditEvent.objects.filter(verb="reminders.notify").count() == 1


def test_closed_requests_and_ended_memberships_are_left_out(cycle, settings):
    settings.LOA_REMINDER_DAYS_BEFORE = (3,)
    Membership.objects.filter(user=cycle["vh_clerk"]).update(valid_to=D(2022, 6, 30))
    Membership.objects.filter(user=cycle["vh_leader"]).update(valid_from=D(2023, 1, 1))
    assert (
        reminders_due(D(2022, 12, 12), actor=SYSTEM_WORKER)["due_soon"] == 2
    )  # the VH officer and the TP officer
    cycle["request"].status = RequestStatus.CLOSED
    cycle["request"].save()
    assert reminders_due(D(2022, 12, 16), actor=SYSTEM_WORKER)["overdue"] == 0


def test_the_coordinators_hear_that_a_report_arrived(cycle, make_user):
    other_town_coordinator = make_user(cycle["vh"], "coordinator")  # coordinates elsewhere: not told
    sub = cycle["subs"]["huongtra-vhtt"]
    assert on_submission_event(sub, Step.SUBMIT) == 1
    assert _texts(cycle["coordinator"]) == [
        "Đơn vị Phòng Văn hóa và Thông tin đã gửi báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022»."
    ]
    assert _texts(other_town_coordinator) == [] and _texts(cycle["vh_officer"]) == []
    assert Notice.objects.get().url == "/don-vi/huongtra/"
    assert on_submission_event(sub, "submit") == 0  # the same news, the same day: once
    assert on_submission_event(sub, Step.RESUBMIT) == 1
    assert "đã gửi lại báo cáo" in Notice.objects.get(kind="resubmitted").text


def test_the_unit_hears_returned_with_the_reason_and_accepted(cycle):
    sub = cycle["subs"]["huongtra-tp"]
    sub.return_reason = "Thiếu số liệu quý IV"
    sub.save()
    assert on_submission_event(sub, Step.RETURN) == 1
    assert _texts(cycle["tp_officer"]) == [
        "Báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022» bị trả lại: Thiếu số liệu quý IV"
    ]
    assert on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.ACCEPT) == 3
    assert _texts(cycle["vh_clerk"]) == [
        "Báo cáo «Báo cáo công tác tuyên truyền CCHC năm 2022» đã được tiếp nhận."
    ]
    assert _texts(cycle["coordinator"]) == []


def test_opening_a_notice_marks_it_read_and_only_ones_own(cycle):
    on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.ACCEPT)
    officer, leader = cycle["vh_officer"], cycle["vh_leader"]
    mine = Notice.objects.get(user=officer)
    assert unread_count(user=officer) == 1
    with pytest.raises(Notice.DoesNotExist):
        notice_open(actor=leader, pk=mine.pk)
    assert notice_open(actor=officer, pk=mine.pk).read_at is not None
    assert unread_count(user=officer) == 0 and unread_count(user=leader) == 1
    assert notices_mark_all_read(actor=leader) == 1
    assert unread_count(user=leader) == 0
    assert Notice.objects.filter(read_at__lte=timezone.now()).count() == 2


def test_no_actor_is_refused_and_writes_nothing(cycle):
    from loa.reporting.digest import send_digests

    with pytest.raises(TypeError):
        reminders_due(D(2022, 12, 12), actor=None)
    with pytest.raises(TypeError):
        on_submission_event(cycle["subs"]["huongtra-vhtt"], Step.SUBMIT, actor=None)
    with pytest.raises(TypeError):
        send_digests(D(2022, 12, 12), actor=None)
    assert not Notice.objects.exists()
