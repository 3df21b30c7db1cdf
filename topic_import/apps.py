from django.apps import AppConfig


class TopicImportConfig(AppConfig):
    name = "topic_import"
    verbose_name = "Import von Themenseiten"
    default_auto_field = "django.db.models.BigAutoField"
