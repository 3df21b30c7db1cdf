"""A tiny markup for seed texts, turned into Wagtail's rich-text storage format.

Paragraphs are separated by blank lines; lines starting with "- " form a bullet
list; other consecutive lines are joined by line breaks; ``[text](/path/)``
links to a page of the site, ``[text](route:name)`` to a view of the site outside the page tree
(e.g. ``route:report_barrier``), ``[text](https://…)`` to another website.
"""

import re
from html import escape

from django.urls import reverse

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def to_rich_text(source, resolve_page):
    """Convert seed markup to rich-text HTML; ``resolve_page`` maps a path to a page id."""
    html = []
    for chunk in re.split(r"\n\s*\n", source.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        paragraph, items = [], []
        for line in lines:
            if line.startswith("- "):
                if paragraph:
                    html.append(_paragraph(paragraph, resolve_page))
                    paragraph = []
                items.append(line[2:])
            else:
                if items:
                    html.append(_list(items, resolve_page))
                    items = []
                paragraph.append(line)
        if paragraph:
            html.append(_paragraph(paragraph, resolve_page))
        if items:
            html.append(_list(items, resolve_page))
    return "".join(html)


def _paragraph(lines, resolve_page):
    return "<p>" + "<br/>".join(_inline(line, resolve_page) for line in lines) + "</p>"


def _list(items, resolve_page):
    return "<ul>" + "".join(f"<li>{_inline(item, resolve_page)}</li>" for item in items) + "</ul>"


def _inline(text, resolve_page):
    parts, position = [], 0
    for match in LINK.finditer(text):
        parts.append(escape(text[position : match.start()], quote=False))
        label, target = escape(match.group(1), quote=False), match.group(2)
        if target.startswith("/"):
            parts.append(f'<a linktype="page" id="{resolve_page(target)}">{label}</a>')
        elif target.startswith("route:"):
            parts.append(f'<a href="{escape(reverse(target[len("route:"):]))}">{label}</a>')
        else:
            parts.append(f'<a href="{escape(target)}">{label}</a>')
        position = match.end()
    parts.append(escape(text[position:], quote=False))
    return "".join(parts)
