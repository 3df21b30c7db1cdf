from django.core.exceptions import ValidationError
from django.db import models

from pages.slugs import german_slug as full_german_slug

SLUG_LENGTH = 100


def german_slug(text):
    """ "kirchliche Träger" -> "kirchliche-traeger", at most as long as the slug field allows."""
    return full_german_slug(text)[:SLUG_LENGTH].strip("-")


class TargetGroup(models.Model):
    """Who may apply for funding: a managed vocabulary shared by all programs and the finder's filter."""

    name = models.CharField("Bezeichnung", max_length=100, unique=True, help_text="z. B. „Vereine“ oder „kirchliche Träger“")
    slug = models.SlugField(
        "Kürzel in der Adresse",
        max_length=SLUG_LENGTH,
        unique=True,
        blank=True,
        help_text="Erscheint in der Adresse des Filters, z. B. „kirchliche-traeger“. Leer lassen, um es aus der "
        "Bezeichnung zu bilden.",
    )

    class Meta:
        verbose_name = "Zielgruppe"
        verbose_name_plural = "Zielgruppen"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        # Filled here, before the uniqueness check, so a clash is a form error rather than a crash.
        if not self.slug:
            self.slug = german_slug(self.name)
            if not self.slug:
                raise ValidationError(
                    {"slug": "Aus der Bezeichnung lässt sich kein Kürzel bilden. Bitte geben Sie eines ein, "
                             "z. B. „jugendverbaende“."}
                )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slug(self.name)
        super().save(*args, **kwargs)
