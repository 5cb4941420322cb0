"""Reports (báo cáo): a unit's report for a period, its edited narrative, and once issued its document."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from loa.core.models import TimeStamped
from loa.documents.models import Document
from loa.organizations.models import Unit


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
