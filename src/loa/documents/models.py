"""The registry of documents (văn bản), the citations between them and the numbering registers."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from loa.core import vn
from loa.core.models import TimeStamped
from loa.documents.kinds import DocumentKind
from loa.organizations.models import Unit


class Direction(models.TextChoices):
    OUTGOING = "outgoing", "Văn bản đi"
    INCOMING = "incoming", "Văn bản đến"
    EXTERNAL = "external", "Văn bản tham chiếu"


class Document(TimeStamped):
    """An administrative document known to Loa: issued by a unit, received, or only cited.

    ``number`` is kept as printed ("07"); ``symbol`` is the canonical "07/KH-VHTT" (empty while a
    draft has no number). The issuer is a :class:`Unit` when Loa knows it, otherwise free text
    (``issuer_text``, e.g. "Thị uỷ Hương Trà"). A *stub* is a document known only from a citation
    in another document, completed when its own file is imported.
    """

    kind = models.CharField("tên loại", max_length=8, choices=DocumentKind.choices)
    number = models.CharField("số", max_length=16, blank=True)
    symbol = models.CharField("số, ký hiệu", max_length=64, blank=True, db_index=True)
    issued_date = models.DateField("ngày ban hành", null=True, blank=True)
    issuer_unit = models.ForeignKey(
        Unit,
        verbose_name="cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer_text = models.CharField("cơ quan ban hành (ngoài hệ thống)", max_length=255, blank=True)
    # The unit whose records hold a document issued outside Loa (the unit that entered it as a
    # reference or cited it); with the issuer and the receipts, it decides who reads it (ADR 0020).
    holder = models.ForeignKey(
        Unit,
        verbose_name="đơn vị vào sổ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="held_documents",
        editable=False,
    )
    issuer_key = models.CharField(max_length=255, editable=False, default="")
    subject = models.TextField("trích yếu nội dung")
    subject_key = models.TextField(editable=False, default="")
    direction = models.CharField(
        "loại sổ", max_length=16, choices=Direction.choices, default=Direction.EXTERNAL
    )
    signer_name = models.CharField("người ký", max_length=100, blank=True)
    file = models.FileField("tệp văn bản", upload_to="documents/%Y/", blank=True)
    pdf = models.FileField("bản PDF", upload_to="documents/%Y/", blank=True, editable=False)
    # The PDF is made by the worker, never in a request (ADR 0031): when it was asked for, and why
    # the last try failed (shown with the DOCX and "Thử lại").
    pdf_queued_at = models.DateTimeField("yêu cầu tạo PDF lúc", null=True, blank=True, editable=False)
    pdf_error = models.TextField("lý do chưa tạo được PDF", blank=True, editable=False)
    is_stub = models.BooleanField("chỉ biết qua trích dẫn", default=False)
    register = models.ForeignKey(
        "Register", null=True, blank=True, on_delete=models.PROTECT, related_name="documents", editable=False
    )
    register_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_date", "-id"]
        constraints = [
            # Same symbol, issuer and date = the same document (merge on import, refuse on entry).
            models.UniqueConstraint(
                fields=["symbol", "issuer_key", "issued_date"],
                condition=~Q(symbol=""),
                name="document_unique_identity",
            ),
            models.UniqueConstraint(
                fields=["register", "register_number"],
                condition=Q(register__isnull=False),
                name="document_unique_register_number",
            ),
            # A number is in a register or nowhere: never a register number outside a register.
            models.CheckConstraint(
                condition=Q(register__isnull=True, register_number__isnull=True)
                | Q(register__isnull=False, register_number__isnull=False),
                name="document_register_number_in_register",
            ),
        ]
        indexes = [models.Index(fields=["issuer_unit", "issued_date"])]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} {self.symbol}" if self.symbol else f"{label} (chưa số)"

    @property
    def issuer_name(self) -> str:
        return self.issuer_unit.name if self.issuer_unit_id else self.issuer_text

    @property
    def pdf_available(self) -> bool:
        """A PDF is kept, or can be made from the document's DOCX (by the worker)."""
        return bool(self.pdf) or (bool(self.file) and self.file.name.lower().endswith(".docx"))

    def download_name(self, ext: str) -> str:
        """A file name a clerk recognises: "bao-cao-297-bc-vhtt-2022-10-21.docx" (no storage suffix)."""
        words = f"{self.get_kind_display()} {self.symbol.replace('/', ' ') or 'chua so'}"
        stem = re.sub(r"[^a-z0-9]+", "-", vn.fold(words)).strip("-")
        when = f"-{self.issued_date:%Y-%m-%d}" if self.issued_date else ""
        return f"{stem}{when}.{ext}"

    def citation_phrase(self) -> str:
        """ "Kế hoạch số 07/KH-VHTT ngày 13/01/2022 của Phòng Văn hóa và Thông tin" — as a clerk writes it."""
        parts = [self.get_kind_display()]
        if self.symbol:
            parts.append(f"số {self.symbol}")
        if self.issued_date:
            parts.append(f"ngày {self.issued_date:%d/%m/%Y}")
        if self.issuer_name:
            parts.append(f"của {self.issuer_name}")
        return " ".join(parts)


