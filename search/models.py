from django.db import models


class UnansweredQuery(models.Model):
    """A search term that found nothing, counted per day; no user, address or session is stored."""

    query_string = models.CharField("Suchbegriff", max_length=255)
    date = models.DateField("Tag")
    hits = models.PositiveIntegerField("Anzahl", default=0)

    class Meta:
        verbose_name = "Suche ohne Ergebnis"
        verbose_name_plural = "Suchen ohne Ergebnis"
        constraints = [models.UniqueConstraint(fields=["query_string", "date"], name="unanswered_query_per_day")]
