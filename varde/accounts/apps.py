from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "varde.accounts"
    label = "accounts"
    verbose_name = "Varde accounts"

    def ready(self) -> None:
        from . import auth_events  # noqa: F401  (connects the login audit receivers)
