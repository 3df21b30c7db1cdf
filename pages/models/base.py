"""Fields and behaviour shared by every content page: teaser, office, hero, related links."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from caching.generation import memoize
from pages.blocks import RelatedLinkStreamBlock
from pages.slugs import german_slug
from reviews.panels import ReviewDatePanel

TEASER_MAX_LENGTH = 300
TEASER_MISSING = "Bitte geben Sie einen Teaser ein: einen Satz, der die Seite beschreibt."
NO_PAGE_CHOSEN = "Bitte wählen Sie eine Seite aus oder entfernen Sie den Eintrag."


@dataclass(frozen=True)
class RelatedLink:
    """One rendered entry of a list of links: "Mehr zum Thema" or an index of child pages."""

    title: str
    teaser: str
    url: str
    is_external: bool = False


def private_paths():
    """Tree paths of the pages with a view restriction (login, password or groups), kept per content generation."""
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    return memoize(("private-paths",), lambda: tuple(restricted))


def is_public(page, hidden_paths=None):
    """Whether any visitor may see ``page``: live and outside every private section, without a query per page."""
    hidden_paths = private_paths() if hidden_paths is None else hidden_paths
    return page.live and not page.path.startswith(hidden_paths)


def office_id_of(page):
    """The id of the office a page names itself, whichever field holds it (``office_field``)."""
    field = getattr(page, "office_field", None)
    return getattr(page, f"{field}_id") if field else None


def office_page_models():
    """The page types that name an office themselves (``office_field``)."""
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if getattr(model, "office_field", None)]


def pages_naming_office(office_id):
    """Ids of the pages (live or not) whose own office field names the office, as one UNION subquery.

    One select per page type with an office field; an OR over joins of all page tables took
    PostgreSQL over half a second even on the seed content.
    """
    # order_by(): SQLite allows no ORDER BY in the parts of a UNION (Page orders by path).
    selects = [
        model.objects.filter(**{f"{model.office_field}_id": office_id}).values("pk").order_by()
        for model in office_page_models()
    ]
    return selects[0].union(*selects[1:], all=True)


def serve_with_prefetched_links(page, serve):
    """Serve and render a page while its body's page links are resolved in one query."""
    from pages.richtext import prefetched_page_links

    streams = [page.body] if hasattr(page, "body") else []
    with prefetched_page_links(streams, memo_key=page.pk):
        response = serve()
        if hasattr(response, "render"):
            response.render()
    return response


def links_to(pages, request=None):
    """Entries for a list of pages of this site, teasers included, without a query per page."""
    return [RelatedLink(title=page.title, teaser=page.search_description, url=page.get_url(request)) for page in pages]


def intro_field(help_text="Ein kurzer Absatz, der unter dem Titel hervorgehoben wird."):
    """The paragraph under the title that most page types have."""
    return models.TextField("Einleitung", blank=True, help_text=help_text)


GO_LIVE_LABEL = "Veröffentlichen ab"
EXPIRY_LABEL = "Ablaufdatum"
# Wagtail's own German labels ("Veröffentlicht ab/bis") and errors ("Ablaufsdatum") differ from these.
SCHEDULE_FIELDS = {
    "go_live_at": (
        GO_LIVE_LABEL,
        "Leer lassen, damit die Seite beim Veröffentlichen sofort online geht. Ein Zeitpunkt in der Zukunft plant "
        "die Veröffentlichung ein: Nach „Zur Veröffentlichung einplanen“ oder nach der Freigabe geht diese Fassung "
        "erst dann online; bis dahin bleibt die bisherige Fassung sichtbar.",
    ),
    "expire_at": (
        EXPIRY_LABEL,
        "Zu diesem Zeitpunkt geht die Seite offline: Sie verschwindet aus Übersichten, „Mehr zum Thema“, der Suche "
        "und der Sitemap, ihre Adresse meldet „Seite nicht gefunden“. Leer lassen, damit sie online bleibt.",
    ),
}


# Wagtail's messages (msgids, shown in the admin's language) and the same checks in the words of the labels.
SCHEDULE_ERRORS = [
    ("Go live date/time must be before expiry date/time", f"„{GO_LIVE_LABEL}“ muss vor dem {EXPIRY_LABEL} liegen."),
    ("Expiry date/time must be in the future.", "Das Ablaufdatum muss in der Zukunft liegen."),
]


