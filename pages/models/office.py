from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Length, Substr
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.models.base import ContentPage, links_to


class OfficePageManager(PageManager):
    def with_box_data(self):
        """Offices with everything the "Anschrift und Erreichbarkeit" box renders, in a fixed number of queries."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        return (
            self.get_queryset()
            .annotate(parent_office_title=Subquery(OfficePage.objects.filter(path=parent_path).values("title")[:1]))
            .select_related("logo")
            .prefetch_related(
                Prefetch("office_locations", queryset=OfficeLocation.objects.select_related("location")),
            )
        )


class OfficePage(ContentPage):
    """A unit of the city administration: the one place its address and contact data live."""

    short_name = models.CharField(
        "Kurzname", max_length=40, blank=True, help_text="Abkürzung der Stelle, z. B. „MIA-DO-KI“."
    )
    logo = models.ForeignKey(
        "pages.PortalImage",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Wird im Kasten „Anschrift und Erreichbarkeit“ angezeigt; der Alternativtext des Bildes wird vorgelesen.",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True)

    objects = OfficePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        MultiFieldPanel([FieldPanel("short_name"), FieldPanel("logo")], heading="Stelle"),
        InlinePanel("office_locations", heading="Anschrift", label="Standort"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("related_links"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("short_name", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["pages.TopicPage", "pages.OfficePage"]
    subpage_types = ["pages.OfficePage"]

    class Meta:
        verbose_name = "Dienststelle"
        verbose_name_plural = "Dienststellen"

    @property
    def effective_office(self):
        """An office page shows its own box, also in a preview of unsaved changes."""
        return self

    @cached_property
    def parent_office_title(self):
        """The name of the office this unit belongs to: its parent in the page tree, if that is an office.

        ``with_box_data()`` annotates it, so the office box needs no query of its own.
        """
        parent = OfficePage.objects.filter(path=self.path[: -self.steplen]).values_list("title", flat=True).first()
        return parent or ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_links"] = links_to(self.child_pages(), request)
        return context

    @cached_property
    def locations(self):
        """The office's buildings in the editor's order; prefetched by ``with_box_data()``."""
        office_locations = self.office_locations.all()
        if "office_locations" not in getattr(self, "_prefetched_objects_cache", {}):
            office_locations = office_locations.select_related("location")
        return [office_location.location for office_location in office_locations]


class OfficeLocation(Orderable):
    """Links an office to a building, in the editor's order; the first is the main address."""

    office = ParentalKey(OfficePage, on_delete=models.CASCADE, related_name="office_locations")
    location = models.ForeignKey(
        "pages.Location", verbose_name="Standort", on_delete=models.PROTECT, related_name="office_locations"
    )

    panels = [FieldPanel("location")]

    class Meta(Orderable.Meta):
        verbose_name = "Standort der Stelle"
        verbose_name_plural = "Standorte der Stelle"
