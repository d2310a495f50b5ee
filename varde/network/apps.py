from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "varde.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from varde.accounts.demo import register_demo_loader

        from .demo import load_demo_network

        register_demo_loader(load_demo_network)
