from django.apps import AppConfig


class CliConfig(AppConfig):
    name = "loa.cli"
    label = "cli"
    verbose_name = "Dòng lệnh"
