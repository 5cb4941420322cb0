"""Reports (báo cáo): a unit's report for a period, its edited narrative, and once issued its document."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from loa.core.models import TimeStamped
from loa.documents.models import Document
from loa.organizations.models import Unit
from loa.reporting.transitions import STATE_LABELS, SubmissionState


class ReportStatus(models.TextChoices):
    """draft → submitted (officer "Trình duyệt") → approved (leader "Duyệt") or returned ("Trả lại")
    → issued (clerk "Cấp số và ban hành") → replaced (by a later report that cites it, "thay thế")."""

    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Chờ lãnh đạo duyệt"
    RETURNED = "returned", "Lãnh đạo trả lại"
    APPROVED = "approved", "Đã duyệt, chờ cấp số"
    ISSUED = "issued", "Đã ban hành"
    REPLACED = "replaced", "Đã bị thay thế"


# A report in one of these states is still being prepared: at most one per unit and period.
OPEN_STATUSES = (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.APPROVED)
# The officer may still reword it.
EDITABLE_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)


class Report(TimeStamped):
    """A unit's communication report for one period.

    The body is drafted from live data each time it is shown; ``narrative`` keeps the officer's
    edits to the drafted paragraphs (key → text) and the free sections (assessment, next period).
    Issuing takes a number from the register, links ``document`` and freezes the report.
    """

    unit = models.ForeignKey(Unit, related_name="reports", on_delete=models.PROTECT, verbose_name="đơn vị")
    period = models.CharField(
        "kỳ báo cáo", max_length=16, help_text="2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03"
    )
    window = models.CharField("cách chốt số liệu", max_length=16, blank=True)
    report_date = models.DateField("ngày báo cáo")
    narrative = models.JSONField("nội dung đã sửa", default=dict, blank=True)
    status = models.CharField(
        "tình trạng", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    document = models.OneToOneField(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report",
        verbose_name="văn bản",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name="thay thế báo cáo",
    )
    review_note = models.TextField("ý kiến của lãnh đạo", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="lãnh đạo duyệt",
    )
    reviewed_at = models.DateTimeField("duyệt lúc", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["-report_date", "-id"]
        constraints = [
            # One report in preparation per unit and period.
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="report_one_open_per_period",
            ),
            # One issued report per unit and period: issuing again goes through a replacement.
            models.UniqueConstraint(
                fields=["unit", "period"], condition=Q(status="issued"), name="report_one_issued_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Báo cáo {self.period} — {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


# --- The reporting cycle (issue 10): requests, submissions, locks -------------------------------


class RequestStatus(models.TextChoices):
    OPEN = "open", "Đang nhận báo cáo"
    CLOSED = "closed", "Đã kết thúc"


class ReportRequest(TimeStamped):
    """A coordinator's request (yêu cầu báo cáo) for one period, addressed to units of its subtree.

    ``coordinator_unit`` is the unit that asks and receives (the town, the province); its
    coordinators (Nội vụ) open, follow and consolidate. One :class:`Submission` row per expected unit.
    """

    coordinator_unit = models.ForeignKey(
        Unit, related_name="report_requests", on_delete=models.PROTECT, verbose_name="đơn vị yêu cầu"
    )
    period = models.CharField("kỳ báo cáo", max_length=16, help_text="2022, 2022-Q1, 2022-H1, 2022-9M")
    window = models.CharField("cách chốt số liệu", max_length=16, blank=True)
    title = models.CharField("tên yêu cầu", max_length=300)
    deadline = models.DateField("hạn gửi")
    outline = models.TextField("đề cương, hướng dẫn", blank=True)
    status = models.CharField(
        "tình trạng", max_length=16, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    schedule = models.ForeignKey(
        "RequestSchedule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name="lịch định kỳ",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    consolidated_report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consolidates",
        verbose_name="báo cáo tổng hợp",
    )

    class Meta:
        verbose_name = "yêu cầu báo cáo"
        verbose_name_plural = "yêu cầu báo cáo"
        ordering = ["-deadline", "-id"]
        indexes = [models.Index(fields=["coordinator_unit", "period"])]

    def __str__(self) -> str:
        return self.title


class Submission(TimeStamped):
    """One expected unit's answer to a request: its state, the issued report it sent, and the figures
    frozen when it was sent (the consolidation sums these, never live data)."""

    request = models.ForeignKey(
        ReportRequest, related_name="submissions", on_delete=models.CASCADE, verbose_name="yêu cầu"
    )
    unit = models.ForeignKey(
        Unit, related_name="submissions", on_delete=models.PROTECT, verbose_name="đơn vị báo cáo"
    )
    state = models.CharField(
        "tình trạng",
        max_length=16,
        choices=[(s.value, STATE_LABELS[s]) for s in SubmissionState],
        default=SubmissionState.EXPECTED.value,
    )
    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name="báo cáo đã gửi",
    )
    submitted_on = models.DateField("ngày gửi", null=True, blank=True)
    figures = models.JSONField("số liệu chốt khi gửi", default=dict, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name="người tiếp nhận / trả lại",
    )
    decided_at = models.DateTimeField("tiếp nhận / trả lại lúc", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "báo cáo gửi theo yêu cầu"
        verbose_name_plural = "báo cáo gửi theo yêu cầu"
        ordering = ["request", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="submission_one_per_unit"),
        ]
        indexes = [models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.request}"


class PeriodKindChoice(models.TextChoices):
    YEAR = "year", "Hằng năm"
    HALF = "half", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    QUARTER = "quarter", "Hằng quý"


class RequestSchedule(TimeStamped):
    """A recurring request (e.g. the year report due 15/12): each period, a request opens by itself
    ``open_days_before`` days before its deadline, with the deadline ``deadline_day``/
    ``deadline_month_offset`` counted from the end of the period (negative: before it ends)."""

    coordinator_unit = models.ForeignKey(
        Unit, related_name="request_schedules", on_delete=models.PROTECT, verbose_name="đơn vị yêu cầu"
    )
    kind = models.CharField("loại kỳ", max_length=16, choices=PeriodKindChoice.choices)
    title_template = models.CharField(
        "tên yêu cầu", max_length=300, help_text="Ví dụ: Báo cáo công tác tuyên truyền CCHC {ky}"
    )
    deadline_days_after_period_end = models.IntegerField(
        "hạn gửi (số ngày sau ngày cuối kỳ, âm là trước)", default=0
    )
    open_days_before_deadline = models.PositiveIntegerField("mở yêu cầu trước hạn (ngày)", default=30)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "lịch yêu cầu báo cáo định kỳ"
        verbose_name_plural = "lịch yêu cầu báo cáo định kỳ"

    def __str__(self) -> str:
        return f"{self.title_template} ({self.get_kind_display()})"


class LockException(TimeStamped):
    """The coordinator lets one unit edit activities of a submitted (locked) window again, with a
    reason, until a date. Audited; shown on the report and the completeness page."""

    submission = models.ForeignKey(
        Submission, related_name="lock_exceptions", on_delete=models.CASCADE, verbose_name="báo cáo gửi"
    )
    reason = models.TextField("lý do")
    until = models.DateField("được sửa đến ngày")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = "ngoại lệ khoá số liệu"
        verbose_name_plural = "ngoại lệ khoá số liệu"
        ordering = ["-until"]

    def __str__(self) -> str:
        return f"{self.submission.unit} — đến {self.until:%d/%m/%Y}"


class Notice(models.Model):
    """One line in a person's in-app inbox (hộp thư), and the e-mail digest that carries it: a
    deadline coming, a deadline passed, a report arrived, a report returned or accepted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="notices", on_delete=models.CASCADE, verbose_name="người nhận"
    )
    kind = models.CharField("loại", max_length=32)
    text = models.CharField("nội dung", max_length=500)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    request = models.ForeignKey(
        ReportRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    day = models.DateField("ngày", db_index=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    emailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same reminder is never made twice for a person on one day.
            models.UniqueConstraint(
                fields=["user", "kind", "request", "unit", "day"], name="notice_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class DraftPdfStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý"
    RUNNING = "running", "Đang tạo bản PDF"
    FINISHED = "finished", "Đã xong"
    FAILED = "failed", "Không thành công"


def _draft_pdf_file(instance: DraftPdf, filename: str) -> str:
    return f"reports/ban-nhap-pdf/{instance.pk.hex}.pdf"


class DraftPdf(TimeStamped):
    """The PDF of a report being prepared, asked for by one person (bản PDF của dự thảo báo cáo).

    LibreOffice runs in the worker, not in the request (ADR 0031): "Tải PDF" keeps a row with who
    asked, the unit, the period and a fingerprint of the drafted content; the worker renders the
    draft as that person sees it and keeps the file (tracked storage). A ready row whose fingerprint
    still matches the draft is served again at once; a new row replaces the person's older ones for
    the same unit and period, files included. Only the person who asked sees it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="draft_pdfs",
        on_delete=models.CASCADE,
        verbose_name="người yêu cầu",
    )
    unit = models.ForeignKey(Unit, related_name="draft_pdfs", on_delete=models.CASCADE, verbose_name="đơn vị")
    period = models.CharField("kỳ báo cáo", max_length=32)
    window = models.CharField("cách chốt số liệu", max_length=16, blank=True)
    fingerprint = models.CharField("dấu vân tay nội dung", max_length=64, blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=DraftPdfStatus.choices, default=DraftPdfStatus.QUEUED
    )
    file = models.FileField("bản PDF", upload_to=_draft_pdf_file, max_length=300, blank=True)
    error = models.TextField("lý do không thành công", blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "bản PDF của dự thảo báo cáo"
        verbose_name_plural = "bản PDF của dự thảo báo cáo"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "unit", "period"])]

    def __str__(self) -> str:
        return f"PDF dự thảo {self.unit} {self.period} ({self.get_status_display()})"

    @property
    def code(self) -> str:
        """The row's id as 32 hex digits, as it appears in the address."""
        return self.pk.hex
