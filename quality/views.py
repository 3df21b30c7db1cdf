"""The admin report "Inhalte prüfen": images without alt text, teasers, heading levels and office data in texts."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from quality.findings import Kind, findings_for


class ProblemFilterSet(WagtailFilterSet):
    problem = django_filters.ChoiceFilter(
        label="Problem", choices=Kind.choices, empty_label="Alle Probleme", method="by_kind"
    )

    class Meta:
        model = Page  # unused: the report filters a list of findings, not a queryset
        fields = []

    def by_kind(self, findings, name, value):
        return [finding for finding in findings if finding.kind == value] if value else findings

    def filter_queryset(self, findings):
        return self.by_kind(findings, "problem", self.form.cleaned_data.get("problem"))


class ContentQualityReportView(ReportView):
    page_title = "Inhalte prüfen"
    header_icon = "glasses"
    template_name = "quality/report.html"
    index_url_name = "quality_report"
    index_results_url_name = "quality_report_results"
    filterset_class = ProblemFilterSet
    export_filename = "inhalte-pruefen"
    columns = [
        TitleColumn("title", label="Inhalt", get_url=lambda finding: finding.edit_url),
        Column("subject_type", label="Art"),
        Column("problem", label="Problem"),
        Column("status", label="Status"),
    ]
    list_export = ["title", "subject_type", "kind_label", "problem", "status", "edit_url"]
    export_headings = {
        "title": "Inhalt",
        "subject_type": "Art",
        "kind_label": "Art des Problems",
        "problem": "Problem",
        "status": "Status",
        "edit_url": "Bearbeiten",
    }

    @property
    def no_results_message(self):
        if self.is_filtering:
            return "Für diesen Filter gibt es nichts zu tun."
        return "Keine Probleme gefunden: Alle Bilder haben einen Alternativtext, alle Seiten einen passenden Teaser."

    def get_base_queryset(self):
        return findings_for(self.request.user)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["edit_url"] = self.request.build_absolute_uri(item.edit_url)
        return row
