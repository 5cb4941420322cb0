from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "loa.core"
    label = "core"
    verbose_name = "Lõi hệ thống"

    def ready(self) -> None:
        from loa.core.files import connect_file_cleanup

        connect_file_cleanup()
