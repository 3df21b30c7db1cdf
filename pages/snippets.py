"""Snippets shared by several pages: the buildings offices are located in."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class Access(models.TextChoices):
    """An accessibility feature of a building: known to exist, known to be missing, or not known."""

    YES = "ja", "ja"
    NO = "nein", "nein"
    UNKNOWN = "unbekannt", "unbekannt"


class Location(RevisionMixin, index.Indexed, models.Model):
    """A building's postal address; several offices may share one. Every edit is kept as a revision."""

    name = models.CharField(
        "Bezeichnung",
        max_length=200,
        blank=True,
        help_text="Name des Gebäudes, falls es einen hat, z. B. „Berswordthalle“.",
    )
    street = models.CharField("Straße und Hausnummer", max_length=200, help_text="z. B. „Südwall 21 - 23“")
    postcode = models.CharField("Postleitzahl", max_length=5, help_text="Fünf Ziffern, z. B. „44137“.")
    city = models.CharField("Ort", max_length=100, default="Dortmund", help_text="Meist „Dortmund“.")
    note = models.CharField(
        "Hinweis zum Gebäude",
        max_length=255,
        blank=True,
        help_text="z. B. Etage, Raum oder Eingang.",
    )
    step_free = models.CharField(
        "Stufenloser Zugang",
        max_length=10,
        choices=Access,
        default=Access.UNKNOWN,
        help_text="Ohne Stufen oder über eine Rampe erreichbar? „unbekannt“ wird auf der Website nicht angezeigt.",
    )
    lift = models.CharField(
        "Aufzug",
        max_length=10,
        choices=Access,
        default=Access.UNKNOWN,
        help_text="Erreicht ein Aufzug alle Etagen mit Publikumsverkehr? „unbekannt“ wird nicht angezeigt.",
    )
    accessible_wc = models.CharField(
        "Barrierefreies WC",
        max_length=10,
        choices=Access,
        default=Access.UNKNOWN,
        help_text="Gibt es ein rollstuhlgerechtes WC für Besucherinnen und Besucher? „unbekannt“ wird nicht angezeigt.",
    )
    transit_stop = models.CharField(
        "Nächste Haltestelle", max_length=100, blank=True, help_text="Haltestelle von Bus oder Bahn, z. B. „Stadtgarten“."
    )
    transit_lines = models.CharField(
        "Linien", max_length=150, blank=True, help_text="Durch Kommas getrennt, z. B. „U41, U45, U47, U49“."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldPanel("note"),
        MultiFieldPanel(
            [FieldPanel("step_free"), FieldPanel("lift"), FieldPanel("accessible_wc")], heading="Barrierefreiheit"
        ),
        FieldRowPanel([FieldPanel("transit_stop"), FieldPanel("transit_lines")], heading="Öffentlicher Nahverkehr"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("street"),
        index.AutocompleteField("street"),
        index.FilterField("postcode"),
    ]

    class Meta:
        verbose_name = "Standort"
        verbose_name_plural = "Standorte"
        ordering = ["street"]
        constraints = [
            models.UniqueConstraint(fields=["street", "postcode", "city"], name="unique_location_address"),
        ]

    def access_features(self):
        """Accessibility facts that are known, as (label, available) pairs; unknown ones are left out."""
        features = [
            ("Stufenloser Zugang", self.step_free),
            ("Aufzug", self.lift),
            ("Barrierefreies WC", self.accessible_wc),
        ]
        return [(label, value == Access.YES) for label, value in features if value != Access.UNKNOWN]

    def __str__(self):
        return f"{self.street}, {self.postcode} {self.city}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.postcode.isdigit() and len(self.postcode) == 5):
            raise ValidationError({"postcode": "Eine Postleitzahl besteht aus fünf Ziffern."})
