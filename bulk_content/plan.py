"""The shape of a bulk tree, planned in memory from a seed before anything is stored.

Everything here depends on the seed and the number of pages only: no database, no clock,
no set or dict iteration order. Dates are offsets in days from the day of generation, and
documents and target groups are fractions that the generator maps onto what exists.
"""

import math
import random

from bulk_content import words
from bulk_content.specs import Plan, PlannedPage, Theme, capitalised
from programs.models.vocabulary import german_slug

MIN_PAGES = 30
# Shares of the pages; topics get the rest. Program shares include their finder pages.
OFFICE_SHARE = 0.12
COMMITTEE_SHARE = 0.08
PROGRAM_SHARE = 0.10
PROGRAMS_PER_INDEX = 250

ROOT_TITLE = "Massendaten"
ROOT_SLUG = "massendaten"

# Topics sit 1 to 5 levels below the bulk root; a topic takes at most this many child topics.
MAX_TOPIC_LEVEL = 5
CHILD_TOPIC_CAPS = {1: 12, 2: 10, 3: 8, 4: 6}
# How likely a new topic goes below a topic of each level; with the caps, most topics end up
# three to five levels below the root.
PARENT_LEVEL_WEIGHTS = {1: 3, 2: 4, 3: 3, 4: 1}
MAX_OFFICE_NESTING = 3


def page_counts(total):
    """(topics, offices, committees, program indexes, programs) for ``total`` pages, root included."""
    offices = round(total * OFFICE_SHARE)
    committees = round(total * COMMITTEE_SHARE)
    program_share = round(total * PROGRAM_SHARE)
    indexes = max(1, math.ceil(program_share / PROGRAMS_PER_INDEX))
    programs = max(1, program_share - indexes)
    topics = total - offices - committees - indexes - programs
    return topics, offices, committees, indexes, programs


