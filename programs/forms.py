"""The edit form of a funding program: its Ablaufdatum is explained and checked against the rounds' deadlines."""

import datetime

from django.utils import timezone

from pages.models.base import ContentPageForm
from programs.status import german_date


def last_deadline(rounds):
    """The round whose application deadline is the latest, or None when no round has one."""
    dated = [funding_round for funding_round in rounds if funding_round.closes]
    return max(dated, key=lambda funding_round: funding_round.closes, default=None)


class FundingProgramPageForm(ContentPageForm):
    """A program may go offline after its last round, never while citizens can still apply in one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("expire_at")
        if field is None:
            return
        help_text = (
            "Zu diesem Zeitpunkt geht das Förderprogramm offline: Es verschwindet aus dem Förderfinder, "
            "„Mehr zum Thema“, der Suche und der Sitemap, seine Adresse meldet „Seite nicht gefunden“. "
            "Sinnvoll ist der Tag nach dem Ende der letzten Runde."
        )
        last = last_deadline(self.instance.rounds.all())
        if last is not None:
            day_after = last.closes + datetime.timedelta(days=1)
            help_text += (
                f" Die letzte Antragsfrist („{last.title}“) endet am {german_date(last.closes)}, "
                f"ein passendes Ablaufdatum ist also der {german_date(day_after)}."
            )
        field.help_text = help_text

    def clean(self):
        cleaned_data = super().clean()
        expire_at = self.cleaned_data.get("expire_at")
        last = last_deadline(self._rounds_in_form()) if expire_at else None
        if last is not None and timezone.localdate(expire_at) <= last.closes:
            self.add_error(
                "expire_at",
                f"Die Antragsfrist der Runde „{last.title}“ läuft bis einschließlich {german_date(last.closes)}. "
                "Wählen Sie ein Ablaufdatum nach diesem Tag, damit das Programm bis zum Ende der Frist zu finden ist.",
            )
        return cleaned_data

    def _rounds_in_form(self):
        """The rounds as the editor entered them, without those marked for deletion or left invalid."""
        formset = self.formsets.get("rounds")
        if formset is None or not formset.is_valid():
            return []
        deleted = set(formset.deleted_forms) if formset.can_delete else set()
        return [form.instance for form in formset.forms if form not in deleted]
