"""Encrypts the written parts, reasons and ratings' grounds of the assessments already stored."""

from django.db import migrations

from varde.core.crypto import encrypting


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_plain_text_before_encryption")]

    operations = [
        migrations.RunPython(*encrypting("assessments.Assessment", ["texts", "level_reason"])),
        migrations.RunPython(*encrypting("assessments.Rating", ["evidence", "source", "protective"])),
    ]
