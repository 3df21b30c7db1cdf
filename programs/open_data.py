"""The finder's programs as JSON for open data: the same filters as the HTML list, the status as of today."""

def _date(day):
    return day.isoformat() if day else None


def _amount(value):
    """Euro amounts as decimal strings, so no cent is lost to floating point."""
    return None if value is None else f"{value:.2f}"


def amounts_data(holder):
    return {
        "total_budget": _amount(holder.total_budget),
        "min_per_project": _amount(holder.amount_min),
        "max_per_project": _amount(holder.amount_max),
    }


def status_data(status):
    return {
        "code": status.phase.name.lower(),
        "label": status.label,
        "opens": _date(status.opens),
        "closes": _date(status.closes),
        "days_left": status.days_left,
    }


def target_groups_data(program):
    return [{"slug": group.slug, "name": group.name} for group in program.sorted_target_groups]


def round_data(funding_round, today):
    return {
        "title": funding_round.title,
        "year": funding_round.year,
        "opens": _date(funding_round.opens),
        "closes": _date(funding_round.closes),
        "status": status_data(funding_round.status_on(today)),
        "amounts": amounts_data(funding_round),
        "outcome": funding_round.outcome,
    }


def program_data(program, request, today):
    status = program.finder_status
    url = program.get_full_url(request)
    return {
        "title": program.title,
        "url": url,
        "teaser": program.search_description,
        "funder": {"code": program.funder, "label": program.funder_label},
        "target_groups": target_groups_data(program),
        "status": status_data(status),
        "rolling": program.rolling,
        "application_url": program.application_url if status.accepts_applications and program.application_url else None,
        "amounts": amounts_data(program),
        "rounds": [round_data(funding_round, today) for funding_round in program._rounds],
        "calendar_url": url + program.reverse_subpage("calendar"),
    }


def finder_data(index_page, result, request):
    today = result.today
    return {
        "title": index_page.title,
        "url": index_page.get_full_url(request),
        "as_of": today.isoformat(),
        "summary": result.summary,
        "filters": {param: values for param, values in result.filters.chosen.items()},
        "hints": result.filters.hints,
        "count": len(result.programs),
        "programs": [program_data(program, request, today) for program in result.programs],
    }
