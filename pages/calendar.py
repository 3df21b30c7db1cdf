"""iCalendar feeds (RFC 5545) of meetings, in Europe/Berlin time."""

import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

BERLIN = ZoneInfo("Europe/Berlin")


def committee_calendar(committee, request=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Stadt Dortmund//Integrationsportal//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", committee.title)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    url = committee.get_full_url(request)
    host = url.split("/")[2] if url else "integration.dortmund.de"
    for meeting in committee._meetings:
        event = Event()
        event.add("uid", f"sitzung-{meeting.pk}@{host}")
        event.add("summary", f"Sitzung: {committee.title}")
        if meeting.starts:
            start = datetime.datetime.combine(meeting.date, meeting.starts, tzinfo=BERLIN)
            event.add("dtstart", start)
            if meeting.ends:
                event.add("dtend", datetime.datetime.combine(meeting.date, meeting.ends, tzinfo=BERLIN))
            else:
                event.add("duration", datetime.timedelta(hours=2))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + datetime.timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        if url:
            event.add("url", url)
        event.add("dtstamp", datetime.datetime.now(tz=datetime.timezone.utc))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
