"""Stores a planned bulk tree through Wagtail's page API, then indexes it in bulk.

Pass one adds every page with ``add_child`` (so Wagtail validates it with ``full_clean``,
sets its path and ``url_path`` and logs its creation); the page's rows follow with
``bulk_create``. Pass two sets what points to other generated pages (links, offices),
stores one published revision per page and updates the pages in bulk. The search index
and the reference index are switched off meanwhile and filled for the new pages at the end.
"""

import datetime
import time
from contextlib import contextmanager
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from modelsearch import signal_handlers as search_signal_handlers
from modelsearch.index import get_indexed_models
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, ReferenceIndex, Revision, Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from bulk_content import words
from bulk_content.plan import ROOT_SLUG, ROOT_TITLE, PageRef, build_plan
from pages.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteePage,
    Location,
    OfficeClosure,
    OfficeContactPerson,
    OfficeLocation,
    OfficeOpeningHours,
    OfficePage,
    TopicPage,
)
from programs.models import FundingProgramIndexPage, FundingProgramPage, FundingRound, ProgramContactPerson, TargetGroup
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
# Fields set in pass two, per page type.
LINK_FIELDS = {
    "topic": ["body", "related_links", "downloads", "responsible_office"],
    "office": ["body", "related_links"],
    "committee": ["body", "related_links", "managing_office"],
    "program_index": ["body", "related_links", "responsible_office"],
    "program": ["body", "related_links", "downloads", "responsible_office"],
}
ROW_MODELS = {
    "office_locations": OfficeLocation,
    "opening_hours": OfficeOpeningHours,
    "closures": OfficeClosure,
    "contact_persons": None,  # depends on the page type
    "members": CommitteeMember,
    "meetings": CommitteeMeeting,
    "rounds": FundingRound,
}
PROGRESS_EVERY = 1000
BATCH = 500


class BulkContentError(Exception):
    """A reason, in German, why nothing was generated."""


@contextmanager
def index_updates_suspended():
    """Neither the search index nor the reference index follows each save; ``generate`` fills both at the end."""
    disconnected = []
    for model in get_indexed_models():
        if post_save.disconnect(search_signal_handlers.post_save_signal_handler, sender=model):
            disconnected.append((post_save, search_signal_handlers.post_save_signal_handler, model))
        if post_delete.disconnect(search_signal_handlers.post_delete_signal_handler, sender=model):
            disconnected.append((post_delete, search_signal_handlers.post_delete_signal_handler, model))
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for signal, handler, model in disconnected:
            signal.connect(handler, sender=model)


