"""The links a page holds, read from its stored field data without a query.

StreamField values are walked in their raw (JSON) form alongside the block definitions:
building the blocks' Python values would look up every chosen page and document, a query
per field and page.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import models
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField

PAGE = "page"
DOCUMENT = "document"
URL = "url"


@dataclass(frozen=True)
class Link:
    """One link: to a page or document (by id) or to an address; ``related`` marks a "Mehr zum Thema" entry."""

    field: str
    kind: str
    target: object
    related: bool = False


class _AnchorParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def rich_text_links(html):
    """(kind, target) of each link in Wagtail's stored rich text: page and document ids, or href addresses."""
    parser = _AnchorParser()
    parser.feed(html or "")
    parser.close()
    for attrs in parser.anchors:
        linktype = attrs.get("linktype")
        if linktype in (PAGE, DOCUMENT) and str(attrs.get("id", "")).isdigit():
            yield linktype, int(attrs["id"])
        elif linktype is None and attrs.get("href"):
            yield URL, attrs["href"].strip()


def _block_links(block, raw):
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is not None:
                yield from _block_links(child_block, child.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            # Wagtail stores list items as {"type": "item", "value": …, "id": …}; older data as bare values.
            is_wrapped = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from _block_links(block.child_block, item["value"] if is_wrapped else item)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                yield from _block_links(child_block, raw.get(name))
    elif isinstance(block, blocks.PageChooserBlock):
        if str(raw).isdigit():
            yield PAGE, int(raw)
    elif isinstance(block, DocumentChooserBlock):
        if str(raw).isdigit():
            yield DOCUMENT, int(raw)
    elif isinstance(block, blocks.RichTextBlock):
        yield from rich_text_links(raw)
    elif isinstance(block, blocks.URLBlock):
        if raw:
            yield URL, str(raw).strip()


def stream_links(field, raw):
    """Links in one StreamField's raw data; the entries of "Mehr zum Thema" marked as such."""
    related = field.name == "related_links"
    for kind, target in _block_links(field.stream_block, list(raw or [])):
        yield Link(str(field.verbose_name), kind, target, related=related)


def link_fields(model):
    """The fields of a page type that can hold links: StreamFields and address fields."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, (StreamField, models.URLField)) and not field.is_relation
    ]


def field_links(field, value):
    """Links in one field's stored value."""
    if isinstance(field, StreamField):
        raw = value.raw_data if hasattr(value, "raw_data") else value
        yield from stream_links(field, raw)
    elif value:
        yield Link(str(field.verbose_name), URL, value.strip())
