"""UUIDText spells a UUID column as str(uuid) does, on SQLite and on PostgreSQL alike."""

from varde.accounts.models import User
from varde.core.functions import UUIDText


def test_a_uuid_column_reads_as_the_text_the_audit_trail_stores(world):
    user = world.make_user("coordinator")
    spelled = User.objects.filter(pk=user.pk).values_list(UUIDText("id"), flat=True).get()
    assert spelled == str(user.pk)
    assert (
        User.objects.filter(pk__in=User.objects.values("pk"))
        .filter(username=user.username)
        .annotate(text=UUIDText("id"))
        .filter(text=str(user.pk))
        .exists()
    )
