"""Find the problems of the links on live pages, in a number of queries that does not grow with the pages.

One query per page type reads the stored fields of its live pages; then one query each looks up
the linked pages, documents, redirects and external checks. Only the published state is read:
a live page's own row holds what citizens see, a draft's changes live in its revision.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Exists, OuterRef
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, Site, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from linkcheck.links import DOCUMENT, PAGE, URL, field_links, link_fields
from linkcheck.models import ExternalLinkCheck
from linkcheck.problems import STATUS_EXPLANATIONS, Kind, LinkProblem
from pages.models.base import private_paths

RELATED_LINKS = "Mehr zum Thema"
# Page types whose readers expect "Mehr zum Thema"; a topic page that lists its child topics is an overview
# and does without. Home, legal pages, offices, the A–Z and the program finder lead on by other means.
EXPECT_RELATED_LINKS = {
    "pages.topicpage": "leaf",
    "pages.committeepage": "always",
    "programs.fundingprogrampage": "always",
}
# Hosts whose old addresses the redirects stand for (the old dortmund.de), besides the sites' own.
DEFAULT_OWN_HOSTS = ["www.dortmund.de", "dortmund.de"]


@dataclass
class PageLinks:
    """A live page and the links it holds."""

    pk: int
    title: str
    path: str
    links: list = field(default_factory=list)
    missing_related_links: bool = False


def site_hosts():
    return {hostname.lower() for hostname in Site.objects.values_list("hostname", flat=True)}


def own_hosts(hosts_of_sites):
    return hosts_of_sites | {host.lower() for host in getattr(settings, "LINKCHECK_OWN_HOSTS", DEFAULT_OWN_HOSTS)}


def is_web_address(url):
    return url.lower().startswith(("http://", "https://"))


def is_external(url, hosts_of_sites):
    """An address the checker asks over the network: http(s) on a host that is not one of this portal's sites."""
    return is_web_address(url) and (urlsplit(url).hostname or "") not in hosts_of_sites


def is_own_path(url, hosts):
    if url.startswith("/") and not url.startswith("//"):
        return True
    return is_web_address(url) and (urlsplit(url).hostname or "") in hosts


def _models_with_links():
    models = [(model, link_fields(model)) for model in get_page_models() if not model._meta.abstract]
    return [(model, fields) for model, fields in models if fields]


def live_page_links(user=None):
    """Each live page (that ``user`` may edit, if given) with its links, in tree order; one query per page type."""
    editable = None
    if user is not None and not user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change").values("pk")
    pages = []
    for model, fields in _models_with_links():
        queryset = model.objects.live().exact_type(model)
        if editable is not None:
            queryset = queryset.filter(pk__in=editable)
        expectation = EXPECT_RELATED_LINKS.get(model._meta.label_lower)
        columns = ["pk", "title", "path", *(f.name for f in fields)]
        if expectation == "leaf":
            children = Page.objects.live().filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            queryset = queryset.annotate(lists_children=Exists(children))
            columns.append("lists_children")
        for row in queryset.values_list(*columns):
            pk, title, path, *values = row
            lists_children = values.pop() if expectation == "leaf" else False
            entry = PageLinks(pk, title, path)
            for link_field, value in zip(fields, values):
                entry.links.extend(field_links(link_field, value))
                if link_field.name == "related_links" and expectation and not lists_children:
                    entry.missing_related_links = not list(value.raw_data)
            pages.append(entry)
    pages.sort(key=lambda entry: entry.path)
    return pages


def external_urls(pages=None):
    """Every distinct external address on live pages; only those on ``LINKCHECK_ONLY_HOSTS`` where that is set
    (a test run or a staging server without internet)."""
    hosts_of_sites = site_hosts()
    only_hosts = getattr(settings, "LINKCHECK_ONLY_HOSTS", None)
    pages = live_page_links() if pages is None else pages
    return sorted(
        {
            link.target
            for page in pages
            for link in page.links
            if link.kind == URL
            and is_external(link.target, hosts_of_sites)
            and (only_hosts is None or urlsplit(link.target).hostname in only_hosts)
        }
    )


def _redirects_for(paths):
    if not paths:
        return {}
    site = Site.objects.filter(is_default_site=True).first()
    redirects = Redirect.get_for_site(site).filter(old_path__in=paths).select_related("redirect_page")
    # A redirect of the site itself wins over one for all sites, as in Wagtail's middleware.
    found = {}
    for redirect in sorted(redirects, key=lambda redirect: redirect.site_id is not None):
        found[redirect.old_path] = redirect
    return found


