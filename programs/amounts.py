"""Euro amounts the German way: "216.351,59 €", "5.000 €"."""

from decimal import Decimal

from django.utils.formats import number_format

NBSP = "\u00a0"


def format_euro(amount):
    """Whole euros without cents, otherwise two decimals; grouped by dots, a non-breaking space before "€"."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{number}{NBSP}€"
