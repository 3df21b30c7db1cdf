from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import BODY_HELP_TEXT, BodyStreamBlock
from pages.models.base import ContentPage, ResponsibleOfficeMixin
from pages.panels import related_links_panels


class StandardPage(ResponsibleOfficeMixin, ContentPage):
    """A plain page such as Impressum, Datenschutz or the accessibility statement."""

    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True, help_text=BODY_HELP_TEXT)

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("responsible_office"),
        FieldPanel("body"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "Einfache Seite"
        verbose_name_plural = "Einfache Seiten"
