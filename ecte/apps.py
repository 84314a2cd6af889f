from django.apps import AppConfig


class ECTEConfig(AppConfig):
    name = "ecte"
    verbose_name = "Manage early career teacher induction"

    def ready(self):
        from ecte import long_in_lists

        long_in_lists.register()
