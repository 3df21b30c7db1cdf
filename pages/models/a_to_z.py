from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from pages.collation import german_sort_key
from pages.models.base import ContentPage, ResponsibleOfficeMixin, intro_field, links_to
from pages.panels import related_links_panels



@dataclass
class LetterGroup:
    letter: str
    links: list = field(default_factory=list)

    @property
    def anchor(self):
        return "buchstabe-" + {"0–9": "0-9", OTHERS: "sonstige"}.get(self.letter, self.letter.lower())


OTHERS = "Sonstige"


def filing_title(title):
    """The title without leading quotes and punctuation: „Wir in Dortmund“ files under W."""
    return title.lstrip("\"'„“”‚‘’»«›‹([{.…–—-_*#!? ")


def initial_letter(title):
    """ "Ämter" -> "A", "Überblick" -> "U", "2005" -> "0–9"; German order, umlauts with their base letter."""
    first = german_sort_key(filing_title(title) or title)[0][:1].upper()
    if first.isdigit():
        return "0–9"
    return first if "A" <= first <= "Z" else OTHERS


class TopicsAtoZPage(ResponsibleOfficeMixin, ContentPage):
    """ "Themen A–Z": every topic, committee, office and funding program, grouped by initial letter."""

    intro = intro_field()

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("intro"),
        *related_links_panels(),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Themen A–Z"
        verbose_name_plural = "Themen A–Z"

    def listed_pages(self):
        """Every live, public page of this site that citizens look for: not the home page, legal pages or this one."""
        from pages.models.home import HomePage
        from pages.models.standard import StandardPage

        not_listed = ContentType.objects.get_for_models(HomePage, StandardPage, TopicsAtoZPage).values()
        home_path = self.path[: self.steplen * 2]
        return (
            Page.objects.live()
            .public()
            .filter(path__startswith=home_path, depth__gt=2)
            .exclude(content_type__in=list(not_listed))
            .defer_streamfields()
        )

    def letter_groups(self, request=None):
        pages = sorted(self.listed_pages(), key=lambda page: german_sort_key(filing_title(page.title) or page.title))
        groups = {}
        for link, page in zip(links_to(pages, request), pages):
            letter = initial_letter(page.title)
            groups.setdefault(letter, LetterGroup(letter)).links.append(link)
        return list(groups.values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["letter_groups"] = self.letter_groups(request) if self.pk else []
        return context
