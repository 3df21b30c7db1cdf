from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


FOOTER_HELP = "Wird in der Fußzeile jeder Seite verlinkt, solange die Seite veröffentlicht ist."
HEADER_HELP = "Wird in der Kopfzeile jeder Seite verlinkt, solange die Seite veröffentlicht ist."


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Header and footer of every page."""

    site_name = models.CharField(
        "Name der Website",
        max_length=100,
        default="Stadt Dortmund",
        help_text="Steht oben links auf jeder Seite und hinter jedem Seitentitel im Browser-Tab.",
    )
    slogan = models.CharField(
        "Slogan",
        max_length=100,
        blank=True,
        default="Dortmund überrascht. Dich.",
        help_text="Erscheint neben dem Namen der Website in der Kopfzeile.",
    )
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Impressum",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=FOOTER_HELP,
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Datenschutz",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=FOOTER_HELP,
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Barrierefreiheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Die Erklärung zur Barrierefreiheit. " + FOOTER_HELP,
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Kontakt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=FOOTER_HELP,
    )

    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Leichte Sprache",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Die Seite in Leichter Sprache. " + HEADER_HELP,
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Gebärdensprache",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Die Seite mit Videos in Deutscher Gebärdensprache. " + HEADER_HELP,
    )
    feedback_email = models.EmailField(
        "E-Mail für Barriere-Meldungen",
        blank=True,
        help_text="Erhält Meldungen aus dem Formular „Barriere melden“, wenn die betroffene Seite keine zuständige "
        "Stelle mit E-Mail-Adresse hat.",
    )

    select_related = [
        "imprint_page", "privacy_page", "accessibility_page", "contact_page", "easy_language_page", "sign_language_page",
    ]

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("slogan"), FieldPanel("easy_language_page"), FieldPanel("sign_language_page")],
            heading="Kopfzeile",
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("contact_page"),
            ],
            heading="Fußzeile",
        ),
        FieldPanel("feedback_email"),
    ]

    class Meta:
        verbose_name = "Website-Einstellungen"

    def access_links(self):
        """ "Leichte Sprache" and "Gebärdensprache" in the header, while their pages are live."""
        labels = [("easy_language_page", "Leichte Sprache"), ("sign_language_page", "Gebärdensprache")]
        return [(label, getattr(self, name)) for name, label in labels if getattr(self, name) and getattr(self, name).live]

    def footer_links(self):
        """The footer's links in their fixed order, skipping pages that are not live."""
        labels = [
            ("imprint_page", "Impressum"),
            ("privacy_page", "Datenschutz"),
            ("accessibility_page", "Barrierefreiheit"),
            ("contact_page", "Kontakt"),
        ]
        return [(label, getattr(self, name)) for name, label in labels if getattr(self, name) and getattr(self, name).live]
