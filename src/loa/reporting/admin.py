from django.contrib import admin

from loa.reporting.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "report_date", "status", "document"]
    list_filter = ["status"]
