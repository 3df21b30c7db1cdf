"""Result lists split into pages of ten, whose page numbers come from an untrusted query string."""

from django.core.paginator import Paginator

PAGE_SIZE = 10
PAGE_PARAM = "seite"


def paginate(items, query, hints):
    """The requested page of ``items``; a page that does not exist shows the nearest one and adds a German hint."""
    paginator = Paginator(items, PAGE_SIZE, allow_empty_first_page=True)
    raw = query.getlist(PAGE_PARAM)
    if not raw:
        return paginator.page(1)
    requested = _page_number(raw[-1])
    if len(raw) == 1 and requested is not None and 1 <= requested <= paginator.num_pages:
        return paginator.page(requested)
    number = paginator.num_pages if requested is not None and requested > 1 else 1
    hints.append(f"Diese Seite der Ergebnisliste gibt es nicht; angezeigt wird Seite {number}.")
    return paginator.page(number)


def _page_number(value):
    """A plain positive number of reasonable length, else None (no huge integers, no "²")."""
    if value.isascii() and value.isdigit() and len(value) <= 9:
        return int(value)
    return None
