from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Förderprogramme"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from programs import seed  # noqa: F401 (registers the fixture types)
