from django.apps import AppConfig


class ECTEConfig(AppConfig):
    name = "ecte"
    verbose_name = "Manage early career teacher induction"
