"""What a plan is made of: planned pages and the references between them, before anything is stored."""

from dataclasses import dataclass, field

from bulk_content import words


def capitalised(text):
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class PageRef:
    """A link to another planned page, by its position in the plan."""

    index: int


@dataclass(frozen=True)
class DocRef:
    """One of the documents that exist when generating, chosen by its position among them (0 ≤ fraction < 1)."""

    fraction: float


@dataclass(frozen=True)
class Theme:
    """What a page is about: its section, a subject of that section, and optionally a group and a district."""

    section: int
    subject: int
    group: int | None = None
    district: int | None = None

    @property
    def subject_text(self):
        return words.SECTIONS[self.section][1][self.subject][0]

    @property
    def zu(self):
        """ "zur Sprachförderung", "zum Ehrenamt", "zu Integrationskursen"."""
        return words.SECTIONS[self.section][1][self.subject][1]

    @property
    def group_phrase(self):
        """ " für Familien" or ""."""
        return "" if self.group is None else " " + words.GROUPS[self.group]

    @property
    def group_noun(self):
        """ "Familien": a plural that works as subject and as object."""
        return "Ratsuchende" if self.group is None else words.GROUPS[self.group].removeprefix("für ")

    @property
    def where(self):
        return "in Dortmund" if self.district is None else words.DISTRICTS[self.district][1]

    @property
    def district_phrase(self):
        return "in ganz Dortmund" if self.district is None else words.DISTRICTS[self.district][1]


@dataclass
class PlannedPage:
    """A page to create. ``fields`` go to the model as they are; the rest is resolved when storing."""

    index: int
    kind: str  # "topic", "office", "committee", "program_index" or "program"
    parent: int | None
    level: int  # below the bulk root, which is level 0
    title: str
    slug: str
    theme: Theme | None = None
    section: int = 0  # plan index of the top-level topic the page lies in
    teaser: str = ""
    intro: str = ""
    fields: dict = field(default_factory=dict)
    body: list = field(default_factory=list)  # ("heading", text), ("text", [html or PageRef]), …
    related: list = field(default_factory=list)  # PageRef or ("external", title, teaser, url)
    office: int | None = None  # plan index of the responsible or managing office
    downloads: list = field(default_factory=list)  # DocRef
    rows: dict = field(default_factory=dict)  # relation name -> list of dicts
    target_groups: list = field(default_factory=list)  # fractions, mapped onto the existing vocabulary
    office_depth: int = 0


@dataclass
class Plan:
    pages: list
    locations: list  # field values of Location snippets

    def count(self, kind):
        return sum(1 for page in self.pages if page.kind == kind)