def _redirect_detail(redirect):
    if redirect.redirect_page is not None:
        return f"leitet weiter auf „{redirect.redirect_page.title}“"
    return f"leitet weiter auf {redirect.redirect_link}"


class _Lookups:
    """Everything the links point to, each looked up once for all pages."""

    def __init__(self, pages):
        links = [link for page in pages for link in page.links]
        page_ids = {link.target for link in links if link.kind == PAGE}
        document_ids = {link.target for link in links if link.kind == DOCUMENT}
        urls = {link.target for link in links if link.kind == URL}
        self.site_hosts = site_hosts()
        self.own_hosts = own_hosts(self.site_hosts)
        self.pages = {
            pk: (title, live, path)
            for pk, title, live, path in Page.objects.filter(pk__in=page_ids).values_list("pk", "title", "live", "path")
        }
        self.documents = set(get_document_model().objects.filter(pk__in=document_ids).values_list("pk", flat=True))
        own_paths = {url: Redirect.normalise_path(url) for url in urls if is_own_path(url, self.own_hosts)}
        redirects = _redirects_for(set(own_paths.values()))
        self.redirects = {url: redirects[path] for url, path in own_paths.items() if path in redirects}
        external = [url for url in urls if is_external(url, self.site_hosts)]
        self.checks = {check.url: check for check in ExternalLinkCheck.objects.filter(url__in=external)}
        self.private_paths = private_paths()


def _page_link_problem(page, link, lookups, source_is_public):
    target = lookups.pages.get(link.target)
    if target is None:
        return f"gelöschte Seite (ID {link.target})", Kind.DELETED, ""
    title, live, path = target
    if link.target == page.pk:
        return title, Kind.SELF, ""
    if not live:
        return title, Kind.UNPUBLISHED, ""
    if source_is_public and path.startswith(lookups.private_paths):
        return title, Kind.PRIVATE, "nur für angemeldete Personen oder mit Passwort sichtbar"
    return title, None, ""


def _url_problems(link, lookups):
    redirect = lookups.redirects.get(link.target)
    if redirect is not None:
        yield {"kind": Kind.REDIRECTED, "detail": _redirect_detail(redirect)}
    check = lookups.checks.get(link.target)
    if check is None:
        return
    checked = {"checked_at": check.checked_at, "status_code": check.status_code}
    if check.is_unreachable:
        yield {"kind": Kind.UNREACHABLE, "detail": check.error, **checked}
    elif check.is_error:
        yield {"kind": Kind.ERROR, "detail": STATUS_EXPLANATIONS.get(check.status_code, ""), **checked}
    elif check.is_redirect:
        yield {"kind": Kind.REDIRECTED, "detail": f"leitet weiter auf {check.redirect_to}", **checked}


def _problems_of(page, lookups):
    source_is_public = not page.path.startswith(lookups.private_paths)
    seen_related = set()
    if page.missing_related_links:
        yield LinkProblem(page.pk, page.title, page.path, RELATED_LINKS, "", Kind.EMPTY)
    for link in page.links:
        row = {"page_id": page.pk, "page_title": page.title, "page_path": page.path, "place": link.field}
        if link.related:
            key = (link.kind, link.target.rstrip("/") if link.kind == URL else link.target)
            if key in seen_related:
                target = lookups.pages.get(link.target, (link.target,))[0] if link.kind == PAGE else link.target
                yield LinkProblem(**row, target=str(target), kind=Kind.DUPLICATE)
                continue
            seen_related.add(key)
        if link.kind == PAGE:
            target, kind, detail = _page_link_problem(page, link, lookups, source_is_public)
            if kind:
                yield LinkProblem(**row, target=target, kind=kind, detail=detail)
        elif link.kind == DOCUMENT:
            if link.target not in lookups.documents:
                yield LinkProblem(**row, target=f"gelöschtes Dokument (ID {link.target})", kind=Kind.DELETED)
        else:
            for problem in _url_problems(link, lookups):
                yield LinkProblem(**row, target=link.target, **problem)


def find_problems(user=None):
    """Every link problem on the live pages ``user`` may edit (all pages without a user), in tree order."""
    pages = live_page_links(user)
    lookups = _Lookups(pages)
    return [problem for page in pages for problem in _problems_of(page, lookups)]
