"""Wagtail's HTTP purge backend, batched for Varnish: one BAN request invalidates many paths at once."""

import logging
import time
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger("caching.purge")

# A URL ending in this marks a whole subtree (every path below it) rather than one page.
SUBTREE = "*"


def path_pattern(path):
    """A regular expression for a path that needs no backslashes (Varnish ban arguments keep them raw)."""
    encoded = quote(path, safe="/-_~%")  # the form in which browsers send it
    return encoded.replace(".", "[.]")


def ban_pattern(urls):
    """``^(/a/|/b/.*)$``-style alternation: exact paths with any query string, subtrees with everything below."""
    alternatives = []
    for url in sorted(urls):
        path = urlsplit(url.removesuffix(SUBTREE)).path or "/"
        alternatives.append(path_pattern(path) + (".*" if url.endswith(SUBTREE) else ""))
    return "^(" + "|".join(alternatives) + ")$"


class VarnishBackend(HTTPBackend):
    """Sends ``BAN`` requests whose ``X-Ban-Path`` header the repository's VCL turns into a ban.

    Varnish stores each object's path without query string, so one ban removes every filtered or
    paginated variant of a page. A purge that fails (Varnish down) is logged and never raised: the
    page is published all the same and the cached copy expires by its ``s-maxage``.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = params.pop("TIMEOUT", 2)
        self.batch_size = params.pop("BATCH_SIZE", 50)
        super().__init__(params)

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        """Bans ``urls`` in batches and logs one line for the whole purge: INFO, or ERROR if a batch failed."""
        urls = sorted(set(urls))
        started = time.monotonic()
        errors = [
            error
            for start in range(0, len(urls), self.batch_size)
            if (error := self._ban(urls[start : start + self.batch_size])) is not None
        ]
        subtrees = [url for url in urls if url.endswith(SUBTREE)]
        fields = {
            "backend": type(self).__name__,
            "paths": len(urls) - len(subtrees),
            "prefixes": len(subtrees),
            "everything": any((urlsplit(url).path or "/") == "/" + SUBTREE for url in subtrees),
            "requests": -(-len(urls) // self.batch_size),
            "failed_requests": len(errors),
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
        }
        if errors:
            logger.error("Purge of %d URL(s) from the HTTP cache failed: %s", len(urls), errors[0], extra=fields)
        else:
            logger.info("Purged %d URL(s) from the HTTP cache", len(urls), extra=fields)

    def _ban(self, urls):
        """One BAN request; the reason it failed, or None."""
        request = Request(
            f"{self.cache_scheme}://{self.cache_netloc}/",
            method="BAN",
            headers={"X-Ban-Path": ban_pattern(urls)},
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 - the configured cache's own URL
                return None
        except HTTPError as error:
            return f"refused by the HTTP cache: {error.code} {error.reason}"
        except (URLError, OSError) as error:
            return f"HTTP cache unreachable: {getattr(error, 'reason', error)}"
