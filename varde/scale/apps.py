from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "varde.scale"
    verbose_name = "Synthetic data at scale"
