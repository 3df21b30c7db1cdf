"""Builds the page tree of fixtures/ through Wagtail's page API, idempotently.

Pass one creates every missing page as a bare, live page so that links between
pages can be resolved in any order; pass two gives the pages created in this run
their content and publishes one revision each. Pages that already exist belong to
the editors and are left alone, unless ``force`` asks to reset them to the
fixtures (then only pages whose content differs get a new revision).
"""

from pathlib import Path

import yaml
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site

from modelcluster.fields import ParentalKey
from wagtail.fields import StreamField

from pages.models import HomePage, SiteSettings
from pages.roles import sync_groups
from pages.seed.media import ensure_document, ensure_image
from pages.seed.richtext import to_rich_text
from pages.seed.types import SEED_TYPES


class SeedError(Exception):
    pass


class SeedLoader:
    def __init__(self, fixtures_dir, log=print, force=False):
        self.fixtures_dir = Path(fixtures_dir)
        self.log = log
        self.force = force
        self.new_paths = set()
        self.images = {}
        self.documents = {}
        self.created = 0
        self.updated = 0

    # --- entry point --------------------------------------------------------

    @transaction.atomic
    def load(self):
        site_spec = self._read(self.fixtures_dir / "site.yaml")
        page_specs = [self._read(path) for path in sorted((self.fixtures_dir / "pages").glob("*.yaml"))]
        for spec in site_spec.get("images", []):
            self.images[spec["key"]], changed = ensure_image(spec, update=self.force)
            self.count(changed)
        for spec in site_spec.get("documents", []):
            self.documents[spec["key"]], changed = ensure_document(spec)
            self.count(changed)
        self.site = self._ensure_home(next(spec for spec in page_specs if spec["path"] == "/"))
        # Parents before children; among siblings, the order of the files is the order of the pages.
        for spec in sorted(page_specs, key=lambda spec: spec["path"].count("/")):
            self._ensure_exists(spec)
        for spec in page_specs:
            self._apply(spec)
        self._apply_settings(site_spec.get("settings", {}))
        for spec in site_spec.get("redirects", []):
            self._ensure_redirect(spec)
        for spec in site_spec.get("search_promotions", []):
            self._ensure_promotion(spec)
        sync_groups(self.site.root_page)
        return self.created, self.updated

    def _read(self, path):
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if not isinstance(data, dict):
            raise SeedError(f"{path}: erwartet eine Zuordnung (YAML-Mapping).")
        data["_file"] = path.name
        return data

    def count(self, changed, created=True):
        if changed:
            if created:
                self.created += 1
            else:
                self.updated += 1

    # --- tree -----------------------------------------------------------------

    def _ensure_home(self, spec):
        """Replace Wagtail's welcome page by the portal's home page, once."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site
        root = Page.get_first_root_node()
        home = HomePage(title=spec["title"], slug="startseite", search_description=spec["teaser"], live=True)
        root.add_child(instance=home)
        if site is None:
            site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        else:
            old_root = site.root_page
            site.root_page = home
            site.save()
            if old_root.depth > 1 and not old_root.specific_class == HomePage:
                old_root.delete()
        site.site_name = "Integrationsportal Dortmund"
        site.save()
        self.created += 1
        self.new_paths.add("/")
        return site

    def page_at(self, path):
        url_path = self.site.root_page.url_path + path.strip("/") + ("/" if path.strip("/") else "")
        page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            raise SeedError(f"Keine Seite unter {path}.")
        return page

    def _ensure_exists(self, spec):
        path = spec["path"]
        if path == "/":
            return
        try:
            self.page_at(path)
            return
        except SeedError:
            pass
        parent_path, slug = path.strip("/").rsplit("/", 1) if "/" in path.strip("/") else ("", path.strip("/"))
        parent = self.page_at(f"/{parent_path}/" if parent_path else "/")
        model = self._seed_type(spec).model
        parent.add_child(
            instance=model(title=spec["title"], slug=slug, search_description=spec["teaser"], live=True)
        )
        self.new_paths.add(path)
        self.created += 1

    # --- content ----------------------------------------------------------------

    def _apply(self, spec):
        if spec["path"] not in self.new_paths and not self.force:
            return
        seed_type = self._seed_type(spec)
        model = seed_type.model
        page = self.page_at(spec["path"]).specific
        if not isinstance(page, model):
            message = f"{spec['_file']}: {spec['path']} ist vom Typ „{page._meta.verbose_name}“, nicht „{model._meta.verbose_name}“."
            if self.force:
                raise SeedError(message)
            self.log(message + " Die bestehende Seite bleibt unverändert.")
            return
        wanted = self._fields(spec, model) | seed_type.fields(spec, self)
        rows = seed_type.rows(spec, self)
        if self._is_current(page, wanted, rows):
            return
        for name, value in wanted.items():
            setattr(page, name, value)
        for relation, children in rows.items():
            setattr(page, relation, children)
        page.save_revision(log_action=True).publish()
        self.updated += 1
        self.log(f"Veröffentlicht: {spec['path']}")

    def _fields(self, spec, model):
        fields = {
            "title": spec["title"],
            "search_description": spec["teaser"].strip(),
            "short_title": spec.get("short_title", ""),
            "show_in_menus": spec.get("show_in_menus", False),
            "hero_image_id": self.images[spec["hero_image"]].pk if spec.get("hero_image") else None,
            "related_links": [self._related(entry) for entry in spec.get("related", []) if not self._is_self(spec, entry)],
        }
        if hasattr(model, "intro"):
            fields["intro"] = (spec.get("intro") or "").strip()
        if hasattr(model, "body"):
            fields["body"] = [self._block(block) for block in spec.get("body", [])]
        if hasattr(model, "downloads"):
            fields["downloads"] = [
                {"type": "document", "value": {"document": self.documents[key].pk, "title": ""}}
                for key in spec.get("downloads", [])
            ]
        return fields

    def _rich_text(self, source):
        return to_rich_text(source, lambda path: self.page_at(path).pk)

    def _block(self, block):
        (kind, value), = block.items()
        if kind == "heading":
            return {"type": "heading", "value": {"text": value, "level": "h2"}}
        if kind == "text":
            return {"type": "text", "value": self._rich_text(value)}
        if kind == "timeline":
            return {"type": "timeline", "value": [dict(period) for period in value]}
        if kind == "notice":
            return {
                "type": "notice",
                "value": {
                    "heading": value.get("heading", "Zum Thema"),
                    "date": value["date"].isoformat() if value.get("date") else None,
                    "text": self._rich_text(value["text"]),
                },
            }
        if kind == "quote":
            return {"type": "quote", "value": {"text": value["text"], "source": value.get("source", "")}}
        if kind == "downloads":
            return {
                "type": "downloads",
                "value": {
                    "heading": value.get("heading", "Downloads"),
                    "documents": [{"document": self.documents[key].pk, "title": ""} for key in value["documents"]],
                },
            }
        raise SeedError(f"Unbekannter Blocktyp „{kind}“.")

    def _is_self(self, spec, entry):
        if entry.get("page") == spec["path"]:
            self.log(f"{spec['_file']}: Verweis der Seite auf sich selbst in „Mehr zum Thema“ übersprungen.")
            return True
        return False

    def _seed_type(self, spec):
        try:
            return SEED_TYPES[spec["type"]]
        except KeyError:
            raise SeedError(f"{spec['_file']}: unbekannter Seitentyp „{spec['type']}“.") from None

    def _related(self, entry):
        if "page" in entry:
            return {"type": "page", "value": {"page": self.page_at(entry["page"]).pk, "teaser": entry.get("teaser", "")}}
        return {"type": "external", "value": {"title": entry["title"], "teaser": entry["teaser"], "url": entry["url"]}}

    def _is_current(self, page, wanted, rows):
        if not page.live or page.live_revision_id is None or page.has_unpublished_changes:
            return False
        for name, value in wanted.items():
            current = getattr(page, name)
            if isinstance(page._meta.get_field(name), StreamField):
                if _canonical(page, name, current.raw_data) != _canonical(page, name, value):
                    return False
            elif hasattr(current, "all"):  # a ParentalManyToManyField
                if sorted(item.pk for item in current.all()) != sorted(item.pk for item in value):
                    return False
            elif current != value:
                return False
        for relation, children in rows.items():
            if [_row_values(row) for row in getattr(page, relation).all()] != [_row_values(row) for row in children]:
                return False
        return True

    # --- settings and redirects ---------------------------------------------------

    def _apply_settings(self, spec):
        exists = SiteSettings.objects.filter(site=self.site).exists()
        if exists and not self.force:
            return
        site_settings = SiteSettings.for_site(self.site)
        wanted = {
            "site_name": spec.get("site_name", "Stadt Dortmund"),
            "slogan": spec.get("slogan", ""),
        }
        for name in ("imprint_page", "privacy_page", "accessibility_page", "contact_page", "easy_language_page",
                     "sign_language_page"):
            wanted[f"{name}_id"] = self.page_at(spec[name]).pk if spec.get(name) else None
        changed = [name for name, value in wanted.items() if getattr(site_settings, name) != value]
        if changed or not exists:
            for name, value in wanted.items():
                setattr(site_settings, name, value)
            site_settings.save()
            self.updated += 1

    def _ensure_redirect(self, spec):
        old_path = Redirect.normalise_path(spec["old_path"])
        target = self.page_at(spec["page"])
        redirect = Redirect.objects.filter(old_path=old_path, site__isnull=True).first()
        if redirect and (not self.force or (redirect.redirect_page_id == target.pk and redirect.is_permanent)):
            return
        Redirect.objects.update_or_create(
            old_path=old_path, site=None, defaults={"redirect_page": target, "is_permanent": True, "redirect_link": ""}
        )
        self.updated += 1

    def _ensure_promotion(self, spec):
        """One recommendation per query and target; existing ones belong to the editors."""
        query = Query.get(spec["query"])
        target = {"page": self.page_at(spec["page"])} if spec.get("page") else {"external_link_url": spec["url"]}
        if SearchPromotion.objects.filter(query=query, **target).exists():
            return
        SearchPromotion.objects.create(
            query=query,
            external_link_text=spec.get("title", ""),
            description=spec.get("description", ""),
            sort_order=query.editors_picks.count(),
            **target,
        )
        self.created += 1


def _canonical(page, field_name, raw):
    """Stream data in its stored form without block ids, so that equal content compares equal."""
    stream_block = page._meta.get_field(field_name).stream_block
    prepared = stream_block.get_prep_value(stream_block.to_python(list(raw)))
    return without_block_ids(prepared)


def _row_values(row):
    """What a child row holds, without its id, position and parent."""
    return [
        getattr(row, field.attname)
        for field in row._meta.concrete_fields
        if not field.primary_key and field.name != "sort_order" and not isinstance(field, ParentalKey)
    ]


def without_block_ids(value):
    """Stored stream data without its block ids (new on every save), so that equal content compares equal."""
    if isinstance(value, dict):
        return {key: without_block_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [without_block_ids(item) for item in value]
    return value
