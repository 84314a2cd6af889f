from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "ecte.exports"
    label = "exports"
    verbose_name = "Data exports"
