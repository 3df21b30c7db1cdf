"""Fields and behaviour shared by every content page: teaser, office, hero, related links."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.blocks import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from caching.generation import memoize
from pages.blocks import RelatedLinkStreamBlock

TEASER_MAX_LENGTH = 300


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


class ContentPageForm(WagtailAdminPageForm):
    """Shows Wagtail's search description as the required "Teaser"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("search_description")
        if field is not None:
            field.required = True
            field.label = "Teaser"
            field.help_text = (
                "Ein Satz, der die Seite beschreibt. Er steht unter dem Titel in „Mehr zum Thema“, "
                "in Übersichten und Suchergebnissen und dient als Beschreibung für Suchmaschinen."
            )


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

    promote_panels = [
        FieldPanel("slug"),
        FieldPanel("short_title"),
        FieldPanel("seo_title"),
        FieldPanel("show_in_menus"),
    ]

    class Meta:
        abstract = True

    # --- validation -----------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        teaser = (self.search_description or "").strip()
        if not teaser:
            errors["search_description"] = "Bitte geben Sie einen Teaser ein: einen Satz, der die Seite beschreibt."
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
        return {index_: ValidationError(problem) for index_, _, problem in self._checked_related_links() if problem}

    def _checked_related_links(self):
        """Each "Mehr zum Thema" entry with the German reason it must not be shown, or None."""
        seen = set()
        for index_, block in enumerate(self.related_links):
            problem = None
            if block.block_type == "page":
                target = block.value["page"]
                if target is None:
                    yield index_, block, "Die gewählte Seite existiert nicht mehr."
                    continue
                key = ("page", target.pk)
                if self.pk and target.pk == self.pk:
                    problem = "Eine Seite kann nicht auf sich selbst verweisen."
                elif not target.live:
                    problem = f"Die Seite „{target.title}“ ist nicht veröffentlicht."
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
