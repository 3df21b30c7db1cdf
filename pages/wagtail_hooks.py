from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.richtext import PrefetchingPageLinkHandler
from pages.models import SiteNotice
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


class SiteNoticeViewSet(SnippetViewSet):
    model = SiteNotice
    icon = "warning"
    menu_label = "Hinweise"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "level", "starts", "ends", "section"]
    ordering = ["-starts"]


register_snippet(SiteNoticeViewSet)


@hooks.register("register_rich_text_features", order=100)
def prefetching_page_links(features):
    # Runs after Wagtail's own registration, which it replaces.
    features.register_link_type(PrefetchingPageLinkHandler)
