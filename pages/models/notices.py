import hashlib

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel

CACHE_KEY = "pages:site-notices"
# Other processes see a new or changed notice at the latest after this many seconds.
CACHE_SECONDS = 60


class SiteNotice(models.Model):
    """A scheduled notice above the content of the whole site or one section, e.g. a closure."""

    class Level(models.TextChoices):
        INFO = "hinweis", "Hinweis"
        URGENT = "dringend", "Dringend"

    title = models.CharField(
        "Überschrift", max_length=120, help_text="Kurz und eindeutig, z. B. „Geschlossen am 24. Dezember“."
    )
    text = models.TextField(
        "Text",
        max_length=600,
        help_text="Was Besucherinnen und Besucher wissen müssen, in höchstens 600 Zeichen; erscheint über dem Inhalt.",
    )
    level = models.CharField(
        "Art",
        max_length=10,
        choices=Level,
        default=Level.INFO,
        help_text="„Dringend“ wird auffällig rot angezeigt und steht vor allen anderen Hinweisen.",
    )
    starts = models.DateTimeField(
        "Anzeigen ab", default=timezone.now, help_text="Vorher ist der Hinweis nicht zu sehen."
    )
    ends = models.DateTimeField("Anzeigen bis", help_text="Danach verschwindet der Hinweis von selbst.")
    section = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Bereich",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Nur auf dieser Seite und ihren Unterseiten; leer lassen für die ganze Website.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("section"),
    ]

    class Meta:
        verbose_name = "Hinweis"
        verbose_name_plural = "Hinweise"
        ordering = ["level", "starts"]  # "dringend" before "hinweis"

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": "Das Ende muss nach dem Beginn liegen."})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(CACHE_KEY)
        return result

    @classmethod
    def _current_and_future(cls, now):
        from caching.generation import memoize

        return memoize(("site-notices",), lambda: cls._fetch_current_and_future(now))

    @classmethod
    def _fetch_current_and_future(cls, now):
        notices = cache.get(CACHE_KEY)
        if notices is None:
            notices = list(cls.objects.filter(ends__gt=now).select_related("section").only(
                "title", "text", "level", "starts", "ends", "section__path"
            ))
            cache.set(CACHE_KEY, notices, CACHE_SECONDS)
        return notices

    @classmethod
    def shown_on(cls, page_path=None, now=None):
        """Notices showing now on the page with ``page_path`` (None: pages outside the tree, e.g. search)."""
        now = now or timezone.now()
        notices = cls._current_and_future(now)
        return [
            notice
            for notice in notices
            if notice.starts <= now < notice.ends
            and (notice.section_id is None or (page_path or "").startswith(notice.section.path))
        ]

    @classmethod
    def next_change(cls, now=None):
        """When the next notice appears or disappears (None if none is planned): pages change then."""
        now = now or timezone.now()
        moments = [moment for notice in cls._current_and_future(now) for moment in (notice.starts, notice.ends)]
        return min((moment for moment in moments if moment > now), default=None)

    @property
    def dismiss_key(self):
        """Changes with every edit, so an edited notice shows again to readers who hid it."""
        content = f"{self.title}\n{self.text}\n{self.starts.isoformat()}\n{self.ends.isoformat()}"
        return f"{self.pk}-{hashlib.sha256(content.encode()).hexdigest()[:12]}"
