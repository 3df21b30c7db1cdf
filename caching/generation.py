"""The content generation: a token that changes with every change of content, and a per-process memo.

Profiling showed that a page's time goes almost entirely into the ORM (compiling and running about
twenty queries), not into templates. Most of those queries fetch the same things for every visitor:
the site, the route to the page, the page with its ancestors, office and hero, view restrictions,
navigation and site settings. Each worker keeps them in memory for as long as the generation token
in the shared cache (Redis, or a file cache shared by one host's workers) and the local date stay the
same; any saved or deleted content changes the token, so every worker drops its copies at its next
request. Outside a request (management commands, tests calling models) nothing is memoized.
"""

import contextvars
import threading
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

CACHE_KEY = "caching:content-generation:{database}"
MEMO_SIZE = 2000

_state = contextvars.ContextVar("content_generation", default=None)
_memo = OrderedDict()
_lock = threading.Lock()


def _key():
    # Per database: a cache shared by several sites or databases (a developer's file cache) must not
    # let one database's changes invalidate, or stand in for, another's.
    return CACHE_KEY.format(database=settings.DATABASES["default"]["NAME"])


def current_token():
    key = _key()
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, None)
        token = cache.get(key)
    return token


def bump():
    """Content changed: every worker's memo is out of date from its next request on."""
    cache.set(_key(), uuid.uuid4().hex, None)


def forget_locally():
    """This process's memo is out of date (the shared token follows after the commit)."""
    with _lock:
        _memo.clear()


def begin_request():
    """Called once per request: fixes the generation (and the day: statuses and moves change at midnight)."""
    return _state.set((current_token(), timezone.localdate()))


def end_request(reset):
    _state.reset(reset)


def memoize(key, compute):
    """``compute()``, kept per process while the generation of this request is current."""
    state = _state.get()
    if state is None or state[0] is None:
        return compute()
    with _lock:
        entry = _memo.get(key)
        if entry is not None and entry[0] == state:
            _memo.move_to_end(key)
            return entry[1]
    value = compute()
    with _lock:
        _memo[key] = (state, value)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value
