from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Barriere-Meldungen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.roles import EDITORS, add_model_permissions

        add_model_permissions(EDITORS, [("feedback", "view_barrierreport"), ("feedback", "change_barrierreport")])
