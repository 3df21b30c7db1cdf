"""The finder's filters, read from a plain GET query: whatever a browser or a bot sends, never an error.

All programs of the finder are loaded once (their rounds and target groups prefetched) and
filtered here, because the status exists only at request time; so the query count does not
depend on the filters or the number of programs, and the option counts come for free.
"""

from dataclasses import dataclass, field

from django.utils.http import urlencode

from pages.collation import german_sort_key
from programs.status import Phase

MAX_VALUES = 50

TARGET_GROUP_PARAM = "zielgruppe"
STATUS_PARAM = "status"
FUNDER_PARAM = "foerdergeber"

# A citizen's question is "can I apply now, soon, or did I miss it?"; rolling programs accept applications now.
STATUSES = {
    "moeglich": ("Antragstellung möglich", {Phase.OPEN, Phase.ROLLING}),
    "demnaechst": ("Antragstellung demnächst", {Phase.UPCOMING}),
    "abgelaufen": ("Antragsfrist abgelaufen", {Phase.CLOSED}),
}
PARAM_LABELS = {TARGET_GROUP_PARAM: "Zielgruppe", STATUS_PARAM: "Antragstellung", FUNDER_PARAM: "Fördergeber"}


@dataclass
class Option:
    value: str
    label: str
    selected: bool
    count: int


@dataclass
class Filters:
    """The valid values chosen per parameter, in a stable order, and German hints about what was ignored."""

    chosen: dict = field(default_factory=dict)
    hints: list = field(default_factory=list)

    def values(self, param):
        return self.chosen.get(param, [])

    def query_items(self):
        return [(param, value) for param in PARAM_LABELS for value in self.values(param)]

    def query_string(self):
        return urlencode(self.query_items())


def read_filters(query, target_groups, funder_labels):
    """The known values of each filter parameter; unknown, malformed or surplus ones are named in a hint."""
    known = {
        TARGET_GROUP_PARAM: [group.slug for group in target_groups],
        STATUS_PARAM: list(STATUSES),
        FUNDER_PARAM: list(funder_labels),
    }
    filters = Filters()
    for param, allowed in known.items():
        raw = query.getlist(param)
        valid = [value for value in allowed if value in raw]
        filters.chosen[param] = valid
        if len(raw) > MAX_VALUES or any(value not in allowed for value in raw if value != ""):
            filters.hints.append(
                f"Eine Angabe für „{PARAM_LABELS[param]}“ ist uns nicht bekannt und wurde nicht berücksichtigt."
            )
    return filters


def _matches(program, filters, skip=None):
    groups = filters.values(TARGET_GROUP_PARAM)
    if groups and skip != TARGET_GROUP_PARAM:
        if not any(group.slug in groups for group in program.target_groups.all()):
            return False
    funders = filters.values(FUNDER_PARAM)
    if funders and skip != FUNDER_PARAM and program.funder not in funders:
        return False
    statuses = filters.values(STATUS_PARAM)
    if statuses and skip != STATUS_PARAM:
        phases = set().union(*(STATUSES[status][1] for status in statuses))
        if program.finder_status.phase not in phases:
            return False
    return True


def _counted_options(programs, filters, param, choices, has_value):
    """Each choice with the number of programs it would show, given the other filters."""
    pool = [program for program in programs if _matches(program, filters, skip=param)]
    chosen = filters.values(param)
    options = []
    for value, label in choices:
        count = sum(1 for program in pool if has_value(program, value))
        options.append(Option(value, label, value in chosen, count))
    return options


def _plural(count):
    if count == 0:
        return "Kein Programm"
    return "1 Programm" if count == 1 else f"{count} Programme"


def summary(count, filters, target_groups, funder_labels):
    """ "3 Programme für Vereine, Antragstellung möglich"."""
    names = {group.slug: group.name for group in target_groups}
    text = _plural(count)
    groups = [names[slug] for slug in filters.values(TARGET_GROUP_PARAM)]
    if groups:
        text += " für " + " oder ".join(groups)
    statuses = [STATUSES[status][0] for status in filters.values(STATUS_PARAM)]
    if statuses:
        text += ", " + " oder ".join(statuses)
    funders = [funder_labels[funder] for funder in filters.values(FUNDER_PARAM)]
    if funders:
        text += ", Fördergeber: " + " oder ".join(funders)
    return text


@dataclass
class FinderResult:
    today: object
    programs: list
    filters: Filters
    summary: str
    target_group_options: list
    status_options: list
    funder_options: list


def find(programs, query, target_groups, funder_labels, today):
    """Filter and sort ``programs``: open by nearest deadline, then upcoming, rolling, unknown, closed."""
    target_groups = sorted(target_groups, key=lambda group: german_sort_key(group.name))
    filters = read_filters(query, target_groups, funder_labels)
    for program in programs:
        program.finder_status = program.status_on(today)
    found = [program for program in programs if _matches(program, filters)]
    found.sort(key=lambda program: (program.finder_status.sort_key(), german_sort_key(program.title)))

    def has_group(program, slug):
        return any(group.slug == slug for group in program.target_groups.all())

    def has_status(program, status):
        return program.finder_status.phase in STATUSES[status][1]

    group_options = _counted_options(
        programs, filters, TARGET_GROUP_PARAM, [(group.slug, group.name) for group in target_groups], has_group
    )
    status_options = _counted_options(
        programs, filters, STATUS_PARAM, [(key, label) for key, (label, _) in STATUSES.items()], has_status
    )
    funder_options = _counted_options(
        programs, filters, FUNDER_PARAM, list(funder_labels.items()), lambda program, value: program.funder == value
    )
    used_funders = {program.funder for program in programs}
    return FinderResult(
        today=today,
        programs=found,
        filters=filters,
        summary=summary(len(found), filters, target_groups, funder_labels),
        # Options nobody could pick a program by are left out, unless the query chose them.
        target_group_options=[option for option in group_options if option.count or option.selected],
        status_options=status_options,
        funder_options=[option for option in funder_options if option.value in used_funders or option.selected],
    )
