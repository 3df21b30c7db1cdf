from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.snippets import Location


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "home"
    menu_label = "Standorte"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["street", "postcode", "city", "name"]
    search_fields = ["street", "name"]


register_snippet(LocationViewSet)
