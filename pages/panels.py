"""Admin panels shared by every content page type."""

from wagtail.admin.panels import FieldPanel, Panel


class RelatedPageSuggestionsPanel(Panel):
    """Lists published pages that share words with the page, for the editor to add to "Mehr zum Thema"."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/admin/related_page_suggestions.html"

        def get_context_data(self, parent_context=None):
            from pages.suggestions import suggested_pages

            context = super().get_context_data(parent_context)
            suggestions = suggested_pages(self.instance)
            context["suggestions"] = [(page, page.get_url(self.request)) for page in suggestions]
            context["has_title"] = bool(self.instance.title)
            return context


def related_links_panels():
    """ "Mehr zum Thema" and the suggestions beneath it: one definition for every content page type."""
    return [
        FieldPanel("related_links"),
        RelatedPageSuggestionsPanel(
            heading="Vorschläge für „Mehr zum Thema“",
            help_text="Veröffentlichte Seiten, die Wörter aus Titel, Teaser und Einleitung dieser Seite teilen. "
            "Nichts wird automatisch übernommen: Passt ein Vorschlag, fügen Sie ihn oben über „Seite dieser "
            "Website“ hinzu.",
        ),
    ]
