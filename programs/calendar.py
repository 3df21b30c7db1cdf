"""iCalendar feeds of application windows: the start and the deadline of every dated round, as all-day events."""

from pages.calendar import add_all_day, host_of, new_calendar, new_event, to_ical


def programs_calendar(programs, name, request=None):
    calendar = new_calendar(name)
    for program in programs:
        url = program.get_full_url(request)
        host = host_of(url)
        for funding_round in program._rounds:
            for kind, day, prefix in (("beginn", funding_round.opens, "Antragsbeginn"), ("frist", funding_round.closes, "Antragsfrist")):
                if day is None:
                    continue
                event = new_event(
                    f"foerderprogramm-{program.pk}-runde-{funding_round.pk}-{kind}@{host}",
                    f"{prefix}: {program.title} ({funding_round.title})",
                    url,
                )
                add_all_day(event, day)
                event.add("description", f"{program.search_description}\n\nAntragszeitraum: {funding_round.window_label}")
                calendar.add_component(event)
    return to_ical(calendar)
