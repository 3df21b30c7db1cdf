"""Serializers for the page API (Wagtail API v2): funding programs with today's status.

The values are built by the same helpers as the finder's JSON (``programs.open_data``), so both agree.
"""

from django.utils import timezone

from pages.api import PageDataField
from programs.open_data import amounts_data, round_data, status_data, target_groups_data


class TargetGroupsField(PageDataField):
    """Who may apply, alphabetically: ``[{"slug": "vereine", "name": "Vereine"}]``."""

    def data_of(self, program):
        return target_groups_data(program)


class AmountsField(PageDataField):
    """Total budget and per-project range as decimal strings in euros, or null when unknown."""

    def data_of(self, program):
        return amounts_data(program)


class ProgramStatusField(PageDataField):
    """The status as of today, computed for every request: code, German label, window and days left."""

    def data_of(self, program):
        return status_data(program.status)


class RoundsField(PageDataField):
    """The rounds in the editor's order, each with its window, status as of today, amounts and outcome."""

    def data_of(self, program):
        today = timezone.localdate()
        return [round_data(funding_round, today) for funding_round in program._rounds]


class ApplicationUrlField(PageDataField):
    """The online application, only while applications are possible; null otherwise."""

    def data_of(self, program):
        return program.application_url if program.status.accepts_applications and program.application_url else None


def program_prefetches():
    """What the program fields read, so a listing needs a fixed number of queries."""
    return ["rounds", "target_groups", "contact_persons"]