def find_parent(path):
    """The page at ``path`` of the default site ("/" is its home page)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise BulkContentError("Es gibt keine Website. Bitte zuerst „manage.py load_seed_content“ ausführen.")
    stripped = (path or "/").strip("/")
    url_path = site.root_page.url_path + (stripped + "/" if stripped else "")
    page = Page.objects.filter(url_path=url_path).first()
    if page is None:
        raise BulkContentError(f"Unter „{path}“ gibt es keine Seite.")
    page = page.specific
    if not TopicPage.can_create_at(page):
        raise BulkContentError(
            f"Unter „{page.title}“ ({page.specific_class._meta.verbose_name}) darf keine Themenseite stehen; "
            "bitte eine Startseite oder Themenseite als --parent wählen."
        )
    return page


def existing_root(parent):
    return Page.objects.child_of(parent).filter(slug=ROOT_SLUG).first()


class Generator:
    def __init__(self, total, seed, parent_path=None, replace=False, log=print):
        self.total = total
        self.seed = seed
        self.parent_path = parent_path
        self.replace = replace
        self.log = log
        self.today = timezone.localdate()
        self.now = timezone.now()

    def run(self):
        started = time.monotonic()
        try:
            plan = build_plan(self.total, self.seed)
        except ValueError as error:
            raise BulkContentError(str(error)) from error
        with transaction.atomic():
            parent = find_parent(self.parent_path)
            old_root = existing_root(parent)
            if old_root is not None:
                if not self.replace:
                    raise BulkContentError(
                        f"Unter „{parent.title}“ gibt es die Seite „{old_root.title}“ ({old_root.url_path}) schon. "
                        "Mit --replace wird sie samt allen Unterseiten gelöscht und neu erzeugt."
                    )
                if old_root.title != ROOT_TITLE or old_root.specific_class is not TopicPage:
                    raise BulkContentError(
                        f"Die Seite {old_root.url_path} ist keine Themenseite „{ROOT_TITLE}“ dieses Befehls; "
                        "sie wird auch mit --replace nicht gelöscht."
                    )
                self._delete(old_root)
            with index_updates_suspended():
                self.pages = self._create_pages(plan, parent)
                self._create_rows(plan)
                self._link(plan)
                self._publish(plan)
                self._index()
        self.seconds = time.monotonic() - started
        self.counts = {kind: plan.count(kind) for kind in MODELS}
        return self.pages[0]

    def summary(self):
        parts = ", ".join(f"{self.counts[kind]} {LABELS[kind][self.counts[kind] != 1]}" for kind in MODELS)
        return f"{self.total} Seiten angelegt in {self.seconds:.0f} s: {parts}."

    # --- deleting a previous run ------------------------------------------------------

    def _delete(self, root):
        started = time.monotonic()
        count = root.get_descendants(inclusive=True).count()
        # With the index signal handlers on, Wagtail removes each page from both indexes as usual.
        root.specific.delete()
        self.log(f"Bisherige Massendaten gelöscht: {count} Seiten in {time.monotonic() - started:.0f} s.")

    # --- pass one: pages and their rows ------------------------------------------------

    def _create_pages(self, plan, parent):
        locale = Locale.get_default()
        self.locations = self._locations(plan.locations)
        self.documents = list(get_document_model().objects.order_by("pk"))
        self.target_groups = self._target_groups()
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
            holder = pages[spec.parent] if spec.parent is not None else parent
            holder.add_child(instance=page)
            pages.append(page)
            if len(pages) % PROGRESS_EVERY == 0:
                self.log(f"{len(pages)} von {self.total} Seiten angelegt ({time.monotonic() - started:.0f} s).")
        return pages

    def _locations(self, specs):
        """The buildings of the plan: existing ones with the same address are shared, missing ones created."""
        wanted = {(spec["street"], spec["postcode"], spec["city"]): spec for spec in specs}
        existing = {
            (location.street, location.postcode, location.city): location
            for location in Location.objects.filter(street__in=[spec["street"] for spec in specs])
        }
        missing = [Location(**spec) for key, spec in wanted.items() if key not in existing]
        for location in missing:
            location.full_clean(validate_unique=False)
        self.new_locations = Location.objects.bulk_create(missing)
        existing.update({(location.street, location.postcode, location.city): location for location in missing})
        return [existing[(spec["street"], spec["postcode"], spec["city"])] for spec in specs]

    def _target_groups(self):
        groups = list(TargetGroup.objects.order_by("name"))
        if not groups:
            groups = [TargetGroup.objects.create(name=name) for name in words.TARGET_GROUPS]
        return groups

    def _document(self, ref):
        return self.documents[int(ref.fraction * len(self.documents))] if self.documents and ref else None

    def _day(self, offset):
        return self.today + datetime.timedelta(days=offset)

    def _create_rows(self, plan):
        rows_by_model = {}
        self.rows = [{} for _ in plan.pages]
        for spec, page in zip(plan.pages, self.pages):
            for relation, entries in spec.rows.items():
                rows = [self._row(page, relation, entry, position) for position, entry in enumerate(entries)]
                self.rows[spec.index][relation] = rows
                rows_by_model.setdefault(type(rows[0]) if rows else None, []).extend(rows)
        rows_by_model.pop(None, None)
        for model, rows in rows_by_model.items():
            for row in rows:
                row.full_clean(exclude=[self._parent_field(model)], validate_unique=False, validate_constraints=False)
            model.objects.bulk_create(rows, batch_size=BATCH)
        through = FundingProgramPage.target_groups.through
        field = FundingProgramPage._meta.get_field("target_groups")
        links = []
        for spec, page in zip(plan.pages, self.pages):
            if spec.kind != "program":
                continue
            groups = self._groups(spec)
            self.rows[spec.index]["target_groups"] = groups
            links += [through(**{field.m2m_field_name(): page, field.m2m_reverse_field_name(): group}) for group in groups]
        through.objects.bulk_create(links, batch_size=BATCH)

    @staticmethod
    def _parent_field(model):
        return next(field.name for field in model._meta.concrete_fields if field.name in ("office", "committee", "program"))

    def _groups(self, spec):
        groups = []
        for fraction in spec.target_groups:
            group = self.target_groups[int(fraction * len(self.target_groups))]
            if group not in groups:
                groups.append(group)
        return groups

    def _row(self, page, relation, entry, position):
        if relation == "office_locations":
            return OfficeLocation(
                office=page,
                location=self.locations[entry["location"]],
                new_location=self.locations[entry["new_location"]] if entry["new_location"] is not None else None,
                moves_on=self._day(entry["moves_on"]) if entry["moves_on"] is not None else None,
                sort_order=position,
            )
        if relation == "opening_hours":
            values = dict(entry, opens=_time(entry["opens"]), closes=_time(entry["closes"]))
            return OfficeOpeningHours(office=page, sort_order=position, **values)
        if relation == "closures":
            return OfficeClosure(office=page, starts=self._day(entry["starts"]), ends=self._day(entry["ends"]),
                                 note=entry["note"], sort_order=position)
        if relation == "contact_persons":
            model = OfficeContactPerson if isinstance(page, OfficePage) else ProgramContactPerson
            parent = {"office": page} if model is OfficeContactPerson else {"program": page}
            return model(sort_order=position, **parent, **entry)
        if relation == "members":
            return CommitteeMember(committee=page, sort_order=position, **entry)
        if relation == "meetings":
            return CommitteeMeeting(
                committee=page,
                date=self._day(entry["day"]),
                starts=_time(entry["starts"]),
                ends=_time(entry["ends"]),
                place=entry["place"],
                agenda=self._document(entry["agenda"]),
                minutes=self._document(entry["minutes"]),
                sort_order=position,
            )
        if relation == "rounds":
            return self._round(page, entry, position)
        raise ValueError(relation)

    def _round(self, page, entry, position):
        funding_round = FundingRound(program=page, description=entry["description"], sort_order=position,
                                     **entry["amounts"])
        if entry["shape"] == "year":
            funding_round.year = self.today.year - entry["years_ago"]
            funding_round.label = f"Runde {funding_round.year}"
            funding_round.outcome = entry["outcome"].format(count=entry["count"])
        else:
            funding_round.opens, funding_round.closes = self._day(entry["opens"]), self._day(entry["closes"])
            season = "Frühjahrsrunde" if funding_round.opens.month <= 6 else "Herbstrunde"
            funding_round.label = f"{season} {funding_round.opens.year}"
        return funding_round

    # --- pass two: links, offices and revisions ---------------------------------------------

    def _link(self, plan):
        for spec, page in zip(plan.pages, self.pages):
            page.body = [self._block(block) for block in spec.body]
            page.related_links = [self._related(entry) for entry in spec.related]
            if hasattr(page, "downloads"):
                documents = [self._document(ref) for ref in spec.downloads]
                page.downloads = [("document", {"document": document, "title": ""}) for document in documents if document]
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
            date = self._day(offset)
            parts = [part.replace("{date}", german_date(date)) for part in parts]
            return ("notice", {"heading": heading, "date": date, "text": self._rich_text(parts)})
        if kind == "quote":
            return ("quote", {"text": block[1], "source": block[2]})
        if kind == "timeline":
            return ("timeline", [{"label": label, "years": years, "text": text} for label, years, text in block[1]])
        raise ValueError(kind)

    def _related(self, entry):
        if isinstance(entry, PageRef):
            return ("page", {"page": self.pages[entry.index], "teaser": ""})
        _, title, teaser, url = entry
        return ("external", {"title": title, "teaser": teaser, "url": url})

    def _publish(self, plan):
        """One published revision per page, written in bulk, as if each page had been published once."""
        started = time.monotonic()
        page_type = ContentType.objects.get_for_model(Page)
        for spec, page in zip(plan.pages, self.pages):
            # The rows and groups in memory, so that the revision and the reference index need no queries.
            page.wagtail_admin_comments = []
            for relation, rows in self.rows[spec.index].items():
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

    # --- indexes -----------------------------------------------------------------------

    def _index(self):
        started = time.monotonic()
        by_model = {}
        for page in self.pages:
            by_model.setdefault(type(page), []).append(page)
        if self.new_locations:
            by_model[Location] = self.new_locations
        for backend in get_search_backends(with_auto_update=True):
            for model, objects in by_model.items():
                index = backend.get_index_for_model(model)
                for start in range(0, len(objects), BATCH):
                    index.add_items(model, objects[start : start + BATCH])
        self.log(f"Suchindex aktualisiert ({time.monotonic() - started:.0f} s).")
        started = time.monotonic()
        self._reference_index()
        self.log(f"Referenzindex aktualisiert ({time.monotonic() - started:.0f} s).")

    def _reference_index(self):
        """What ``ReferenceIndex.create_or_update_for_object`` stores for a new page, for all pages in one go.

        Calling it per page costs two queries each; this reads the same references with the same
        (private) extractor and writes them with one ``bulk_create``.
        """
        page_type = ContentType.objects.get_for_model(Page)
        entries = []
        for page in self.pages:
            for to_content_type_id, to_object_id, model_path, content_path in sorted(
                set(ReferenceIndex._extract_references_from_object(page))
            ):
                entries.append(
                    ReferenceIndex(
                        content_type_id=page.content_type_id,
                        base_content_type=page_type,
                        object_id=str(page.pk),
                        to_content_type_id=to_content_type_id,
                        to_object_id=to_object_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
        ReferenceIndex.objects.bulk_create(entries, batch_size=BATCH * 4, ignore_conflicts=True)


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def generate(total, seed=1, parent_path=None, replace=False, log=print):
    """Generate ``total`` pages below a new bulk root; returns the generator with ``summary()``."""
    generator = Generator(total, seed, parent_path, replace, log)
    generator.run()
    return generator


__all__ = ["BulkContentError", "ROOT_SLUG", "ROOT_TITLE", "generate", "index_updates_suspended"]
