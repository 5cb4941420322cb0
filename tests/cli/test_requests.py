"""``loa requests``: open a request, submit (issuing first when needed), return and accept, in JSON
and in Vietnamese text, as the command line or ``--as`` a user."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from loa.core.models import AuditEvent
from loa.reporting.models import Report, ReportRequest, ReportStatus, Submission

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run(*args):
    out = io.StringIO()
    call_command("requests", *args, stdout=out)
    return out.getvalue()


def run_json(*args):
    return json.loads(run(*args, "--json"))


def test_open_prints_the_shape_of_the_issue(cycle_world):
    payload = run_json("open", "tx-thu", "2022", "--deadline", "2022-12-15", "--as", "noivu-tx")
    request = ReportRequest.objects.get()
    assert payload == {
        "id": request.pk,
        "period": "2022",
        "deadline": "2022-12-15",
        "expected": ["tx-phuong", "tx-tp", "tx-vhtt"],
    }
    assert AuditEvent.objects.get(verb="request.open").actor_name == "noivu-tx"


def test_open_with_chosen_units_and_the_refusals(cycle_world):
    payload = run_json("open", "tx-thu", "2022", "--deadline", "2022-12-15", "--units", "tx-vhtt,tx-tp")
    assert payload["expected"] == ["tx-tp", "tx-vhtt"]
    with pytest.raises(CommandError, match="không trực thuộc"):
        run("open", "tx-thu", "2022", "--deadline", "2022-12-15", "--units", "huyen-khac")
    with pytest.raises(CommandError, match="trước ngày bắt đầu kỳ báo cáo"):
        run("open", "tx-thu", "2022", "--deadline", "2021-06-01")
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("open", "tx-thu", "2022", "--deadline", "15/12/2022")
    with pytest.raises(CommandError):
        run("open", "tx-thu", "2022", "--deadline", "2022-12-15", "--as", "vhtt-lanhdao")
    assert ReportRequest.objects.count() == 1


def test_submit_issues_the_report_first_then_submits_it(cycle_world):
    request_id = run_json("open", "tx-thu", "2022", "--deadline", "2022-12-15")["id"]
    payload = run_json("submit", str(request_id), "tx-vhtt", "--date", "2022-12-10")
    assert payload == {"status": "submitted", "on_time": True, "symbol": "01/BC-VHTT"}
    report = Report.objects.get(unit__code="tx-vhtt")
    assert report.status == ReportStatus.ISSUED and report.report_date == dt.date(2022, 12, 10)
    late = run("submit", str(request_id), "tx-tp", "--date", "2022-12-18")
    assert "quá hạn 3 ngày" in late and "01/BC-TP" in late
    with pytest.raises(CommandError, match="đã gửi báo cáo"):
        run("submit", str(request_id), "tx-vhtt", "--date", "2022-12-11")
    assert Report.objects.filter(unit__code="tx-vhtt").count() == 1


def test_submit_as_the_clerk_of_an_issued_report_and_refusals(cycle_world, tmp_path):
    request_id = run_json("open", "tx-thu", "2022", "--deadline", "2022-12-15")["id"]
    with pytest.raises(CommandError, match="không thuộc các đơn vị"):
        run("submit", str(request_id), "tx-tt")
    with pytest.raises(CommandError, match="Không có yêu cầu báo cáo số 999"):
        run("submit", "999", "tx-vhtt")
    out = tmp_path / "bc.docx"
    call_command(
        "report",
        "tx-vhtt",
        "2022",
        "--out",
        str(out),
        "--issue",
        "--date",
        "01/12/2022",
        stdout=io.StringIO(),
    )
    payload = run_json("submit", str(request_id), "tx-vhtt", "--date", "2022-12-02", "--as", "vhtt-vanthu")
    assert payload["status"] == "submitted"
    assert AuditEvent.objects.get(verb="submission.submit").actor_name == "vhtt-vanthu"


def test_return_then_resubmit_with_a_replacement_then_accept(cycle_world):
    request_id = run_json("open", "tx-thu", "2022", "--deadline", "2022-12-15")["id"]
    run("submit", str(request_id), "tx-vhtt", "--date", "2022-12-10")
    with pytest.raises(CommandError, match="Chỉ tiếp nhận được báo cáo đơn vị đã gửi"):
        run("accept", str(request_id), "tx-tp", "--as", "noivu-tx")
    text = run("return", str(request_id), "tx-vhtt", "--reason", "Thiếu số liệu", "--as", "noivu-tx")
    assert "Đã trả lại báo cáo của Phòng Văn hóa thử: Thiếu số liệu" in text
    payload = run_json("submit", str(request_id), "tx-vhtt", "--date", "2022-12-14")
    assert payload == {"status": "resubmitted", "on_time": True, "symbol": "02/BC-VHTT"}
    assert run_json("accept", str(request_id), "tx-vhtt", "--as", "noivu-tx")["status"] == "accepted"
    assert Submission.objects.get(unit__code="tx-vhtt").report.document.symbol == "02/BC-VHTT"
    assert (
        Report.objects.get(unit__code="tx-vhtt", status=ReportStatus.REPLACED).document.symbol == "01/BC-VHTT"
    )


@pytest.mark.django_db(transaction=True)
def test_the_worker_opens_the_scheduled_requests_once(cycle_world):
    from django.utils import timezone

    from loa.reporting.models import RequestSchedule

    RequestSchedule.objects.create(
        coordinator_unit=cycle_world["town"],
        kind="year",
        title_template="Báo cáo công tác tuyên truyền CCHC {ky}",
        deadline_days_after_period_end=60,
        open_days_before_deadline=800,
    )
    with override_settings(TASKS=DB_TASKS):
        call_command("worker", "--once", "--no-feeds", stdout=io.StringIO())
    periods = set(ReportRequest.objects.values_list("period", flat=True))
    assert str(timezone.localdate().year) in periods
    assert AuditEvent.objects.filter(verb="request.open", actor_name="he-thong:tac-vu-nen").exists()
    with override_settings(TASKS=DB_TASKS):
        call_command("worker", "--once", "--no-feeds", stdout=io.StringIO())
    assert ReportRequest.objects.count() == len(periods)
    # The command line opens due requests too, idempotently.
    assert run_json("open-due") == {"opened": []}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_submits_of_one_unit_at_once_issue_one_number_and_submit_once(cycle_world):
    import threading

    from django.db import connection

    from loa.documents.models import Document

    request_id = run_json("open", "tx-thu", "2022", "--deadline", "2022-12-15")["id"]
    barrier = threading.Barrier(2)
    outcomes = []

    def submit(day):
        try:
            barrier.wait()
            outcomes.append(run_json("submit", str(request_id), "tx-vhtt", "--date", day)["status"])
        except CommandError as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(d,)) for d in ("2022-12-10", "2022-12-11")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert "submitted" in outcomes and len(outcomes) == 2
    numbers = list(
        Document.objects.filter(kind="BC", issuer_unit__code="tx-vhtt").values_list("symbol", flat=True)
    )
    assert numbers == ["01/BC-VHTT"]
    assert AuditEvent.objects.filter(verb="submission.submit").count() == 1
