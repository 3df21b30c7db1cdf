"""The keys a file may hold, checked and turned into a ``TopicSpec``; nothing here reads the database."""

import difflib
import re
from dataclasses import dataclass, field

from wagtail.contrib.redirects.models import Redirect

from pages.models.base import TEASER_MAX_LENGTH
from programs.models.vocabulary import german_slug
from topic_import.frontmatter import Source
from topic_import.problems import Problem

# Normalised key -> how the documentation spells it.
KEYS = {
    "titel": "titel",
    "teaser": "teaser",
    "einleitung": "einleitung",
    "kurztitel": "kurztitel",
    "kuerzel": "kürzel",
    "uebergeordnete_seite": "übergeordnete_seite",
    "zustaendige_stelle": "zuständige_stelle",
    "mehr_zum_thema": "mehr_zum_thema",
    "alte_adresse": "alte_adresse",
    "inhalt": "inhalt",
}
REQUIRED = ("titel", "teaser")
# Names from the seed fixtures and other habits, for the suggestion in the error.
FAMILIAR = {
    "title": "titel",
    "intro": "einleitung",
    "short_title": "kurztitel",
    "slug": "kürzel",
    "parent": "übergeordnete_seite",
    "eltern": "übergeordnete_seite",
    "responsible_office": "zuständige_stelle",
    "office": "zuständige_stelle",
    "stelle": "zuständige_stelle",
    "related": "mehr_zum_thema",
    "redirect": "alte_adresse",
    "old_url": "alte_adresse",
    "body": "inhalt",
    "text": "inhalt",
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OLD_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


@dataclass
class Entry:
    """One "Mehr zum Thema" entry: a path of this site (``path``) or an external link."""

    line: int
    path: str = ""
    teaser: str = ""
    title: str = ""
    url: str = ""


@dataclass
class TopicSpec:
    source: Source
    title: str
    teaser: str
    slug: str
    intro: str = ""
    short_title: str = ""
    parent_path: str = ""
    office: str = ""
    related: list = field(default_factory=list)
    old_paths: list = field(default_factory=list)  # (line, normalised old path)

    @property
    def path(self):
        return f"{self.parent_path}{self.slug}/"

    def problem(self, message, key=None, index=None):
        return Problem(self.source.file, self.source.line_of(key, index), message)


def site_path(value):
    """``/themen/integration`` → ``/themen/integration/``; None if ``value`` is no path of this site."""
    if not isinstance(value, str) or not value.strip().startswith("/") or value.strip().startswith("//"):
        return None
    path = value.strip()
    return path if path.endswith("/") else path + "/"


def read_spec(source, default_parent):
    """(TopicSpec, problems); the spec is None when the file lacks what a page needs to be looked at further."""
    problems = []

    def problem(message, key=None, index=None):
        problems.append(Problem(source.file, source.line_of(key, index), message))

    for key in source.data:
        if key not in KEYS or (key == "inhalt" and not source.is_json):
            problem(_unknown_key_message(key, source), key)
    unusable = False
    for key in [key for key in KEYS if key not in ("mehr_zum_thema", "alte_adresse")]:
        value = source.data.get(key)
        if value is not None and not isinstance(value, str):
            problem(f"Die Angabe „{KEYS[key]}“ muss ein Text sein.", key)
            unusable = True
        elif key in REQUIRED and not _text(value):
            problem(f"Es fehlt die Angabe „{key}“.", key if key in source.data else None)
            unusable = True
    if unusable:
        return None, problems

    title = _text(source.data["titel"])
    teaser = _text(source.data["teaser"])
    if "\n" in teaser or len(teaser) > TEASER_MAX_LENGTH:
        problem(
            f"Der Teaser ist ein einzelner Satz ohne Zeilenumbruch mit höchstens {TEASER_MAX_LENGTH} Zeichen "
            f"(hier {len(teaser)}).",
            "teaser",
        )
    slug = _text(source.data.get("kuerzel")) or german_slug(title)
    if not SLUG.match(slug):
        problem(
            f"Das Kürzel „{slug}“ darf nur Kleinbuchstaben ohne Umlaute, Ziffern und Bindestriche enthalten, "
            f"z. B. „{german_slug(slug)}“.",
            "kuerzel" if "kuerzel" in source.data else "titel",
        )
    parent_value = source.data.get("uebergeordnete_seite") or default_parent
    parent_path = site_path(parent_value) if parent_value else None
    if parent_value is None:
        problem("Es fehlt die übergeordnete Seite: „übergeordnete_seite“ angeben oder --parent beim Aufruf.")
    elif parent_path is None:
        problem(f"„{parent_value}“ ist kein Pfad dieser Website (z. B. /themen/integration/).", "uebergeordnete_seite")
    if parent_path is None:
        return None, problems
    spec = TopicSpec(
        source=source,
        title=title,
        teaser=teaser,
        slug=slug,
        intro=_text(source.data.get("einleitung")),
        short_title=_text(source.data.get("kurztitel")),
        parent_path=parent_path,
        office=_text(source.data.get("zustaendige_stelle")),
    )
    spec.related = _entries(source, problem)
    spec.old_paths = _old_paths(source, problem)
    return spec, problems


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _unknown_key_message(key, source):
    if key == "inhalt":
        return "In Markdown-Dateien steht der Inhalt unter dem Vorspann, nicht unter „inhalt“."
    suggestion = FAMILIAR.get(key) or next(iter(difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.6)), None)
    if suggestion:
        return f"Unbekannte Angabe „{key}“. Meinten Sie „{KEYS.get(suggestion, suggestion)}“?"
    allowed = ", ".join(KEYS[name] for name in KEYS if name != "inhalt" or source.is_json)
    return f"Unbekannte Angabe „{key}“. Möglich sind: {allowed}."


