"""Encrypts free text that can hold personal or police information, in place (issue 42.5)."""

from django.db import migrations

from varde.core.crypto import EncryptedCharField, EncryptedTextField, encrypting_operations


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [
        *encrypting_operations(
            "network.ContactPerson",
            {
                "name": EncryptedCharField(max_length=200, verbose_name="name"),
                "role": EncryptedCharField(blank=True, max_length=200, verbose_name="role"),
                "email": EncryptedCharField(blank=True, max_length=254, verbose_name="e-mail"),
                "phone": EncryptedCharField(blank=True, max_length=40, verbose_name="phone"),
            },
        ),
        *encrypting_operations(
            "network.ContactLog",
            {
                "text": EncryptedTextField(verbose_name="what it was about"),
            },
        ),
        migrations.AlterModelOptions(name="contactperson", options={"ordering": ["id"]}),
    ]
