from django.contrib import admin

from loa.activities.models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["date", "unit", "channel", "title", "quantity", "source"]
    list_filter = ["channel", "source"]
    search_fields = ["title", "title_key"]
    date_hierarchy = "date"
