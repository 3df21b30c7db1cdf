"""Reads the files to import: Markdown with a YAML front matter, or JSON (one page or a list of pages).

Each page becomes a ``Source``: its values, the line of every key and list item (from PyYAML's marks; JSON
is composed by PyYAML too, as JSON is YAML), and its Markdown body with the line the body starts on.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pages.slugs import UMLAUTS
from topic_import.problems import Problem

SUFFIXES = (".md", ".markdown", ".json")
FENCE = re.compile(r"^---[ \t]*$")
FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class Source:
    """One page as a file describes it; keys are normalised (``Zuständige Stelle`` → ``zustaendige_stelle``)."""

    file: str
    line: int
    data: dict
    key_lines: dict = field(default_factory=dict)
    item_lines: dict = field(default_factory=dict)
    body: str | None = None
    body_line: int | None = None
    is_json: bool = False

    def line_of(self, key=None, index=None):
        """The line of ``key`` (of its ``index``-th list item), else where the page's description starts."""
        if key is not None and index is not None and index < len(self.item_lines.get(key, [])):
            return self.item_lines[key][index]
        return self.key_lines.get(key, self.line)

    def body_line_at(self, offset):
        """The file line of the body's ``offset``-th line; in JSON the body is one string on the line of its key."""
        if self.is_json:
            return self.line_of("inhalt")
        return self.body_line + offset


def normalise_key(key):
    return re.sub(r"[\s-]+", "_", str(key).strip().lower().translate(UMLAUTS))


def files_in(paths):
    """(path, label) of every file to read, in the order given; a folder gives its files sorted by name."""
    found, problems = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            children = [child for child in sorted(path.iterdir()) if child.suffix in SUFFIXES]
            found += [(child, str(Path(given) / child.name)) for child in children]
        elif path.is_file():
            found.append((path, str(given)))
        else:
            problems.append(Problem(str(given), None, "Datei oder Ordner nicht gefunden."))
    return found, problems


def read_sources(paths):
    """(sources, problems) of all files."""
    files, problems = files_in(paths)
    sources = []
    for path, label in files:
        try:
            text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            message = "Die Datei ist nicht in UTF-8 gespeichert; bitte als UTF-8 speichern."
            problems.append(Problem(label, None, message))
            continue
        if path.suffix == ".json":
            found, file_problems = _read_json(label, text)
        else:
            found, file_problems = _read_markdown(label, text)
        sources += found
        problems += file_problems
    return sources, problems


def _read_markdown(label, text):
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        return [], [
            Problem(
                label,
                1,
                "Die Datei beginnt nicht mit dem Vorspann: Die erste Zeile muss „---“ sein, darauf folgen titel, "
                "teaser usw., dann wieder eine Zeile „---“ und danach der Text.",
            )
        ]
    end = next((index for index in range(1, len(lines)) if FENCE_END.match(lines[index])), None)
    if end is None:
        return [], [Problem(label, 1, "Der Vorspann endet nicht: Es fehlt die Zeile „---“ zwischen Vorspann und Text.")]
    try:
        node, data = _compose("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        return [], [_yaml_problem(label, error, first_line=2)]
    if not isinstance(data, dict):
        return [], [Problem(label, 2, "Der Vorspann muss aus Angaben der Form „schlüssel: wert“ bestehen.")]
    source, problems = _source(label, node, data, first_line=2)
    source.body = "\n".join(lines[end + 1 :])
    source.body_line = end + 2
    return [source], problems


def _read_json(label, text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [Problem(label, error.lineno, f"Kein gültiges JSON ({error.msg}).")]
    try:
        # Valid JSON holds tabs only between tokens, where YAML wants spaces; the lines stay the same.
        node, _ = _compose(text.replace("\t", " "))
    except yaml.YAMLError:
        node = None
    items, nodes = (data, node.value if node is not None else []) if isinstance(data, list) else ([data], [node])
    sources, problems = [], []
    for index, item in enumerate(items):
        item_node = nodes[index] if index < len(nodes) else None
        if not isinstance(item, dict):
            line = item_node.start_mark.line + 1 if item_node is not None else 1
            problems.append(Problem(label, line, "Erwartet wird ein Objekt {…} mit den Angaben einer Seite."))
            continue
        source, found = _source(label, item_node, item, first_line=1, is_json=True)
        sources.append(source)
        problems += found
    return sources, problems


def _compose(text):
    """The YAML node (with marks) and the values it stands for, from one parse."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _yaml_problem(label, error, first_line):
    mark = getattr(error, "problem_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    detail = getattr(error, "problem", None) or str(error)
    hint = ""
    if "mapping values are not allowed" in detail:
        hint = " Enthält ein Wert einen Doppelpunkt, setzen Sie ihn in Anführungszeichen."
    return Problem(label, line, f"Der Vorspann ist kein gültiges YAML ({detail}).{hint}")


def _source(label, node, data, first_line, is_json=False):
    """A Source with normalised keys and their lines; a key given twice is a problem."""
    source = Source(label, node.start_mark.line + first_line if node is not None else first_line, {}, is_json=is_json)
    values = {normalise_key(key): value for key, value in data.items()}
    if isinstance(node, yaml.MappingNode):
        entries = [(key.value, key.start_mark.line + first_line, value) for key, value in node.value]
    else:
        entries = [(key, source.line, None) for key in data]
    problems = []
    for raw_key, line, value_node in entries:
        key = normalise_key(raw_key)
        if key in source.key_lines:
            problems.append(
                Problem(label, line, f"Die Angabe „{raw_key}“ steht doppelt (auch in Zeile {source.key_lines[key]}).")
            )
            continue
        source.key_lines[key] = line
        source.data[key] = values.get(key)
        if isinstance(value_node, yaml.SequenceNode):
            source.item_lines[key] = [item.start_mark.line + first_line for item in value_node.value]
    return source, problems
