"""Stores a planned bulk tree through Wagtail's page API, then indexes it in bulk.

Pass one adds every page with ``add_child``, so Wagtail validates it with ``full_clean``, sets
its path and ``url_path`` and logs its creation; the pages' rows follow with ``bulk_create``.
Pass two sets what points to other generated pages (links in the text, "Mehr zum Thema",
offices) and stores one published revision per page. The search index and the reference
index are switched off meanwhile and filled for the new pages at the end.
"""

import time
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from treebeard.mp_tree import MP_Node
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Revision, Site
from wagtail.rich_text import RichText

from bulk_content import indexing
from bulk_content.plan import MIN_PAGES, ROOT_SLUG, ROOT_TITLE, build_plan
from bulk_content.rows import BATCH, RowBuilder
from bulk_content.specs import PageRef
from pages.models import CommitteePage, OfficePage, TopicPage
from programs.models import FundingProgramIndexPage, FundingProgramPage
from programs.status import german_date

MODELS = {
    "topic": TopicPage,
    "office": OfficePage,
    "committee": CommitteePage,
    "program_index": FundingProgramIndexPage,
    "program": FundingProgramPage,
}
LABELS = {
    "topic": ("Thema", "Themen"),
    "office": ("Dienststelle", "Dienststellen"),
    "committee": ("Gremium", "Gremien"),
    "program_index": ("Förderprogramm-Übersicht", "Förderprogramm-Übersichten"),
    "program": ("Förderprogramm", "Förderprogramme"),
}
# What pass two sets, per page type.
LINK_FIELDS = {
    "topic": ["body", "related_links", "downloads", "responsible_office"],
    "office": ["body", "related_links"],
    "committee": ["body", "related_links", "managing_office"],
    "program_index": ["body", "related_links", "responsible_office"],
    "program": ["body", "related_links", "downloads", "responsible_office"],
}
PROGRESS_EVERY = 1000


class BulkContentError(Exception):
    """Why nothing was generated, in German."""


