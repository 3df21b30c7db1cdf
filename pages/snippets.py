"""Snippets shared by several pages: the buildings offices are located in."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Location(index.Indexed, models.Model):
    """A building's postal address; several offices may share one."""

    name = models.CharField(
        "Bezeichnung",
        max_length=200,
        blank=True,
        help_text="Name des Gebäudes, falls es einen hat, z. B. „Berswordthalle“.",
    )
    street = models.CharField("Straße und Hausnummer", max_length=200)
    postcode = models.CharField("Postleitzahl", max_length=5)
    city = models.CharField("Ort", max_length=100, default="Dortmund")
    note = models.CharField(
        "Hinweis zum Gebäude",
        max_length=255,
        blank=True,
        help_text="z. B. Etage, Raum oder Eingang.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldPanel("postcode"),
        FieldPanel("city"),
        FieldPanel("note"),
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

    def __str__(self):
        return f"{self.street}, {self.postcode} {self.city}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not (self.postcode.isdigit() and len(self.postcode) == 5):
            raise ValidationError({"postcode": "Eine Postleitzahl besteht aus fünf Ziffern."})
