"""Heading levels of a body in the order they are rendered; the page title is the only h1."""

import re
from dataclasses import dataclass

from quality.office_data import plain_text, strings_in

RICH_TEXT_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
TITLE_LEVEL = 1


@dataclass(frozen=True)
class SkippedLevel:
    """A heading more than one level below the heading before it: "H2 → H4 bei „Ziele“"."""

    previous: int
    level: int
    text: str

    def __str__(self):
        return f"H{self.previous} → H{self.level} bei „{self.text}“"


def _rich_text_headings(raw):
    for string in strings_in(raw):
        for level, inner in RICH_TEXT_HEADING.findall(string):
            yield int(level), plain_text(inner).strip()


def _block_headings(block):
    """(level, text) of the headings one top-level body block renders, as its template does."""
    value = block.get("value")
    if block.get("type") == "heading":
        level = str(value.get("level") or "h2").lstrip("hH")
        yield (int(level) if level.isdigit() else 2), value.get("text", "")
    elif block.get("type") == "downloads":
        if value.get("heading"):
            yield 2, value["heading"]
    else:
        # Text, notices and any block that holds rich text: the headings an editor or an import put in it.
        yield from _rich_text_headings(value)


def body_headings(raw_body):
    """(level, text) of every heading a body renders, in order."""
    for block in raw_body or []:
        if isinstance(block, dict):
            yield from _block_headings(block)


def skipped_levels(raw_body):
    """The headings of a body that skip a level, counted from the title (h1): the first must be an h2."""
    skipped = []
    previous = TITLE_LEVEL
    for level, text in body_headings(raw_body):
        if level > previous + 1:
            skipped.append(SkippedLevel(previous, level, text))
        previous = level
    return skipped
