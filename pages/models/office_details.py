"""The rows an office page holds: locations, opening hours, closures and contact persons."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from pages.validators import phone_href, validate_phone

WEEKDAYS = [
    (0, "Montag"),
    (1, "Dienstag"),
    (2, "Mittwoch"),
    (3, "Donnerstag"),
    (4, "Freitag"),
    (5, "Samstag"),
    (6, "Sonntag"),
]


class OfficeLocation(Orderable):
    """Links an office to a building, in the editor's order; the first is the main address.

    A planned move names the new building and the day it takes effect: until then
    pages show the current address with a notice, from that day on the new one,
    without anybody publishing again.
    """

    office = ParentalKey("pages.OfficePage", on_delete=models.CASCADE, related_name="office_locations")
    location = models.ForeignKey(
        "pages.Location",
        verbose_name="Standort",
        on_delete=models.PROTECT,
        related_name="office_locations",
        help_text="Das Gebäude mit Anschrift; der erste Standort ist die Hauptanschrift. Neue Gebäude legen Sie "
        "unter „Standorte“ an.",
    )
    new_location = models.ForeignKey(
        "pages.Location",
        verbose_name="Neuer Standort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planned_office_locations",
        help_text="Nur bei einem geplanten Umzug: das Gebäude, in das die Stelle umzieht.",
    )
    moves_on = models.DateField(
        "Umzug zum",
        null=True,
        blank=True,
        help_text="Ab diesem Tag zeigen alle Seiten den neuen Standort.",
    )

    panels = [FieldPanel("location"), FieldRowPanel([FieldPanel("new_location"), FieldPanel("moves_on")])]

    class Meta(Orderable.Meta):
        verbose_name = "Standort der Stelle"
        verbose_name_plural = "Standorte der Stelle"

    def clean(self):
        if bool(self.new_location_id) != bool(self.moves_on):
            field = "moves_on" if self.new_location_id else "new_location"
            raise ValidationError({field: "Für einen Umzug geben Sie bitte den neuen Standort und das Datum an."})
        if self.new_location_id and self.new_location_id == self.location_id:
            raise ValidationError({"new_location": "Der neue Standort ist derselbe wie der bisherige."})

    def has_moved(self, today):
        return self.moves_on is not None and self.new_location_id is not None and self.moves_on <= today

    def current_location(self, today):
        return self.new_location if self.has_moved(today) else self.location

    def upcoming_move(self, today):
        """(date, new location) while a move lies ahead, else None."""
        if self.moves_on is None or self.new_location_id is None or self.has_moved(today):
            return None
        return self.moves_on, self.new_location


class OfficeOpeningHours(Orderable):
    """One row of weekly opening hours, e.g. "Montag bis Freitag, 8:00–12:00 Uhr, ohne Termin"."""

    office = ParentalKey("pages.OfficePage", on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField("Wochentag", choices=WEEKDAYS, help_text="Der erste Tag mit diesen Zeiten.")
    until_weekday = models.PositiveSmallIntegerField(
        "bis Wochentag",
        choices=WEEKDAYS,
        null=True,
        blank=True,
        help_text="Nur für mehrere Tage mit gleichen Zeiten, z. B. Montag bis Freitag.",
    )
    opens = models.TimeField("von", help_text="z. B. „8:00“")
    closes = models.TimeField("bis", help_text="z. B. „12:00“; für eine Mittagspause eine zweite Zeile anlegen.")
    note = models.CharField("Hinweis", max_length=100, blank=True, help_text="z. B. „mit Termin“ oder „ohne Termin“")

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("until_weekday")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Öffnungszeit"
        verbose_name_plural = "Öffnungszeiten"

    def clean(self):
        errors = {}
        if self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = "Das Ende muss nach dem Beginn liegen."
        if self.until_weekday is not None and self.weekday is not None and self.until_weekday <= self.weekday:
            errors["until_weekday"] = "Der letzte Tag muss nach dem ersten Tag liegen."
        if errors:
            raise ValidationError(errors)

    @property
    def days_label(self):
        label = dict(WEEKDAYS)[self.weekday]
        if self.until_weekday is None:
            return label
        joiner = " und " if self.until_weekday == self.weekday + 1 else " bis "
        return f"{label}{joiner}{dict(WEEKDAYS)[self.until_weekday]}"

    @property
    def sort_key(self):
        return (self.weekday, self.opens)


class OfficeClosure(Orderable):
    """A period in which the office is closed, shown while it applies."""

    office = ParentalKey("pages.OfficePage", on_delete=models.CASCADE, related_name="closures")
    starts = models.DateField("geschlossen ab", help_text="Der erste geschlossene Tag.")
    ends = models.DateField("geschlossen bis einschließlich", help_text="Der letzte geschlossene Tag; danach verschwindet der Hinweis von selbst.")
    note = models.CharField("Hinweis", max_length=255, blank=True, help_text="z. B. „zwischen Weihnachten und Neujahr“")

    panels = [FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "Schließzeit"
        verbose_name_plural = "Schließzeiten"

    def clean(self):
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": "Das Ende der Schließzeit darf nicht vor ihrem Beginn liegen."})


class ContactPerson(Orderable):
    """A person citizens may contact directly; offices and funding programs list them."""

    name = models.CharField("Name", max_length=150, help_text="Vor- und Nachname, z. B. „Aylin Demir“.")
    role = models.CharField(
        "Aufgabe", max_length=150, blank=True, help_text="Wofür die Person zuständig ist, z. B. „Beratung von Vereinen“."
    )
    phone = models.CharField(
        "Telefon", max_length=40, blank=True, validators=[validate_phone], help_text="Durchwahl mit Vorwahl."
    )
    email = models.EmailField("E-Mail", blank=True, help_text="Nur mit Einverständnis der Person.")

    panels = [FieldPanel("name"), FieldPanel("role"), FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "Ansprechperson"
        verbose_name_plural = "Ansprechpersonen"

    @property
    def phone_href(self):
        return phone_href(self.phone)


class OfficeContactPerson(ContactPerson):
    office = ParentalKey("pages.OfficePage", on_delete=models.CASCADE, related_name="contact_persons")

    class Meta(ContactPerson.Meta):
        pass
