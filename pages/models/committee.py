import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.api import CodeAndLabelField, CommitteeMeetingsField, CommitteeMembersField, PageReferenceField
from pages.blocks import BODY_HELP_TEXT, BodyStreamBlock
from pages.collation import german_sort_key
from pages.models.base import ContentPage, RoutableContentPageMixin, intro_field
from pages.panels import related_links_panels


class CommitteePage(RoutableContentPageMixin, ContentPage):
    """A committee, advisory board, network or city cooperation, with its members and meetings."""

    class Kind(models.TextChoices):
        GREMIUM = "gremium", "Gremium"
        BEIRAT = "beirat", "Beirat"
        NETZWERK = "netzwerk", "Netzwerk"
        STAEDTEKOOPERATION = "staedtekooperation", "Städtekooperation"

    class MemberOrder(models.TextChoices):
        EDITOR = "editor", "in der eingegebenen Reihenfolge"
        ALPHABETICAL = "alphabetical", "alphabetisch"

    kind = models.CharField(
        "Art",
        max_length=20,
        choices=Kind,
        default=Kind.GREMIUM,
        help_text="Erscheint über dem Titel und ordnet das Gremium in Übersichten ein.",
    )
    former_name = models.CharField(
        "Früherer Name", max_length=200, blank=True, help_text="Nach einer Umbenennung: der bisherige Name."
    )
    founded = models.PositiveSmallIntegerField("Gegründet im Jahr", null=True, blank=True, help_text="z. B. „2007“")
    legal_basis = models.CharField("Rechtsgrundlage", max_length=200, blank=True, help_text="z. B. „§ 27 GO NRW“")
    composition = models.TextField(
        "Zusammensetzung",
        blank=True,
        help_text="Wer dem Gremium angehört, in ein bis zwei Sätzen; die einzelnen Mitglieder tragen Sie unten ein.",
    )
    chair = models.CharField("Vorsitz", max_length=200, blank=True, help_text="Name und, falls üblich, Funktion.")
    deputy_chair = models.CharField(
        "Stellvertretender Vorsitz", max_length=200, blank=True, help_text="Name und, falls üblich, Funktion."
    )
    # The managing office plays the responsible office's part: kicker, parent line and box.
    office_field = "managing_office"
    managing_office = models.ForeignKey(
        "pages.OfficePage",
        verbose_name="Geschäftsstelle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Ihre Anschrift erscheint im Kasten „Anschrift und Erreichbarkeit“. Leer lassen, um die Stelle "
        "der übergeordneten Seite zu übernehmen.",
    )
    member_order = models.CharField(
        "Reihenfolge der Mitglieder",
        max_length=20,
        choices=MemberOrder,
        default=MemberOrder.EDITOR,
        help_text="Wie die Mitglieder auf der Seite sortiert werden; „alphabetisch“ sortiert nach deutschen Regeln.",
    )
    intro = intro_field()
    meeting_rhythm = models.CharField("Sitzungsrhythmus", max_length=100, blank=True, help_text="z. B. „vierteljährlich“")
    body = StreamField(BodyStreamBlock(), verbose_name="Inhalt", blank=True, help_text=BODY_HELP_TEXT)

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("founded")]),
                FieldPanel("former_name"),
                FieldPanel("legal_basis"),
                FieldPanel("composition"),
                FieldRowPanel([FieldPanel("chair"), FieldPanel("deputy_chair")]),
                FieldPanel("meeting_rhythm"),
            ],
            heading="Gremium",
        ),
        FieldPanel("managing_office"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("member_order"),
        InlinePanel("members", heading="Mitglieder", label="Mitglied"),
        InlinePanel("meetings", heading="Sitzungen", label="Sitzung"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("former_name"),
        index.SearchField("composition"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("kind", serializer=CodeAndLabelField()),
        APIField("former_name"),
        APIField("founded"),
        APIField("legal_basis"),
        APIField("composition"),
        APIField("chair"),
        APIField("deputy_chair"),
        APIField("meeting_rhythm"),
        APIField("managing_office", serializer=PageReferenceField()),
        APIField("members", serializer=CommitteeMembersField()),
        APIField("meetings", serializer=CommitteeMeetingsField()),
    ]

    parent_page_types = ["pages.TopicPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Gremium"
        verbose_name_plural = "Gremien"

    @cached_property
    def sorted_members(self):
        members = list(self.members.all())
        if self.member_order == self.MemberOrder.ALPHABETICAL:
            members.sort(key=lambda member: german_sort_key(member.name))
        return members

    @cached_property
    def _meetings(self):
        meetings = self.meetings.select_related("agenda", "minutes")
        return sorted(meetings, key=lambda meeting: (meeting.date, meeting.starts or datetime.time.min))

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def upcoming_meetings(self):
        today = timezone.localdate()
        return [meeting for meeting in self._meetings if meeting.date >= today]

    @property
    def past_meetings(self):
        today = timezone.localdate()
        return [meeting for meeting in self._meetings if meeting.date < today]

    @path("kalender/", name="calendar")
    def calendar(self, request):
        from pages.calendar import committee_calendar

        response = HttpResponse(committee_calendar(self, request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{self.slug}.ics")
        return response


class CommitteeMember(Orderable):
    """A member organisation or person of a committee."""

    class Role(models.TextChoices):
        VOTING = "voting", "stimmberechtigt"
        ADVISORY = "advisory", "beratend"
        SUBSTITUTE = "substitute", "stellvertretend"

    committee = ParentalKey(CommitteePage, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("Name", max_length=255, help_text="Name der Organisation oder der Person.")
    affiliation = models.CharField(
        "Zugehörigkeit", max_length=255, blank=True, help_text="Organisation oder Liste, für die das Mitglied im Gremium sitzt."
    )
    role = models.CharField("Rolle", max_length=20, choices=Role, blank=True, help_text="Leer lassen, wenn es keine Unterscheidung gibt.")

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("affiliation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = "Mitglied"
        verbose_name_plural = "Mitglieder"


class CommitteeMeeting(Orderable):
    """A meeting with its place and papers."""

    committee = ParentalKey(CommitteePage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("Datum", help_text="Vergangene Sitzungen bleiben mit ihren Unterlagen auf der Seite stehen.")
    starts = models.TimeField("Beginn", null=True, blank=True, help_text="z. B. „16:00“")
    ends = models.TimeField("Ende", null=True, blank=True, help_text="Leer lassen, wenn das Ende offen ist.")
    place = models.CharField("Ort", max_length=255, blank=True, help_text="Gebäude und Raum, z. B. „Rathaus, Saal Westfalia“.")
    agenda = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tagesordnung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Die Tagesordnung als Dokument, meist ein PDF; erscheint als Download bei der Sitzung.",
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Niederschrift",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Das Protokoll der Sitzung, sobald es veröffentlicht werden darf.",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("agenda"), FieldPanel("minutes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Sitzung"
        verbose_name_plural = "Sitzungen"

    @property
    def time_label(self):
        """ "16:00–19:30 Uhr", "16:00 Uhr" or "" without a start."""
        if not self.starts:
            return ""
        if self.ends:
            return f"{self.starts:%-H:%M}–{self.ends:%-H:%M} Uhr"
        return f"{self.starts:%-H:%M} Uhr"

    def clean(self):
        if self.ends and not self.starts:
            raise ValidationError({"starts": "Bitte geben Sie auch den Beginn an."})
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": "Das Ende muss nach dem Beginn liegen."})
