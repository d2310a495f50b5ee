from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "varde.information"
    verbose_name = _("Information")

    def ready(self) -> None:
        from varde.accounts.demo import register_demo_loader
        from varde.accounts.views import register_front_door
        from varde.actionplan.obligations import register_evidence_source
        from varde.concerns.reference_data import register_reference_seeder
        from varde.meetings.agenda import register_suggestions

        from .agenda import coming_events
        from .demo import load_demo_events, load_demo_pages
        from .evidence import public_reviews
        from .reference_data import create_pages
        from .views import front_door

        register_reference_seeder(create_pages)
        register_demo_loader(load_demo_pages)
        register_demo_loader(load_demo_events)
        register_evidence_source(
            "information:public",
            public_reviews,
            _("Each publication or review of a public information page counts."),
            "information:editor_list",
        )
        register_suggestions(coming_events)
        register_front_door(front_door)
