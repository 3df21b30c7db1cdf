"""German alphabetical order (DIN 5007, variant 1) without a system locale."""

import unicodedata

SPECIAL = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "ø": "o", "ı": "i"})


def german_sort_key(text):
    """Ä sorts with A, ß as ss, Ç with C, ş with s; ties keep the plain letter first."""
    base = unicodedata.normalize("NFKD", text.translate(SPECIAL))
    stripped = "".join(char for char in base if not unicodedata.combining(char))
    return (stripped.casefold(), text.casefold(), text)
