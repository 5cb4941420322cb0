"""Import batches (lô nhập văn bản) as rows: the files live in Django storage, never on one app server.

A batch belongs to the user who uploaded it. Each file keeps the user's name only as data (the
stored name is ``imports/<batch>/<position><ext>``), and, once read, what the reader found (or the
Vietnamese error) as JSON. The batch keeps the commit's result as JSON.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from loa.core.models import TimeStamped

ALLOWED_EXTENSIONS = (".txt", ".md", ".docx", ".doc", ".pdf")


class BatchStatus(models.TextChoices):
    OPEN = "open", "Chờ xem lại"
    COMMITTED = "committed", "Đã vào sổ"


class ImportBatch(TimeStamped):
    """One user's uploaded files awaiting review, then the result of registering them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        related_name="import_batches",
        on_delete=models.CASCADE,
        verbose_name="người tải lên",
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=BatchStatus.choices, default=BatchStatus.OPEN
    )
    result = models.JSONField("kết quả vào sổ", null=True, blank=True)
    with_figures = models.BooleanField(
        "nhập số liệu của báo cáo cũ",
        default=False,
        help_text="Đọc cả số liệu (tin bài, lượt phát, cụm pano…) của các báo cáo làm số liệu các năm trước.",
    )

    class Meta:
        verbose_name = "lô nhập văn bản"
        verbose_name_plural = "lô nhập văn bản"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Lô {self.code[:8]} ({self.get_status_display()})"

    @property
    def code(self) -> str:
        """The batch's id as 32 hex digits, as it appears in the address."""
        return self.pk.hex

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.ordered_files()]

    def ordered_files(self) -> list[ImportFile]:
        cached = getattr(self, "_files", None)
        if cached is None:
            cached = list(self.files.order_by("position"))
            self._files = cached
        return cached

    def read_count(self) -> int:
        return self.files.filter(read__isnull=False).count()


def _stored_name(instance: ImportFile, filename: str) -> str:
    ext = PurePosixPath(instance.name or filename).suffix.lower()
    return (
        f"imports/{instance.batch_id.hex}/{instance.position}{ext if ext in ALLOWED_EXTENSIONS else '.bin'}"
    )


class ImportFile(models.Model):
    """One uploaded file of a batch, and what reading it gave."""

    batch = models.ForeignKey(
        ImportBatch, related_name="files", on_delete=models.CASCADE, verbose_name="lô nhập"
    )
    position = models.PositiveIntegerField("thứ tự")
    name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp", upload_to=_stored_name, max_length=300)
    read = models.JSONField("kết quả đọc", null=True, blank=True)
    read_at = models.DateTimeField("đọc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp nhập"
        verbose_name_plural = "tệp nhập"
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="importfile_batch_position_unique")
        ]

    def __str__(self) -> str:
        return self.name
