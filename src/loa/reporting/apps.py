from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "loa.reporting"
    label = "reporting"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        # Activities may not import reporting (layers): the lock of submitted windows is registered.
        from loa.activities.locks import register
        from loa.reporting.locks import lock_message

        register(lock_message)
