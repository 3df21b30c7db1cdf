"""Rich-text page links resolved for a whole page in one query; links to drafts and private pages become plain text.

Wagtail resolves the page links of each rich-text block with its own queries, so a
body with many text blocks would cost a query pair per block. ``prefetched_page_links``
looks up every page linked from a page's StreamFields at once and lets the link
handler read from that for the duration of one render.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.models import Page

from caching.generation import memoize
from wagtail.rich_text.pages import PageLinkHandler

_prefetched_pages = ContextVar("prefetched_page_links", default=None)

ANCHOR = re.compile(r"<a\b[^>]*>")
PAGE_ID = re.compile(r'\bid="(\d+)"')


def linked_page_ids(raw):
    """Ids of pages linked from rich text anywhere in raw StreamField data."""
    ids = set()
    if isinstance(raw, str):
        for anchor in ANCHOR.findall(raw):
            if 'linktype="page"' in anchor:
                match = PAGE_ID.search(anchor)
                if match:
                    ids.add(match.group(1))
    elif isinstance(raw, dict):
        for value in raw.values():
            ids |= linked_page_ids(value)
    elif isinstance(raw, (list, tuple)):
        for value in raw:
            ids |= linked_page_ids(value)
    return ids


def _public_or_none(pages):
    """Drafts and private pages as None: Wagtail then renders the link as a bare ``<a>``, plain text to a reader."""
    from pages.models.base import is_public, private_paths

    hidden_paths = private_paths()
    return [page if page is not None and is_public(page, hidden_paths) else None for page in pages]


def _pages_linked_from(stream_values):
    """Every linked id, mapped to its page, or to None for a missing, draft or private page."""
    ids = set()
    for stream_value in stream_values:
        ids |= linked_page_ids(list(stream_value.raw_data))
    if not ids:
        return {}
    found = {str(page.pk): page for page in Page.objects.filter(pk__in=ids).defer_streamfields()}
    return dict(zip(ids, _public_or_none([found.get(id_) for id_ in ids])))


@contextmanager
def prefetched_page_links(stream_values, memo_key=None):
    """``memo_key`` (the page's id) keeps the linked pages per content generation."""
    if memo_key is None:
        pages = _pages_linked_from(stream_values)
    else:
        pages = memoize(("rich-text-links", memo_key), lambda: _pages_linked_from(stream_values))
    token = _prefetched_pages.set(pages)
    try:
        yield
    finally:
        _prefetched_pages.reset(token)


class PrefetchingPageLinkHandler(PageLinkHandler):
    """Wagtail's page link handler, reading pages prefetched for the current render first."""

    @classmethod
    def get_many(cls, attrs_list):
        pages = _prefetched_pages.get()
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        if pages is not None and all(id_ in pages for id_ in ids):
            return [pages[id_] for id_ in ids]
        return _public_or_none(super().get_many(attrs_list))
