from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "Suche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.roles import EDITORS, add_model_permissions

        add_model_permissions(EDITORS, [("portal_search", "view_unansweredquery")])
