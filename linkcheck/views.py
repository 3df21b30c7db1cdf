"""The admin report "Verweise prüfen"."""

import django_filters
from django.db.models import Max
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from linkcheck.collect import find_problems
from linkcheck.models import ExternalLinkCheck
from linkcheck.problems import Kind, german_date

PAGE_PERMISSIONS = ["add", "change", "publish"]


class LinkReportFilterSet(WagtailFilterSet):
    # The rows are computed, not a queryset: the view applies the chosen kind itself.
    problem = django_filters.ChoiceFilter(label="Problem", choices=Kind.choices, empty_label="Alle Probleme")


class LinkReportView(ReportView):
    page_title = "Verweise prüfen"
    header_icon = "link"
    index_url_name = "linkcheck_report"
    index_results_url_name = "linkcheck_report_results"
    results_template_name = "linkcheck/report_results.html"
    filterset_class = LinkReportFilterSet
    permission_policy = PagePermissionPolicy()
    any_permission_required = PAGE_PERMISSIONS
    paginate_by = 50
    columns = [
        TitleColumn(
            "page_title", label="Seite", url_name="wagtailadmin_pages:edit", id_accessor="page_id", width="22%"
        ),
        Column("place", label="Stelle", width="12%"),
        Column("target", label="Ziel", width="26%"),
        Column("problem_with_detail", label="Problem", width="26%"),
        Column("checked_label", label="Prüfung", width="14%"),
    ]
    list_export = ["page_title", "place", "target", "problem", "detail", "checked_on"]
    export_headings = {
        "page_title": "Seite",
        "place": "Stelle",
        "target": "Ziel",
        "problem": "Problem",
        "detail": "Einzelheiten",
        "checked_on": "Geprüft am",
    }

    def get_filename(self):
        return f"verweise-pruefen-{timezone.localdate():%Y-%m-%d}"

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "queryset": ExternalLinkCheck.objects.none()}

    def get_queryset(self):
        return find_problems(self.request.user)

    def filter_queryset(self, rows):
        if self.filters and self.filters.is_valid():
            kind = self.filters.form.cleaned_data.get("problem")
            if kind:
                rows = [row for row in rows if row.kind == kind]
        return rows

    @property
    def no_results_message(self):
        if self.is_filtering:
            return "Keine Verweise mit diesem Problem."
        return "Keine Probleme gefunden: Alle Verweise der veröffentlichten Seiten führen ans Ziel."

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        last_check = ExternalLinkCheck.objects.aggregate(last=Max("checked_at"))["last"]
        context["last_external_check"] = german_date(last_check) if last_check else None
        return context
