from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from caching.generation import memoize
from pages.blocks import BodyStreamBlock

from pages.models.base import ContentPage, ResponsibleOfficeMixin, intro_field
from pages.panels import related_links_panels


class HomePage(ResponsibleOfficeMixin, ContentPage):
    """The portal's entry page: its sections and what lies in them."""

    intro = intro_field("Begrüßung und kurze Beschreibung des Portals.")
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="Inhalt",
        blank=True,
        help_text="Erscheint unter der Einleitung, vor der Übersicht der Bereiche.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("responsible_office"), FieldPanel("hero_image")], heading="Zuständigkeit und Bild"),
        FieldPanel("body"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.TopicPage", "pages.StandardPage", "pages.TopicsAtoZPage"]
    max_count = 1

    class Meta:
        verbose_name = "Startseite"
        verbose_name_plural = "Startseiten"

    def route(self, request, path_components):
        """Resolve a whole path in one query rather than one query per level of the tree."""
        if not path_components:
            return super().route(request, path_components)
        deepest = memoize(("route", self.pk, tuple(path_components)), lambda: self._deepest_page(path_components))
        if deepest is None:
            raise Http404
        # A page that routes below itself (e.g. a feed) handles what is left of the path.
        return deepest.route(request, path_components[deepest.depth - self.depth :])

    def _deepest_page(self, path_components):
        # No page lies deeper than the tree's path column allows (63 levels); a hostile path of thousands of
        # segments would otherwise send thousands of ever longer prefixes to the database.
        levels = min(len(path_components), Page._meta.get_field("path").max_length // Page.steplen - self.depth)
        prefixes = [self.url_path + "/".join(path_components[:n]) + "/" for n in range(1, levels + 1)]
        deepest = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth)
            .order_by("-depth")
            .first()
        )
        return deepest.specific if deepest is not None else None

    def sections(self):
        """The sections shown in the menu, each with its live pages, in two queries (kept per generation)."""
        return memoize(("home-sections", self.pk), self._sections)

    def _sections(self):
        pages = list(
            Page.objects.live()
            .public()
            .descendant_of(self)
            .filter(depth__in=[self.depth + 1, self.depth + 2])
            .defer_streamfields()
            .order_by("path")
        )
        sections = [page for page in pages if page.depth == self.depth + 1 and page.show_in_menus]
        for section in sections:
            section.entries = [page for page in pages if page.depth == self.depth + 2 and page.path.startswith(section.path)]
        return sections

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections()
        return context
