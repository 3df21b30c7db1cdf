from django.db.models import Q
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BODY_HELP_TEXT, BodyStreamBlock, DownloadStreamBlock
from caching.generation import memoize
from pages.models.base import ContentPage, ResponsibleOfficeMixin, intro_field, is_public, links_to, private_paths
from pages.panels import related_links_panels


class TopicPage(ResponsibleOfficeMixin, ContentPage):
    """A topic of the city's integration work; lists its child topics when it has any."""

    intro = intro_field()
    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True, help_text=BODY_HELP_TEXT)
    downloads = StreamField(
        DownloadStreamBlock(),
        verbose_name="Downloads",
        blank=True,
        help_text="Dateien unter dem Inhalt. Titel, Größe und Dateityp werden automatisch angezeigt.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("responsible_office"), FieldPanel("hero_image")], heading="Zuständigkeit und Bild"),
        FieldPanel("body"),
        FieldPanel("downloads"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro")]

    parent_page_types = ["pages.HomePage", "pages.TopicPage"]
    subpage_types = ["pages.TopicPage", "pages.OfficePage", "pages.CommitteePage", "programs.FundingProgramIndexPage"]

    class Meta:
        verbose_name = "Themenseite"
        verbose_name_plural = "Themenseiten"

    def _family(self):
        """(siblings including this page, children): live and public, in the editor's order, from one query."""
        if self.pk is None:
            return [], []
        return memoize(("topic-family", self.pk), self._fetch_family)

    def _fetch_family(self):
        parent = self.ancestors_nearest_first[0] if self.ancestors_nearest_first else None
        if self.pk is None or parent is None:
            return [], []
        # Private pages are dropped against the view restrictions kept for the render ("Mehr zum Thema" and rich
        # text read them too), rather than by .public(), which would query them again.
        hidden_paths = private_paths()
        pages = [
            page
            for page in Page.objects.live()
            .filter(
                Q(path__startswith=parent.path, depth=self.depth) | Q(path__startswith=self.path, depth=self.depth + 1)
            )
            .defer_streamfields()
            .order_by("path")
            if is_public(page, hidden_paths)
        ]
        return [page for page in pages if page.depth == self.depth], [page for page in pages if page.depth > self.depth]

    def section_navigation(self, siblings, children, request=None):
        """The parent topic, this page among its siblings, and this page's children; None at the top level."""
        parent = self.ancestors_nearest_first[0] if self.ancestors_nearest_first else None
        if parent is None or parent.depth <= 2 or not parent.live:
            return None
        return {
            "parent": links_to([parent], request)[0],
            "items": [
                (link, page.pk == self.pk, links_to(children, request) if page.pk == self.pk else [])
                for link, page in zip(links_to(siblings, request), siblings)
            ],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings, children = self._family()
        context["downloads"] = [block.value for block in self.downloads]
        context["child_links"] = links_to(children, request)
        context["section_navigation"] = self.section_navigation(siblings, children, request)
        return context
