from django.contrib import admin

from loa.plans.models import AnnexRow, Channel, ContentArea, Orientation, Plan, Target, Task


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "unit", "year_from", "year_to"]
    search_fields = ["title"]
    inlines = [TargetInline, TaskInline]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
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
class ContentAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "name", "sort_order", "annex_row"]
    list_editable = ["annex_row"]


@admin.register(AnnexRow)
class AnnexRowAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "sort_order"]
    list_editable = ["label", "sort_order"]


@admin.register(Orientation)
class OrientationAdmin(admin.ModelAdmin):
    list_display = ["month", "unit"]
