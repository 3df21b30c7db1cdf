"""The Markdown body of an imported page as BodyStreamBlock data. The mapping is small on purpose:

- ``## Titel`` and ``### Titel`` become heading blocks (H2, H3); ``#`` is the page title, not part of the body.
- Lines starting with ``>`` become a quote block; a last line starting with "—", "–" or "--" names the source.
- Everything else (paragraphs, lists, **fett**, *kursiv*, links) becomes text blocks: Python-Markdown makes HTML,
  Wagtail's rich-text converter keeps what the text block allows. A link to a path of this site
  (``[Text](/themen/…/)``) becomes a page link, so it follows the page when it moves.

Tables, images, code, HTML, horizontal rules and deeper headings are reported, with what to write instead.
"""

import re

import markdown
from bs4 import BeautifulSoup
from wagtail.api.rich_text import APIRichText

from pages.blocks import RICH_TEXT_FEATURES, HeadingBlock

HEADING_MAX_LENGTH = HeadingBlock.base_blocks["text"].field.max_length

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
TABLE_DIVIDER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
HTML_BLOCK = re.compile(r"^ {0,3}<(/?[a-zA-Z][a-zA-Z0-9-]*|!--)")
LIST_ITEM = re.compile(r"^ {0,3}([-*+]|\d+[.)])[ \t]")
IMAGE = re.compile(r"!\[[^\]]*\][(\[]")
INLINE_HTML = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])")
CODE_SPAN = re.compile(r"`[^`]+`")
QUOTE_SOURCE = re.compile(r"^(—|–|--)\s*(.+)$")
SOURCE_MARKUP = re.compile(r"\[[^\]]*\]\(|<[a-zA-Z/]|\*\*|__")

IMAGE_HINT = (
    "Bilder lassen sich nicht importieren: Bitte laden Sie das Bild in die Mediathek hoch und fügen Sie es nach "
    "dem Import im Admin als Block „Bild“ ein."
)
HTML_HINT = (
    "HTML wird nicht übernommen; bitte Markdown schreiben (z. B. **fett**, „- “ für Aufzählungen, [Linktext](/pfad/))."
)
RULE_HINT = "Trennlinien gibt es nicht; bitte eine Zwischenüberschrift (##) setzen oder die Linie weglassen."
CODE_HINT = "Code-Formatierung mit `…` gibt es im Text nicht; bitte die Backticks weglassen."
TAG_HINTS = {
    "img": IMAGE_HINT,
    "code": CODE_HINT,
    "pre": "Eingerückte Zeilen gelten in Markdown als Code; bitte die Einrückung entfernen.",
    "blockquote": "Zitate stehen für sich: bitte jede Zeile des Zitats mit „>“ am Zeilenanfang beginnen.",
}


class LinkError(Exception):
    """A link target that is no page of this site; the message is German."""


def convert_body(text, line_at, resolve_link):
    """(stream data, [(line, message)]) for Markdown ``text``.

    ``line_at(offset)`` is the file line of the body's ``offset``-th line; ``resolve_link(path)`` gives the id to
    store in a page link (or raises LinkError).
    """
    converter = _BodyConverter(line_at, resolve_link)
    converter.convert(text.split("\n"))
    return converter.blocks, converter.problems


