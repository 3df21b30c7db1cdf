"""The review state of a page: bookkeeping kept outside the page's revisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from reviews.intervals import next_review_after

CONFIRM_ACTION = "reviews.confirm"


class PageReviewQuerySet(models.QuerySet):
    def create_missing(self):
        """Give every live content page without a review date one, counted from its last publication.

        Covers pages published before this app existed and pages added without Wagtail's publish
        (imports, bulk content); one query when nothing is missing.
        """
        from wagtail.models import Page

        from reviews.content import content_types

        types = content_types()
        missing = list(
            Page.objects.filter(live=True, review__isnull=True, content_type__in=types.values())
            .values_list("pk", "content_type_id", "last_published_at", "first_published_at")
        )
        if not missing:
            return 0
        model_of = {content_type.pk: model for model, content_type in types.items()}
        today = timezone.localdate()
        rows = [
            self.model(
                page_id=pk,
                next_review=next_review_after(
                    model_of[content_type_id],
                    timezone.localdate(published) if (published := last or first) else today,
                ),
            )
            for pk, content_type_id, last, first in missing
        ]
        self.bulk_create(rows, ignore_conflicts=True)
        return len(rows)

    def for_page(self, page):
        """The review of ``page``; a live page that has none yet gets one first."""
        review = self.filter(page_id=page.pk).select_related("last_confirmed_by").first()
        if review is None and page.live and self.create_missing():
            review = self.filter(page_id=page.pk).select_related("last_confirmed_by").first()
        return review

    def confirm(self, page, user, next_review=None):
        """Record that ``user`` found ``page`` still correct; no revision, the page itself is untouched.

        The next review is ``next_review`` or today plus the interval of the page type. Returns the review.
        """
        from wagtail.log_actions import log

        review, _ = self.update_or_create(
            page_id=page.pk,
            defaults={
                "next_review": next_review or next_review_after(type(page), timezone.localdate()),
                "last_confirmed_at": timezone.now(),
                "last_confirmed_by": user,
            },
        )
        log(instance=page, action=CONFIRM_ACTION, user=user, data={"next_review": review.next_review.isoformat()})
        return review


class PageReview(models.Model):
    """When a page is next checked for being still correct, and who last confirmed it."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review", verbose_name="Seite"
    )
    next_review = models.DateField("Nächste Überprüfung", db_index=True)
    last_confirmed_at = models.DateTimeField("Zuletzt bestätigt am", null=True, blank=True)
    last_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Zuletzt bestätigt von",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PageReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "Überprüfung"
        verbose_name_plural = "Überprüfungen"

    def __str__(self):
        return f"{self.page_id}: {self.next_review:%Y-%m-%d}"
