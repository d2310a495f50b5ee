from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "varde.assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from varde.accounts.dashboard import register_due_items
        from varde.accounts.demo import register_demo_loader
        from varde.concerns.panels import register_case_panel
        from varde.concerns.reference_data import register_reference_seeder

        from .dashboard import due_items_for
        from .demo import load_demo_assessments
        from .reference_data import seed_assessment_data
        from .views import case_panel

        register_reference_seeder(seed_assessment_data)
        register_demo_loader(load_demo_assessments)
        register_case_panel(case_panel)
        register_due_items(due_items_for)
