from django.contrib import admin

from loa.activities.models import Activity, DraftActivity, Feed
from loa.core.admin import AuditedAdmin, ReadOnlyAdmin


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ["date", "unit", "channel", "title", "quantity", "source"]
    list_filter = ["channel", "source"]
    search_fields = ["title", "title_key"]
    date_hierarchy = "date"


@admin.register(Feed)
class FeedAdmin(AuditedAdmin):
    list_display = ["url", "unit", "channel", "active", "last_pulled_at", "last_error"]
    list_filter = ["active"]
    readonly_fields = ["last_pulled_at", "last_error"]


@admin.register(DraftActivity)
class DraftActivityAdmin(ReadOnlyAdmin):
    list_display = ["date", "unit", "title", "status"]
    list_filter = ["status"]
    readonly_fields = ["activity"]
