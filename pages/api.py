"""Serializers for the page API (Wagtail API v2): offices and committees as open data.

Each field reads the page's own helpers (``locations``, ``weekly_hours``, ``sorted_members`` …), so the
API shows what the page shows. Pages and documents that are drafts or private never appear.
"""

import datetime

from django.utils import timezone
from rest_framework import serializers
from wagtail.api.utils import get_full_url
from wagtail.models import CollectionViewRestriction, PageViewRestriction

from pages.models.office_details import WEEKDAYS

WEEKDAY_NAMES = dict(WEEKDAYS)


def iso_date(day):
    return day.isoformat() if day else None


def iso_time(moment):
    """ "08:30": hours and minutes, which is all an editor enters."""
    return moment.strftime("%H:%M") if moment else None


def _hidden_paths(context, key, query):
    """Tree paths of private sections, looked up once per request and kept in the serializer context."""
    if key not in context:
        context[key] = tuple(query())
    return context[key]


def is_public_page(page, context):
    """Whether a page may appear in the API: live and outside every private section."""
    if page is None or not page.live:
        return False
    hidden = _hidden_paths(
        context, "_hidden_page_paths", lambda: PageViewRestriction.objects.values_list("page__path", flat=True)
    )
    return not page.path.startswith(hidden) if hidden else True


def public_document_url(document, context):
    """The download address of a document, or None when it is missing or lies in a private collection."""
    if document is None:
        return None
    hidden = _hidden_paths(
        context,
        "_hidden_collection_paths",
        lambda: CollectionViewRestriction.objects.values_list("collection__path", flat=True),
    )
    if hidden and document.collection.path.startswith(hidden):
        return None
    return get_full_url(context.get("request"), document.url)


class PageDataField(serializers.Field):
    """A read-only field computed from the whole page by ``data_of(page)``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return self.data_of(page)

    def data_of(self, page):
        raise NotImplementedError


class CodeAndLabelField(PageDataField):
    """A choice as ``{"code": "beirat", "label": "Beirat"}``; the label from ``label_attribute`` if given."""

    def __init__(self, label_attribute=None, **kwargs):
        self.label_attribute = label_attribute
        super().__init__(**kwargs)

    def data_of(self, page):
        code = getattr(page, self.field_name)
        if self.label_attribute:
            label = getattr(page, self.label_attribute)
        else:
            label = getattr(page, f"get_{self.field_name}_display")()
        return {"code": code, "label": label}


def page_reference(page, context):
    """A page another page names (e.g. a committee's managing office), if the API may show it."""
    if not is_public_page(page, context):
        return None
    return {"id": page.pk, "title": page.title, "html_url": page.full_url}


class PageReferenceField(serializers.Field):
    """A foreign key to a page as ``{"id", "title", "html_url"}``; null for a draft or private page."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        return page_reference(page, self.context)


# --- offices -------------------------------------------------------------


class LocationSerializer(serializers.Serializer):
    """A building as the Location snippet holds it; accessibility as "ja", "nein" or "unbekannt"."""

    name = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    note = serializers.CharField()
    step_free = serializers.CharField()
    lift = serializers.CharField()
    accessible_wc = serializers.CharField()
    transit_stop = serializers.CharField()
    transit_lines = serializers.CharField()


def location_data(location):
    return LocationSerializer(location).data


class OfficeLocationsField(PageDataField):
    """Today's address of each location row, in the editor's order, with a move that still lies ahead."""

    def data_of(self, office):
        today = timezone.localdate()
        entries = []
        for row, location in zip(office._office_locations, office.locations):
            entry = dict(location_data(location))
            move = row.upcoming_move(today)
            entry["planned_move"] = {"date": iso_date(move[0]), "new_location": location_data(move[1])} if move else None
            entries.append(entry)
        return entries


class OpeningHoursField(PageDataField):
    """Weekly opening hours in weekday order; weekdays 0 (Montag) to 6 (Sonntag) with their German names."""

    def data_of(self, office):
        return [
            {
                "weekday": row.weekday,
                "weekday_name": WEEKDAY_NAMES[row.weekday],
                "until_weekday": row.until_weekday,
                "until_weekday_name": WEEKDAY_NAMES.get(row.until_weekday),
                "days": row.days_label,
                "opens": iso_time(row.opens),
                "closes": iso_time(row.closes),
                "note": row.note,
            }
            for row in office.weekly_hours
        ]


class CurrentClosuresField(PageDataField):
    """The closures that apply today."""

    def data_of(self, office):
        return [
            {"starts": iso_date(closure.starts), "ends": iso_date(closure.ends), "note": closure.note}
            for closure in office.current_closures
        ]


def contact_person_data(person):
    return {"name": person.name, "role": person.role, "phone": person.phone, "email": person.email}


class ContactPersonsField(PageDataField):
    """The contact persons of an office or a program, in the editor's order."""

    def data_of(self, page):
        return [contact_person_data(person) for person in page.contact_persons.all()]


class LanguagesField(PageDataField):
    """The languages spoken at the counter, as a list."""

    def data_of(self, office):
        return office.language_list


# --- committees ------------------------------------------------------------


class CommitteeMembersField(PageDataField):
    """Members in the order the page shows them."""

    def data_of(self, committee):
        return [
            {
                "name": member.name,
                "affiliation": member.affiliation,
                "role": {"code": member.role, "label": member.get_role_display()} if member.role else None,
            }
            for member in committee.sorted_members
        ]


class CommitteeMeetingsField(PageDataField):
    """All meetings, earliest first, with the download addresses of their agenda and minutes."""

    def data_of(self, committee):
        meetings = sorted(
            committee.meetings.all(), key=lambda meeting: (meeting.date, meeting.starts or datetime.time.min)
        )
        return [
            {
                "date": iso_date(meeting.date),
                "starts": iso_time(meeting.starts),
                "ends": iso_time(meeting.ends),
                "place": meeting.place,
                "agenda_url": public_document_url(meeting.agenda, self.context),
                "minutes_url": public_document_url(meeting.minutes, self.context),
            }
            for meeting in meetings
        ]


# --- listings --------------------------------------------------------------


def office_prefetches():
    """What the office fields read, so a listing needs a fixed number of queries."""
    from django.db.models import Prefetch

    from pages.models.office_details import OfficeLocation

    return [
        Prefetch(
            "office_locations",
            queryset=OfficeLocation.objects.select_related("location", "new_location"),
        ),
        "opening_hours",
        "closures",
        "contact_persons",
    ]


def committee_prefetches():
    """What the committee fields read, so a listing needs a fixed number of queries."""
    from django.db.models import Prefetch

    from pages.models.committee import CommitteeMeeting

    return [
        "managing_office",
        "members",
        Prefetch(
            "meetings",
            queryset=CommitteeMeeting.objects.select_related("agenda__collection", "minutes__collection"),
        ),
    ]
