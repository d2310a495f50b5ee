from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "varde.core"
    label = "core"
    verbose_name = "Varde core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .audit import register_actions
        from .database_roles import grant_after_migrate
        from .metrics import watch_task
        from .tasks import checkpoint_audit_trail

        register_actions()
        post_migrate.connect(grant_after_migrate, sender=self)
        watch_task("audit_checkpoint", checkpoint_audit_trail)
