from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "loa.scoring"
    label = "scoring"
    verbose_name = "Chấm điểm CCHC"
