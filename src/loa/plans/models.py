"""Plans (kế hoạch), their targets (chỉ tiêu) and tasks, monthly orientations, and the catalogues
of communication channels and CCHC content areas that targets and activities are counted in.

The channel catalogue lives here, not in ``activities``, because a plan's targets are set per
channel before any activity exists (ADR 0002).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from loa.core.models import TimeStamped
from loa.documents.models import Document
from loa.organizations.models import Unit


class ChannelGroup(models.TextChoices):
    ONLINE = "online", "Trực tuyến, báo chí"
    TRADITIONAL = "traditional", "Trực tiếp, truyền thống"
    VISUAL = "visual", "Cổ động trực quan"
    DIRECTION = "direction", "Chỉ đạo, tổ chức thực hiện"


class AnnexColumn(models.TextChoices):
    """The count columns of Biểu 02 a channel's quantities are added to."""

    ARTICLES = "articles", "Số tin, bài"
    BROADCASTS = "broadcasts", "Số lượt phát thanh"
    MEETINGS = "meetings", "Hội nghị, tập huấn (cuộc)"
    OTHER = "other", "Hình thức khác"


class Channel(models.Model):
    """A communication form (hình thức tuyên truyền) with its unit of measure ("tin, bài")."""

    code = models.CharField("mã", max_length=32, unique=True)
    name = models.CharField("hình thức", max_length=200)
    measure = models.CharField("đơn vị tính", max_length=60)
    group = models.CharField("nhóm", max_length=16, choices=ChannelGroup.choices)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    active = models.BooleanField("đang dùng", default=True)
    report_sentence = models.CharField(
        "câu viết trong báo cáo",
        max_length=300,
        blank=True,
        help_text=(
            "Câu viết ở mục “Công tác tuyên truyền CCHC” của báo cáo; {số lượng} và {đơn vị tính} được "
            "thay bằng số liệu của kỳ. Để trống: Loa tự viết từ tên hình thức và đơn vị tính."
        ),
    )
    annex_column = models.CharField(
        "cột ở Biểu 02",
        max_length=16,
        choices=AnnexColumn.choices,
        default=AnnexColumn.OTHER,
        help_text="Cột của Biểu 02 (kết quả theo nội dung) cộng số lượng của hình thức này.",
    )
    feed_default = models.BooleanField(
        "mặc định cho tin từ RSS",
        default=False,
        help_text="Tin lấy từ nguồn RSS được ghi vào hình thức này nếu nguồn tin không chọn hình thức khác.",
    )

    class Meta:
        verbose_name = "hình thức tuyên truyền"
        verbose_name_plural = "hình thức tuyên truyền"
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed_default"],
                condition=Q(feed_default=True),
                name="channel_one_feed_default",
                violation_error_message="Chỉ một hình thức được đánh dấu mặc định cho tin từ RSS.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError as FormError

        from loa.plans.catalogue import report_sentence_errors

        errors = report_sentence_errors(self.report_sentence)
        if errors:
            raise FormError({"report_sentence": errors})


class AnnexRow(models.Model):
    """A row of Biểu 02 (results by CCHC content): the content areas mapped to it are counted there.

    Rows no area is mapped to yet ("Chỉ đạo điều hành", "Mô hình, sáng kiến") are listed with zeros.
    """

    code = models.CharField("mã", max_length=32, unique=True)
    label = models.CharField("tên dòng", max_length=200)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)

    class Meta:
        verbose_name = "dòng Biểu 02"
        verbose_name_plural = "dòng Biểu 02 (kết quả theo nội dung)"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.label


class ContentArea(models.Model):
    """One of the six CCHC areas of Nghị quyết 76/NQ-CP (nội dung cải cách hành chính)."""

    code = models.CharField("mã", max_length=32, unique=True)
    name = models.CharField("lĩnh vực", max_length=200)
    short_name = models.CharField("tên ngắn", max_length=60)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=100)
    annex_row = models.ForeignKey(
        AnnexRow,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="areas",
        verbose_name="dòng ở Biểu 02",
        help_text="Để trống: lĩnh vực có dòng riêng ở cuối Biểu 02.",
    )

    class Meta:
        verbose_name = "nội dung CCHC"
        verbose_name_plural = "nội dung CCHC"
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return self.short_name


