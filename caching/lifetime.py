"""How long a shared cache may keep a page: never past the next moment the page changes by itself.

Pages change without anyone publishing at local midnight (a planned move, a closure, a funding
deadline, the "noch 5 Tage" of a status, upcoming meetings) and when a site notice starts or ends.
A cached copy therefore expires at the earliest of these moments, so the first request after them
is rendered afresh; publishing purges in between.
"""

import datetime

from django.conf import settings
from django.utils import timezone


def seconds_until_midnight(now):
    local = timezone.localtime(now)
    tomorrow = local.date() + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=local.tzinfo)
    return (midnight - now).total_seconds()


def shared_max_age(now=None):
    """Seconds for ``s-maxage``: the configured lifetime, cut at midnight and at the next notice change."""
    from pages.models import SiteNotice

    now = now or timezone.now()
    candidates = [settings.HTTP_CACHE_SECONDS, seconds_until_midnight(now)]
    next_change = SiteNotice.next_change(now)
    if next_change is not None:
        candidates.append((next_change - now).total_seconds())
    return max(1, int(min(candidates)))
