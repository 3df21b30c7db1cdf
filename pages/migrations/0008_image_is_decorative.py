from django.db import migrations


class Migration(migrations.Migration):
    """Wagtail's AbstractImage sets an attribute ``decorative`` on every instance, hiding the stored flag."""

    dependencies = [
        ("pages", "0007_editor_help_texts"),
    ]

    operations = [
        migrations.RenameField(model_name="portalimage", old_name="decorative", new_name="is_decorative"),
    ]
