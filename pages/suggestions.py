"""Pages to suggest for "Mehr zum Thema": published pages that share words with the page being edited.

Pages carry no tags, so the suggestions come from Wagtail's search index (German stemming on
PostgreSQL): the page's title, teaser and introduction are searched with "or", and the best matches
among the page types "Mehr zum Thema" accepts are offered. Nothing is added to the page; the editor
chooses with the page chooser.
"""

import re

from wagtail.coreutils import resolve_model_string
from wagtail.models import Page
from wagtail.search.query import PlainText

from pages.blocks import RELATED_PAGE_TYPES

LIMIT = 8
# Shorter words ("und", "für", "KI") match nearly every page; they say nothing about the subject.
MIN_WORD_LENGTH = 4
MAX_WORDS = 30


def search_words(page):
    """The distinctive words of the page's title, teaser and introduction, each once, in their order."""
    text = " ".join(filter(None, [page.title, page.search_description, getattr(page, "intro", "")]))
    words = []
    for word in re.findall(r"\w+", text):
        if len(word) >= MIN_WORD_LENGTH and not word.isdigit() and word.casefold() not in {w.casefold() for w in words}:
            words.append(word)
    return words[:MAX_WORDS]


def linked_page_ids(page):
    """Ids of the pages already in the page's "Mehr zum Thema", read from the stored data without a query."""
    ids = set()
    for entry in page.related_links.raw_data:
        if entry.get("type") == "page" and isinstance(entry.get("value"), dict) and entry["value"].get("page"):
            ids.add(entry["value"]["page"])
    return ids


def responsible_office_ids(page):
    """The office whose box the page shows already (its own or inherited): no need to link it again."""
    from pages.models.base import office_id_of

    inherited_id = getattr(page, "_inherited_id", None)
    if inherited_id is None or not page.path:
        own = office_id_of(page)
        return {own} if own else set()
    office_id = inherited_id(office_id_of)
    return {office_id} if office_id else set()


def suggested_pages(page, limit=LIMIT):
    """Up to ``limit`` live, public pages of the types "Mehr zum Thema" accepts, best match first, as base pages."""
    words = search_words(page)
    if not words:
        return []
    excluded = linked_page_ids(page) | ({page.pk} if page.pk else set()) | responsible_office_ids(page)
    candidates = (
        Page.objects.live()
        .public()
        .type(*[resolve_model_string(name) for name in RELATED_PAGE_TYPES])
        .exclude(pk__in=excluded)
    )
    return list(candidates.search(PlainText(" ".join(words), operator="or"))[:limit])
