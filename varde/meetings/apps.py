from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "varde.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from varde.accounts.dashboard import register_due_items
        from varde.accounts.demo import register_demo_loader
        from varde.assessments.permissions import register_participant_source
        from varde.concerns.actions.casework import register_close_hook

        from .actions import close_tasks_about
        from .agenda import agencies_that_discussed
        from .dashboard import due_items_for
        from .demo import load_demo_meetings

        register_demo_loader(load_demo_meetings)
        register_due_items(due_items_for)
        register_participant_source(agencies_that_discussed)
        register_close_hook(close_tasks_about)
