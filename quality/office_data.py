"""Office data typed into a text: addresses, Dortmund phone numbers, city e-mail addresses and opening hours.

The office box ("Anschrift und Erreichbarkeit") shows these from the office page; a copy in a body
goes stale when the office moves (seed 004 still names the old address). The patterns are German and
deliberately narrow: a year range ("2006-2010") is no phone number, "Integrationsrat 2020" no address.
"""

import html
import re
from dataclasses import dataclass

STREET_SUFFIX = r"(?i:straße|strasse|str\.|weg|platz|wall|allee|gasse|damm|ufer|ring)"
STREET_PREFIX = r"(?:Hohe[rs]?|Alte[rs]?|Neue[rs]?|Große[rs]?|Kleine[rs]?|Am|An der|Auf dem|Im)"
HOUSE_NUMBER = r"\d{1,3}[a-z]?(?:\s*[-–]\s*\d{1,3}[a-z]?)?\b(?![.,:]\d)"
STREET = re.compile(
    # "Südwall 21 - 23", "Betenstraße 19", "Königswall 25-27", "Hoher Wall 9"; not "Platz 1" or "Weg 2" alone
    rf"\b(?:{STREET_PREFIX}\s+{STREET_SUFFIX}|[A-ZÄÖÜ][a-zäöüß-]*{STREET_SUFFIX})\s+{HOUSE_NUMBER}"
)
POSTCODE_CITY = re.compile(r"\b44\d{3}\s+Dortmund\b")
PHONE = re.compile(
    # "0231 50-12345", "(0231) 50 12 345", "+49 231 50-12345", "+49 (0)231 5012345"
    r"(?:\+49[\s-]*(?:\(0\)\s*)?|\(0|\b0)231\)?[\s/-]+\d[\d\s/-]{2,14}\d"
)
EMAIL = re.compile(r"\b[\w.+-]+@(?:[\w-]+\.)+[a-z]{2,}\b", re.IGNORECASE)
CITY_MAIL_DOMAIN = "dortmund.de"
WEEKDAY = r"(?:Mo(?:ntag)?|Di(?:enstag)?|Mi(?:ttwoch)?|Do(?:nnerstag)?|Fr(?:eitag)?|Sa(?:mstag)?|So(?:nntag)?)s?\.?"
TIME = r"\d{1,2}(?:[.:]\d{2})?"
OPENING_HOURS = re.compile(
    # "Mo–Fr 8–12 Uhr", "Montag bis Freitag von 8:00 bis 12:00 Uhr", "Öffnungszeiten", "Sprechzeiten"
    rf"\b{WEEKDAY}\s*(?:[-–]|bis)\s*{WEEKDAY}\s*:?\s*(?:von\s+)?{TIME}\s*(?:[-–]|bis)\s*{TIME}\s*Uhr"
    r"|\b(?:Öffnungs|Sprech|Service|Geschäfts)zeiten\b",
    re.IGNORECASE,
)
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class OfficeDataMatch:
    """One piece of office data found in a text: what it is (German) and the words found."""

    kind: str
    text: str

    def __str__(self):
        return f"{self.kind} „{self.text}“"


def plain_text(value):
    """Text as a reader sees it: rich-text tags removed, entities and non-breaking spaces resolved."""
    text = html.unescape(TAG.sub(" ", value)).replace("\xa0", " ")
    return re.sub(r"[ \t]+", " ", text)


def find_office_data(text, office_email=""):
    """Every address, Dortmund phone number, city e-mail address and opening-hours text in ``text``, in order."""
    text = plain_text(text)
    found = []
    for kind, pattern in (
        ("Anschrift", STREET),
        ("Anschrift", POSTCODE_CITY),
        ("Telefonnummer", PHONE),
        ("Öffnungszeiten", OPENING_HOURS),
    ):
        found += [(match.start(), OfficeDataMatch(kind, match.group(0).strip())) for match in pattern.finditer(text)]
    for match in EMAIL.finditer(text):
        address = match.group(0).lower()
        city_address = address.endswith(("@" + CITY_MAIL_DOMAIN, "." + CITY_MAIL_DOMAIN))
        if city_address or address == (office_email or "").lower():
            found.append((match.start(), OfficeDataMatch("E-Mail-Adresse", match.group(0))))
    return [match for _, match in sorted(found, key=lambda pair: pair[0])]


def strings_in(raw):
    """Every string in raw StreamField data (block values, not block types or ids), in order."""
    if isinstance(raw, str):
        yield raw
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if key not in ("type", "id"):
                yield from strings_in(value)
    elif isinstance(raw, (list, tuple)):
        for value in raw:
            yield from strings_in(value)


def office_data_in_page(page, office_email=""):
    """What ``page`` types of office data in its introduction and body, each distinct finding once."""
    texts = [getattr(page, "intro", "") or ""]
    body = getattr(page, "body", None)
    if body is not None:
        texts += strings_in(list(body.raw_data))
    found = []
    for text in texts:
        for match in find_office_data(text, office_email):
            if match not in found:
                found.append(match)
    return found


def describe(matches, limit=3):
    """ "Anschrift „Südwall 21“, Telefonnummer „0231 50-12345“ und 2 weitere"."""
    shown = [str(match) for match in matches[:limit]]
    rest = len(matches) - len(shown)
    if rest:
        return ", ".join(shown) + f" und {rest} weitere"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " und " + shown[-1]
    return "".join(shown)


def office_data_warning(page, submitted=False):
    """The German warning for a saved page whose text repeats what its office box shows, or "".

    ``submitted``: the page now waits in the workflow and its author cannot change it until it comes back.
    """
    office = getattr(page, "effective_office", None)
    if office is None:
        return ""
    matches = office_data_in_page(page, office_email=office.email)
    if not matches:
        return ""
    what_to_do = (
        "Die Seite wartet jetzt auf die Freigabe: Wer freigibt, sieht diesen Hinweis ebenfalls; wenn dieselbe Stelle "
        "gemeint ist, streichen Sie die Angaben nach einer Rückmeldung oder bitten Sie die Leitung, sie zu streichen."
        if submitted
        else "Bitte streichen Sie sie aus dem Text, wenn sie dieselbe Stelle betreffen: Nach einem Umzug bliebe dort "
        "sonst eine veraltete Angabe stehen."
    )
    return (
        f"Im Text stehen Kontaktdaten: {describe(matches)}. Der Kasten „Anschrift und Erreichbarkeit“ zeigt die "
        f"Kontaktdaten der Stelle „{office.title}“ bereits, immer aktuell. {what_to_do}"
    )
