"""Which cached URLs show a page or an office: computed from the page tree and Wagtail's reference index.

A purge set holds exact paths (every query-string variant of them is purged: the finder's filters,
a page's ``?seite=``) and path prefixes (a whole subtree, e.g. the breadcrumbs below a renamed page).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, ReferenceIndex

from pages.models.base import office_id_of, office_page_models, pages_naming_office

# Lists and views that show every page's title or data: purged with any page.
ALWAYS = frozenset({"/sitemap.xml"})
API_PREFIX = "/api/"


@dataclass
class PurgeSet:
    paths: set = field(default_factory=set)
    prefixes: set = field(default_factory=set)

    @classmethod
    def everything(cls):
        return cls(prefixes={"/"})

    @property
    def is_everything(self):
        return "/" in self.prefixes

    def __or__(self, other):
        return PurgeSet(self.paths | other.paths, self.prefixes | other.prefixes)

    def __len__(self):
        return len(self.paths) + len(self.prefixes)

    def add_page(self, page, cache=None):
        """The page's own URL and its sub-URLs (feeds, vCard, JSON)."""
        path = path_of(page, cache)
        if path is not None:
            self.paths.add(path)
            self.paths.update(path + route for route in routes_of(page))
        return path

    def add_subtree(self, page, cache=None):
        path = path_of(page, cache)
        if path is not None:
            self.prefixes.add(path)


def path_of(page, cache=None):
    """The page's path on its site, or None if it has no URL."""
    parts = page.get_url_parts(request=cache)
    return parts[2] if parts else None


def routes_of(page):
    """Sub-URLs without parameters of a routable page, e.g. ``kalender/``."""
    page = page.specific_deferred
    if not isinstance(page, RoutablePageMixin):
        return []
    routes = []
    for pattern in page.get_subpage_urls():
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        if route and "<" not in route and "(" not in route:
            routes.append(route)
    return routes


def pages_showing_office(office):
    """Live pages whose box "Anschrift und Erreichbarkeit" shows the office: its own page, the pages that
    name it and their descendants that inherit it (up to a page that names another office or is an office)."""
    from pages.models import OfficePage

    subtree = Q(pk__in=[])
    for root in Page.objects.filter(pk__in=pages_naming_office(office.pk)).values_list("path", flat=True):
        subtree |= Q(path__startswith=root)
    own_office = dict.fromkeys(Page.objects.filter(subtree).values_list("path", flat=True))
    for model in office_page_models():
        own_office.update(model.objects.filter(subtree).values_list("path", f"{model.office_field}_id"))
    for path in OfficePage.objects.filter(subtree).values_list("path", flat=True):
        own_office[path] = -1  # an office shows its own box; nothing below it inherits past it
    showing = set()
    for path in sorted(own_office, key=len):  # parents before their children
        if own_office[path] is None:
            own_office[path] = own_office.get(path[: -Page.steplen])
        if own_office[path] == office.pk:
            showing.add(path)
    return Page.objects.live().filter(Q(pk=office.pk) | Q(path__in=showing))


def referencing_pages(obj):
    """Live pages whose content links to ``obj`` (related links, rich text, choosers), from the reference index."""
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])


class UrlCache:
    """Holds Wagtail's site root paths for one computation, so that each page's URL costs no cache lookup."""


def for_page(page, cache=None):
    """A page's own URLs and the pages that list it or show its title."""
    from pages.models import TopicPage, TopicsAtoZPage

    cache = cache if cache is not None else UrlCache()
    purge = PurgeSet(paths=set(ALWAYS), prefixes={API_PREFIX})
    if page.depth <= 3:
        return PurgeSet.everything()  # home page or a main-navigation entry: shown in every header
    purge.add_page(page, cache)
    if page.numchild:
        purge.add_subtree(page, cache)  # breadcrumbs and section navigation below it
    parent = page.get_parent()
    if parent is not None:
        purge.add_page(parent, cache)  # its list of child pages: "Unterthemen", the finder, the committee list
    if isinstance(page.specific_deferred, TopicPage):
        for sibling in TopicPage.objects.live().sibling_of(page, inclusive=False).only("id", "path", "url_path"):
            purge.add_page(sibling, cache)  # their section navigation lists this page
    for referrer in referencing_pages(page):
        purge.add_page(referrer, cache)  # "Mehr zum Thema" and links in the body
    office_id = office_id_of(page.specific_deferred)
    if office_id:
        office = Page.objects.filter(pk=office_id).first()
        if office is not None:
            purge.add_page(office, cache)  # its list "Zuständig für"
    for a_to_z in TopicsAtoZPage.objects.live():
        purge.add_page(a_to_z, cache)
    return purge


def for_office(office, cache=None):
    """Everything for the office page itself, plus every page that shows its address box."""
    cache = cache if cache is not None else UrlCache()
    purge = for_page(office, cache)
    if purge.is_everything:
        return purge
    for page in pages_showing_office(office):
        purge.add_page(page, cache)
    return purge


def for_view_restriction(page, cache=None):
    """A page made private or public again: its subtree, and every page outside it that lists, links to or
    shows a page inside it (links to private pages are left out, an office's box is not shown)."""
    from django.conf import settings

    from pages.models import OfficePage

    cache = cache if cache is not None else UrlCache()
    inside = Page.objects.descendant_of(page, inclusive=True)
    if inside.count() > settings.HTTP_CACHE_MAX_PURGE:
        return PurgeSet.everything()
    purge = for_office(page.specific, cache) if isinstance(page.specific_deferred, OfficePage) else for_page(page, cache)
    if purge.is_everything:
        return purge
    purge.add_subtree(page, cache)
    for descendant in inside.exclude(pk=page.pk).specific():
        if isinstance(descendant, OfficePage):
            for shown_on in pages_showing_office(descendant):
                purge.add_page(shown_on, cache)
        for referrer in referencing_pages(descendant):
            purge.add_page(referrer, cache)
    return purge
