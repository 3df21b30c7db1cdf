"""The kinds of link problems the report "Verweise prüfen" lists, and one listed row."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils import formats, timezone


class Kind(models.TextChoices):
    UNPUBLISHED = "unpublished", "Ziel nicht veröffentlicht"
    PRIVATE = "private", "Ziel nicht öffentlich"
    DELETED = "deleted", "Ziel gelöscht"
    REDIRECTED = "redirected", "Ziel weitergeleitet"
    SELF = "self", "Seite verweist auf sich selbst"
    DUPLICATE = "duplicate", "Doppelter Eintrag"
    EMPTY = "empty", "Mehr zum Thema ist leer"
    UNREACHABLE = "unreachable", "Nicht erreichbar"
    ERROR = "error", "Fehler (z. B. 404 oder 500)"


STATUS_EXPLANATIONS = {
    401: "Anmeldung erforderlich",
    403: "Zugriff verweigert",
    404: "Seite nicht gefunden",
    410: "Seite dauerhaft entfernt",
    429: "zu viele Anfragen, beim nächsten Lauf erneut prüfen",
    500: "Fehler auf dem Server",
    502: "Server vorübergehend nicht erreichbar",
    503: "Server vorübergehend nicht erreichbar",
    504: "Server vorübergehend nicht erreichbar",
}


def german_date(value):
    """ "24. November 2026" for a stored (aware) time."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "j. F Y")


@dataclass
class LinkProblem:
    """One row of the report: a link on a page (or its empty "Mehr zum Thema") and what is wrong with it."""

    page_id: int
    page_title: str
    page_path: str
    place: str
    target: str
    kind: str
    detail: str = ""
    status_code: int | None = None
    checked_at: datetime | None = None

    @property
    def problem(self):
        if self.kind == Kind.ERROR:
            return f"Fehler {self.status_code}"
        return Kind(self.kind).label

    @property
    def problem_with_detail(self):
        return f"{self.problem}: {self.detail}" if self.detail else self.problem

    @property
    def checked_label(self):
        return f"geprüft am {german_date(self.checked_at)}" if self.checked_at else ""

    @property
    def checked_on(self):
        """The date of the check, for spreadsheets."""
        return timezone.localtime(self.checked_at).date() if self.checked_at else None
