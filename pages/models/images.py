from django.core.exceptions import ValidationError
from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class PortalImage(AbstractImage):
    """An image that carries the caption, credit and licence every published photo needs."""

    caption = models.CharField(
        "Bildunterschrift",
        max_length=255,
        blank=True,
        help_text="Wird unter dem Bild angezeigt, z. B. „Friedensplatz, Berswordthalle und altes Stadthaus“.",
    )
    credit = models.CharField(
        "Bildnachweis",
        max_length=255,
        blank=True,
        help_text="Fotografin, Fotograf oder Grafikbüro, z. B. „Jesús González Rebordinos“.",
    )
    licence = models.CharField(
        "Lizenz",
        max_length=255,
        blank=True,
        help_text="Nutzungsrecht oder Lizenz, z. B. „Alle Rechte bei der Stadt Dortmund“ oder „CC BY 4.0“.",
    )

    # Not ``decorative``: Wagtail's AbstractImage.__init__ sets an attribute of that name (the contextual
    # status ImageBlock uses) to False on every instance, which would hide and overwrite a stored field.
    is_decorative = models.BooleanField(
        "Dekorativ",
        default=False,
        help_text="Nur für Bilder, die nichts zum Inhalt beitragen: Screenreader übergehen sie dann.",
    )

    admin_form_fields = Image.admin_form_fields + ("is_decorative", "caption", "credit", "licence")

    class Meta(AbstractImage.Meta):
        verbose_name = "Bild"
        verbose_name_plural = "Bilder"
        permissions = [("choose_image", "Can choose image")]

    def clean(self):
        super().clean()
        description = (self.description or "").strip()
        if not self.is_decorative and not description:
            raise ValidationError(
                {"description": "Bitte beschreiben Sie, was das Bild zeigt (Alternativtext), oder markieren Sie es "
                                "als dekorativ."}
            )
        if description and self.caption and description.casefold() == self.caption.strip().casefold():
            raise ValidationError(
                {"description": "Der Alternativtext beschreibt, was auf dem Bild zu sehen ist; die Bildunterschrift "
                                "steht ohnehin darunter. Bitte formulieren Sie ihn anders."}
            )

    @property
    def alt_text(self):
        """What screen readers announce; empty for a decorative image."""
        return "" if self.is_decorative or self.decorative else (self.description or "")

    @property
    def credit_line(self):
        """The credit as the city prints it under every photo."""
        if not self.credit:
            return ""
        return f"Bild (Bildlizenz/Fotograf/Grafiker): {self.credit}"


class PortalRendition(AbstractRendition):
    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