def _entries(source, problem):
    """The "Mehr zum Thema" entries: "/pfad/", {seite, teaser} or {titel, teaser, url}."""
    value = source.data.get("mehr_zum_thema")
    if value is None:
        return []
    if not isinstance(value, list):
        message = "„mehr_zum_thema“ ist eine Liste: je Zeile „- /pfad/“ oder ein Eintrag mit titel, teaser und url."
        problem(message, "mehr_zum_thema")
        return []
    entries = []
    for index, item in enumerate(value):
        line = source.line_of("mehr_zum_thema", index)
        if isinstance(item, str):
            item = {"seite": item}
        if not isinstance(item, dict):
            message = "Ein Eintrag in „mehr_zum_thema“ ist ein Pfad oder hat titel, teaser und url."
            problem(message, "mehr_zum_thema", index)
            continue
        unknown = [str(key) for key in item if str(key) not in ("seite", "teaser", "titel", "url")]
        if unknown:
            problem(
                f"Unbekannte Angabe „{unknown[0]}“ in „mehr_zum_thema“; möglich sind seite (mit teaser) "
                "oder titel, teaser und url.",
                "mehr_zum_thema",
                index,
            )
            continue
        values = {name: _text(item.get(name)) for name in ("seite", "teaser", "titel", "url")}
        if "seite" in item:
            path = site_path(item["seite"])
            if path is None or values["titel"] or values["url"]:
                problem(
                    "Ein Eintrag mit „seite“ nennt den Pfad einer Seite dieser Website (z. B. /themen/integration/) "
                    "und höchstens einen eigenen teaser.",
                    "mehr_zum_thema",
                    index,
                )
                continue
            entries.append(Entry(line, path=path, teaser=values["teaser"]))
        elif not (values["titel"] and values["teaser"] and values["url"]):
            problem("Ein externer Link in „mehr_zum_thema“ braucht titel, teaser und url.", "mehr_zum_thema", index)
        else:
            entries.append(Entry(line, title=values["titel"], teaser=values["teaser"], url=values["url"]))
    return entries


def _old_paths(source, problem):
    value = source.data.get("alte_adresse")
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    paths = []
    for index, old in enumerate(values):
        line = source.line_of("alte_adresse", index if isinstance(value, list) else None)
        if not isinstance(old, str) or not re.match(r"^(/|https?://)", old.strip()):
            problem(
                "Die alte Adresse ist ein Pfad (/de/…/index.html) oder eine vollständige Adresse (https://…).",
                "alte_adresse",
                index if isinstance(value, list) else None,
            )
            continue
        old_path = Redirect.normalise_path(old.strip())
        if len(old_path) > OLD_PATH_LENGTH:
            problem(f"Die alte Adresse ist länger als {OLD_PATH_LENGTH} Zeichen.", "alte_adresse")
            continue
        paths.append((line, old_path))
    return paths
