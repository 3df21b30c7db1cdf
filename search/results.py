"""What a results page shows: kinds with counts, each hit with its breadcrumb, in a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from pages.models import CommitteePage, HomePage, OfficePage, StandardPage, TopicPage, TopicsAtoZPage
from programs.models import FundingProgramIndexPage, FundingProgramPage

KIND_PARAM = "art"
KINDS = {
    "themen": ("Themen", (HomePage, TopicPage, StandardPage, TopicsAtoZPage)),
    "aemter": ("Ämter", (OfficePage,)),
    "gremien": ("Gremien", (CommitteePage,)),
    "foerderprogramme": ("Förderprogramme", (FundingProgramIndexPage, FundingProgramPage)),
}


def kind_of_content_type():
    """content type id -> kind key; ContentType's own cache makes this free after the first request."""
    by_model = ContentType.objects.get_for_models(*(model for _, models in KINDS.values() for model in models))
    return {by_model[model].pk: key for key, (_, models) in KINDS.items() for model in models}


@dataclass
class KindLink:
    key: str
    label: str
    count: int
    current: bool
    query: str = ""


def kind_links(hits, current):
    """ "Alle (12)", "Themen (8)", …: kinds that have hits, plus the current one."""
    kinds = kind_of_content_type()
    counts = {}
    for hit in hits:
        key = kinds.get(hit.content_type_id)
        counts[key] = counts.get(key, 0) + 1
    links = [KindLink("", "Alle", len(hits), not current)]
    for key, (label, _) in KINDS.items():
        if counts.get(key) or key == current:
            links.append(KindLink(key, label, counts.get(key, 0), key == current))
    return links


def of_kind(hits, kind):
    kinds = kind_of_content_type()
    return [hit for hit in hits if kinds.get(hit.content_type_id) == kind]


def with_breadcrumbs(hits):
    """Give each hit ``breadcrumb``: its ancestors below the home page, from one query for all hits."""
    step = Page.steplen
    paths = {hit.path[:length] for hit in hits for length in range(3 * step, len(hit.path), step)}
    # A live page may lie below an unpublished one (Wagtail unpublishes a page without its children): not named.
    ancestors = {page.path: page for page in Page.objects.filter(path__in=paths, live=True).only("title", "path", "depth")}
    for hit in hits:
        hit.breadcrumb = [
            ancestors[hit.path[:length]]
            for length in range(3 * step, len(hit.path), step)
            if hit.path[:length] in ancestors
        ]
    return hits
