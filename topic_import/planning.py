"""Checks every file against the site before anything is written, and plans what the import does with each page.

``ImportPlanner.check`` reads the files and resolves every path, office, link and redirect without writing,
then validates each page with ``full_clean()`` as the admin would, so that a run reports the problems of all
files at once.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from pages.models import OfficePage, TopicPage
from topic_import.comparison import imported_fields
from topic_import.frontmatter import files_in, read_sources
from topic_import.markdown_body import LinkError, convert_body
from topic_import.problems import ImportFailed, Problem, problems_of
from topic_import.specs import read_spec

# In rich text, a link to a page of this import carries its path until the page exists and has an id.
NEW_PAGE_ID = re.compile(r'id="neu:([^"]*)"')


@dataclass(frozen=True)
class NewPage:
    """A "Mehr zum Thema" target among the pages of this import, until it has an id."""

    path: str


@dataclass
class PagePlan:
    """What the import does with one page."""

    spec: object
    parent: Page | None = None  # an existing page, or
    parent_plan: "PagePlan | None" = None  # a page of this import
    existing: Page | None = None  # the page to update
    office_id: int | None = None
    body: list = field(default_factory=list)
    related: list = field(default_factory=list)
    redirects: list = field(default_factory=list)  # normalised old paths to create
    page: TopicPage | None = None
    before: dict | None = None  # an updated page's imported fields before the import
    problems: list = field(default_factory=list)

    @property
    def depth(self):
        return 0 if self.parent_plan is None else self.parent_plan.depth + 1


class ImportPlanner:
    def __init__(self, user, default_parent=None, publish=False, update=False):
        self.user = user
        self.default_parent = default_parent
        self.publish = publish
        self.update = update
        self.site = Site.objects.select_related("root_page").get(is_default_site=True)
        self._pages = {}

    def check(self, paths):
        """The plans of all pages, parents first; raises ImportFailed with every problem of every file."""
        sources, problems = read_sources(paths)
        if not sources and not problems:
            message = "Keine Dateien gefunden (.md, .markdown, .json)."
            problems.append(Problem(", ".join(map(str, paths)), None, message))
        specs, failed = [], set()
        for source in sources:
            spec, found = read_spec(source, self.default_parent)
            problems += found
            if spec is not None:
                specs.append(spec)
                if found:
                    failed.add(spec.path)
        specs, duplicates = _unique_paths(specs)
        problems += duplicates
        self._fetch_pages(
            [spec.path for spec in specs]
            + [spec.parent_path for spec in specs]
            + [entry.path for spec in specs for entry in spec.related if entry.path]
        )
        self.offices = list(OfficePage.objects.only("id", "title", "short_name", "url_path"))
        plans = {spec.path: PagePlan(spec) for spec in specs}
        for plan in plans.values():
            plan.problems += self._plan(plan, plans)
        self._check_parents(plans)
        self._check_redirects(plans.values())
        ordered = sorted(plans.values(), key=lambda plan: plan.depth)
        for plan in ordered:
            parent_ready = plan.parent_plan is None or plan.parent_plan.page is not None
            if not plan.problems and plan.spec.path not in failed and parent_ready:
                plan.problems += self._validate(plan)
        problems += [problem for plan in ordered for problem in plan.problems]
        if problems:
            order = {label: index for index, (_, label) in enumerate(files_in(paths)[0])}
            raise ImportFailed(sorted(problems, key=lambda problem: (order.get(problem.file, -1), problem.line or 0)))
        return ordered

    # --- looking up the site ------------------------------------------------------

    def _fetch_pages(self, paths):
        """The existing pages at ``paths``, in one query; ``page_at`` looks up any other path on its own."""
        url_paths = {self._url_path(path): path for path in paths if path}
        for page in Page.objects.filter(url_path__in=url_paths).defer_streamfields():
            self._pages[url_paths[page.url_path]] = page
        for path in url_paths.values():
            self._pages.setdefault(path, None)

    def page_at(self, path):
        if path not in self._pages:
            self._pages[path] = Page.objects.filter(url_path=self._url_path(path)).defer_streamfields().first()
        return self._pages[path]

    def _url_path(self, path):
        return self.site.root_page.url_path + path.lstrip("/")

    # --- one page ---------------------------------------------------------------------

    def _plan(self, plan, plans):
        spec = plan.spec
        problems = []
        existing = self.page_at(spec.path)
        if existing is not None:
            if not self.update:
                message = (
                    f"Unter {spec.path} gibt es bereits die Seite „{existing.title}“. "
                    "Mit --update wird sie aktualisiert (neue Revision)."
                )
                problems.append(spec.problem(message, "titel"))
            elif existing.specific_class is not TopicPage:
                message = f"Die Seite unter {spec.path} ist keine Themenseite und bleibt, wie sie ist."
                problems.append(spec.problem(message, "titel"))
            else:
                plan.existing = existing
        if spec.parent_path in plans:
            plan.parent_plan = plans[spec.parent_path]
        elif (parent := self.page_at(spec.parent_path)) is not None:
            plan.parent = parent
            if parent.specific_class not in TopicPage.clean_parent_page_models():
                message = f"Unter „{parent.title}“ ({spec.parent_path}) sind keine Themenseiten möglich."
                problems.append(spec.problem(message, "uebergeordnete_seite"))
        else:
            problems.append(spec.problem(f"Unbekannte übergeordnete Seite {spec.parent_path}.", "uebergeordnete_seite"))
        problems += self._check_office(plan)
        problems += self._plan_related(plan, plans)
        body = spec.source.data.get("inhalt", "") if spec.source.is_json else spec.source.body
        plan.body, found = convert_body(body or "", spec.source.body_line_at, lambda path: self._link_id(path, plans))
        problems += [Problem(spec.source.file, line, message) for line, message in found]
        plan.redirects = [old_path for _, old_path in spec.old_paths]
        return problems

    def _check_office(self, plan):
        name = plan.spec.office
        if not name:
            return []
        if name.startswith("/"):
            url_path = self._url_path(name if name.endswith("/") else name + "/")
            found = [office for office in self.offices if office.url_path == url_path]
        else:
            wanted = name.casefold()
            found = [o for o in self.offices if wanted in (o.short_name.casefold(), o.title.casefold())]
        if len(found) == 1:
            plan.office_id = found[0].pk
            return []
        if found:
            message = f"„{name}“ passt auf mehrere Stellen; bitte den Pfad der Stelle angeben."
        else:
            message = (
                f"Unbekannte zuständige Stelle „{name}“. Angeben lässt sich der Kurzname (z. B. „MIA-DO-KI“), "
                "der Name oder der Pfad der Stelle."
            )
        return [plan.spec.problem(message, "zustaendige_stelle")]

    def _plan_related(self, plan, plans):
        spec = plan.spec
        problems = []
        for entry in spec.related:
            if not entry.path:
                value = {"title": entry.title, "teaser": entry.teaser, "url": entry.url}
                plan.related.append({"type": "external", "value": value})
                continue
            if entry.path == spec.path:
                message = "Eine Seite kann nicht auf sich selbst verweisen."
                problems.append(Problem(spec.source.file, entry.line, message))
            elif entry.path in plans:
                if not self.publish:
                    message = (
                        f"„Mehr zum Thema“ zeigt nur veröffentlichte Seiten; {entry.path} entsteht erst mit diesem "
                        "Import. Mit --publish importieren oder den Eintrag nach der Freigabe im Admin ergänzen."
                    )
                    problems.append(Problem(spec.source.file, entry.line, message))
                plan.related.append({"type": "page", "value": {"page": NewPage(entry.path), "teaser": entry.teaser}})
            elif (target := self.page_at(entry.path)) is not None:
                plan.related.append({"type": "page", "value": {"page": target.pk, "teaser": entry.teaser}})
            else:
                problems.append(Problem(spec.source.file, entry.line, f"Keine Seite unter {entry.path}."))
        return problems

    def _link_id(self, path, plans):
        if path in plans:
            return f"neu:{path}"
        page = self.page_at(path)
        if page is None:
            raise LinkError(f"Keine Seite unter {path}.")
        return page.pk

    # --- across pages ---------------------------------------------------------------------

    def _check_parents(self, plans):
        """A page of this import cannot sit below itself; the user must be allowed to add (and publish) there."""
        for plan in plans.values():
            seen, current = {plan.spec.path}, plan
            while current.parent_plan is not None:
                current = current.parent_plan
                if current.spec.path in seen:
                    message = "Die übergeordneten Seiten bilden einen Kreis."
                    plan.problems.append(plan.spec.problem(message, "uebergeordnete_seite"))
                    plan.parent_plan = None
                    break
                seen.add(current.spec.path)
            anchor = plan.existing or current.parent
            if anchor is None:
                continue
            permissions = anchor.permissions_for_user(self.user)
            if plan.existing:
                allowed = permissions.can_edit() and (not self.publish or permissions.can_publish())
            else:
                allowed = permissions.can_add_subpage() and (not self.publish or permissions.can_publish_subpage())
            if not allowed:
                what = "veröffentlichen" if self.publish else ("bearbeiten" if plan.existing else "anlegen")
                message = f"„{self.user.get_username()}“ darf Seiten unter {anchor.url_path} nicht {what}."
                plan.problems.append(plan.spec.problem(message))

    def _check_redirects(self, plans):
        """An old address leads to one page; one that already leads to this page is left as it is."""
        seen = {}
        old_paths = [old_path for plan in plans for old_path in plan.redirects]
        redirects = Redirect.objects.filter(old_path__in=old_paths, site=None)
        existing = {redirect.old_path: redirect for redirect in redirects}
        for plan in plans:
            keep = []
            for line, old_path in plan.spec.old_paths:
                redirect = existing.get(old_path)
                if old_path in seen:
                    message = f"Die alte Adresse {old_path} steht schon in {seen[old_path]}."
                elif redirect is None:
                    keep.append(old_path)
                    seen[old_path] = plan.spec.source.file
                    continue
                elif (page := self.page_at(plan.spec.path)) is not None and redirect.redirect_page_id == page.pk:
                    continue
                else:
                    message = f"Die alte Adresse {old_path} leitet schon auf {redirect.link} weiter."
                plan.problems.append(Problem(plan.spec.source.file, line, message))
            plan.redirects = keep

    # --- the model's own checks -------------------------------------------------------------

    def _validate(self, plan):
        """Teaser, "Mehr zum Thema" and the slug among the siblings, checked by the model as in the admin."""
        page = plan.existing.specific.get_latest_revision_as_object() if plan.existing else self._new_page(plan)
        plan.before = imported_fields(page) if plan.existing else None
        # Targets among the pages of this import are checked above; they get an id only during the import.
        related = [(index, block) for index, block in enumerate(plan.related) if not _names_new_page(block)]
        self.set_content(page, plan, related=[block for _, block in related], body=[])
        try:
            # A new page gets its place in the tree (path, depth) only from add_child.
            page.full_clean(exclude=None if plan.existing else ["path", "depth"])
        except ValidationError as error:
            return problems_of(plan.spec, error, [index for index, _ in related])
        plan.page = page
        return []

    def _new_page(self, plan):
        parent = plan.parent if plan.parent_plan is None else plan.parent_plan.page
        page = TopicPage(slug=plan.spec.slug, owner=self.user, live=self.publish, locale_id=parent.locale_id)
        page._cached_parent_obj = parent  # so that full_clean checks the slug among the siblings
        return page

    def set_content(self, page, plan, related, body):
        spec = plan.spec
        page.title = page.draft_title = spec.title
        page.search_description = spec.teaser
        page.intro = spec.intro
        page.short_title = spec.short_title
        page.responsible_office_id = plan.office_id
        page.related_links = related
        page.body = body


def _unique_paths(specs):
    """The specs with their first claim to each address, and a problem for every later one."""
    by_path, problems = {}, []
    for spec in specs:
        other = by_path.setdefault(spec.path, spec)
        if other is not spec:
            message = (
                f"Die Adresse {spec.path} hat schon {other.source.file}, Zeile {other.source.line}; "
                "bitte ein anderes „kürzel“ angeben."
            )
            problems.append(spec.problem(message, "kuerzel" if "kuerzel" in spec.source.data else "titel"))
    return [spec for spec in specs if by_path[spec.path] is spec], problems


def _names_new_page(block):
    return isinstance(block["value"].get("page"), NewPage)
