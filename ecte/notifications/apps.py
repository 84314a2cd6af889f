from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ecte.notifications"
    label = "notifications"
    verbose_name = "Notifications"
