"""The site search: German full-text search through Wagtail's index, tolerant of how people type.

On PostgreSQL the index stems German words ("Einbürgerungen" finds "Einbürgerung"). Spelled-out
umlauts ("Einbuergerung") are also searched with umlauts, and a participle also as its noun and
infinitive ("gefördert": "Förderung", "fördern"; "eingebürgert": "Einbürgerung"), because the
German stemmer keeps the "ge-". When no page has all words, pages with any of them are shown;
when none has any, titles similar to the query (pg_trgm word similarity, served by a trigram
index on the page title) forgive typos ("Integrationsprise"). Only titles are compared, since
in a whole text nearly every word resembles "Integration". On SQLite words are matched as
typed, without stemming or trigrams. A title equal to the query comes first, then other
title matches, then text matches.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from wagtail.models import Page
from wagtail.search.query import Or, PlainText

MAX_QUERY_LENGTH = 100
MAX_HITS = 200
# pg_trgm's word similarity a title needs to count as a typo of the query (its "%>" default is 0.6),
# and how far below the best title another may stay: "Integrationsprise" is 0.78 like
# "Integrationspreis", but 0.67 like every other title with "Integration" in it.
SIMILAR_TITLE = 0.6
SIMILAR_SPREAD = 0.1
# Shorter words are too ambiguous for typo matching ("und", "KI").
SIMILAR_MIN_LENGTH = 4

# A weak verb's past participle, e.g. "gefördert", "eingebürgert", "gearbeitet".
PARTICIPLE = re.compile(r"^(?P<prefix>ab|an|auf|aus|bei|ein|mit|nach|vor|zu|um)?ge(?P<core>\w{3,}?)e?t$", re.IGNORECASE)

SPELLED_OUT_UMLAUTS = [("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("Ae", "Ä"), ("Oe", "Ö"), ("Ue", "Ü")]
SPELLED_OUT = {umlaut: spelled for spelled, umlaut in SPELLED_OUT_UMLAUTS}
# "Feuer", "Quelle": after a vowel or "q", "ue" is no spelled-out umlaut.
NO_UMLAUT_AFTER = set("aeiouqAEIOUQ")


@dataclass(frozen=True)
class SearchTerms:
    text: str
    truncated: bool

    @property
    def words(self):
        """The words alone: quotes, operators and punctuation mean nothing here, and SQLite's FTS would choke on them."""
        return " ".join(re.findall(r"\w+", self.text))

    @property
    def variants(self):
        """The words as typed, with umlauts where they are spelled out, and with participles as noun and verb."""
        with_umlauts = with_restored_umlauts(self.words)
        variants = [self.words]
        for variant in (with_umlauts, *participle_forms(with_umlauts)):
            if variant not in variants:
                variants.append(variant)
        return variants


def participle_forms(text):
    """ "gefördert" -> ["förderung", "fördern"]: the text with each participle as a noun, and as an infinitive."""
    words = text.split()
    forms = []
    for build in (_as_noun, _as_infinitive):
        changed = [build(match) if (match := PARTICIPLE.match(word)) else word for word in words]
        if changed != words:
            forms.append(" ".join(changed))
    return forms


def _as_noun(match):
    return f"{match['prefix'] or ''}{match['core']}ung"


def _as_infinitive(match):
    core = match["core"]
    return f"{match['prefix'] or ''}{core}{'n' if core.endswith(('er', 'el')) else 'en'}"


def clean_query(raw):
    """Printable characters, single spaces, at most ``MAX_QUERY_LENGTH`` characters."""
    text = "".join(char if char.isprintable() else " " for char in raw or "")
    text = " ".join(text.split())
    return SearchTerms(text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH)


def with_restored_umlauts(text):
    restored = text
    for spelled, umlaut in SPELLED_OUT_UMLAUTS:
        restored = restored.replace(spelled, umlaut)
    if restored == text:
        return text
    return "".join(
        SPELLED_OUT[char] if char in SPELLED_OUT and index and restored[index - 1] in NO_UMLAUT_AFTER else char
        for index, char in enumerate(restored)
    )


def _plain(terms, operator):
    queries = [PlainText(variant, operator=operator) for variant in terms.variants]
    return queries[0] if len(queries) == 1 else Or(queries)


def _full_text(pages, terms, operator):
    query = _plain(terms, operator)
    title_hits = list(pages.search(query, fields=["title"])[:MAX_HITS])
    # A title that is exactly the query ("Integration") before longer ones that contain it.
    exact = terms.text.casefold()
    title_hits.sort(key=lambda page: page.title.casefold() != exact)
    seen = {page.pk for page in title_hits}
    return (title_hits + [page for page in pages.search(query)[:MAX_HITS] if page.pk not in seen])[:MAX_HITS]


def _similar_titles(pages, terms):
    text = terms.variants[1] if len(terms.variants) > 1 else terms.words
    similar = list(
        pages.filter(title__trigram_word_similar=text)
        .annotate(similarity=TrigramWordSimilarity(text, "title"))
        .filter(similarity__gte=SIMILAR_TITLE)
        .order_by("-similarity", "title")[:MAX_HITS]
    )
    return [page for page in similar if page.similarity >= similar[0].similarity - SIMILAR_SPREAD]


def search_pages(terms):
    """Live, public pages matching ``terms``, best first, as base ``Page`` objects (at most ``MAX_HITS``)."""
    if not terms.words:
        return []
    pages = Page.objects.live().public().filter(depth__gt=1)
    hits = _full_text(pages, terms, "and")
    if not hits and len(terms.words.split()) > 1:
        hits = _full_text(pages, terms, "or")
    if not hits and connection.vendor == "postgresql" and max(map(len, terms.words.split())) >= SIMILAR_MIN_LENGTH:
        hits = _similar_titles(pages, terms)
    return hits