class Plan(TimeStamped):
    """A unit's communication plan for a year (or a range of years), usually issued as a Kế hoạch.

    ``parents`` are the plans it implements (the province's and the town's), giving the cascade.
    """

    unit = models.ForeignKey(Unit, related_name="plans", on_delete=models.PROTECT, verbose_name="đơn vị")
    title = models.CharField("tên kế hoạch", max_length=500)
    year_from = models.PositiveSmallIntegerField("từ năm")
    year_to = models.PositiveSmallIntegerField("đến năm")
    document = models.OneToOneField(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan",
        verbose_name="văn bản",
    )
    parents = models.ManyToManyField(
        "self", symmetrical=False, related_name="children", blank=True, verbose_name="thực hiện kế hoạch"
    )

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-year_from", "unit__name"]
        constraints = [
            models.CheckConstraint(condition=Q(year_to__gte=models.F("year_from")), name="plan_years_ordered")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        return str(self.year_from) if self.year_from == self.year_to else f"{self.year_from}–{self.year_to}"


class Target(models.Model):
    """A quantity the plan commits to for a channel (and optionally a content area)."""

    plan = models.ForeignKey(Plan, related_name="targets", on_delete=models.CASCADE, verbose_name="kế hoạch")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, verbose_name="hình thức")
    area = models.ForeignKey(
        ContentArea, null=True, blank=True, on_delete=models.PROTECT, verbose_name="nội dung"
    )
    quantity = models.PositiveIntegerField("chỉ tiêu")
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            # Two partial constraints instead of nulls_distinct, which SQLite lacks.
            models.UniqueConstraint(
                fields=["plan", "channel"], condition=Q(area__isnull=True), name="target_unique_channel"
            ),
            models.UniqueConstraint(
                fields=["plan", "channel", "area"], condition=Q(area__isnull=False), name="target_unique_area"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.quantity} {self.channel.measure}"


class TaskStatus(models.TextChoices):
    TODO = "todo", "Chưa thực hiện"
    DOING = "doing", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    CANCELLED = "cancelled", "Không thực hiện"


class Task(models.Model):
    """A task of the plan (nhiệm vụ): who does it, by when, producing what."""

    plan = models.ForeignKey(Plan, related_name="tasks", on_delete=models.CASCADE, verbose_name="kế hoạch")
    title = models.CharField("nhiệm vụ", max_length=500)
    owner_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, verbose_name="đơn vị chủ trì")
    deadline = models.DateField("thời hạn", null=True, blank=True)
    output = models.CharField("sản phẩm", max_length=300, blank=True)
    status = models.CharField(
        "tình trạng", max_length=16, choices=TaskStatus.choices, default=TaskStatus.TODO
    )

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return self.title


class Orientation(TimeStamped):
    """A monthly communication orientation (định hướng tuyên truyền) sent to chosen units."""

    unit = models.ForeignKey(
        Unit, related_name="orientations", on_delete=models.PROTECT, verbose_name="đơn vị ban hành"
    )
    month = models.DateField("tháng", help_text="Ngày đầu tháng")
    topics = models.TextField("nội dung định hướng")
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orientations",
        verbose_name="văn bản",
    )
    recipients = models.ManyToManyField(
        Unit, through="OrientationRecipient", related_name="orientations_received", verbose_name="nơi nhận"
    )

    class Meta:
        verbose_name = "định hướng tuyên truyền"
        verbose_name_plural = "định hướng tuyên truyền"
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Định hướng tuyên truyền tháng {self.month:%m/%Y} — {self.unit}"


class OrientationRecipient(models.Model):
    """A unit that received an orientation, and when it acknowledged it."""

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)
    acknowledged_at = models.DateTimeField("đã nhận lúc", null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["orientation", "unit"], name="orientation_recipient_unique")
        ]

    def __str__(self) -> str:
        return f"{self.orientation} → {self.unit}"


class Transfer(TimeStamped):
    """A responsibility handed over from one unit to another from a date (chuyển giao nhiệm vụ).

    Either a channel (the town's panels, from Phòng VHTT to the Trung tâm VH-TT-TT) or one task of a
    plan. From ``valid_from`` the receiving unit answers for it: the giver's remaining target for
    the year moves to the receiver's plan and activities of that channel dated from then count for
    the receiver (ADR 0027). ``subject`` is how the reports name the work handed over.
    """

    from_unit = models.ForeignKey(
        Unit, related_name="transfers_out", on_delete=models.PROTECT, verbose_name="đơn vị chuyển giao"
    )
    to_unit = models.ForeignKey(
        Unit, related_name="transfers_in", on_delete=models.PROTECT, verbose_name="đơn vị tiếp nhận"
    )
    channel = models.ForeignKey(
        Channel, null=True, blank=True, on_delete=models.PROTECT, verbose_name="hình thức"
    )
    task = models.ForeignKey(
        Task,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers",
        verbose_name="nhiệm vụ",
    )
    valid_from = models.DateField("từ ngày")
    subject = models.CharField("công việc chuyển giao", max_length=300)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="văn bản giao"
    )
    target_moved = models.PositiveIntegerField("chỉ tiêu đã chuyển", default=0)
    activities_moved = models.PositiveIntegerField("hoạt động đã chuyển", default=0)

    class Meta:
        verbose_name = "chuyển giao nhiệm vụ"
        verbose_name_plural = "chuyển giao nhiệm vụ"
        ordering = ["-valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(channel__isnull=False) & Q(task__isnull=True))
                | (Q(channel__isnull=True) & Q(task__isnull=False)),
                name="transfer_channel_or_task",
            ),
            models.CheckConstraint(condition=~Q(from_unit=models.F("to_unit")), name="transfer_two_units"),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.from_unit} → {self.to_unit} từ {self.valid_from:%d/%m/%Y}"
