"""Every service that writes leaves an audit row, with the values before and after (ADR 0022).

The walk finds the services itself (every public function of a domain module that takes an
``actor``): a new service fails this test until it has a step here (or a stated reason to be
skipped), so no write can slip out of the log unnoticed.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from loa.core.actors import SYSTEM_CLI, SYSTEM_WORKER
from loa.core.history import VERBS, changed_keys
from loa.core.models import AuditEvent

SRC = Path(__file__).resolve().parents[2] / "src" / "loa"
EDGES = {"web", "cli", "api", "migrations", "demo"}
D = dt.date

# Functions taking an actor that write nothing of their own: they hand each write to an audited
# service, change only the actor's own inbox, or only read on the actor's behalf.
DELEGATING = {
    "activities.feeds.feeds_pull": "each feed through feed_store",
    "ingest.batches.batch_commit": "through ingest_commit",
    "reporting.cycle.schedule_open_due": "through request_open",
    "reporting.producing.report_issue_drafted": "through report_issue",
    "reporting.producing.report_produce": "through report_open, report_edit and report_issue",
    "docgen.tasks.document_pdf_make": "through document_attach_pdf",
    "reporting.digest.send_digests": "audited as notices.email (tested in tests/reporting/test_digest.py)",
    "reporting.notices.reminders_due": "audited as reminders.notify (tests/reporting/test_notices.py)",
    "reporting.notices.on_submission_event": "audited as reminders.notify, inside an audited step",
    "reporting.notices.notice_open": "marks one's own notice read: one's inbox, not a record",
    "reporting.notices.notices_mark_all_read": "the same, for every notice of the actor",
    "reporting.cycle.freeze_figures": "reads the figures that submission_submit freezes and audits",
    "ingest.history.report_figures_commit": "through ingest_commit and historical_figures_store",
    "ingest.history.report_figures_store": "through historical_figures_store",
    "organizations.official.official_import": "one summary row per import with its counts (ADR 0023; "
    "tests/organizations/test_official.py)",
    "organizations.tokens.token_list": "reads the actor's own codes",
    "organizations.tokens.token_get": "reads one code the actor may manage",
    "organizations.accounts.account_get": "reads one account the actor may handle",
    "organizations.accounts.membership_get": "reads one role in a unit the actor organizes",
    "organizations.accounts.account_manageable": "answers whether the actor may handle an account",
    "organizations.accounts.require_account_manageable": "refuses an account the actor may not handle",
    "scoring.shipped.install_shipped_sets": "through criteria_set_store, for each shipped set not stored yet",
}


def services() -> set[str]:
    """``app.module.function`` of every public domain function taking ``actor``."""
    found = set()
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in EDGES or rel.parts[0] == "core":
            continue
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs]
                if "actor" in names:
                    found.add(".".join(rel.with_suffix("").parts) + "." + node.name)
    return found


CREATE, CHANGE, DELETE = "create", "change", "delete"


def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _steps(w: dict[str, Any], channels: dict[str, Any]) -> list[tuple[str, Callable[[], Any], str]]:
    """The story: (service, the call returning the record whose event is checked, its shape)."""
    from django.contrib.auth import get_user_model

    from loa.activities.feeds import FeedEntry, draft_confirm, draft_discard, feed_register, feed_store
    from loa.activities.history import FigureRow, historical_figures_store
    from loa.activities.import_jobs import (
        import_job_create,
        import_job_import_valid,
        import_job_retry,
        import_job_run,
        import_jobs_sweep,
    )
    from loa.activities.importers.xlsx.saving import activities_import
    from loa.activities.models import DraftActivity, ImportJob
    from loa.activities.services import activity_delete, activity_record, activity_update
    from loa.activities.transfers import transfer_create
    from loa.core.periods import parse_period
    from loa.docgen.tasks import document_pdf_retry
    from loa.documents.models import CitationRelation, Direction, Document
    from loa.documents.services import (
        citation_add,
        document_attach_pdf,
        document_create,
        document_issue,
        document_pdf_failed,
        document_receive,
    )
    from loa.ingest.services import ingest_commit
    from loa.organizations.account_import import accounts_import
    from loa.organizations.accounts import (
        account_create,
        account_deactivate,
        account_reactivate,
        membership_change_role,
        membership_grant,
        membership_revoke,
    )
    from loa.organizations.invitations import invitation_send
    from loa.organizations.lineage import succession_create, succession_delete
    from loa.organizations.models import UnitKind
    from loa.organizations.services import unit_close, unit_create, unit_link, unit_move
    from loa.organizations.tokens import token_create, token_revoke
    from loa.plans.services import (
        orientation_acknowledge,
        orientation_send,
        plan_create,
        plan_update,
        target_set,
        task_add,
        task_update,
        task_update_status,
    )
    from loa.reporting.consolidation import consolidate
    from loa.reporting.cycle import (
        lock_exception_grant,
        request_open,
        submission_accept,
        submission_return,
        submission_submit,
    )
    from loa.reporting.draft_pdf import draft_pdf_request, draft_pdf_retry, draft_pdf_sweep
    from loa.reporting.models import DraftPdf, Submission
    from loa.reporting.plan_removal import plan_delete, target_delete, task_delete
    from loa.reporting.producing import report_draft
    from loa.reporting.services import (
        report_approve,
        report_edit,
        report_issue,
        report_open,
        report_replace,
        report_return,
        report_submit,
    )
    from loa.scoring.models import Score
    from loa.scoring.publishing import round_publish
    from loa.scoring.services import (
        assessment_appraise,
        assessment_return,
        assessment_submit,
        criteria_set_store,
        round_close,
        round_open,
        score_adjust,
        score_save,
    )
    from loa.scoring.shipped import shipped_specs

    s: dict[str, Any] = {}
    vhtt, tp, town = w["vhtt"], w["tp"], w["town"]
    officer, leader, clerk, coordinator = (
        w["vhtt_officer"],
        w["vhtt_leader"],
        w["vhtt_clerk"],
        w["coordinator"],
    )

    def gone(record: Any, remove: Callable[[], Any]) -> tuple[str, str]:
        """Delete through ``remove``; the deleted record's kind and id (its pk is cleared)."""
        kind, pk = record._meta.label_lower, str(record.pk)
        remove()
        return kind, pk

    def keep(name: str, value: Any) -> Any:
        s[name] = value
        return value

    def record(title: str) -> Any:
        return activity_record(
            actor=officer, unit=vhtt, date=D(2022, 3, 18), channel=channels["PORTAL"], title=title, quantity=1
        )

    def issued_report(key: str) -> Any:
        report = report_open(
            actor=w[f"{key}_officer"], unit=w[key], period="2022", report_date=D(2022, 12, 1)
        )
        report = report_submit(actor=w[f"{key}_officer"], report=report)
        report = report_approve(actor=w[f"{key}_leader"], report=report)
        return report_issue(actor=w[f"{key}_clerk"], report=report, subject="Công tác tuyên truyền CCHC")

    def submission(unit: Any) -> Any:
        return Submission.objects.get(request=s["request"], unit=unit)

    def entries() -> list[Any]:
        return [FeedEntry(f"https://vhtt.example.vn/tin-{i}", f"Tin {i}", D(2022, 3, 2)) for i in (1, 2)]

    def drafts() -> list[Any]:
        return list(DraftActivity.objects.filter(feed=s["feed"]).order_by("pk"))

    def assessment() -> Any:
        return s["round"].assessments.get(unit=vhtt)

    def score(code: str) -> Any:
        return Score.objects.select_related("criterion", "assessment").get(
            assessment=assessment(), criterion__code=code
        )

    def account_rows(rows: list[str]) -> bytes:
        header = "Tên đăng nhập,Họ và tên,Thư điện tử,Mã đơn vị,Vai trò,Từ ngày,Đến ngày"
        return "\n".join([header, *rows]).encode()

    return [
        (
            "organizations.services.unit_create",
            lambda: keep(
                "unit",
                unit_create(
                    actor=SYSTEM_CLI,
                    name="Tổ thử",
                    code="to-thu",
                    abbr="TT",
                    kind=UnitKind.CENTRE,
                    parent=town,
                ),
            ),
            CREATE,
        ),
        (
            "organizations.services.unit_link",
            lambda: unit_link(actor=SYSTEM_CLI, child=s["unit"], parent=vhtt, valid_from=D(2024, 1, 1)),
            CREATE,
        ),
        (
            "organizations.accounts.membership_grant",
            lambda: keep(
                "membership", membership_grant(actor=SYSTEM_CLI, user=officer, unit=s["unit"], role="officer")
            ),
            CREATE,
        ),
        (
            "organizations.accounts.membership_change_role",
            lambda: keep(
                "leadership",
                membership_change_role(
                    actor=coordinator, membership=s["membership"], role="leader", on=D(2024, 1, 1)
                ),
            ),
            CREATE,
        ),
        (
            "organizations.accounts.membership_revoke",
            lambda: membership_revoke(actor=coordinator, membership=s["leadership"], on=D(2025, 1, 1)),
            CHANGE,
        ),
        (
            "organizations.services.unit_move",
            lambda: (unit_move(actor=coordinator, unit=s["unit"], parent=tp, on=D(2025, 1, 1)), s["unit"])[1],
            CHANGE,
        ),
        (
            "organizations.services.unit_close",
            lambda: unit_close(actor=coordinator, unit=s["unit"], on=D(2025, 6, 30)),
            CHANGE,
        ),
        (
            "organizations.lineage.succession_create",
            lambda: keep(
                "succession",
                succession_create(
                    actor=SYSTEM_CLI, predecessor=s["unit"], successor=tp, date=D(2025, 7, 1), kind="merge"
                ),
            ),
            CREATE,
        ),
        (
            "organizations.lineage.succession_delete",
            lambda: gone(
                s["succession"], lambda: succession_delete(actor=SYSTEM_CLI, succession=s["succession"])
            ),
            DELETE,
        ),
        (
            "organizations.accounts.account_create",
            lambda: keep(
                "town_clerk",
                account_create(
                    actor=coordinator,
                    username="vanthu-tx",
                    full_name="Lê Thị Hoa",
                    email="vanthu.tx@example.vn",
                    unit=town,
                    role="clerk",
                    invite=False,
                ),
            ),
            CREATE,
        ),
        (
            "organizations.invitations.invitation_send",
            lambda: (invitation_send(actor=coordinator, user=s["town_clerk"]), s["town_clerk"])[1],
            CREATE,
        ),
        (
            "organizations.accounts.account_deactivate",
            lambda: account_deactivate(actor=coordinator, user=s["town_clerk"]),
            CHANGE,
        ),
        (
            "organizations.accounts.account_reactivate",
            lambda: account_reactivate(actor=coordinator, user=s["town_clerk"]),
            CHANGE,
        ),
        (
            "organizations.account_import.accounts_import",
            lambda: (
                accounts_import(
                    actor=coordinator,
                    data=account_rows(["canbo-tp2,Trần Văn Nam,nam.tp@example.vn,tx-tp,Cán bộ,01/01/2024,"]),
                    filename="tai-khoan.csv",
                    invite=False,
                ),
                get_user_model().objects.get(username="canbo-tp2"),
            )[1],
            CREATE,
        ),
        (
            "organizations.tokens.token_create",
            lambda: keep("token", token_create(actor=officer, user=officer, name="Cổng tỉnh")[0]),
            CREATE,
        ),
        ("organizations.tokens.token_revoke", lambda: token_revoke(actor=officer, token=s["token"]), CHANGE),
        ("activities.services.activity_record", lambda: keep("activity", record("Tin CCHC tháng 3")), CREATE),
        (
            "activities.services.activity_update",
            lambda: activity_update(actor=officer, activity=s["activity"], quantity=5),
            CHANGE,
        ),
        (
            "activities.services.activity_delete",
            lambda: gone(a := record("Tin sẽ xoá"), lambda: activity_delete(actor=officer, activity=a)),
            DELETE,
        ),
        (
            "activities.feeds.feed_register",
            lambda: keep(
                "feed",
                feed_register(
                    actor=officer, unit=vhtt, url="https://vhtt.example.vn/rss", channel=channels["PORTAL"]
                ),
            ),
            CREATE,
        ),
        (
            "activities.feeds.feed_store",
            lambda: (feed_store(actor=officer, feed=s["feed"], entries=entries()), s["feed"])[1],
            CREATE,
        ),
        (
            "activities.feeds.draft_confirm",
            lambda: (draft_confirm(actor=officer, pk=drafts()[0].pk), drafts()[0])[1],
            CHANGE,
        ),
        ("activities.feeds.draft_discard", lambda: draft_discard(actor=officer, pk=drafts()[1].pk), CHANGE),
        (
            "activities.importers.xlsx.saving.activities_import",
            lambda: (
                activities_import(
                    actor=officer, unit=vhtt, data=_xlsx([["20/03/2022", "PORTAL", "Tin nhập từ Excel"]])
                ),
                vhtt,
            )[1],
            CREATE,
        ),
        (
            "activities.import_jobs.import_job_create",
            lambda: keep(
                "import_job",
                import_job_create(
                    actor=officer,
                    unit=vhtt,
                    data=_xlsx([["21/03/2022", "PORTAL", "Tin trong tệp"], ["x", "PORTAL", "Dòng lỗi"]]),
                    name="hoat-dong.xlsx",
                ),
            ),
            CREATE,
        ),
        (
            "activities.import_jobs.import_job_retry",
            lambda: (
                ImportJob.objects.filter(pk=s["import_job"].pk).update(status="failed", error="Dừng."),
                import_job_retry(actor=officer, job=s["import_job"]),
            )[1],
            CHANGE,
        ),
        (
            "activities.import_jobs.import_job_import_valid",
            lambda: (
                import_job_run(job_id=str(s["import_job"].pk)),
                import_job_import_valid(actor=officer, job=s["import_job"]),
            )[1],
            CHANGE,
        ),
        (
            "reporting.draft_pdf.draft_pdf_request",
            lambda: keep(
                "draft_pdf",
                draft_pdf_request(
                    actor=officer,
                    unit=vhtt,
                    period=parse_period("2022"),
                    draft=report_draft(user=officer, unit=vhtt, period=parse_period("2022")),
                ),
            ),
            CREATE,
        ),
        (
            "reporting.draft_pdf.draft_pdf_retry",
            lambda: (
                DraftPdf.objects.filter(pk=s["draft_pdf"].pk).update(status="failed", error="Dừng."),
                draft_pdf_retry(actor=officer, job=s["draft_pdf"]),
            )[1],
            CHANGE,
        ),
        (
            "documents.services.document_create",
            lambda: keep(
                "document",
                document_create(
                    actor=clerk,
                    kind="CV",
                    subject="Về tuyên truyền CCHC",
                    issuer_unit=vhtt,
                    direction=Direction.OUTGOING,
                ),
            ),
            CREATE,
        ),
        (
            "documents.services.document_issue",
            lambda: document_issue(actor=clerk, document=s["document"], issued_date=D(2022, 3, 1)),
            CHANGE,
        ),
        (
            "documents.services.document_receive",
            lambda: keep(
                "incoming",
                document_receive(
                    actor=clerk,
                    document=document_create(
                        actor=w["tp_clerk"],
                        kind="CV",
                        subject="Gửi Phòng Văn hóa",
                        issuer_unit=tp,
                        symbol="5/TP",
                        issued_date=D(2022, 2, 1),
                    ),
                    unit=vhtt,
                    received_date=D(2022, 2, 3),
                ),
            ),
            CREATE,
        ),
        (
            "documents.services.citation_add",
            lambda: citation_add(
                actor=clerk,
                source=s["document"],
                target=s["incoming"].document,
                relation=CitationRelation.BASED_ON,
            ),
            CREATE,
        ),
        (
            "documents.services.document_pdf_failed",
            lambda: (
                Document.objects.filter(pk=s["document"].pk).update(file="documents/2022/cv.docx"),
                document_pdf_failed(
                    actor=SYSTEM_CLI, document=s["document"], reason="Không tìm thấy LibreOffice."
                ),
            )[1],
            CHANGE,
        ),
        (
            "docgen.tasks.document_pdf_retry",
            lambda: document_pdf_retry(actor=clerk, document=s["document"]),
            CHANGE,
        ),
        (
            "documents.services.document_attach_pdf",
            lambda: document_attach_pdf(actor=SYSTEM_CLI, document=s["document"], data=b"%PDF-1.4\n%%EOF\n"),
            CHANGE,
        ),
        (
            "ingest.services.ingest_commit",
            lambda: ingest_commit(
                actor=SYSTEM_CLI,
                extractions=[
                    {
                        "doc_type": "Kế hoạch",
                        "symbol": "12/KH-UBND",
                        "issuer": "Ủy ban nhân dân tỉnh Quảng Trị",
                        "parent_issuer": None,
                        "date": "2023-02-01",
                        "title": "Tuyên truyền cải cách hành chính năm 2023",
                        "cited_documents": [],
                        "signer_name": "Nguyễn Văn A",
                    }
                ],
            ).created[0],
            CREATE,
        ),
        (
            "plans.services.plan_create",
            lambda: keep(
                "plan", plan_create(actor=officer, unit=vhtt, title="Kế hoạch 2023", year_from=2023)
            ),
            CREATE,
        ),
        (
            "plans.services.plan_update",
            lambda: plan_update(
                actor=officer, plan=s["plan"], title="Kế hoạch tuyên truyền 2023", year_from=2023
            ),
            CHANGE,
        ),
        (
            "plans.services.target_set",
            lambda: keep(
                "target", target_set(actor=officer, plan=s["plan"], channel=channels["PORTAL"], quantity=10)
            ),
            CREATE,
        ),
        (
            "plans.services.task_add",
            lambda: keep("task", task_add(actor=officer, plan=s["plan"], title="Viết tin", owner_unit=vhtt)),
            CREATE,
        ),
        (
            "plans.services.task_update",
            lambda: task_update(actor=officer, task=s["task"], title="Viết tin, bài", owner_unit=vhtt),
            CHANGE,
        ),
        (
            "plans.services.task_update_status",
            lambda: task_update_status(actor=officer, task=s["task"], status="done"),
            CHANGE,
        ),
        (
            "reporting.plan_removal.target_delete",
            lambda: gone(s["target"], lambda: target_delete(actor=officer, target=s["target"])),
            DELETE,
        ),
        (
            "reporting.plan_removal.task_delete",
            lambda: gone(s["task"], lambda: task_delete(actor=officer, task=s["task"])),
            DELETE,
        ),
        (
            "reporting.plan_removal.plan_delete",
            lambda: gone(s["plan"], lambda: plan_delete(actor=officer, plan=s["plan"])),
            DELETE,
        ),
        (
            "plans.services.orientation_send",
            lambda: keep(
                "orientation",
                orientation_send(
                    actor=coordinator,
                    unit=town,
                    month=D(2022, 3, 1),
                    topics="Tuyên truyền CCHC",
                    recipients=[vhtt],
                ),
            ),
            CREATE,
        ),
        (
            "plans.services.orientation_acknowledge",
            lambda: orientation_acknowledge(actor=officer, orientation=s["orientation"], unit=vhtt),
            CHANGE,
        ),
        (
            "reporting.services.report_open",
            lambda: keep(
                "report", report_open(actor=officer, unit=vhtt, period="2022", report_date=D(2022, 12, 1))
            ),
            CREATE,
        ),
        (
            "reporting.services.report_edit",
            lambda: report_edit(actor=officer, report=s["report"], narrative={"ket_qua": "Đã đăng 5 tin."}),
            CHANGE,
        ),
        (
            "reporting.services.report_submit",
            lambda: report_submit(actor=officer, report=s["report"]),
            CHANGE,
        ),
        (
            "reporting.services.report_return",
            lambda: report_return(actor=leader, report=s["report"], reason="Bổ sung số liệu"),
            CHANGE,
        ),
        (
            "reporting.services.report_approve",
            lambda: report_approve(actor=leader, report=report_submit(actor=officer, report=s["report"])),
            CHANGE,
        ),
        (
            "reporting.services.report_issue",
            lambda: keep(
                "issued", report_issue(actor=clerk, report=s["report"], subject="Công tác tuyên truyền CCHC")
            ),
            CHANGE,
        ),
        (
            "reporting.services.report_replace",
            lambda: report_replace(actor=officer, report=s["issued"]),
            CREATE,
        ),
        (
            "reporting.cycle.request_open",
            lambda: keep(
                "request",
                request_open(
                    actor=coordinator,
                    coordinator_unit=town,
                    period="2022",
                    deadline=D(2022, 12, 15),
                    units=[vhtt, tp],
                ),
            ),
            CREATE,
        ),
        (
            "reporting.cycle.submission_submit",
            lambda: submission_submit(actor=clerk, submission=submission(vhtt), on=D(2022, 12, 10)),
            CHANGE,
        ),
        (
            "reporting.cycle.submission_accept",
            lambda: submission_accept(actor=coordinator, submission=submission(vhtt)),
            CHANGE,
        ),
        (
            "reporting.cycle.submission_return",
            lambda: (
                issued_report("tp"),
                submission_submit(actor=w["tp_clerk"], submission=submission(tp), on=D(2022, 12, 11)),
                submission_return(actor=coordinator, submission=submission(tp), reason="Thiếu số liệu"),
            )[2],
            CHANGE,
        ),
        (
            "reporting.cycle.lock_exception_grant",
            lambda: (
                lock_exception_grant(
                    actor=coordinator, submission=submission(vhtt), reason="Sửa số liệu", until=D(2099, 1, 31)
                ),
                submission(vhtt),
            )[1],
            CREATE,
        ),
        (
            "reporting.consolidation.consolidate",
            lambda: (
                consolidate(actor=coordinator, request=s["request"], report_date=D(2022, 12, 20)),
                s["request"],
            )[1],
            CHANGE,
        ),
        (
            "activities.history.historical_figures_store",
            lambda: (
                historical_figures_store(
                    actor=w["tp_officer"],
                    unit=tp,
                    period=parse_period("2020"),
                    source_document=s["incoming"].document,
                    rows=[FigureRow(channel=channels["PORTAL"], quantity=7)],
                ),
                s["incoming"].document,
            )[1],
            CREATE,
        ),
        (
            "activities.transfers.transfer_create",
            lambda: transfer_create(
                actor=SYSTEM_CLI,
                from_unit=vhtt,
                to_unit=tp,
                valid_from=D(2023, 1, 1),
                channel=channels["RADIO"],
            ),
            CREATE,
        ),
        (
            "scoring.services.criteria_set_store",
            lambda: keep(
                "set",
                criteria_set_store(
                    actor=w["province_coordinator"],
                    spec=dataclasses.replace(
                        shipped_specs()[1],
                        code="bo-thu-2022",
                        province="tinh-thu",
                        unit_kinds=("department",),
                    ),
                ),
            ),
            CREATE,
        ),
        (
            "scoring.services.round_open",
            lambda: keep(
                "round",
                round_open(
                    actor=coordinator,
                    criteria_set=s["set"],
                    coordinator_unit=town,
                    opens_on=D(2022, 12, 1),
                    due_on=D(2022, 12, 20),
                    units=[vhtt, tp],
                ),
            ),
            CREATE,
        ),
        (
            "scoring.services.score_save",
            lambda: score_save(
                actor=officer, score=score("2.1"), value="0,5", explanation="Thiếu một hội nghị"
            ),
            CHANGE,
        ),
        (
            "scoring.services.assessment_submit",
            lambda: assessment_submit(actor=leader, assessment=assessment()),
            CHANGE,
        ),
        (
            "scoring.services.assessment_return",
            lambda: assessment_return(
                actor=coordinator, assessment=assessment(), reason="Bổ sung minh chứng"
            ),
            CHANGE,
        ),
        (
            "scoring.services.score_adjust",
            lambda: (
                assessment_submit(actor=leader, assessment=assessment()),
                score_adjust(actor=coordinator, score=score("2.1"), value="0", reason="Chưa có biên bản"),
            )[1],
            CHANGE,
        ),
        (
            "scoring.services.assessment_appraise",
            lambda: assessment_appraise(actor=coordinator, assessment=assessment()),
            CHANGE,
        ),
        (
            "scoring.services.round_close",
            lambda: round_close(actor=coordinator, scoring_round=s["round"]),
            CHANGE,
        ),
        (
            "scoring.publishing.round_publish",
            lambda: round_publish(actor=s["town_clerk"], scoring_round=s["round"], on=D(2023, 1, 10)),
            CHANGE,
        ),
        # The daily housekeeping of the worker, last: it removes what the steps above made.
        (
            "activities.import_jobs.import_jobs_sweep",
            lambda: (
                ImportJob.objects.filter(pk=s["import_job"].pk).update(
                    status="finished", created_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
                ),
                import_jobs_sweep(actor=SYSTEM_WORKER),
                ("activities.importjob", str(s["import_job"].pk)),
            )[2],
            DELETE,
        ),
        (
            "reporting.draft_pdf.draft_pdf_sweep",
            lambda: (
                DraftPdf.objects.filter(pk=s["draft_pdf"].pk).update(
                    status="finished", created_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
                ),
                draft_pdf_sweep(actor=SYSTEM_WORKER),
                ("reporting.draftpdf", str(s["draft_pdf"].pk)),
            )[2],
            DELETE,
        ),
    ]


