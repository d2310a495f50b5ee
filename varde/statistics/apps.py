from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "varde.statistics"
    verbose_name = _("Situation picture")

    def ready(self) -> None:
        from varde.accounts.demo import register_demo_loader
        from varde.actionplan.sections import register_report_section

        from .demo import load_demo_statistics
        from .report import status_report_section

        register_demo_loader(load_demo_statistics)
        register_report_section(status_report_section)