class _BodyConverter:
    def __init__(self, line_at, resolve_link):
        self.line_at = line_at
        self.resolve_link = resolve_link
        self.blocks = []
        self.problems = []
        self.pending = []  # (offset, line) of the text run not yet converted
        self.has_h2 = False
        self.run_problems = 0  # problems found before the pending run started

    def problem(self, offset, message):
        self.problems.append((self.line_at(offset), message))

    def convert(self, lines):
        index = 0
        while index < len(lines):
            line = lines[index]
            if FENCE.match(line):
                self.problem(index, "Code-Blöcke lassen sich nicht übernehmen; bitte als normalen Text schreiben.")
                index = self._after_fence(lines, index)
                continue
            if heading := ATX.match(line):
                self._flush()
                self._heading(index, len(heading.group(1)), (heading.group(2) or "").strip())
            elif QUOTE.match(line):
                self._flush()
                index = self._quote(lines, index)
                continue
            elif "|" in line and index + 1 < len(lines) and TABLE_DIVIDER.match(lines[index + 1]):
                self.problem(
                    index,
                    "Tabellen lassen sich nicht übernehmen: bitte als Aufzählung schreiben oder die Tabelle als PDF "
                    "hochladen und nach dem Import als Download anhängen.",
                )
                while index < len(lines) and lines[index].strip():
                    index += 1
                continue
            elif SETEXT.match(line) and self.pending and self.pending[-1][1].strip():
                self.problem(
                    index,
                    "Überschriften bitte mit ## oder ### am Zeilenanfang schreiben, nicht mit einer Linie aus „=“ "
                    "oder „-“ darunter.",
                )
            elif RULE.match(line):
                self.problem(index, RULE_HINT)
            elif HTML_BLOCK.match(line):
                self.problem(index, HTML_HINT)
            else:
                if not self.pending:
                    self.run_problems = len(self.problems)
                self._check_inline(index, line)
                self.pending.append((index, line))
            index += 1
        self._flush()

    def _after_fence(self, lines, index):
        fence = FENCE.match(lines[index]).group(1)
        index += 1
        while index < len(lines) and not lines[index].lstrip().startswith(fence):
            index += 1
        return index + 1

    def _heading(self, index, level, text):
        if level == 1:
            self.problem(
                index,
                "Eine Überschrift mit einem # ist der Seitentitel: bitte den Titel unter „titel“ angeben und im Text "
                "## oder ### verwenden.",
            )
        elif level > 3:
            self.problem(index, f"Überschriften gibt es nur mit ## und ###; bitte „{'#' * level}“ durch ### ersetzen.")
        elif not text:
            self.problem(index, "Die Überschrift ist leer.")
        elif len(text) > HEADING_MAX_LENGTH:
            self.problem(index, f"Die Überschrift ist länger als {HEADING_MAX_LENGTH} Zeichen.")
        elif level == 3 and not self.has_h2:
            self.problem(index, "Vor einer Unterüberschrift (###) muss eine Zwischenüberschrift (##) stehen.")
        else:
            self.has_h2 = self.has_h2 or level == 2
            self.blocks.append({"type": "heading", "value": {"text": _plain(text), "level": f"h{level}"}})

    def _quote(self, lines, index):
        start, quoted = index, []
        while index < len(lines) and (match := QUOTE.match(lines[index])):
            quoted.append(match.group(1).strip())
            index += 1
        source = ""
        if len(quoted) > 1 and (match := QUOTE_SOURCE.match(quoted[-1])):
            source, quoted = match.group(2).strip(), quoted[:-1]
        text = "\n".join(quoted).strip()
        if not text:
            self.problem(start, "Das Zitat ist leer.")
        elif SOURCE_MARKUP.search(text + source):
            self.problem(start, "Ein Zitat ist reiner Text: bitte ohne Links, HTML und Hervorhebungen schreiben.")
        else:
            self.blocks.append({"type": "quote", "value": {"text": text, "source": source}})
        return index

    def _check_inline(self, index, line):
        if IMAGE.search(line):
            self.problem(index, IMAGE_HINT)
        elif CODE_SPAN.search(line):
            self.problem(index, CODE_HINT)
        elif INLINE_HTML.search(line):
            self.problem(index, HTML_HINT)

    def _flush(self):
        """Converts the pending text run into one text block."""
        run, self.pending = self.pending, []
        if not any(line.strip() for _, line in run):
            return
        soup = BeautifulSoup(markdown.markdown(_with_list_gaps([line for _, line in run])), "html.parser")
        for anchor in soup.find_all("a"):
            self._link(anchor, run)
        html = re.sub(r">\s*\n\s*<", "><", str(soup)).replace("\n", " ")
        html, removals = APIRichText.sanitize_db_html(html, features=RICH_TEXT_FEATURES)
        if len(self.problems) > self.run_problems:
            return  # the run's problems are named already; the converter's removals would only repeat them
        for removal in removals:
            fallback = f"„<{removal.tag}>“ ist im Text nicht möglich; bitte als normalen Text schreiben."
            self.problem(run[0][0], TAG_HINTS.get(removal.tag, fallback))
        if not removals:
            self.blocks.append({"type": "text", "value": html})

    def _link(self, anchor, run):
        href = anchor.get("href", "")
        offset = next((offset for offset, line in run if f"({href}" in line or f"<{href}>" in line), run[0][0])
        if href.startswith("/") and not href.startswith("//"):
            if "#" in href or "?" in href:
                self.problem(offset, f"Links auf Seiten dieser Website bitte ohne „#…“ und „?…“ angeben („{href}“).")
                return
            try:
                page_id = self.resolve_link(href)
            except LinkError as error:
                self.problem(offset, str(error))
                return
            anchor.attrs = {"linktype": "page", "id": str(page_id)}
        elif not re.match(r"^(https?://|mailto:|tel:)", href):
            self.problem(
                offset,
                f"Der Link „{href}“ führt weder auf eine Seite dieser Website (Pfad mit / am Anfang, z. B. "
                "/themen/integration/) noch auf eine vollständige Adresse (https://…).",
            )


def _with_list_gaps(lines):
    """Python-Markdown starts a list only after a blank line; old texts often put it right under a paragraph."""
    result = []
    for line in lines:
        previous = result[-1] if result else ""
        under_paragraph = previous.strip() and not LIST_ITEM.match(previous) and not previous.startswith(" ")
        if LIST_ITEM.match(line) and under_paragraph:
            result.append("")
        result.append(line)
    return "\n".join(result)


def _plain(text):
    """A heading's text without Markdown emphasis."""
    return BeautifulSoup(markdown.markdown(text), "html.parser").get_text().strip()
