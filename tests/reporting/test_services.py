"""The report workflow in the services: drafted by the officer, approved by the leader, issued by
the clerk; one issued report per unit and period; a correction replaces and cites the old one."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.documents.models import Citation, CitationRelation
from loa.documents.services import document_create
from loa.reporting.models import Report, ReportStatus
from loa.reporting.services import (
    report_approve,
    report_edit,
    report_issue,
    report_open,
    report_replace,
    report_return,
    report_submit,
)

D = dt.date


@pytest.fixture
def team(make_unit, make_user):
    office = make_unit("Phòng Văn hóa và Thông tin", abbr="VHTT")
    return {
        "unit": office,
        "officer": make_user(office, "officer"),
        "leader": make_user(office, "leader"),
        "clerk": make_user(office, "clerk"),
    }


def _approved(team, period="2022", date=None):
    report = report_open(
        actor=team["officer"], unit=team["unit"], period=period, report_date=date or D(2022, 10, 21)
    )
    report = report_submit(actor=team["officer"], report=report)
    return report_approve(actor=team["leader"], report=report)


def _issue(team, report, **kw):
    return report_issue(actor=team["clerk"], report=report, subject="Công tác tuyên truyền CCHC", **kw)


def test_each_step_is_done_by_its_role_and_audited(team):
    report = _approved(team)
    assert report.status == ReportStatus.APPROVED and report.reviewed_by == team["leader"]
    report = _issue(team, report)
    assert report.status == ReportStatus.ISSUED and report.document.symbol == "01/BC-VHTT"
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"report.submit", "report.approve", "report.issue", "document.issue"} <= verbs


def test_the_officer_cannot_approve_and_the_leader_cannot_issue_beside_a_clerk(team):
    report = report_open(actor=team["officer"], unit=team["unit"], period="2022", report_date=D(2022, 10, 21))
    report = report_submit(actor=team["officer"], report=report)
    with pytest.raises(PermissionDenied):
        report_approve(actor=team["officer"], report=report)
    report = report_approve(actor=team["leader"], report=report)
    with pytest.raises(PermissionDenied):
        _issue({**team, "clerk": team["leader"]}, report)
    with pytest.raises(PermissionDenied):
        _issue({**team, "clerk": team["officer"]}, report)


def test_the_leader_issues_when_the_unit_has_no_clerk(make_unit, make_user):
    commune = make_unit(abbr="UBND")
    team = {"unit": commune, "officer": make_user(commune, "officer"), "leader": make_user(commune, "leader")}
    report = _approved(team)
    report = report_issue(actor=team["leader"], report=report, subject="Báo cáo")
    assert report.status == ReportStatus.ISSUED


def test_an_unapproved_report_is_not_issued(team):
    report = report_open(actor=team["officer"], unit=team["unit"], period="2022", report_date=D(2022, 10, 21))
    with pytest.raises(Conflict) as err:
        _issue(team, report)
    assert err.value.code == "reports.not_approved"
    report = report_submit(actor=team["officer"], report=report)
    with pytest.raises(Conflict):
        _issue(team, report)


def test_a_returned_report_needs_a_reason_and_goes_back_to_the_officer(team):
    report = report_open(actor=team["officer"], unit=team["unit"], period="2022", report_date=D(2022, 10, 21))
    report = report_submit(actor=team["officer"], report=report)
    with pytest.raises(ValidationError) as err:
        report_return(actor=team["leader"], report=report, reason="  ")
    assert err.value.context["fields"]["reason"]
    report = report_return(actor=team["leader"], report=report, reason="Bổ sung số liệu.")
    assert report.status == ReportStatus.RETURNED and report.review_note == "Bổ sung số liệu."
    report = report_edit(actor=team["officer"], report=report, narrative={"assessment": "Đã bổ sung."})
    assert report_submit(actor=team["officer"], report=report).status == ReportStatus.SUBMITTED


def test_a_submitted_report_is_not_edited(team):
    report = report_open(actor=team["officer"], unit=team["unit"], period="2022", report_date=D(2022, 10, 21))
    report = report_submit(actor=team["officer"], report=report)
    with pytest.raises(Conflict) as err:
        report_edit(actor=team["officer"], report=report, narrative={"assessment": "x"})
    assert "chờ lãnh đạo duyệt" in err.value.message


def test_after_issue_no_new_draft_opens_and_no_second_number_is_given(team):
    report = _issue(team, _approved(team))
    with pytest.raises(Conflict) as err:
        report_open(actor=team["officer"], unit=team["unit"], period="2022", report_date=D(2022, 11, 1))
    assert "văn bản thay thế" in err.value.message
    with pytest.raises(Conflict):
        _issue(team, report)
    assert Report.objects.count() == 1


def test_the_database_holds_at_most_one_issued_report_per_unit_and_period(team):
    report = _issue(team, _approved(team))
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            unit=team["unit"], period="2022", report_date=D(2022, 12, 1), status=ReportStatus.ISSUED
        )
    assert Report.objects.get().pk == report.pk


def test_a_replacement_takes_a_new_number_cites_the_old_one_and_marks_it_replaced(team):
    old = _issue(team, _approved(team))
    draft = report_replace(actor=team["officer"], report=old, report_date=D(2022, 10, 28))
    assert draft.replaces == old and draft.status == ReportStatus.DRAFT
    draft = report_submit(actor=team["officer"], report=draft)
    draft = report_approve(actor=team["leader"], report=draft)
    new = _issue(team, draft)
    old.refresh_from_db()
    assert old.status == ReportStatus.REPLACED and new.status == ReportStatus.ISSUED
    assert new.document.symbol == "02/BC-VHTT"
    assert Citation.objects.filter(
        source=new.document, target=old.document, relation=CitationRelation.REPLACES
    ).exists()


def test_issuing_records_the_citations_given(team):
    plan = document_create(
        actor=SYSTEM_CLI, kind="KH", subject="Tuyên truyền", symbol="4757/KH-UBND", issuer_text="UBND thị xã"
    )
    report = _issue(team, _approved(team), cites=[(plan, CitationRelation.IMPLEMENTS)])
    assert Citation.objects.get(source=report.document).target == plan


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clerks_issuing_the_same_report_at_once_give_it_one_number(team, make_user):
    import threading

    from django.db import connection

    report = _approved(team)
    second_clerk = make_user(team["unit"], "clerk")
    barrier = threading.Barrier(2)
    outcomes = []

    def issue(clerk):
        try:
            barrier.wait()
            report_issue(actor=clerk, report=Report.objects.get(pk=report.pk), subject="Báo cáo")
            outcomes.append("issued")
        except Conflict as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(c,)) for c in (team["clerk"], second_clerk)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["issued", "reports.issued"]
    assert Report.objects.get(pk=report.pk).document.symbol == "01/BC-VHTT"


def test_a_replacement_is_dated_by_default_after_the_old_report_within_its_period(team):
    old = _issue(team, _approved(team))
    draft = report_replace(actor=team["officer"], report=old)
    assert draft.report_date == D(2022, 12, 31) and draft.narrative == old.narrative
