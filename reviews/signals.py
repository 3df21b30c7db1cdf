"""A page gets its first review date when it is first published."""

from django.utils import timezone
from wagtail.signals import page_published


def give_new_page_a_review_date(sender, instance, **kwargs):
    from reviews.content import is_content_page
    from reviews.intervals import next_review_after
    from reviews.models import PageReview

    if not is_content_page(instance):
        return
    published = instance.last_published_at or timezone.now()
    # Later publications leave the date alone: a changed paragraph is not a check of the whole page.
    PageReview.objects.get_or_create(
        page_id=instance.pk,
        defaults={"next_review": next_review_after(type(instance), timezone.localdate(published))},
    )


def connect():
    page_published.connect(give_new_page_a_review_date, dispatch_uid="reviews_first_review_date")
