"""The small form with which an editor confirms a page and may pick the next review date."""

import datetime

from django import forms
from django.utils import timezone

MAX_YEARS_AHEAD = 3


class ConfirmReviewForm(forms.Form):
    next_review = forms.DateField(
        label="Nächste Überprüfung",
        required=False,
        # A plain text field: Wagtail's date picker replaced a mistyped date ("31.02.2027") with one of its own
        # when the field lost focus, so a wrong date was saved without a word. Typed dates are checked here.
        widget=forms.DateInput(format="%d.%m.%Y", attrs={"placeholder": "TT.MM.JJJJ", "autocomplete": "off"}),
        help_text="Im Format TT.MM.JJJJ, z. B. 30.01.2027. Leer lassen, um das übliche Intervall dieses "
        "Seitentyps zu verwenden.",
    )

    def clean_next_review(self):
        day = self.cleaned_data["next_review"]
        if day is None:
            return None
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(
                "Das Datum liegt in der Vergangenheit. Bitte wählen Sie heute oder einen späteren Tag."
            )
        if day > today + datetime.timedelta(days=365 * MAX_YEARS_AHEAD):
            raise forms.ValidationError(
                f"Bitte wählen Sie einen Tag in den nächsten {MAX_YEARS_AHEAD} Jahren; "
                "Inhalte werden spätestens dann wieder geprüft."
            )
        return day
