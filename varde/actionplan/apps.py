from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "varde.actionplan"
    label = "actionplan"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from varde.accounts.dashboard import register_due_items
        from varde.accounts.demo import register_demo_loader

        from .demo import load_demo_plan
        from .reminders import due_items_for

        register_demo_loader(load_demo_plan)
        register_due_items(due_items_for)
