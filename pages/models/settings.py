from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Header and footer of every page."""

    site_name = models.CharField("Name der Website", max_length=100, default="Stadt Dortmund")
    slogan = models.CharField("Slogan", max_length=100, blank=True, default="Dortmund überrascht. Dich.")
    imprint_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Impressum", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Datenschutz", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Barrierefreiheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Kontakt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    select_related = ["imprint_page", "privacy_page", "accessibility_page", "contact_page"]

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("slogan")], heading="Kopfzeile"),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("contact_page"),
            ],
            heading="Fußzeile",
        ),
    ]

    class Meta:
        verbose_name = "Website-Einstellungen"

    def footer_links(self):
        """The footer's links in their fixed order, skipping pages that are not live."""
        labels = [
            ("imprint_page", "Impressum"),
            ("privacy_page", "Datenschutz"),
            ("accessibility_page", "Barrierefreiheit"),
            ("contact_page", "Kontakt"),
        ]
        return [(label, getattr(self, name)) for name, label in labels if getattr(self, name) and getattr(self, name).live]
