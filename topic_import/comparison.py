"""Whether a file changes a page: the imported fields in their stored form."""

from wagtail.fields import StreamField

from pages.seed.loader import without_block_ids

IMPORTED_FIELDS = (
    "title",
    "search_description",
    "intro",
    "short_title",
    "responsible_office_id",
    "body",
    "related_links",
)


def imported_fields(page):
    """The imported fields of a page in their stored form, without block ids, to tell whether a file changed them."""
    values = {}
    for name in IMPORTED_FIELDS:
        value = getattr(page, name)
        model_field = page._meta.get_field(name.removesuffix("_id"))
        if isinstance(model_field, StreamField):
            value = without_block_ids(model_field.stream_block.get_prep_value(value))
        values[name] = value
    return values

