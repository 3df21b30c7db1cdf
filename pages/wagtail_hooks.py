from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages.concurrent_edits import remember_superseded_revision, warn_about_superseded_revision
from pages.richtext import PrefetchingPageLinkHandler
from pages.models import SiteNotice
from pages.snippets import Location
from quality import checker as quality_checker


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


class PortalContentChecker(ContentCheckerItem):
    """Wagtail's checks plus the ones this content needs: every content image has a text alternative, headings
    skip no level, the teaser is there and short (quality/checker.py decides these for ``page``)."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, "image-alt", "image-redundant-alt", *quality_checker.RULE_IDS]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": quality_checker.IMAGE_ALT_MESSAGE,
        "image-redundant-alt": {
            "error_name": "Alternativtext wiederholt den Text daneben",
            "help_text": "Der Alternativtext beschreibt, was das Bild zeigt; er wiederholt nicht die Bildunterschrift.",
        },
    }

    def __init__(self, in_editor=False, page=None):
        super().__init__(in_editor=in_editor)
        self.page = page

    def get_axe_custom_rules(self, request):
        return [*super().get_axe_custom_rules(request), *quality_checker.axe_rules(self.page)]

    def get_axe_custom_checks(self, request):
        return [*super().get_axe_custom_checks(request), quality_checker.FLAGGED_CHECK]

    def get_axe_messages(self, request):
        return {**super().get_axe_messages(request), **quality_checker.axe_messages(self.page)}


@hooks.register("construct_wagtail_userbar")
def use_portal_content_checker(request, items, page):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PortalContentChecker):
            items[index] = PortalContentChecker(in_editor=item.in_editor, page=page)


@hooks.register("register_rich_text_features", order=100)
def prefetching_page_links(features):
    # Runs after Wagtail's own registration, which it replaces.
    features.register_link_type(PrefetchingPageLinkHandler)


@hooks.register("before_edit_page")
def note_a_newer_version_saved_meanwhile(request, page):
    remember_superseded_revision(request, page)


@hooks.register("after_edit_page")
def tell_whose_version_the_save_replaced(request, page):
    warn_about_superseded_revision(request, page)
