from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ecte.events"
    label = "events"
    verbose_name = "Events (timeline)"