class ContentPageForm(WagtailAdminPageForm):
    """Shows Wagtail's search description as the required "Teaser" and the publishing schedule in German."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("search_description")
        if field is not None:
            field.required = True
            field.error_messages["required"] = TEASER_MISSING
            field.label = "Teaser"
            field.help_text = (
                "Ein Satz, der die Seite beschreibt. Er steht unter dem Titel in „Mehr zum Thema“, "
                "in Übersichten und Suchergebnissen und dient als Beschreibung für Suchmaschinen."
            )
        for name, (label, help_text) in SCHEDULE_FIELDS.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].help_text = help_text

    def clean_slug(self):
        """Wagtail's editor keeps umlauts and accents in the address it makes from the title; the portal's
        addresses are plain ASCII like today's dortmund.de ("Förderprogramme" -> "foerderprogramme")."""
        slug = self.cleaned_data.get("slug", "")
        return slug if slug.isascii() else german_slug(slug)

    def defer_required_fields(self):
        """A draft may be saved (and autosaved while typing) before it has a teaser; submitting and publishing need one."""
        super().defer_required_fields()
        field = self.fields.get("search_description")
        if field is not None and field.required:
            field.required = False
            self.deferred_required_fields.append("search_description")

    def _post_clean(self):
        # The model's clean() asks for the teaser and chosen pages only when the page is not a mere draft.
        self.instance.validating_draft = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance.validating_draft = False

    def add_error(self, field, error):
        """Wagtail's schedule checks, in the words of the labels above."""
        if field in SCHEDULE_FIELDS and isinstance(error, ValidationError) and hasattr(error, "message"):
            for msgid, wording in SCHEDULE_ERRORS:
                if str(error.message) == gettext(msgid):
                    error = ValidationError(wording)
        super().add_error(field, error)


class HeroImageMixin(models.Model):
    """A large image above the title; inherited from the nearest ancestor when empty."""

    hero_image = models.ForeignKey(
        "pages.PortalImage",
        verbose_name="Titelbild",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leer lassen, um das Titelbild der übergeordneten Seite zu übernehmen.",
    )

    class Meta:
        abstract = True


class ResponsibleOfficeMixin(models.Model):
    """The office responsible for a page; inherited from the nearest ancestor when empty."""

    office_field = "responsible_office"

    responsible_office = models.ForeignKey(
        "pages.OfficePage",
        verbose_name="Zuständige Stelle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leer lassen, um die Stelle der übergeordneten Seite zu übernehmen. "
        "Ihre Anschrift erscheint im Kasten „Anschrift und Erreichbarkeit“.",
    )

    class Meta:
        abstract = True


