from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from pages.validators import errors_of
from programs.amounts import format_euro


def _amount_field(verbose_name, help_text):
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Der Betrag darf nicht negativ sein.")],
        help_text=help_text,
    )


class FundingAmountsMixin(models.Model):
    """A total budget and the per-project range, in euros; any of them may be unknown."""

    total_budget = _amount_field("Gesamtbudget (€)", "Die insgesamt verfügbare Summe, z. B. 216351,59.")
    amount_min = _amount_field(
        "Mindestbetrag pro Projekt (€)", "Die kleinste Summe, die ein Projekt erhalten kann; leer lassen, wenn es keine gibt."
    )
    amount_max = _amount_field(
        "Höchstbetrag pro Projekt (€)", "Die größte Summe, die ein Projekt erhalten kann, z. B. 5000."
    )

    class Meta:
        abstract = True

    def clean(self):
        errors = errors_of(super().clean)
        if self.amount_min is not None and self.amount_max is not None and self.amount_max < self.amount_min:
            errors.setdefault("amount_max", []).append("Der Höchstbetrag darf nicht kleiner als der Mindestbetrag sein.")
        if errors:
            raise ValidationError(errors)

    @property
    def amount_lines(self):
        """(label, text) pairs: "Gesamtbudget", "216.351,59 €"; "Pro Projekt", "500 € bis 5.000 €"."""
        lines = []
        if self.total_budget is not None:
            lines.append(("Gesamtbudget", format_euro(self.total_budget)))
        low, high = self.amount_min, self.amount_max
        if low is not None and high is not None:
            per_project = format_euro(low) if low == high else f"{format_euro(low)} bis {format_euro(high)}"
        elif low is not None:
            per_project = f"mindestens {format_euro(low)}"
        elif high is not None:
            per_project = f"bis zu {format_euro(high)}"
        else:
            per_project = ""
        if per_project:
            lines.append(("Pro Projekt", per_project))
        return lines
