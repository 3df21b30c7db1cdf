"""Validators for contact data, with German messages."""

import re

from django.core.exceptions import ValidationError

def errors_of(clean):
    """The field errors ``clean()`` raises, as a dict, so a subclass can add its own and report all at once."""
    try:
        clean()
    except ValidationError as error:
        return error.update_error_dict({})
    return {}


PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()/\-]{4,29}$")


def validate_phone(value):
    if not PHONE_PATTERN.match(value.strip()) or sum(char.isdigit() for char in value) < 5:
        raise ValidationError(
            "Bitte geben Sie eine Telefonnummer aus Ziffern ein, z. B. „0231 50-12345“ oder „+49 231 50-12345“.",
            code="invalid_phone",
        )


def phone_href(value):
    """A ``tel:`` target in international form: "0231 50-12345" becomes "+492315012345"."""
    # "+49 (0)231 …": the bracketed trunk zero is not dialled from abroad.
    digits = re.sub(r"[^0-9+]", "", value.replace("(0)", ""))
    if digits.startswith("+"):
        return digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+49" + digits[1:]
    return digits
