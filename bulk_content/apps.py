from django.apps import AppConfig


class BulkContentConfig(AppConfig):
    name = "bulk_content"
    verbose_name = "Massendaten für Messungen"
    default_auto_field = "django.db.models.BigAutoField"