class CitationRelation(models.TextChoices):
    BASED_ON = "based_on", "Căn cứ"
    IMPLEMENTS = "implements", "Thực hiện"
    AMENDS = "amends", "Sửa đổi, bổ sung"
    REPLACES = "replaces", "Thay thế"
    REPORTS_ON = "reports_on", "Báo cáo về"
    MENTIONS = "mentions", "Có nhắc đến"


class Citation(models.Model):
    """``source`` cites ``target`` (căn cứ, thực hiện…): the edges of the directive cascade."""

    source = models.ForeignKey(
        Document, related_name="citations", on_delete=models.CASCADE, verbose_name="văn bản"
    )
    target = models.ForeignKey(
        Document, related_name="cited_by", on_delete=models.CASCADE, verbose_name="văn bản được trích dẫn"
    )
    relation = models.CharField("quan hệ", max_length=16, choices=CitationRelation.choices)

    class Meta:
        verbose_name = "trích dẫn"
        verbose_name_plural = "trích dẫn"
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "relation"], name="citation_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="citation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.get_relation_display()} — {self.target}"


class Register(models.Model):
    """A unit's register for one year and direction (sổ đăng ký văn bản đi/đến).

    Numbers run from 01 on 1 January (Nghị định 30, Điều 15). ``last_number`` is the last number
    given; a unit that starts using Loa mid-year sets it to the last number used on paper.
    """

    unit = models.ForeignKey(Unit, related_name="registers", on_delete=models.PROTECT, verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    direction = models.CharField(
        "loại sổ", max_length=16, choices=Direction.choices, default=Direction.OUTGOING
    )
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "sổ đăng ký văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"
        constraints = [models.UniqueConstraint(fields=["unit", "year", "direction"], name="register_unique")]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.year} — {self.unit}"


class Receipt(TimeStamped):
    """An entry of a unit's incoming register (sổ văn bản đến, Nghị định 30 Điều 22): the document
    received, its số đến (``number``, from 01 each year) and ngày đến.

    One document may be received by several units (the town's plan reaches every department), so
    the entry is its own record rather than a field of the document.
    """

    register = models.ForeignKey(
        Register, related_name="receipts", on_delete=models.PROTECT, verbose_name="sổ văn bản đến"
    )
    number = models.PositiveIntegerField("số đến")
    received_date = models.DateField("ngày đến")
    document = models.ForeignKey(
        Document, related_name="receipts", on_delete=models.PROTECT, verbose_name="văn bản"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        ordering = ["-received_date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="receipt_unique_number"),
            models.UniqueConstraint(fields=["register", "document"], name="receipt_once_per_register"),
        ]

    def __str__(self) -> str:
        return f"Số đến {self.number:02d} ngày {self.received_date:%d/%m/%Y} — {self.document}"
