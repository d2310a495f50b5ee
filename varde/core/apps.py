from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "varde.core"
    label = "core"
    verbose_name = "Varde core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .database_roles import grant_after_migrate

        post_migrate.connect(grant_after_migrate, sender=self)
