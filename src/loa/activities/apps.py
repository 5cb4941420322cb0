from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "loa.activities"
    label = "activities"
    verbose_name = "Hoạt động tuyên truyền"
