from django.db import migrations, models

# The default bases whose law binds one agency, as `seed_reference_data` now gives them: an installation
# that has them from before learns who may rely on them. Bases the partnership wrote itself stay open to
# both agencies until an administrator says otherwise.
ONE_WAY = {
    "police-public-interest": ("municipality_to_police", False),
    "police-own-interest": ("police_to_municipality", True),
    "police-recipient-interest": ("police_to_municipality", True),
    "health-right-to-disclose": ("municipality_to_police", True),
    "health-duty-to-alert": ("municipality_to_police", False),
    "child-welfare": ("municipality_to_police", True),
}


def direct_the_default_bases(apps, schema_editor):
    LegalBasis = apps.get_model("concerns", "LegalBasis")
    for code, (direction, in_meetings) in ONE_WAY.items():
        LegalBasis.objects.filter(code=code).update(direction=direction, in_meetings=in_meetings)


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0010_encrypt_advice_and_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="legalbasis",
            name="direction",
            field=models.CharField(
                choices=[
                    ("both", "Either agency to the other"),
                    ("municipality_to_police", "The municipality to the police"),
                    ("police_to_municipality", "The police to the municipality"),
                ],
                default="both",
                max_length=30,
                verbose_name="who may rely on it",
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="in_meetings",
            field=models.BooleanField(
                default=True, verbose_name="may be cited to discuss a case in a contact meeting"
            ),
        ),
        migrations.RunPython(direct_the_default_bases, migrations.RunPython.noop),
    ]
