from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from pages.api import (
    ContactPersonsField,
    CurrentClosuresField,
    LanguagesField,
    OfficeLocationsField,
    OpeningHoursField,
)
from caching.generation import memoize
from pages.blocks import BodyStreamBlock
from pages.models.base import (
    ContentPage,
    RoutableContentPageMixin,
    is_public,
    links_to,
    pages_naming_office,
    private_paths,
)
from pages.models.office_details import OfficeLocation
from pages.panels import related_links_panels
from pages.validators import phone_href, validate_phone


class OfficePageManager(PageManager):
    def with_box_data(self):
        """Offices with everything the "Anschrift und Erreichbarkeit" box renders, in a fixed number of queries."""
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        return (
            self.get_queryset()
            .annotate(parent_office_title=Subquery(OfficePage.objects.filter(path=parent_path).values("title")[:1]))
            .select_related("logo")
            .prefetch_related(
                Prefetch(
                    "office_locations", queryset=OfficeLocation.objects.select_related("location", "new_location")
                ),
                "opening_hours",
                "closures",
            )
        )


class OfficePage(RoutableContentPageMixin, ContentPage):
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
        help_text="Wird im Kasten „Anschrift und Erreichbarkeit“ neben dem Namen der Stelle angezeigt.",
    )
    phone = models.CharField(
        "Telefon",
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="Mit Vorwahl, z. B. „0231 50-12345“; erscheint im Kasten „Anschrift und Erreichbarkeit“.",
    )
    fax = models.CharField(
        "Fax", max_length=40, blank=True, validators=[validate_phone], help_text="Mit Vorwahl, z. B. „0231 50-10982“."
    )
    email = models.EmailField(
        "E-Mail",
        blank=True,
        help_text="Das Funktionspostfach der Stelle, z. B. „integrationszentrum@stadtdo.de“; keine persönliche Adresse.",
    )
    website = models.URLField("Website", blank=True, help_text="Eine eigene Website der Stelle, falls es eine gibt.")
    appointment_url = models.URLField(
        "Online-Terminvereinbarung",
        blank=True,
        help_text="Adresse, unter der Bürgerinnen und Bürger online einen Termin vereinbaren.",
    )
    hours_note = models.TextField(
        "Hinweis zu den Öffnungszeiten",
        blank=True,
        help_text="Wird angezeigt, wenn keine wöchentlichen Öffnungszeiten eingetragen sind, z. B. "
        "„Eine Vorsprache ist nur nach vorheriger Terminvereinbarung möglich.“",
    )
    languages = models.CharField(
        "Sprachen am Schalter",
        max_length=255,
        blank=True,
        help_text="Durch Kommas getrennt, z. B. „Deutsch, Englisch, Türkisch“.",
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="Inhalt",
        blank=True,
        help_text="Was die Stelle tut und wobei sie hilft. Anschrift, Öffnungszeiten und Kontaktdaten gehören in "
        "die Felder oben, nicht in den Text: so zeigt jede Seite sie gleich an.",
    )

    objects = OfficePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        MultiFieldPanel([FieldPanel("short_name"), FieldPanel("logo")], heading="Stelle"),
        InlinePanel("office_locations", heading="Anschrift", label="Standort"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("appointment_url"),
            ],
            heading="Erreichbarkeit",
        ),
        InlinePanel("opening_hours", heading="Öffnungszeiten", label="Öffnungszeit"),
        FieldPanel("hours_note"),
        InlinePanel("closures", heading="Schließzeiten", label="Schließzeit"),
        InlinePanel("contact_persons", heading="Ansprechpersonen", label="Ansprechperson"),
        FieldPanel("languages"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("short_name", boost=2),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("short_name"),
        APIField("phone"),
        APIField("fax"),
        APIField("email"),
        APIField("website"),
        APIField("appointment_url"),
        APIField("hours_note"),
        APIField("languages", serializer=LanguagesField()),
        APIField("locations", serializer=OfficeLocationsField()),
        APIField("opening_hours", serializer=OpeningHoursField()),
        APIField("closures", serializer=CurrentClosuresField()),
        APIField("contact_persons", serializer=ContactPersonsField()),
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

    def responsible_for(self):
        """Live pages that name this office as responsible, in one query across all page types."""
        if self.pk is None:  # the preview of an office that is not saved yet
            return Page.objects.none()
        return Page.objects.live().public().filter(pk__in=pages_naming_office(self.pk)).defer_streamfields().order_by("title")

    def _public_responsible_for(self):
        """What ``responsible_for()`` lists, filtered against the view restrictions the render reads anyway, so
        the page needs no query of its own for them."""
        if self.pk is None:
            return []
        hidden_paths = private_paths()
        pages = Page.objects.live().filter(pk__in=pages_naming_office(self.pk)).defer_streamfields().order_by("title")
        return [page for page in pages if is_public(page, hidden_paths)]

    @path("visitenkarte/", name="vcard")
    def vcard(self, request):
        """ "Kontakt speichern": the office as a vCard for the address book."""
        from pages.vcard import office_vcard

        response = HttpResponse(office_vcard(self, request), content_type="text/vcard; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{self.slug}.vcf")
        return response

    def structured_data(self, request=None):
        """schema.org data of the office for search engines (JSON-LD)."""
        from pages.structured_data import government_office

        return government_office(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_links"] = links_to(memoize(("child-pages", self.pk), lambda: list(self.child_pages())), request)
        context["responsible_links"] = links_to(
            memoize(("responsible-for", self.pk), self._public_responsible_for), request
        )
        context["structured_data"] = self.structured_data(request)
        return context

    @property
    def phone_href(self):
        return phone_href(self.phone)

    @cached_property
    def weekly_hours(self):
        """Opening hours in weekday order."""
        return sorted(self.opening_hours.all(), key=lambda row: row.sort_key)

    @cached_property
    def current_closures(self):
        """Closures that apply today."""
        today = timezone.localdate()
        return [closure for closure in self.closures.all() if closure.starts <= today <= closure.ends]

    @property
    def has_box_content(self):
        return bool(
            self.locations or self.phone or self.fax or self.email or self.website or self.appointment_url
            or self.weekly_hours or self.hours_note or self.current_closures
        )

    @cached_property
    def contacts(self):
        return list(self.contact_persons.all())

    @property
    def language_list(self):
        return [language.strip() for language in self.languages.split(",") if language.strip()]

    @cached_property
    def _office_locations(self):
        office_locations = self.office_locations.all()
        if "office_locations" not in getattr(self, "_prefetched_objects_cache", {}):
            office_locations = office_locations.select_related("location", "new_location")
        return list(office_locations)

    @cached_property
    def locations(self):
        """The buildings the office is in today, in the editor's order; a planned move counts from its day on."""
        today = timezone.localdate()
        return [office_location.current_location(today) for office_location in self._office_locations]

    @cached_property
    def planned_moves(self):
        """(date, new building) of the moves that still lie ahead."""
        today = timezone.localdate()
        moves = [office_location.upcoming_move(today) for office_location in self._office_locations]
        return [move for move in moves if move]
