"""The target groups every finder starts with; editors add more as snippets."""

from django.db import migrations

TARGET_GROUPS = [
    ("Migrantenorganisationen", "migrantenorganisationen"),
    ("Wohlfahrtsverbände", "wohlfahrtsverbaende"),
    ("Vereine", "vereine"),
    ("Initiativen", "initiativen"),
    ("kirchliche Träger", "kirchliche-traeger"),
    ("Schulen", "schulen"),
    ("Kommunen", "kommunen"),
]


def add_target_groups(apps, schema_editor):
    TargetGroup = apps.get_model("programs", "TargetGroup")
    for name, slug in TARGET_GROUPS:
        TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(add_target_groups, migrations.RunPython.noop)]
