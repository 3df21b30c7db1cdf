from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Förderprogramme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.roles import EDITORS, add_model_permissions
        from programs import seed  # noqa: F401 (registers the fixture types)

        add_model_permissions(
            EDITORS, [("programs", "add_targetgroup"), ("programs", "change_targetgroup"), ("programs", "view_targetgroup")]
        )
