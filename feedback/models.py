from django.db import models


class BarrierReport(models.Model):
    """A barrier a reader reported ("Barriere melden"); kept for the editors, who answer and mark it done."""

    created_at = models.DateTimeField("Eingegangen am", auto_now_add=True)
    page_url = models.CharField("Betroffene Seite", max_length=500, blank=True)
    description = models.TextField("Beschreibung der Barriere", max_length=5000)
    name = models.CharField("Name", max_length=150, blank=True)
    email = models.EmailField("E-Mail für eine Antwort", blank=True)
    recipient = models.EmailField("Weitergeleitet an", blank=True)
    handled = models.BooleanField("Erledigt", default=False)
    note = models.TextField("Interne Notiz", blank=True)

    class Meta:
        verbose_name = "Barriere-Meldung"
        verbose_name_plural = "Barriere-Meldungen"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Meldung vom {self.created_at:%d.%m.%Y %H:%M}" if self.created_at else "Neue Meldung"
