"""Shared model pieces and the audit trail (nhật ký)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStamped(models.Model):
    """Creation and last-change times, for every record a user writes."""

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One write by one actor: who did what to which record, with the values before and after.

    Rows are only ever added (never edited); a coordinator or an inspector reads them to see who
    changed a figure that was reported.
    """

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    actor_name = models.CharField(
        "tên người thực hiện",
        max_length=150,
        blank=True,
        default="",
        help_text="Tên đăng nhập, hoặc tên của tác nhân hệ thống (nạp dữ liệu mẫu, dòng lệnh, tác vụ nền).",
    )
    verb = models.CharField("thao tác", max_length=64)
    target_type = models.CharField("loại đối tượng", max_length=64)
    target_id = models.CharField("mã đối tượng", max_length=64)
    target_repr = models.CharField("đối tượng", max_length=300, blank=True)
    unit_id = models.BigIntegerField("đơn vị", null=True, blank=True, db_index=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)

    class Meta:
        verbose_name = "nhật ký thao tác"
        verbose_name_plural = "nhật ký thao tác"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} {self.verb} {self.target_repr}"
