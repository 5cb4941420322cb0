"""Activities (hoạt động tuyên truyền): what a unit actually did, counted per channel."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from loa.core.models import TimeStamped
from loa.organizations.models import Unit
from loa.plans.models import Channel, ContentArea, Orientation


class Source(models.TextChoices):
    MANUAL = "manual", "Nhập tay"
    IMPORT = "import", "Nhập từ Excel"
    FEED = "feed", "Từ cổng thông tin (RSS)"
    ORIENTATION = "orientation", "Từ định hướng tuyên truyền"


class Activity(TimeStamped):
    """One piece of communication work: "2 tin, bài on the town portal on 15/03/2022".

    ``quantity`` is counted in the channel's unit of measure; ``reach`` is the number of people
    reached where known (lượt người). Statistics are live sums over these rows.
    """

    unit = models.ForeignKey(Unit, related_name="activities", on_delete=models.PROTECT, verbose_name="đơn vị")
    date = models.DateField("ngày thực hiện")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, verbose_name="hình thức")
    areas = models.ManyToManyField(ContentArea, blank=True, verbose_name="nội dung CCHC")
    title = models.CharField("tên hoạt động", max_length=500)
    title_key = models.CharField(max_length=500, editable=False, default="", db_index=True)
    description = models.TextField("mô tả", blank=True)
    quantity = models.PositiveIntegerField("số lượng", default=1)
    reach = models.PositiveIntegerField("số người được tiếp cận", null=True, blank=True)
    evidence_url = models.URLField("đường dẫn minh chứng", max_length=500, blank=True)
    evidence_file = models.FileField("tệp minh chứng", upload_to="evidence/%Y/", blank=True)
    orientation = models.ForeignKey(
        Orientation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name="thực hiện định hướng",
    )
    source = models.CharField("nguồn", max_length=16, choices=Source.choices, default=Source.MANUAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = "hoạt động"
        verbose_name_plural = "hoạt động"
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "date"]),
            models.Index(fields=["channel", "date"]),
            models.Index(
                fields=["evidence_url"], condition=~Q(evidence_url=""), name="activity_evidence_url"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="activity_quantity_positive")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.title}"


class Feed(TimeStamped):
    """A unit's news feed (RSS or Atom) on its portal, pulled every hour into drafts.

    A confirmed item becomes an activity in the feed's ``channel`` (blank: the catalogue's channel
    marked ``feed_default``) tagged with the feed's ``areas``.
    """

    unit = models.ForeignKey(Unit, related_name="feeds", on_delete=models.CASCADE, verbose_name="đơn vị")
    url = models.URLField("địa chỉ RSS/Atom", max_length=500)
    title = models.CharField("tên nguồn tin", max_length=200, blank=True)
    active = models.BooleanField("đang lấy tin", default=True)
    last_pulled_at = models.DateTimeField("lần lấy tin gần nhất", null=True, blank=True)
    last_error = models.CharField("lỗi lần gần nhất", max_length=500, blank=True)
    channel = models.ForeignKey(
        Channel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hình thức",
        help_text="Để trống: hình thức được đánh dấu “mặc định cho tin từ RSS” trong danh mục.",
    )
    areas = models.ManyToManyField(
        ContentArea, blank=True, related_name="+", verbose_name="nội dung CCHC của tin"
    )

    class Meta:
        verbose_name = "nguồn tin RSS"
        verbose_name_plural = "nguồn tin RSS"
        ordering = ["unit__name", "url"]
        constraints = [models.UniqueConstraint(fields=["unit", "url"], name="feed_unit_url_unique")]

    def __str__(self) -> str:
        return self.title or self.url


class DraftStatus(models.TextChoices):
    PENDING = "pending", "Chờ xác nhận"
    CONFIRMED = "confirmed", "Đã xác nhận"
    DISCARDED = "discarded", "Đã bỏ qua"


class DraftActivity(TimeStamped):
    """A news item read from a feed, waiting for an officer to confirm it as an activity (ADR 0005).

    Kept apart from :class:`Activity` so that no statistic ever counts an unconfirmed item.
    Confirmed and discarded drafts stay, so the next pull does not bring the same link back.
    """

    feed = models.ForeignKey(Feed, related_name="drafts", on_delete=models.CASCADE, verbose_name="nguồn tin")
    unit = models.ForeignKey(
        Unit, related_name="draft_activities", on_delete=models.CASCADE, verbose_name="đơn vị"
    )
    date = models.DateField("ngày đăng")
    title = models.CharField("tiêu đề", max_length=500)
    evidence_url = models.URLField("đường dẫn", max_length=500)
    status = models.CharField(
        "trạng thái", max_length=16, choices=DraftStatus.choices, default=DraftStatus.PENDING
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="hoạt động"
    )

    class Meta:
        verbose_name = "tin chờ xác nhận"
        verbose_name_plural = "tin chờ xác nhận"
        ordering = ["-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "evidence_url"], name="draft_unit_url_unique")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.title}"


class HistoricalFigure(TimeStamped):
    """A unit's figure for a channel and a past period, imported from one of its old reports
    ("2 tin, bài on the portals in 2021", read from Báo cáo 297/BC-VHTT).

    It stands for activities that were never recorded one by one. Statistics count it only where it
    exceeds what is recorded for the same unit, period and channel — the larger of the two counts,
    never their sum (ADR 0026).
    """

    unit = models.ForeignKey(
        Unit, related_name="historical_figures", on_delete=models.PROTECT, verbose_name="đơn vị"
    )
    period = models.CharField("kỳ", max_length=16, help_text="Mã kỳ: 2021, 2021-H1, 2021-Q3, 2021-9M")
    year = models.PositiveSmallIntegerField("năm", editable=False, db_index=True)
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, verbose_name="hình thức")
    quantity = models.PositiveIntegerField("số lượng")
    phrase = models.CharField("câu trong báo cáo", max_length=500, blank=True)
    source_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="historical_figures",
        verbose_name="nhập từ văn bản",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = "số liệu nhập từ báo cáo cũ"
        verbose_name_plural = "số liệu nhập từ báo cáo cũ"
        ordering = ["unit", "period", "channel__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period", "channel"], name="historical_figure_once"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="historical_figure_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period} — {self.channel}: {self.quantity}"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý"
    RUNNING = "running", "Đang kiểm tra"
    FINISHED = "finished", "Đã xong"
    FAILED = "failed", "Không thành công"


def _import_job_file(instance: ImportJob, filename: str) -> str:
    return f"imports/hoat-dong/{instance.pk.hex}.xlsx"


class ImportJob(TimeStamped):
    """One Excel activities file uploaded to be checked and saved by the background worker (lượt
    nhập hoạt động từ Excel): who uploaded it for which unit, how far the check is, and its result.

    The file is kept (tracked storage) while something may still be done with it: the second step
    "nhập các dòng hợp lệ" or a retry after a failure; it goes once the rows are saved, and with the
    job. ``updated_at`` moves with each progress report, so a job left running by a killed worker
    is seen as stopped (:attr:`stalled`).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="import_jobs",
        on_delete=models.CASCADE,
        verbose_name="người tải lên",
    )
    unit = models.ForeignKey(
        Unit, related_name="import_jobs", on_delete=models.CASCADE, verbose_name="đơn vị"
    )
    name = models.CharField("tên tệp", max_length=255, blank=True)
    file = models.FileField("tệp Excel", upload_to=_import_job_file, max_length=300, blank=True)
    keep_duplicates = models.BooleanField("vẫn nhập các dòng trùng", default=False)
    only_valid = models.BooleanField("chỉ nhập các dòng hợp lệ", default=False)
    status = models.CharField(
        "trạng thái", max_length=16, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    rows_checked = models.PositiveIntegerField("số dòng đã kiểm tra", default=0)
    rows_total = models.PositiveIntegerField("tổng số dòng", default=0)
    created_count = models.PositiveIntegerField("số hoạt động đã nhập", default=0)
    result = models.JSONField("kết quả", null=True, blank=True)
    error = models.TextField("lý do không thành công", blank=True)
    attempts = models.PositiveSmallIntegerField("số lần chạy", default=0)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lượt nhập hoạt động từ Excel"
        verbose_name_plural = "lượt nhập hoạt động từ Excel"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Nhập «{self.name}» ({self.get_status_display()})"

    @property
    def code(self) -> str:
        """The job's id as 32 hex digits, as it appears in the address."""
        return self.pk.hex