def find_parent(path):
    """The page at ``path`` of the default site ("/" is its home page), which must accept a topic."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise BulkContentError("Es gibt keine Website. Bitte zuerst „manage.py load_seed_content“ ausführen.")
    stripped = (path or "/").strip("/")
    page = Page.objects.filter(url_path=site.root_page.url_path + (stripped + "/" if stripped else "")).first()
    if page is None:
        raise BulkContentError(f"Unter „{path}“ gibt es keine Seite.")
    page = page.specific
    if not TopicPage.can_create_at(page):
        raise BulkContentError(
            f"Unter „{page.title}“ ({page._meta.verbose_name}) darf keine Themenseite stehen; "
            "bitte eine Startseite oder Themenseite als --parent wählen."
        )
    return page


class Generator:
    def __init__(self, total, seed=1, parent_path="/", replace=False, log=print):
        self.total = total
        self.seed = seed
        self.parent_path = parent_path
        self.replace = replace
        self.log = log
        self.now = timezone.now()

    def run(self):
        """Generates the tree and returns its root; ``summary()`` then says what was made."""
        started = time.monotonic()
        if self.total < MIN_PAGES:
            raise BulkContentError(f"Bitte mindestens {MIN_PAGES} Seiten anlegen, damit jede Seitenart vorkommt.")
        with transaction.atomic():
            old_root = Page.objects.child_of(find_parent(self.parent_path)).filter(slug=ROOT_SLUG).first()
            if old_root is not None:
                self._check_replaceable(old_root)
            plan = build_plan(self.total, self.seed)
            if old_root is not None:
                # Committed before generating: the long transaction that builds the new tree does not
                # also carry the deletion of the old one (the first 10,000-page run that did was twice as slow).
                self._delete(old_root)
        with transaction.atomic(), indexing.updates_suspended():
            parent = find_parent(self.parent_path)
            self.rows = RowBuilder(plan.locations)
            self.pages = self._create_pages(plan, parent)
            rows_of = self.rows.create(plan, self.pages)
            self._link(plan)
            self._publish(plan, rows_of)
            self._index()
        self.seconds = time.monotonic() - started
        self.counts = {kind: plan.count(kind) for kind in MODELS}
        return self.pages[0]

    def summary(self):
        parts = ", ".join(f"{self.counts[kind]} {LABELS[kind][self.counts[kind] != 1]}" for kind in MODELS)
        return f"{self.total} Seiten angelegt in {self.seconds:.0f} s: {parts}."

    # --- an earlier run ----------------------------------------------------------------

    def _check_replaceable(self, old_root):
        if not self.replace:
            raise BulkContentError(
                f"Unter „{old_root.get_parent().title}“ gibt es die Seite „{old_root.title}“ ({old_root.url}) schon. "
                "Mit --replace wird sie samt allen Unterseiten gelöscht und neu erzeugt."
            )
        if old_root.title != ROOT_TITLE or old_root.specific_class is not TopicPage:
            raise BulkContentError(
                f"Die Seite {old_root.url} ist keine Themenseite „{ROOT_TITLE}“ dieses Befehls; "
                "sie wird auch mit --replace nicht gelöscht."
            )

    def _delete(self, root):
        started = time.monotonic()
        pages = list(root.get_descendants(inclusive=True).order_by("path").specific().defer_streamfields())
        # Wagtail's delete unpublishes and logs every page of the tree one by one: minutes for a large
        # tree. Here the root is unpublished and logged as deleted; the pages below it go with it.
        Page.objects.filter(path__startswith=root.path, depth__gt=root.depth).update(live=False)
        root = pages[0]
        log(instance=root, action="wagtail.delete", deleted=True)
        with indexing.updates_suspended():
            MP_Node.delete(root)
        indexing.remove_from_search_index(pages)
        indexing.remove_references([page.pk for page in pages])
        self.log(f"Bisherige Massendaten gelöscht: {len(pages)} Seiten in {time.monotonic() - started:.0f} s.")

    # --- pass one ------------------------------------------------------------------------

    def _create_pages(self, plan, parent):
        locale = Locale.get_default()
        pages, started = [], time.monotonic()
        for spec in plan.pages:
            page = MODELS[spec.kind](
                title=spec.title,
                slug=spec.slug,
                search_description=spec.teaser,
                live=True,
                first_published_at=self.now,
                last_published_at=self.now,
                locale=locale,
                **spec.fields,
            )
            if spec.intro:
                page.intro = spec.intro
            (pages[spec.parent] if spec.parent is not None else parent).add_child(instance=page)
            pages.append(page)
            if len(pages) % PROGRESS_EVERY == 0:
                self.log(f"{len(pages)} von {self.total} Seiten angelegt ({time.monotonic() - started:.0f} s).")
        return pages

    # --- pass two ------------------------------------------------------------------------

    def _link(self, plan):
        """Sets links and offices on the pages in memory; ``_publish`` stores them."""
        for spec, page in zip(plan.pages, self.pages):
            page.body = [self._block(block) for block in spec.body]
            page.related_links = [self._related(entry) for entry in spec.related]
            if "downloads" in LINK_FIELDS[spec.kind]:
                documents = [self.rows.document(ref) for ref in spec.downloads]
                page.downloads = [
                    ("document", {"document": document, "title": ""}) for document in documents if document
                ]
            office = self.pages[spec.office] if spec.office is not None else None
            if isinstance(page, CommitteePage):
                page.managing_office = office
            elif not isinstance(page, OfficePage):
                page.responsible_office = office

    def _rich_text(self, parts):
        html = []
        for part in parts:
            if isinstance(part, PageRef):
                target = self.pages[part.index]
                html.append(f'<a linktype="page" id="{target.pk}">{escape(target.title, quote=False)}</a>')
            else:
                html.append(part)
        return RichText("".join(html))

    def _block(self, block):
        kind = block[0]
        if kind == "heading":
            return ("heading", {"text": block[1], "level": "h2"})
        if kind == "text":
            return ("text", self._rich_text(block[1]))
        if kind == "notice":
            _, heading, offset, parts = block
            date = self.rows.day(offset)
            text = self._rich_text([part.replace("{date}", german_date(date)) for part in parts])
            return ("notice", {"heading": heading, "date": date, "text": text})
        if kind == "quote":
            return ("quote", {"text": block[1], "source": block[2]})
        if kind == "timeline":
            return ("timeline", [{"label": label, "years": years, "text": text} for label, years, text in block[1]])
        raise ValueError(f"Unbekannter Blocktyp „{kind}“.")

    def _related(self, entry):
        if isinstance(entry, PageRef):
            return ("page", {"page": self.pages[entry.index], "teaser": ""})
        _, title, teaser, url = entry
        return ("external", {"title": title, "teaser": teaser, "url": url})

    def _publish(self, plan, rows_of):
        """Stores pass two and one published revision per page, as if each page had been published once."""
        started = time.monotonic()
        page_type = ContentType.objects.get_for_model(Page)
        for spec, page in zip(plan.pages, self.pages):
            # Rows and target groups in memory: the revision and the reference index need no queries then.
            page.wagtail_admin_comments = []
            for relation, rows in rows_of[spec.index].items():
                setattr(page, relation, rows)
        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page_type,
                object_id=str(page.pk),
                created_at=self.now,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in self.pages
        ]
        Revision.objects.bulk_create(revisions, batch_size=BATCH)
        # One UPDATE per page; bulk_update's CASE expressions are slower for StreamFields.
        for spec, page in zip(plan.pages, self.pages):
            MODELS[spec.kind].objects.filter(pk=page.pk).update(
                **{name: getattr(page, name) for name in LINK_FIELDS[spec.kind]}
            )
        revision = Revision.objects.filter(
            base_content_type=page_type, object_id=Cast(OuterRef("pk"), output_field=CharField())
        ).values("pk")[:1]
        Page.objects.filter(path__startswith=self.pages[0].path).update(
            latest_revision=Subquery(revision), live_revision=Subquery(revision), latest_revision_created_at=self.now
        )
        for page, revision in zip(self.pages, revisions):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = self.now
        self.log(f"Verweise und Revisionen gespeichert ({time.monotonic() - started:.0f} s).")

    def _index(self):
        started = time.monotonic()
        indexing.add_to_search_index([*self.pages, *self.rows.new_locations])
        self.log(f"Suchindex aktualisiert ({time.monotonic() - started:.0f} s).")
        started = time.monotonic()
        indexing.add_references(self.pages)
        self.log(f"Referenzindex aktualisiert ({time.monotonic() - started:.0f} s).")


def generate(total, seed=1, parent_path="/", replace=False, log=print):
    """Generates ``total`` pages below a new bulk root; returns the generator, whose ``summary()`` says what."""
    generator = Generator(total, seed, parent_path, replace, log)
    generator.run()
    return generator
