"""The background task queue in the admin, read-only and in Vietnamese: what ran, what waits, what failed.

django-tasks-db's own (English) page is replaced by this one.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult, get_date_max

from loa.cli.models import BackgroundTask
from loa.core.admin import ReadOnlyAdmin

TASK_NAMES = {
    "loa.docgen.tasks.render_document_pdf": "Tạo bản PDF của văn bản ban hành",
    "loa.ingest.tasks.read_import_batch": "Đọc các tệp của lô nhập văn bản",
    "loa.activities.tasks.pull_due_feeds": "Lấy tin RSS từ các nguồn đến hạn",
    "loa.activities.tasks.run_import_job": "Kiểm tra và nhập tệp Excel hoạt động",
}
STATUS_NAMES = {"READY": "Chờ chạy", "RUNNING": "Đang chạy", "SUCCESSFUL": "Đã xong", "FAILED": "Lỗi"}

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class StatusFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return list(STATUS_NAMES.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(BackgroundTask)
class BackgroundTaskAdmin(ReadOnlyAdmin):
    list_display = ["task_name_vi", "status_vi", "enqueued_at", "run_after_vi", "finished_at"]
    list_filter = [StatusFilter]
    ordering = ["-enqueued_at"]
    fields = readonly_fields = [
        "task_name_vi",
        "status_vi",
        "enqueued_at",
        "run_after_vi",
        "started_at",
        "finished_at",
        "arguments_vi",
        "return_value_vi",
        "error_vi",
    ]

    @admin.display(description="tác vụ")
    def task_name_vi(self, obj):
        return TASK_NAMES.get(obj.task_path, obj.task_path)

    @admin.display(description="trạng thái")
    def status_vi(self, obj):
        return STATUS_NAMES.get(obj.status, obj.status)

    @admin.display(description="chạy từ lúc")
    def run_after_vi(self, obj):
        return "ngay khi có worker" if obj.run_after == get_date_max() else obj.run_after

    @admin.display(description="tham số")
    def arguments_vi(self, obj):
        return format_html("<code>{}</code>", obj.args_kwargs)

    @admin.display(description="kết quả")
    def return_value_vi(self, obj):
        return format_html("<code>{}</code>", obj.return_value)

    @admin.display(description="lỗi")
    def error_vi(self, obj):
        return format_html("<pre>{}</pre>", obj.traceback) if obj.traceback else "—"
