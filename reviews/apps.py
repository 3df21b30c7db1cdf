"""Review dates ("Nächste Überprüfung") of content pages, their confirmation and the report of pages due."""
from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Überprüfung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from reviews import signals

        signals.connect()
