from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from linkcheck.views import PAGE_PERMISSIONS, LinkReportView


@hooks.register("register_admin_urls")
def register_link_report_urls():
    return [
        path("berichte/verweise/", LinkReportView.as_view(), name="linkcheck_report"),
        path(
            "berichte/verweise/ergebnisse/",
            LinkReportView.as_view(results_only=True),
            name="linkcheck_report_results",
        ),
    ]


class LinkReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, PAGE_PERMISSIONS)


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    return LinkReportMenuItem(
        "Verweise prüfen", reverse("linkcheck_report"), name="verweise-pruefen", icon_name="link", order=1100
    )
