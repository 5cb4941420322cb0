from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "loa.ingest"
    label = "ingest"
    verbose_name = "Nhập văn bản"
