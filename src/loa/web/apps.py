from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "loa.web"
    label = "web"
    verbose_name = "Giao diện web"
