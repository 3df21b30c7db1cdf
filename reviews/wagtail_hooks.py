from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import policy_registry

from reviews.confirm import confirm_review
from reviews.content import is_content_page
from reviews.dashboard import MyReviewsPanel
from reviews.models import CONFIRM_ACTION
from reviews.report import ReviewReportView


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("berichte/ueberpruefung/", ReviewReportView.as_view(), name="reviews_report"),
        path("berichte/ueberpruefung/ergebnisse/", ReviewReportView.as_view(results_only=True), name="reviews_report_results"),
        path("berichte/ueberpruefung/<int:page_id>/bestaetigen/", confirm_review, name="reviews_confirm"),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return ReviewReportMenuItem(
        "Seiten zur Überprüfung", reverse("reviews_report"), name="page-reviews", icon_name="date", order=1050
    )


@hooks.register("construct_homepage_panels")
def my_reviews_panel(request, panels):
    panels.append(MyReviewsPanel())


@hooks.register("register_page_header_buttons")
def confirm_review_button(page, user, view_name, next_url=None):
    if not (page.live and is_content_page(page) and page.permissions_for_user(user).can_edit()):
        return
    url = reverse("reviews_confirm", args=[page.pk])
    # With JavaScript one click confirms (Wagtail's w-action posts with the CSRF token);
    # without, the link opens the form.
    yield Button(
        "Inhalt ist aktuell",
        url=url,
        icon_name="date",
        priority=40,
        attrs={"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url},
    )


@hooks.register("register_log_actions")
def review_log_actions(actions):
    @actions.register_action(CONFIRM_ACTION)
    class ConfirmedFormatter(LogFormatter):
        label = "Inhalt als aktuell bestätigt"

        def format_message(self, log_entry):
            from datetime import date

            from reviews.dates import german_date

            next_review = (log_entry.data or {}).get("next_review")
            if not next_review:
                return "Inhalt als aktuell bestätigt"
            return f"Inhalt als aktuell bestätigt, nächste Überprüfung: {german_date(date.fromisoformat(next_review))}"

