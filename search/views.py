import re

from django.db.models import F
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from caching.generation import memoize
from pages.paging import paginate
from search.engine import clean_query, search_pages
from search.models import UnansweredQuery
from search.results import KIND_PARAM, KINDS, kind_links, of_kind, with_breadcrumbs

QUERY_PARAM = "q"


def promotions_for(terms):
    """Editors' recommendations ("Empfohlen") for this query; pages only while they are live and public."""
    if not terms.text:
        return []
    # "Einbuergerung" gets the recommendations for "Einbürgerung" too.
    query_strings = {normalise_query_string(text) for text in (terms.text, *terms.variants)}
    promotions = list(
        SearchPromotion.objects.filter(query__query_string__in=query_strings)
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    visible = set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)) if page_ids else set()
    return [promotion for promotion in promotions if promotion.page_id in visible or not promotion.page_id]


# Terms that may identify a person (e-mail addresses, phone or file numbers) are never stored.
PERSONAL = re.compile(r"@|\d{4,}")
# New terms per day at most, so that a script cannot fill the table.
NEW_TERMS_PER_DAY = 500


def count_unanswered(terms):
    """Count a query that found nothing, per day: the term alone, nothing about who asked."""
    if not terms.words or PERSONAL.search(terms.text):
        return
    query_string = normalise_query_string(terms.words)[:255]
    today = timezone.localdate()
    updated = UnansweredQuery.objects.filter(query_string=query_string, date=today).update(hits=F("hits") + 1)
    if not updated and UnansweredQuery.objects.filter(date=today).count() < NEW_TERMS_PER_DAY:
        UnansweredQuery.objects.get_or_create(query_string=query_string, date=today, defaults={"hits": 1})


@require_safe
def search(request):
    terms = clean_query(request.GET.get(QUERY_PARAM, ""))
    hints = []
    if terms.truncated:
        hints.append(f"Ihre Suche war sehr lang; gesucht wurde nach den ersten {len(terms.text)} Zeichen.")
    kind = request.GET.get(KIND_PARAM, "")
    if kind and kind not in KINDS:
        hints.append("Diese Art von Seiten gibt es nicht; angezeigt werden alle Ergebnisse.")
        kind = ""
    # Kept per process until content changes: the same terms give the same pages.
    hits = memoize(("search", terms.text), lambda: search_pages(terms))
    promotions = memoize(("search-promotions", terms.text), lambda: promotions_for(terms))
    if terms.text and not hits and not promotions:
        count_unanswered(terms)
    shown = of_kind(hits, kind) if kind else hits
    page = paginate(shown, request.GET, hints)
    with_breadcrumbs(page.object_list)
    links = kind_links(hits, kind) if hits else []
    for link in links:
        link.query = urlencode([(QUERY_PARAM, terms.text)] + ([(KIND_PARAM, link.key)] if link.key else []))
    response = render(
        request,
        "search/search_results.html",
        {
            "terms": terms,
            "hits": page,
            "total": len(shown),
            "promotions": promotions,
            "kind_links": links,
            "kind_label": KINDS[kind][0] if kind else "",
            "hints": hints,
            "page_query": urlencode([(QUERY_PARAM, terms.text)] + ([(KIND_PARAM, kind)] if kind else [])),
        },
    )
    if terms.text:
        # Search terms are personal and endless: never in a shared cache.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response
