import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.api import CodeAndLabelField, ContactPersonsField
from pages.blocks import BODY_HELP_TEXT, BodyStreamBlock, DownloadStreamBlock
from pages.collation import german_sort_key
from pages.models.base import ContentPage, ResponsibleOfficeMixin, RoutableContentPageMixin, intro_field
from pages.models.office_details import ContactPerson
from pages.panels import related_links_panels
from pages.validators import errors_of
from programs.api import AmountsField, ApplicationUrlField, ProgramStatusField, RoundsField, TargetGroupsField
from programs.blocks import ApplicationStepsStreamBlock, FundedItemsStreamBlock
from programs.forms import FundingProgramPageForm
from programs.models.amounts import FundingAmountsMixin
from programs.status import Phase, german_date, program_status, window_status


# Rounds outside these years are typing errors ("9999" for "open-ended"), which would break the feeds.
FIRST_YEAR = 1950
LAST_YEAR = 2100


class FundingProgramPage(RoutableContentPageMixin, ResponsibleOfficeMixin, FundingAmountsMixin, ContentPage):
    """A funding program or award: who funds whom for what, and when to apply."""

    class Funder(models.TextChoices):
        CITY = "stadt", "Stadt Dortmund"
        STATE = "land", "Land Nordrhein-Westfalen"
        FEDERAL = "bund", "Bund"
        EU = "eu", "Europäische Union"
        FOUNDATION = "stiftung", "Stiftung"
        OTHER = "sonstige", "Sonstige"

    # Kinds that say nothing without the funder's name.
    NAMED_FUNDERS = (Funder.FOUNDATION, Funder.OTHER)

    intro = intro_field()
    funder = models.CharField(
        "Fördergeber",
        max_length=20,
        choices=Funder,
        default=Funder.CITY,
        help_text="Wer das Geld gibt; danach filtert die Übersicht der Förderprogramme.",
    )
    funder_name = models.CharField(
        "Name des Fördergebers",
        max_length=200,
        blank=True,
        help_text="Pflicht bei Stiftungen und sonstigen Fördergebern, z. B. „Sparkasse Dortmund“; sonst optional, "
        "z. B. das zuständige Ministerium.",
    )
    target_groups = ParentalManyToManyField(
        "programs.TargetGroup",
        verbose_name="Zielgruppen",
        blank=True,
        related_name="programs",
        help_text="Wer einen Antrag stellen kann. Neue Zielgruppen legen Sie unter Snippets → Zielgruppen an.",
    )
    funded_items = StreamField(
        FundedItemsStreamBlock(),
        verbose_name="Was gefördert wird",
        blank=True,
        help_text="Je ein Punkt pro Art von Projekt oder Kosten; erscheint als Liste „Was gefördert wird“.",
    )
    rolling = models.BooleanField(
        "Laufende Antragstellung",
        default=False,
        help_text="Anträge sind jederzeit möglich. Eine offene oder kommende Antragsfrist einer Runde geht vor.",
    )
    application_url = models.URLField(
        "Online-Antrag", blank=True, help_text="Adresse des Online-Antrags; erscheint nur, solange Anträge möglich sind."
    )
    application_steps = StreamField(
        ApplicationStepsStreamBlock(),
        verbose_name="So beantragen Sie die Förderung",
        blank=True,
        help_text="Die Schritte der Antragstellung in ihrer Reihenfolge; sie werden nummeriert angezeigt, solange "
        "Anträge möglich sind.",
    )
    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True, help_text=BODY_HELP_TEXT)
    downloads = StreamField(
        DownloadStreamBlock(),
        verbose_name="Formulare und Richtlinien",
        blank=True,
        help_text="Antragsformulare, Richtlinien, Merkblätter. Titel, Größe und Dateityp werden automatisch angezeigt.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("funder"), FieldPanel("funder_name")]),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("funded_items"),
                FieldRowPanel([FieldPanel("total_budget"), FieldPanel("amount_min"), FieldPanel("amount_max")]),
            ],
            heading="Förderung",
        ),
        MultiFieldPanel(
            [FieldPanel("rolling"), InlinePanel("rounds", label="Runde", heading="Antragszeiträume und Runden")],
            heading="Antragszeitraum",
        ),
        MultiFieldPanel(
            [FieldPanel("application_url"), FieldPanel("application_steps")], heading="Antragstellung"
        ),
        MultiFieldPanel([FieldPanel("responsible_office"), FieldPanel("hero_image")], heading="Zuständigkeit und Bild"),
        FieldPanel("body"),
        FieldPanel("downloads"),
        InlinePanel("contact_persons", heading="Ansprechpersonen", label="Ansprechperson"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("funder_name"),
        index.SearchField("funded_items"),
        index.SearchField("body"),
        index.FilterField("funder"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("funder", serializer=CodeAndLabelField(label_attribute="funder_label")),
        APIField("target_groups", serializer=TargetGroupsField()),
        APIField("rolling"),
        APIField("amounts", serializer=AmountsField()),
        APIField("status", serializer=ProgramStatusField()),
        APIField("rounds", serializer=RoundsField()),
        APIField("application_url", serializer=ApplicationUrlField()),
        APIField("contact_persons", serializer=ContactPersonsField()),
    ]

    base_form_class = FundingProgramPageForm
    parent_page_types = ["programs.FundingProgramIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Förderprogramm"
        verbose_name_plural = "Förderprogramme"

    def clean(self):
        errors = errors_of(super().clean)
        if self.funder in self.NAMED_FUNDERS and not self.funder_name.strip():
            errors.setdefault("funder_name", []).append(
                f"Bitte geben Sie den Namen des Fördergebers an („{self.get_funder_display()}“ allein sagt zu wenig)."
            )
        if errors:
            raise ValidationError(errors)

    # --- what a citizen reads -------------------------------------------

    @property
    def funder_label(self):
        """ "Land Nordrhein-Westfalen", "Land Nordrhein-Westfalen (Ministerium …)", or a foundation's name."""
        if self.funder in self.NAMED_FUNDERS:
            return self.funder_name or self.get_funder_display()
        if self.funder_name:
            return f"{self.get_funder_display()} ({self.funder_name})"
        return self.get_funder_display()

    @cached_property
    def _rounds(self):
        return list(self.rounds.all())

    @cached_property
    def sorted_target_groups(self):
        return sorted(self.target_groups.all(), key=lambda group: german_sort_key(group.name))

    @property
    def has_dated_rounds(self):
        """Whether the calendar feed has anything to hold."""
        return any(funding_round.opens or funding_round.closes for funding_round in self._rounds)

    def status_on(self, today):
        return program_status([funding_round.status_on(today) for funding_round in self._rounds], self.rolling)

    @cached_property
    def status(self):
        """Today's status; computed for every request, never stored."""
        return self.status_on(timezone.localdate())

    def rounds_on(self, today):
        """(current, later, past): the round that matters now, other coming rounds, and past rounds, latest first."""
        with_status = [(funding_round, funding_round.status_on(today)) for funding_round in self._rounds]
        coming = sorted(
            (pair for pair in with_status if pair[1].phase is not Phase.CLOSED), key=lambda pair: pair[1].sort_key()
        )
        past = sorted(
            (pair for pair in with_status if pair[1].phase is Phase.CLOSED),
            key=lambda pair: pair[0].ends_on,
            reverse=True,
        )
        current = coming[0][0] if coming else None
        return current, [pair[0] for pair in coming[1:]], [pair[0] for pair in past]

    @staticmethod
    def _rounds_heading(current, later, today):
        if current is None:
            return ""
        is_open = current.status_on(today).phase is Phase.OPEN
        if later:
            return "Aktuelle und kommende Runden" if is_open else "Kommende Runden"
        return "Aktuelle Runde" if is_open else "Nächste Runde"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        current, later, past = self.rounds_on(today)
        status = self.status
        context.update(
            status=status,
            # A closed program shows no call to apply.
            show_application=status.phase is not Phase.CLOSED,
            application_url=self.application_url if status.accepts_applications else "",
            target_groups=[group.name for group in self.sorted_target_groups],
            has_dates=self.has_dated_rounds,
            current_round=current,
            rounds_heading=self._rounds_heading(current, later, today),
            later_rounds=later,
            past_rounds=past,
            downloads=[block.value for block in self.downloads],
            contact_people=list(self.contact_persons.all()),
        )
        return context

    @path("kalender/", name="calendar")
    def calendar(self, request):
        from programs.calendar import programs_calendar

        response = HttpResponse(
            programs_calendar([self], self.title, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{self.slug}.ics")
        return response


class FundingRound(FundingAmountsMixin, Orderable):
    """One round of a program (e.g. a yearly award): its application window, amounts and outcome."""

    program = ParentalKey(FundingProgramPage, on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField(
        "Jahr",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(FIRST_YEAR, f"Bitte ein Jahr ab {FIRST_YEAR} angeben."),
            MaxValueValidator(LAST_YEAR, f"Bitte ein Jahr bis {LAST_YEAR} angeben."),
        ],
        help_text="Für Runden ohne bekannte Daten, z. B. eine Preisverleihung.",
    )
    label = models.CharField(
        "Bezeichnung", max_length=120, blank=True, help_text="z. B. „Integrationspreis 2009“ oder „Frühjahrsrunde 2027“"
    )
    opens = models.DateField("Antragstellung ab", null=True, blank=True, help_text="Der erste Tag, an dem Anträge möglich sind.")
    closes = models.DateField(
        "Antragsfrist bis einschließlich",
        null=True,
        blank=True,
        help_text="Der letzte Tag der Antragsfrist; leer lassen, wenn die Runde kein festes Ende hat.",
    )
    description = models.TextField("Beschreibung", blank=True, help_text="Was diese Runde von anderen unterscheidet, z. B. ein Schwerpunkt.")
    outcome = models.TextField("Ergebnis", blank=True, help_text="z. B. die Preisträger oder die geförderten Projekte.")

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("year")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldRowPanel([FieldPanel("total_budget"), FieldPanel("amount_min"), FieldPanel("amount_max")]),
        FieldPanel("description"),
        FieldPanel("outcome"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Runde"
        verbose_name_plural = "Runden"

    def clean(self):
        errors = errors_of(super().clean)
        if self.opens and self.closes and self.closes < self.opens:
            errors.setdefault("closes", []).append("Das Ende der Antragsfrist darf nicht vor ihrem Beginn liegen.")
        for name in ("opens", "closes"):
            day = getattr(self, name)
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                errors.setdefault(name, []).append(f"Bitte ein Datum zwischen {FIRST_YEAR} und {LAST_YEAR} angeben.")
        if not (self.year or self.opens or self.closes):
            errors.setdefault("year", []).append("Bitte geben Sie ein Jahr oder einen Antragszeitraum an.")
        if errors:
            raise ValidationError(errors)

    def status_on(self, today):
        return window_status(self.opens, self.closes, today, year=self.year)

    @property
    def title(self):
        if self.label:
            return self.label
        day = self.closes or self.opens
        year = self.year or (day.year if day else None)
        return f"Runde {year}" if year else "Runde"

    @property
    def ends_on(self):
        """The last day of the round, for ordering past rounds."""
        if self.closes or self.opens:
            return self.closes or self.opens
        return datetime.date(self.year, 12, 31) if self.year else datetime.date.min

    @property
    def window_label(self):
        """ "1. Mai 2027 bis 15. September 2027", "bis 15. September 2027", "ab 1. Mai 2027" or ""."""
        if self.opens and self.closes:
            return f"{german_date(self.opens)} bis {german_date(self.closes)}"
        if self.closes:
            return f"bis {german_date(self.closes)}"
        if self.opens:
            return f"ab {german_date(self.opens)}"
        return ""


class ProgramContactPerson(ContactPerson):
    program = ParentalKey(FundingProgramPage, on_delete=models.CASCADE, related_name="contact_persons")

    class Meta(ContactPerson.Meta):
        pass
