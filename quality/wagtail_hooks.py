from django.contrib import messages
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quality.office_data import office_data_warning
from quality.views import ContentQualityReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("berichte/inhalte-pruefen/", ContentQualityReportView.as_view(), name="quality_report"),
        path(
            "berichte/inhalte-pruefen/ergebnisse/",
            ContentQualityReportView.as_view(results_only=True),
            name="quality_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem("Inhalte prüfen", reverse("quality_report"), icon_name="glasses", order=1300)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_office_data_in_the_text(request, page):
    # Autosaves while typing answer in JSON and show no messages; the warning waits for the editor's own save.
    if not request.accepts("text/html"):
        return
    lock = type(page).objects.get(pk=page.pk).get_lock()  # afresh: the view's page predates a submission
    warning = office_data_warning(page, submitted=bool(lock and lock.for_user(request.user)))
    if warning:
        messages.warning(request, warning)
