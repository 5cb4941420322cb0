from django.contrib import admin

from loa.core.admin import ReadOnlyAdmin
from loa.reporting.models import Report


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["unit", "period", "report_date", "status", "document"]
    list_filter = ["status"]
