"""Sends purge sets to the HTTP cache once the transaction that changed the content has committed."""

import logging
import threading

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from caching.backends import SUBTREE
from caching.purge_set import PurgeSet

logger = logging.getLogger("caching.purge")
_pending = threading.local()


def to_urls(purge, base_url):
    """Wagtail frontend-cache URLs; more entries than ``HTTP_CACHE_MAX_PURGE`` become one purge of everything."""
    if len(purge) > settings.HTTP_CACHE_MAX_PURGE:
        purge = PurgeSet.everything()
    base_url = base_url.rstrip("/")
    urls = {base_url + path for path in purge.paths}
    urls |= {base_url + prefix + SUBTREE for prefix in purge.prefixes}
    if purge.is_everything:
        urls = {base_url + "/" + SUBTREE}
    return sorted(urls)


def schedule(compute):
    """Sends the purge set ``compute()`` returns after the current transaction commits (at once outside one).

    Sets scheduled in one transaction (deleting a page fires once per descendant) go out together
    with the first callback; later callbacks find nothing left. A set from a rolled-back transaction
    goes out with the next one: a purge too many, never one too few. Nothing is computed without a
    configured cache, nor once the queue is so large that everything will be purged anyway.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    queue = getattr(_pending, "queue", None)
    if queue is None:
        queue = _pending.queue = []
    if sum(len(purge) for purge in queue) <= settings.HTTP_CACHE_MAX_PURGE:
        queue.append(compute())
    transaction.on_commit(_send)


def _send():
    queue = getattr(_pending, "queue", None)
    if not queue:
        return
    purge = PurgeSet()
    while queue:
        purge = purge | queue.pop()
    try:
        purge_urls_from_cache(to_urls(purge, settings.WAGTAILADMIN_BASE_URL))
    except Exception:  # publishing must never fail because the cache could not be told
        logger.exception("Purging the HTTP cache failed")
