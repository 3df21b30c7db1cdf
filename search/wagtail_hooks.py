from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.reports import PERMISSION, UnansweredQueriesReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("berichte/suchen-ohne-ergebnis/", UnansweredQueriesReportView.as_view(), name="unanswered_queries"),
        path(
            "berichte/suchen-ohne-ergebnis/ergebnisse/",
            UnansweredQueriesReportView.as_view(results_only=True),
            name="unanswered_queries_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem("Suchen ohne Ergebnis", reverse("unanswered_queries"), icon_name="search", order=1400)
