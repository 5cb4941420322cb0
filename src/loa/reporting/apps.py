from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "loa.reporting"
    label = "reporting"
    verbose_name = "Báo cáo"
