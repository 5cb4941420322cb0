"""Units (đơn vị), their effective-dated place in the hierarchy, and who works in them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from loa.core.models import TimeStamped


class UnitKind(models.TextChoices):
    """Kinds of unit in the state apparatus (glossary: UnitKind)."""

    PROVINCE = "province", "Tỉnh, thành phố trực thuộc trung ương"
    DISTRICT = "district", "Huyện, thị xã, thành phố thuộc tỉnh (đến 30/06/2025)"
    COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"
    DEPARTMENT = "department", "Sở, phòng chuyên môn"
    CENTRE = "centre", "Trung tâm, đơn vị sự nghiệp"
    OTHER = "other", "Cơ quan khác"


class AdminType(models.TextChoices):
    """Administrative type of a unit in the official list (loại đơn vị hành chính), both eras."""

    TINH = "tinh", "Tỉnh"
    TP_TW = "tp_tw", "Thành phố trực thuộc trung ương"
    HUYEN = "huyen", "Huyện"
    QUAN = "quan", "Quận"
    THI_XA = "thi_xa", "Thị xã"
    TP_THUOC_TINH = "tp_thuoc_tinh", "Thành phố thuộc tỉnh, thành phố trực thuộc trung ương"
    XA = "xa", "Xã"
    PHUONG = "phuong", "Phường"
    THI_TRAN = "thi_tran", "Thị trấn"
    DAC_KHU = "dac_khu", "Đặc khu"


class Unit(TimeStamped):
    """An agency or office that plans, records and reports communication work.

    ``code`` identifies the unit in URLs and commands (``huongtra-vhtt``); ``abbr`` is the
    abbreviation used in document symbols (``VHTT`` in ``297/BC-VHTT``). ``place_name`` is the
    địa danh on the date line. Place in the hierarchy is kept in :class:`UnitLink` with dates, so
    the 2022 province → town → office chain and the post-07/2025 two tiers both stay readable.
    """

    name = models.CharField("tên đơn vị", max_length=255)
    code = models.SlugField("mã đơn vị", max_length=64, unique=True)
    abbr = models.CharField("chữ viết tắt trong ký hiệu văn bản", max_length=32)
    kind = models.CharField("loại đơn vị", max_length=16, choices=UnitKind.choices)
    place_name = models.CharField("địa danh", max_length=100, blank=True)
    leader_title = models.CharField("chức vụ người đứng đầu", max_length=100, blank=True)
    leader_name = models.CharField("họ tên người đứng đầu", max_length=100, blank=True)
    report_recipients = models.TextField(
        "nơi nhận báo cáo (mỗi dòng một nơi)", blank=True, help_text="Ví dụ: Phòng Nội vụ thị xã"
    )
    valid_from = models.DateField("hoạt động từ ngày", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến ngày", null=True, blank=True)
    search_key = models.CharField(max_length=255, editable=False, db_index=True, default="")
    # The General Statistics Office code (mã đơn vị hành chính: 2 digits for a province, 3 for a
    # district, 5 for a commune). Codes were reused on 01/07/2025 (phường Hương Trà took phường
    # Tứ Hạ's 19996), so a code is unique among units alive today and among units closed on one day.
    official_code = models.CharField("mã đơn vị hành chính", max_length=8, null=True, blank=True)
    admin_type = models.CharField(
        "loại đơn vị hành chính", max_length=16, choices=AdminType.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["official_code"],
                condition=Q(official_code__isnull=False, valid_to__isnull=True),
                name="unit_official_code_current",
            ),
            models.UniqueConstraint(
                fields=["official_code", "valid_to"],
                condition=Q(official_code__isnull=False, valid_to__isnull=False),
                name="unit_official_code_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def recipients_list(self) -> list[str]:
        return [line.strip() for line in self.report_recipients.splitlines() if line.strip()]

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class UnitLink(models.Model):
    """``child`` sits under ``parent`` from ``valid_from`` to ``valid_to`` (inclusive; open when empty)."""

    child = models.ForeignKey(
        Unit, related_name="parent_links", on_delete=models.CASCADE, verbose_name="đơn vị"
    )
    parent = models.ForeignKey(
        Unit, related_name="child_links", on_delete=models.CASCADE, verbose_name="đơn vị cấp trên"
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "quan hệ trực thuộc"
        verbose_name_plural = "quan hệ trực thuộc"
        ordering = ["valid_from"]
        indexes = [
            models.Index(fields=["parent", "valid_from"]),
            models.Index(fields=["child", "valid_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unitlink_dates_ordered",
            ),
            models.CheckConstraint(condition=~Q(child=models.F("parent")), name="unitlink_not_self"),
        ]

    def __str__(self) -> str:
        end = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else "nay"
        return f"{self.child} → {self.parent} ({self.valid_from:%d/%m/%Y}–{end})"


class SuccessionKind(models.TextChoices):
    """How a unit succeeded another (sắp xếp đơn vị hành chính)."""

    MERGE = "merge", "Sáp nhập"
    SPLIT = "split", "Chia tách (một phần)"
    RENAME = "rename", "Đổi tên"


class UnitSuccession(models.Model):
    """``successor`` took over (all or, for a split, part of) ``predecessor``'s area and work on ``date``.

    The 2025 conversion table gives one row per old commune and new commune; statistics of a period
    before ``date`` read the successor's figures through its predecessors (lineage).
    """

    predecessor = models.ForeignKey(
        Unit, related_name="successions", on_delete=models.CASCADE, verbose_name="đơn vị tiền thân"
    )
    successor = models.ForeignKey(
        Unit, related_name="predecessions", on_delete=models.CASCADE, verbose_name="đơn vị kế thừa"
    )
    date = models.DateField("từ ngày")
    kind = models.CharField("hình thức", max_length=8, choices=SuccessionKind.choices)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        ordering = ["date", "successor_id", "predecessor_id"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()}, {self.date:%d/%m/%Y})"


class Role(models.TextChoices):
    """Roles a user holds in a unit (ARCHITECTURE §2)."""

    OFFICER = "officer", "Cán bộ đầu mối"
    LEADER = "leader", "Lãnh đạo đơn vị"
    COORDINATOR = "coordinator", "Cán bộ Nội vụ (điều phối)"
    CLERK = "clerk", "Văn thư"
    ADMIN = "admin", "Quản trị"


class Membership(TimeStamped):
    """A user's role in a unit, over a period (phân công): it counts from ``valid_from`` to
    ``valid_to`` inclusive (an empty bound is open). Revoking sets ``valid_to``; history stays."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="memberships",
        on_delete=models.CASCADE,
        verbose_name="người dùng",
    )
    unit = models.ForeignKey(
        Unit, related_name="memberships", on_delete=models.CASCADE, verbose_name="đơn vị"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        # The same role in the same unit may come back after a revocation (a second row with later
        # dates); the services refuse two rows whose periods overlap.
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="membership_dates_ordered",
            )
        ]
        indexes = [models.Index(fields=["user", "unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class ApiToken(models.Model):
    """A personal API access code (mã truy cập API) that lets a script act as its user.

    Only a SHA-256 hash of the code is kept: the code itself is shown once, when it is created, and
    cannot be read back. ``prefix`` (its first characters) lets the owner tell codes apart. A revoked
    code stays listed (with ``revoked_at``) so the owner sees what was stopped and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="api_tokens",
        on_delete=models.CASCADE,
        verbose_name="người dùng",
    )
    name = models.CharField("tên gợi nhớ", max_length=100)
    prefix = models.CharField("đầu mã", max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
