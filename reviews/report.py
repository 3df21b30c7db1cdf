"""The report "Seiten zur Überprüfung": pages overdue or soon due, for the pages the user may edit."""

from django.db.models import F
from django.utils import timezone
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import PageReportView

from reviews.columns import ConfirmColumn, LastConfirmedColumn, NextReviewColumn
from reviews.filters import ReviewReportFilterSet, due_soon_limit, due_within
from reviews.intervals import DUE_SOON_DAYS
from reviews.models import PageReview
from reviews.offices import effective_office_ids, office_titles


def user_display_name(user):
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def due_status(next_review, today):
    if next_review < today:
        return "überfällig"
    if next_review <= due_soon_limit():
        return f"in den nächsten {DUE_SOON_DAYS} Tagen fällig"
    return "nicht fällig"


class ReviewReportView(PageReportView):
    page_title = "Seiten zur Überprüfung"
    header_icon = "date"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    index_url_name = "reviews_report"
    index_results_url_name = "reviews_report_results"
    filterset_class = ReviewReportFilterSet
    any_permission_required = ["add", "change", "publish"]
    default_ordering = "next_review"
    columns = [
        TitleColumn("title", label="Titel", url_name="wagtailadmin_pages:edit", sort_key="title", width="28%"),
        Column("page_type", label="Seitentyp", width="11%"),
        Column("office_title", label="Zuständige Stelle", width="17%"),
        NextReviewColumn("next_review", label="Nächste Überprüfung", sort_key="next_review", width="13%"),
        LastConfirmedColumn(
            "last_confirmed_at", label="Zuletzt bestätigt", sort_key="review__last_confirmed_at", width="13%"
        ),
        ConfirmColumn(width="18%"),
    ]
    list_export = [
        "title",
        "page_type",
        "office_title",
        "next_review",
        "due_status",
        "last_confirmed_on",
        "last_confirmed_by_name",
    ]
    export_headings = {
        "title": "Titel",
        "page_type": "Seitentyp",
        "office_title": "Zuständige Stelle",
        "next_review": "Nächste Überprüfung",
        "due_status": "Stand",
        "last_confirmed_on": "Zuletzt bestätigt am",
        "last_confirmed_by_name": "Zuletzt bestätigt von",
    }
    no_results_message = "Keine Seite ist in diesem Zeitraum zur Überprüfung fällig."

    def get_filename(self):
        return f"seiten-zur-ueberpruefung-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        PageReview.objects.create_missing()
        self.queryset = (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
            .filter(live=True, review__isnull=False)
            .annotate(next_review=F("review__next_review"))
            .select_related("review", "review__last_confirmed_by", "content_type")
            .defer_streamfields()
        )
        return super().get_queryset()

    def order_queryset(self, queryset):
        # Equal dates and titles keep the order of the page tree.
        return queryset.order_by(self.ordering, "path") if self.ordering else queryset

    def filter_queryset(self, queryset):
        filters = self.filters
        if not (filters and filters.is_valid() and filters.form.cleaned_data.get("due")):
            queryset = due_within(queryset, None)
        return super().filter_queryset(queryset)

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        office_ids = effective_office_ids((page.pk, page.path, page.content_type_id) for page in pages)
        titles = office_titles(office_ids.values())
        today = timezone.localdate()
        for page in pages:
            review = page.review
            page.page_type = page.content_type.model_class()._meta.verbose_name
            page.office_title = titles.get(office_ids[page.pk], "")
            page.due_status = due_status(review.next_review, today)
            page.last_confirmed_on = timezone.localdate(review.last_confirmed_at) if review.last_confirmed_at else None
            page.last_confirmed_by_name = user_display_name(review.last_confirmed_by)
        return pages
