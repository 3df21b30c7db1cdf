"""A funding program's application status, computed from its windows for a given day and never stored."""

import datetime
from dataclasses import dataclass
from enum import Enum

from django.utils.formats import date_format

LAST_WEEK_DAYS = 7


def german_date(day):
    """ "1. Mai 2027"."""
    return date_format(day, "j. F Y")


class Phase(Enum):
    """Where a window, and so a program, stands on a given day; the value orders the finder."""

    OPEN = 0
    UPCOMING = 1
    ROLLING = 2
    UNKNOWN = 3
    CLOSED = 4


@dataclass(frozen=True)
class Status:
    """The status a citizen reads: "Antragstellung bis 15. September 2027 – noch 5 Tage"."""

    phase: Phase
    opens: datetime.date | None = None
    closes: datetime.date | None = None
    days_left: int | None = None

    @property
    def label(self):
        if self.phase is Phase.OPEN:
            return f"Antragstellung bis {german_date(self.closes)}" if self.closes else "Antragstellung möglich"
        if self.phase is Phase.UPCOMING:
            return f"Antragstellung ab {german_date(self.opens)}"
        if self.phase is Phase.ROLLING:
            return "Antragstellung laufend möglich"
        if self.phase is Phase.CLOSED:
            # A past round known only by its year had no deadline anybody wrote down.
            return "Antragsfrist abgelaufen" if self.closes else "Derzeit keine Antragstellung möglich"
        return ""

    @property
    def urgency(self):
        """ "noch 5 Tage" in the last week of a window, "nur noch heute" on its last day."""
        if self.days_left is None or self.days_left >= LAST_WEEK_DAYS:
            return ""
        if self.days_left == 0:
            return "nur noch heute"
        return "noch 1 Tag" if self.days_left == 1 else f"noch {self.days_left} Tage"

    @property
    def deadline_to_show(self):
        """The deadline where the label does not already name it: before a window opens and after it closed."""
        return self.closes if self.phase in (Phase.UPCOMING, Phase.CLOSED) else None

    @property
    def accepts_applications(self):
        return self.phase in (Phase.OPEN, Phase.ROLLING)

    @property
    def css_modifier(self):
        return self.phase.name.lower()

    def sort_key(self):
        """Open programs by nearest deadline, then upcoming by nearest start, then rolling, then closed."""
        if self.phase is Phase.OPEN:
            return (self.phase.value, self.closes or datetime.date.max)
        if self.phase is Phase.UPCOMING:
            return (self.phase.value, self.opens)
        if self.phase is Phase.CLOSED:
            # The most recently closed first.
            return (self.phase.value, datetime.date.max - (self.closes or datetime.date.min))
        return (self.phase.value, datetime.date.min)


def window_status(opens, closes, today, year=None):
    """The status of one application window on ``today``.

    A window without dates is closed once its year has passed and unknown before.
    """
    if opens and opens > today:
        return Status(Phase.UPCOMING, opens=opens, closes=closes)
    if closes and closes < today:
        return Status(Phase.CLOSED, opens=opens, closes=closes)
    if opens or closes:
        days_left = (closes - today).days if closes else None
        return Status(Phase.OPEN, opens=opens, closes=closes, days_left=days_left)
    if year and year < today.year:
        return Status(Phase.CLOSED)
    return Status(Phase.UNKNOWN)


def program_status(window_statuses, rolling):
    """The status of a program from the statuses of its windows.

    An open window decides, since its deadline says more than "laufend"; otherwise a
    rolling program accepts applications now; otherwise the next window, and a program
    whose windows have all passed is closed.
    """
    best = min(window_statuses, key=Status.sort_key, default=None)
    if best is not None and best.phase is Phase.OPEN:
        return best
    if rolling:
        return Status(Phase.ROLLING)
    return best or Status(Phase.UNKNOWN)
