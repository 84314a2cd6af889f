from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ecte.accounts"
    label = "accounts"
    verbose_name = "Users and roles"
