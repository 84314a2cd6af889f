from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ecte.imports"
    label = "imports"
    verbose_name = "Imports"
