from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.models.base import ContentPage, ResponsibleOfficeMixin


class StandardPage(ResponsibleOfficeMixin, ContentPage):
    """A plain page such as Impressum, Datenschutz or the accessibility statement."""

    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("responsible_office"),
        FieldPanel("body"),
        FieldPanel("related_links"),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "Einfache Seite"
        verbose_name_plural = "Einfache Seiten"
