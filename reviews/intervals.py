"""How long a page type stays correct: the months between two reviews."""

import calendar
import datetime

DEFAULT_INTERVAL_MONTHS = 12
# Keyed by model label so that the page modules stay untouched and a data migration could read it too.
# Funding programs change with every call for applications; offices move and change their hours.
INTERVAL_MONTHS = {
    "programs.fundingprogrampage": 3,
    "pages.officepage": 6,
}
DUE_SOON_DAYS = 30


def interval_months(model):
    """Months between two reviews of pages of ``model`` (a page class or instance)."""
    return INTERVAL_MONTHS.get(model._meta.label_lower, DEFAULT_INTERVAL_MONTHS)


def add_months(day, months):
    """``day`` moved by whole months; the 31st becomes the last day of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_after(model, day):
    """The review date of a page of ``model`` that was found correct on ``day``."""
    return add_months(day, interval_months(model))