def test_every_service_that_writes_is_walked_or_delegates(cycle_world, channels):
    walked = {name for name, _, _ in _steps(cycle_world, channels)}
    missing = services() - walked - set(DELEGATING)
    assert not missing, f"services writing without a step in this walk: {sorted(missing)}"
    assert not (set(DELEGATING) - services()), "a delegating service listed here no longer exists"


def test_every_service_write_leaves_an_audit_row_with_before_and_after(cycle_world, channels, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    problems = []
    for name, call, shape in _steps(cycle_world, channels):
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        target = call()
        kind, pk = target if isinstance(target, tuple) else (target._meta.label_lower, str(target.pk))
        events = AuditEvent.objects.filter(id__gt=last, target_type=kind, target_id=pk)
        if not events:
            problems.append(f"{name}: no audit row for {kind} {pk}")
            continue
        event = events.order_by("-id").first()
        if not event.actor_name:
            problems.append(f"{name}: no actor")
        if shape == CREATE and not event.after:
            problems.append(f"{name}: a creation without the values after")
        if shape == DELETE and not event.before:
            problems.append(f"{name}: a deletion without the values before")
        if shape == CHANGE:
            if not (isinstance(event.before, dict) and isinstance(event.after, dict)):
                problems.append(f"{name}: a change without the values before and after")
            elif not changed_keys(event.before, event.after):
                problems.append(f"{name}: before and after show no changed field")
    assert not problems, "\n".join(problems)
    # Every kind of action the walk wrote is named in Vietnamese in the log and the history panels.
    unnamed = set(AuditEvent.objects.values_list("verb", flat=True)) - set(VERBS)
    assert not unnamed, f"audit verbs with no Vietnamese label in loa.core.history.VERBS: {sorted(unnamed)}"
