"""Dates as editors read them."""

from django.utils.formats import date_format


def german_date(day):
    """ "30. Januar 2027"."""
    return date_format(day, "j. F Y")
