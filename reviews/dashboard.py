"""The dashboard panel "Meine Seiten zur Überprüfung": overdue pages the user owns or last edited."""

from django.db.models import Q
from django.middleware.csrf import get_token
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail.permissions import policy_registry

SHOWN = 10


def my_overdue_pages(user):
    """Overdue live pages the user may edit and owns or saved the latest version of, the oldest date first."""
    from reviews.models import PageReview

    PageReview.objects.create_missing()
    return (
        policy_registry.get_by_type(Page)
        .instances_user_has_permission_for(user, "change")
        .filter(live=True, review__next_review__lt=timezone.localdate())
        .filter(Q(owner=user) | Q(latest_revision__user=user))
        .select_related("review")
        .defer_streamfields()
        .order_by("review__next_review", "path")
    )


class MyReviewsPanel(Component):
    name = "my_reviews"
    template_name = "reviews/dashboard_panel.html"
    order = 150

    def render_html(self, parent_context=None):
        user = parent_context["request"].user
        if not policy_registry.get_by_type(Page).user_has_any_permission(user, ["add", "change", "publish"]):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        pages = list(my_overdue_pages(request.user)[: SHOWN + 1])
        return {"pages": pages[:SHOWN], "more": len(pages) > SHOWN, "csrf_token": get_token(request)}
