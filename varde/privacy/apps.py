from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "varde.privacy"
    label = "privacy"
    verbose_name = "Varde privacy oversight"
