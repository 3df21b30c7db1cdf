"""The read-only panel "Überprüfung" in the page editor: the next review date and the way to confirm it."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ReviewDatePanel(Panel):
    """Shows "Nächste Überprüfung" of the page being edited; the date is kept outside the page's revisions."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "reviews/review_date_panel.html"

        def get_context_data(self, parent_context=None):
            from reviews.intervals import interval_months
            from reviews.models import PageReview

            context = super().get_context_data(parent_context)
            page = self.instance
            context["review"] = PageReview.objects.for_page(page) if page.pk else None
            context["interval_months"] = interval_months(page)
            if page.pk and page.live:
                context["confirm_url"] = reverse("reviews_confirm", args=[page.pk])
            return context
