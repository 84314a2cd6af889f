from django.apps import AppConfig


class InductionConfig(AppConfig):
    name = "induction"
    verbose_name = "Induction"
