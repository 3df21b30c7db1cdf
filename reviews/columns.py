"""Table columns of the report "Seiten zur Überprüfung"."""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column


class NextReviewColumn(Column):
    """The date, marked when it has passed."""

    cell_template_name = "reviews/cells/next_review.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.next_review < timezone.localdate()
        return context


class LastConfirmedColumn(Column):
    cell_template_name = "reviews/cells/last_confirmed.html"


class ConfirmColumn(Column):
    """A one-click "Inhalt ist aktuell" form per row, back to the same report view afterwards."""

    cell_template_name = "reviews/cells/confirm.html"

    def __init__(self, name="confirm", label="Aktion", report_url_name="reviews_report", **kwargs):
        super().__init__(name, label=label, **kwargs)
        self.report_url_name = report_url_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        query = request.GET.copy()
        query.pop("_w_filter_fragment", None)
        context["next"] = reverse(self.report_url_name) + (f"?{query.urlencode()}" if query else "")
        context["confirm_url"] = reverse("reviews_confirm", args=[instance.pk])
        context["csrf_token"] = get_token(request)
        return context