class TreePlanner:
    """Plans the pages with titles, slugs and places in the tree; ``content`` fills in the rest."""

    def __init__(self, total, seed):
        if total < MIN_PAGES:
            raise ValueError(f"Bitte mindestens {MIN_PAGES} Seiten anlegen, damit jede Seitenart vorkommt.")
        self.total = total
        self.rng = random.Random(seed)
        self.pages = []
        self.child_slugs = {}
        self.child_titles = {}
        self.child_topic_count = {}

    def plan(self):
        from bulk_content import content, details

        topics, offices, committees, indexes, programs = page_counts(self.total)
        self._topics(topics)
        self._program_indexes(indexes)
        self._offices(offices)
        self._committees(committees)
        self._programs(programs)
        assert len(self.pages) == self.total
        locations = details.plan_locations(self.rng, offices)
        content.fill(self.rng, self.pages, locations)
        return Plan(self.pages, locations)

    # --- bookkeeping -----------------------------------------------------------

    def _add(self, kind, parent, title, theme=None, **extra):
        parent_page = self.pages[parent] if parent is not None else None
        level = parent_page.level + 1 if parent_page else 0
        slug = german_slug(title) or kind
        taken = self.child_slugs.setdefault(parent, set())
        base, number = slug, 2
        while slug in taken:
            slug = f"{base[:95]}-{number}"
            number += 1
        taken.add(slug)
        self.child_titles.setdefault(parent, set()).add(title.casefold())
        if parent_page is None:
            section = 0
        elif parent_page.level == 0:
            section = len(self.pages)
        else:
            section = parent_page.section
        page = PlannedPage(len(self.pages), kind, parent, level, title, slug, theme, section=section, **extra)
        self.pages.append(page)
        return page

    def _draw(self, parent, make, *args):
        """(title, theme, fields) from ``make(*args)`` whose title neither a sibling nor the parent has.

        After a few tries the last title is numbered instead.
        """
        titles = self.child_titles.setdefault(parent, set()) | {self.pages[parent].title.casefold()}
        for _ in range(12):
            title, theme, fields = make(*args)
            if title.casefold() not in titles:
                return title, theme, fields
        number = 2
        while f"{title} ({number})".casefold() in titles:
            number += 1
        return f"{title} ({number})", theme, fields

    def _add_drawn(self, kind, parent, make, *args):
        title, theme, fields = self._draw(parent, make, *args)
        return self._add(kind, parent, title, theme, fields=fields)

    def _pick(self, sequence):
        return sequence[self.rng.randrange(len(sequence))]

    # --- topics ------------------------------------------------------------------

    def _topics(self, count):
        self._add("topic", None, ROOT_TITLE)
        section_count = min(len(words.SECTIONS), max(3, round(math.sqrt(count) / 7)))
        eligible = {level: [] for level in CHILD_TOPIC_CAPS}
        for number in self.rng.sample(range(len(words.SECTIONS)), section_count):
            section = self._add("topic", 0, words.SECTIONS[number][0], Theme(number, 0))
            eligible[1].append(section.index)
        remaining = count - 1 - section_count
        # A first chain down to the deepest level, so that even a small tree is deep.
        parent = eligible[1][0]
        for _ in range(MAX_TOPIC_LEVEL - 1):
            if not remaining:
                break
            parent = self._topic(parent, eligible).index
            remaining -= 1
        caps = dict(CHILD_TOPIC_CAPS)
        while remaining:
            levels = [level for level in sorted(eligible) if eligible[level]]
            if not levels:  # a huge tree: let every topic take more children
                caps = {level: cap * 2 for level, cap in caps.items()}
                for page in self.pages:
                    if page.kind == "topic" and 1 <= page.level < MAX_TOPIC_LEVEL:
                        eligible[page.level].append(page.index)
                continue
            level = self.rng.choices(levels, [PARENT_LEVEL_WEIGHTS[level] for level in levels])[0]
            position = self.rng.randrange(len(eligible[level]))
            parent = eligible[level][position]
            self._topic(parent, eligible)
            remaining -= 1
            if self.child_topic_count[parent] >= caps[level]:
                eligible[level][position] = eligible[level][-1]
                eligible[level].pop()

    def _topic(self, parent, eligible):
        page = self._add_drawn("topic", parent, self._topic_draw, self.pages[parent])
        self.child_topic_count[parent] = self.child_topic_count.get(parent, 0) + 1
        if page.level < MAX_TOPIC_LEVEL:
            eligible[page.level].append(page.index)
        return page

    def _topic_draw(self, parent):
        theme = self._child_theme(parent)
        return self._topic_title(theme, parent.level + 1), theme, {}

    def _child_theme(self, parent):
        rng, theme = self.rng, parent.theme
        subjects = len(words.SECTIONS[theme.section][1])
        if parent.level == 1:
            return Theme(theme.section, rng.randrange(subjects), self._maybe(0.3, words.GROUPS))
        subject = theme.subject if rng.random() < 0.6 else rng.randrange(subjects)
        group = theme.group if theme.group is not None else self._maybe(0.5, words.GROUPS)
        district = theme.district if theme.district is not None else self._maybe(0.5, words.DISTRICTS)
        return Theme(theme.section, subject, group, district)

    def _maybe(self, probability, sequence):
        return self.rng.randrange(len(sequence)) if self.rng.random() < probability else None

    def _topic_title(self, theme, level):
        district = "" if theme.district is None else " " + words.DISTRICTS[theme.district][1]
        if level >= 3 and self.rng.random() < 0.3:
            return f"{self._pick(words.FORMATS)} {theme.zu}{theme.group_phrase}{district}"
        return capitalised(theme.subject_text) + theme.group_phrase + district

    # --- offices, committees, programs -------------------------------------------

    def _topics_at(self, levels):
        return [page.index for page in self.pages if page.kind == "topic" and page.level in levels]

    def _offices(self, count):
        # Sections count twice: most offices sit high in the tree.
        topic_parents = self._topics_at((1,)) * 2 + self._topics_at((2, 3))
        nestable = []  # offices that may take a sub-office
        for _ in range(count):
            if nestable and self.rng.random() < 0.4:
                parent = self._pick(nestable)
                page = self._add_drawn("office", parent, self._sub_office_draw, self.pages[parent].theme)
                page.office_depth = self.pages[parent].office_depth + 1
            else:
                parent = self._pick(topic_parents)
                page = self._add_drawn("office", parent, self._office_draw, self.pages[parent].theme)
                page.office_depth = 1
            if page.office_depth < MAX_OFFICE_NESTING:
                nestable.append(page.index)

    def _office_draw(self, theme):
        """ "Familienbüro Eving" (short name "FB Eving") or "Fachstelle Sprachförderung", with a matching theme."""
        kind, abbreviation = self._pick(words.OFFICE_KINDS)
        if self.rng.random() < 0.5:
            district = self.rng.randrange(len(words.DISTRICTS))
            name = words.DISTRICTS[district][0]
            theme = Theme(theme.section, theme.subject, district=district)
            return f"{kind} {name}", theme, {"short_name": f"{abbreviation} {name}"[:40]}
        theme = Theme(theme.section, self.rng.randrange(len(words.SECTIONS[theme.section][1])))
        return f"{kind} {capitalised(theme.subject_text)}", theme, {"short_name": ""}

    def _sub_office_draw(self, theme):
        theme = Theme(theme.section, self.rng.randrange(len(words.SECTIONS[theme.section][1])), district=theme.district)
        return f"{self._pick(words.SUB_OFFICE_KINDS)} {capitalised(theme.subject_text)}", theme, {}

    def _committees(self, count):
        parents = self._topics_at((1, 2, 3, 4))
        for _ in range(count):
            parent = self._pick(parents)
            self._add_drawn("committee", parent, self._committee_draw, self.pages[parent].theme)

    def _committee_draw(self, theme):
        kind, kind_value = self._pick(words.COMMITTEE_KINDS)
        subject = capitalised(self._pick(words.SECTIONS[theme.section][1])[0])
        shape = self.rng.random()
        if shape < 0.45:
            title = f"{kind} {subject}"
        elif shape < 0.8:
            title = f"{kind} {subject} {self._pick(words.DISTRICTS)[0]}"
        else:
            title = f"{kind} {self._pick(words.GROUPS)}"
        return title, theme, {"kind": kind_value}

    def _program_indexes(self, count):
        sections = self._topics_at((1,))
        for number in range(count):
            section = self.pages[sections[number % len(sections)]]
            self._add_drawn("program_index", section.index, self._program_index_draw, section)

    @staticmethod
    def _program_index_draw(section):
        return f"Förderprogramme {section.title}", section.theme, {}

    def _programs(self, count):
        indexes = [page.index for page in self.pages if page.kind == "program_index"]
        for number in range(count):
            parent = indexes[number % len(indexes)]
            self._add_drawn("program", parent, self._program_draw, self.pages[parent].theme.section)

    def _program_draw(self, section):
        theme = Theme(section, self.rng.randrange(len(words.SECTIONS[section][1])))
        pattern = self._pick(words.PROGRAM_PATTERNS)
        district = self._pick(words.DISTRICTS)
        title = pattern.format(subject=capitalised(theme.subject_text), zu=theme.zu, district_name=district[0])
        shape = self.rng.random()
        if shape < 0.3:
            title += " " + self._pick(words.GROUPS)
        elif shape < 0.55 and "{district_name}" not in pattern:
            title += " " + district[1]
        return title, theme, {}


def build_plan(total, seed):
    return TreePlanner(total, seed).plan()
