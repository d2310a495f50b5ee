from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "varde.core"
    label = "core"
    verbose_name = "Varde core"
