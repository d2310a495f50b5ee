"""The second factor's secrets at rest: authenticator keys encrypted, recovery codes as keyed digests.
Existing devices move over and the readable originals are deleted."""

import django.db.models.deletion
import django_otp.plugins.otp_totp.models
import varde.core.crypto
from django.conf import settings
from django.db import migrations, models

from varde.accounts.models import recovery_code_digest

TOTP_FIELDS = ("user_id", "name", "confirmed", "key", "step", "t0", "digits", "tolerance", "drift", "last_t")


def move_devices(apps, schema_editor):
    totp, app = apps.get_model("otp_totp.TOTPDevice"), apps.get_model("accounts.AuthenticatorApp")
    for device in totp.objects.all():
        app.objects.create(**{field: getattr(device, field) for field in TOTP_FIELDS})
    totp.objects.all().delete()
    static, codes = apps.get_model("otp_static.StaticDevice"), apps.get_model("accounts.RecoveryCodes")
    code = apps.get_model("accounts.RecoveryCode")
    for device in static.objects.all():
        moved = codes.objects.create(user_id=device.user_id, name=device.name, confirmed=device.confirmed)
        code.objects.bulk_create(
            code(device=moved, digest=recovery_code_digest(token.token)) for token in device.token_set.all()
        )
    static.objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_login_failure'),
        ('otp_totp', '0003_add_timestamps'),
        ('otp_static', '0003_add_timestamps'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuthenticatorApp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('key', varde.core.crypto.EncryptedTextField(default=django_otp.plugins.otp_totp.models.default_key)),
                ('step', models.PositiveSmallIntegerField(default=30)),
                ('t0', models.BigIntegerField(default=0)),
                ('digits', models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)),
                ('tolerance', models.PositiveSmallIntegerField(default=1)),
                ('drift', models.SmallIntegerField(default=0)),
                ('last_t', models.BigIntegerField(default=-1)),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'authenticator app',
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='RecoveryCodes',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'recovery codes',
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(db_index=True, max_length=64)),
                ('device', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='codes', to='accounts.recoverycodes')),
            ],
        ),
        migrations.RunPython(move_devices, migrations.RunPython.noop),
    ]
