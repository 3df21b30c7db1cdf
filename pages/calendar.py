"""iCalendar feeds (RFC 5545) in Europe/Berlin time: committee meetings here, other feeds build on the helpers."""

import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULT_HOST = "integration.dortmund.de"


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", "-//Stadt Dortmund//Integrationsportal//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    return calendar


def host_of(url):
    """The host part of a page's full URL, for globally unique event ids."""
    return url.split("/")[2] if url else DEFAULT_HOST


def new_event(uid, summary, url=None):
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    if url:
        event.add("url", url)
    event.add("dtstamp", datetime.datetime.now(tz=datetime.timezone.utc))
    return event


def add_all_day(event, day):
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))


def to_ical(calendar):
    calendar.add_missing_timezones()
    return calendar.to_ical()


def committee_calendar(committee, request=None):
    calendar = new_calendar(committee.title)
    url = committee.get_full_url(request)
    host = host_of(url)
    for meeting in committee._meetings:
        event = new_event(f"sitzung-{meeting.pk}@{host}", f"Sitzung: {committee.title}", url)
        if meeting.starts:
            start = datetime.datetime.combine(meeting.date, meeting.starts, tzinfo=BERLIN)
            event.add("dtstart", start)
            if meeting.ends:
                event.add("dtend", datetime.datetime.combine(meeting.date, meeting.ends, tzinfo=BERLIN))
            else:
                event.add("duration", datetime.timedelta(hours=2))
        else:
            add_all_day(event, meeting.date)
        if meeting.place:
            event.add("location", meeting.place)
        calendar.add_component(event)
    return to_ical(calendar)