class ContentPage(HeroImageMixin, Page):
    """Base of every page a citizen reads: teaser, hero, related links, office box."""

    short_title = models.CharField(
        "Kurztitel",
        max_length=80,
        blank=True,
        help_text="Kürzerer Titel für Brotkrumennavigation und Menüs; leer lassen, um den Titel zu verwenden.",
    )
    related_links = StreamField(
        RelatedLinkStreamBlock(),
        verbose_name="Mehr zum Thema",
        blank=True,
        help_text="Verwandte Seiten in der gewünschten Reihenfolge. Die Seite selbst, doppelte Einträge und "
        "nicht veröffentlichte Seiten werden nie angezeigt.",
    )

    base_form_class = ContentPageForm

    search_fields = Page.search_fields + [
        index.SearchField("search_description"),
    ]

    # Wagtail's German calls the slug "Kurztitel" and the SEO title "Titel", which clash with our fields.
    promote_panels = [
        FieldPanel(
            "slug",
            heading="Adresse (URL-Teil)",
            help_text="Der letzte Teil der Adresse dieser Seite, z. B. „schwerpunkte-der-arbeit“: nur Kleinbuchstaben, "
            "Ziffern und Bindestriche. Nach der Veröffentlichung nur ändern, wenn es nötig ist; die alte Adresse "
            "wird dann automatisch weitergeleitet.",
        ),
        FieldPanel("short_title"),
        FieldPanel(
            "seo_title",
            heading="Titel für Suchmaschinen",
            help_text="Erscheint als verlinkte Überschrift in Suchmaschinen und im Browser-Tab. Leer lassen, um den "
            "Titel der Seite zu verwenden.",
        ),
        FieldPanel("show_in_menus"),
    ]
    # "Nächste Überprüfung" is bookkeeping of the app reviews, kept outside the revisions; shown read-only here.
    settings_panels = Page.settings_panels + [ReviewDatePanel(heading="Überprüfung")]

    # The live preview opens at phone width: most citizens read the portal on a phone.
    preview_sizes = [
        {"name": "mobile", "icon": "mobile-alt", "device_width": 375, "label": "Vorschau als Smartphone (375 Pixel breit)"},
        {"name": "tablet", "icon": "tablet-alt", "device_width": 768, "label": "Vorschau als Tablet (768 Pixel breit)"},
        {"name": "desktop", "icon": "desktop", "device_width": 1280, "label": "Vorschau am Bildschirm (1280 Pixel breit)"},
    ]

    class Meta:
        abstract = True

    # --- validation -----------------------------------------------------

    # Set by ContentPageForm while it validates a draft (Wagtail's deferred validation of required fields).
    validating_draft = False

    def clean(self):
        super().clean()
        errors = {}
        teaser = (self.search_description or "").strip()
        if not teaser and self.validating_draft:
            self.search_description = ""
        elif not teaser:
            errors["search_description"] = TEASER_MISSING
        elif len(teaser) > TEASER_MAX_LENGTH or "\n" in teaser:
            errors["search_description"] = (
                f"Der Teaser ist ein einzelner Satz ohne Zeilenumbruch mit höchstens {TEASER_MAX_LENGTH} Zeichen."
            )
        else:
            self.search_description = teaser
        related_errors = self._related_link_errors()
        if related_errors:
            errors["related_links"] = StreamBlockValidationError(block_errors=related_errors)
        if errors:
            raise ValidationError(errors)

    def _related_link_errors(self):
        return {
            index_: ValidationError(problem)
            for index_, _, problem in self._checked_related_links()
            if problem and not (problem == NO_PAGE_CHOSEN and self.validating_draft)
        }

    def _checked_related_links(self):
        """Each "Mehr zum Thema" entry with the German reason it must not be shown, or None."""
        seen = set()
        for index_, block in enumerate(self.related_links):
            problem = None
            if block.block_type == "page":
                target = block.value["page"]
                if target is None:
                    chosen_id = self.related_links.raw_data[index_]["value"].get("page")
                    yield index_, block, "Die gewählte Seite existiert nicht mehr." if chosen_id else NO_PAGE_CHOSEN
                    continue
                key = ("page", target.pk)
                if self.pk and target.pk == self.pk:
                    problem = "Eine Seite kann nicht auf sich selbst verweisen."
                elif not target.live:
                    problem = f"Die Seite „{target.title}“ ist nicht veröffentlicht."
            elif not block.value["url"]:
                continue  # an entry still being filled in: its own required fields say what is missing
            else:
                key = ("url", block.value["url"].rstrip("/"))
            if problem is None and key in seen:
                problem = "Dieser Eintrag steht bereits in der Liste."
            seen.add(key)
            yield index_, block, problem

    # --- inheritance ----------------------------------------------------

    @cached_property
    def ancestors_nearest_first(self):
        """Ancestors below the tree root, nearest first, as their specific types."""
        return list(
            Page.objects.ancestor_of(self)
            .filter(depth__gt=1)
            .defer_streamfields()
            .specific()
            .order_by("-depth")
        )

    def _inherited_id(self, value_of):
        """``value_of`` this page, else of the nearest ancestor that has one."""
        for page in [self, *self.ancestors_nearest_first]:
            value = value_of(page)
            if value:
                return value
        return None

    @cached_property
    def effective_hero_image(self):
        from pages.models.images import PortalImage

        image_id = self._inherited_id(lambda page: getattr(page, "hero_image_id", None))
        if image_id is None:
            return None
        return PortalImage.objects.filter(pk=image_id).prefetch_renditions("width-1200", "width-640").first()

    @cached_property
    def effective_office(self):
        from pages.models.office import OfficePage

        office_id = self._inherited_id(office_id_of)
        if office_id is None:
            return None
        office = OfficePage.objects.with_box_data().live().filter(pk=office_id).first()
        # A private office is left out like an unpublished one: its address is not for every visitor.
        return office if office is not None and is_public(office) else None

    @property
    def nav_title(self):
        return self.short_title or self.title

    # --- listings ---------------------------------------------------------

    def related_link_items(self, request=None):
        """The entries of "Mehr zum Thema" a citizen may follow, in the editor's order; private targets are left out
        like drafts, since the page is the same for every visitor."""
        items = []
        hidden_paths = private_paths()
        for _, block, problem in self._checked_related_links():
            if problem:
                continue
            value = block.value
            if block.block_type == "page":
                target = value["page"]
                if not is_public(target, hidden_paths):
                    continue
                teaser = value["teaser"] or target.search_description
                items.append(RelatedLink(title=target.title, teaser=teaser, url=target.get_url(request)))
            else:
                items.append(RelatedLink(value["title"], value["teaser"], value["url"], is_external=True))
        return items

    def child_pages(self):
        """Live, public child pages with their teasers, in the editor's order."""
        if self.pk is None:  # the preview of a page that is not saved yet
            return Page.objects.none()
        return self.get_children().live().public().defer_streamfields().order_by("path")

    def breadcrumb_pages(self):
        """Ancestors from the section below the home page down to the parent; an unpublished one is left out."""
        return [page for page in reversed(self.ancestors_nearest_first) if page.depth > 2 and page.live]

    def serve(self, request, *args, **kwargs):
        return serve_with_prefetched_links(self, lambda: super(ContentPage, self).serve(request, *args, **kwargs))

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors, kept per content generation."""

        def evaluated():
            restrictions = super(ContentPage, self).get_view_restrictions()
            list(restrictions)  # fills the result cache, so that the kept queryset never queries again
            return restrictions

        return memoize(("view-restrictions", self.pk), evaluated)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["office"] = self.effective_office
        context["hero_image"] = self.effective_hero_image
        context["related_links"] = self.related_link_items(request)
        context["breadcrumb_pages"] = self.breadcrumb_pages()
        return context


class RoutableContentPageMixin(RoutablePageMixin):
    """Sub-URLs (feeds, vCards) for a content page, which still resolves its body's links in one query."""

    def serve(self, request, view=None, args=None, kwargs=None):
        return serve_with_prefetched_links(self, lambda: super(RoutableContentPageMixin, self).serve(request, view, args, kwargs))
