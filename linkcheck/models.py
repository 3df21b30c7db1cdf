"""The stored result of the last check of each external address."""

from django.db import models

URL_MAX_LENGTH = 2048


class ExternalLinkCheck(models.Model):
    """What an external address answered when ``check_external_links`` last asked it."""

    url = models.CharField("Adresse", max_length=URL_MAX_LENGTH, unique=True)
    status_code = models.PositiveSmallIntegerField("HTTP-Status", null=True, blank=True)
    error = models.TextField("Fehler", blank=True)
    redirect_to = models.CharField("Weiterleitung auf", max_length=URL_MAX_LENGTH, blank=True)
    checked_at = models.DateTimeField("Geprüft am")

    class Meta:
        verbose_name = "Prüfung eines externen Links"
        verbose_name_plural = "Prüfungen externer Links"

    def __str__(self):
        return self.url

    @property
    def is_unreachable(self):
        return self.status_code is None

    @property
    def is_error(self):
        return self.status_code is not None and self.status_code >= 400

    @property
    def is_redirect(self):
        return self.status_code is not None and 300 <= self.status_code < 400 and bool(self.redirect_to)
