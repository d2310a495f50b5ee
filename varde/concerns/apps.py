from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "varde.concerns"
    verbose_name = _("Concerns")

    def ready(self) -> None:
        from varde.accounts.dashboard import register_due_items
        from varde.accounts.demo import register_demo_loader
        from varde.core.metrics import watch_task

        from .dashboard import due_items_for
        from .demo import load_demo_concerns
        from .tasks import purge_due_personal_data

        register_due_items(due_items_for)
        watch_task("retention_purge", purge_due_personal_data)
        register_demo_loader(load_demo_concerns)
