from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyStreamBlock, DownloadStreamBlock
from pages.models.base import ContentPage, ResponsibleOfficeMixin, intro_field, links_to


class TopicPage(ResponsibleOfficeMixin, ContentPage):
    """A topic of the city's integration work; lists its child topics when it has any."""

    intro = intro_field()
    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True)
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
        FieldPanel("related_links"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["pages.HomePage", "pages.TopicPage"]
    subpage_types = ["pages.TopicPage", "pages.OfficePage", "pages.CommitteePage", "programs.FundingProgramIndexPage"]

    class Meta:
        verbose_name = "Themenseite"
        verbose_name_plural = "Themenseiten"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["downloads"] = [block.value for block in self.downloads]
        context["child_links"] = links_to(self.child_pages(), request)
        return context
