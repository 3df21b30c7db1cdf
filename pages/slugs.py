"""Addresses the German way: "Förderprogramme für Vereine" -> "foerderprogramme-fuer-vereine"."""

from django.utils.text import slugify

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def german_slug(text):
    """Umlauts and ß written out, other accents dropped ("Sprachcafés" -> "sprachcafes"), ASCII only."""
    return slugify(text.translate(UMLAUTS)).strip("-")
