"""Filters of the report "Seiten zur Überprüfung"."""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.admin.filters import ContentTypeFilter, WagtailFilterSet
from wagtail.models import Page

from pages.models import OfficePage
from reviews.content import content_types
from reviews.intervals import DUE_SOON_DAYS
from reviews.offices import effective_office_ids

OVERDUE, SOON, ALL = "ueberfaellig", "bald", "alle"


def due_soon_limit():
    return timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)


def due_within(queryset, choice):
    """The pages whose review falls in the chosen window; no choice means overdue or soon due."""
    today = timezone.localdate()
    if choice == OVERDUE:
        return queryset.filter(next_review__lt=today)
    if choice == SOON:
        return queryset.filter(next_review__gte=today, next_review__lte=due_soon_limit())
    if choice == ALL:
        return queryset
    return queryset.filter(next_review__lte=due_soon_limit())


class ReviewReportFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label="Fällig",
        choices=[(OVERDUE, "überfällig"), (SOON, f"in den nächsten {DUE_SOON_DAYS} Tagen"), (ALL, "alle Seiten")],
        empty_label=f"überfällig oder in den nächsten {DUE_SOON_DAYS} Tagen",
        method="filter_due",
    )
    office = django_filters.ModelChoiceFilter(
        label="Zuständige Stelle",
        queryset=lambda request: OfficePage.objects.order_by("title"),
        empty_label="alle Stellen",
        method="filter_office",
    )
    content_type = ContentTypeFilter(
        label="Seitentyp",
        queryset=lambda request: ContentType.objects.filter(pk__in=[ct.pk for ct in content_types().values()]),
        empty_label="alle Seitentypen",
    )

    class Meta:
        model = Page
        fields = []

    def filter_due(self, queryset, name, value):
        return due_within(queryset, value)

    def filter_office(self, queryset, name, office):
        """Pages whose own or inherited office is ``office``; inheritance is resolved in Python, in two queries."""
        candidates = queryset.order_by().values_list("pk", "path", "content_type_id")
        ids = [pk for pk, office_id in effective_office_ids(candidates).items() if office_id == office.pk]
        return queryset.filter(pk__in=ids)
