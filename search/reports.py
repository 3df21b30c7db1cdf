"""Admin report: the most frequent searches that found nothing, so editors see what citizens miss."""

from django.db.models import Max, Sum
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from search.models import UnansweredQuery

PERMISSION = "portal_search.view_unansweredquery"


class UnansweredQueriesReportView(ReportView):
    page_title = "Suchen ohne Ergebnis"
    header_icon = "search"
    index_url_name = "unanswered_queries"
    index_results_url_name = "unanswered_queries_results"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits_total"
    columns = [
        Column("query_string", label="Suchbegriff", sort_key="query_string"),
        NumberColumn("hits_total", label="Anzahl", sort_key="hits_total"),
        DateColumn("last_date", label="Zuletzt gesucht", sort_key="last_date"),
    ]
    list_export = ["query_string", "hits_total", "last_date"]
    export_headings = {"query_string": "Suchbegriff", "hits_total": "Anzahl", "last_date": "Zuletzt gesucht"}

    def get_base_queryset(self):
        return (
            UnansweredQuery.objects.values("query_string")
            .annotate(hits_total=Sum("hits"), last_date=Max("date"))
            .order_by("-hits_total", "query_string")
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
