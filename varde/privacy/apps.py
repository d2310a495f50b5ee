from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "varde.privacy"
    label = "privacy"
    verbose_name = "Varde privacy oversight"

    def ready(self) -> None:
        from varde.accounts.dashboard import register_due_items
        from varde.accounts.demo import register_demo_loader

        from .dashboard import due_items_for
        from .demo import load_demo_requests

        register_due_items(due_items_for)
        register_demo_loader(load_demo_requests)
