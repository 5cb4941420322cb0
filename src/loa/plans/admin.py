from django.contrib import admin

from loa.core.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from loa.plans.models import AnnexRow, Channel, ContentArea, Orientation, Plan, Target, Task


class TargetInline(ReadOnlyInline):
    model = Target


class TaskInline(ReadOnlyInline):
    model = Task


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "year_from", "year_to"]
    search_fields = ["title"]
    inlines = [TargetInline, TaskInline]


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    list_display = [
        "code",
        "name",
        "measure",
        "group",
        "sort_order",
        "active",
        "annex_column",
        "feed_default",
        "report_sentence",
    ]
    list_editable = ["sort_order", "active", "annex_column"]


@admin.register(ContentArea)
class ContentAreaAdmin(AuditedAdmin):
    list_display = ["code", "short_name", "name", "sort_order", "annex_row"]
    list_editable = ["annex_row"]


@admin.register(AnnexRow)
class AnnexRowAdmin(AuditedAdmin):
    list_display = ["code", "label", "sort_order"]
    list_editable = ["label", "sort_order"]


@admin.register(Orientation)
class OrientationAdmin(ReadOnlyAdmin):
    list_display = ["month", "unit"]
