from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Seiten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import compare, signals

        signals.connect()
        compare.register()
