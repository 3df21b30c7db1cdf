"""The read-only JSON API for open data (Wagtail API v2): published, public pages only.

``/api/v2/pages/`` lists pages; ``?type=pages.OfficePage&fields=*`` adds the fields each page type
declares in ``api_fields`` (addresses, opening hours, meetings, program status …).
"""

from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db.models import ForeignKey, prefetch_related_objects
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageAliasOfField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from pages.api import committee_prefetches, is_public_page, office_prefetches
from pages.models import CommitteePage, OfficePage
from programs.api import program_prefetches
from programs.models import FundingProgramPage


class AlwaysJSON(BaseContentNegotiation):
    """JSON whatever the client accepts: a browser asking for HTML gets JSON too, never a 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type


class PublicAliasOfField(PageAliasOfField):
    """The original of an alias page, unless that is a draft or private."""

    def get_attribute(self, instance):
        original = super().get_attribute(instance)
        return original if is_public_page(original, self.context) else None


class PortalPageSerializer(PageSerializer):
    alias_of = PublicAliasOfField(read_only=True)


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, restricted to what any visitor may read.

    Wagtail already lists live pages only and leaves out sections the *requesting* user may not see. Open
    data must not depend on who asks, so the API treats everybody as anonymous and also drops every page
    below any view restriction (login, password or groups), whatever cookie or password a caller has.
    """

    # rest_framework is not an installed app, so the browsable API's templates do not exist.
    renderer_classes = [JSONRenderer]
    content_negotiation_class = AlwaysJSON
    authentication_classes = []
    permission_classes = []
    base_serializer_class = PortalPageSerializer

    # The child rows the api_fields of a page type read, loaded once per listing instead of once per page.
    prefetches = {
        OfficePage: office_prefetches,
        CommitteePage: committee_prefetches,
        FundingProgramPage: program_prefetches,
    }

    # Parameters the database would choke on: a NUL byte anywhere, numbers beyond any sensible size.
    NUMBER_PARAMETERS = ("offset", "limit", "id")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError("query parameters must not contain NUL characters")
        for key in self.NUMBER_PARAMETERS:
            value = request.GET.get(key)
            if value is not None and not (value.isascii() and value.isdigit() and len(value) <= 9):
                raise BadRequestError(f"{key} must be a whole number below 1000000000")

    def get_base_queryset(self):
        if not hasattr(self, "_public_pages"):
            self._public_pages = super().get_base_queryset().live().public()
        return self._public_pages

    def _prefetches_for(self, model):
        lookups = self.prefetches.get(model)
        if lookups is None:
            return []
        return lookups()

    def get_queryset(self):
        # The "locale" meta field would otherwise cost a query per page.
        queryset = super().get_queryset().select_related("locale")
        lookups = self._prefetches_for(queryset.model)
        return queryset.prefetch_related(*lookups) if lookups else queryset

    def get_object(self):
        if not hasattr(self, "_api_page"):
            page = super().get_object()
            prefetch_related_objects([page], *self._prefetches_for(type(page)))
            self._api_page = page
        return self._api_page

    def filter_queryset(self, queryset):
        """Filters with values a field cannot hold (``?first_published_at=gestern``) are a 400, not a 500."""
        try:
            return super().filter_queryset(queryset)
        except (ValueError, TypeError, ValidationError, FieldError) as error:
            raise BadRequestError(f"filter error: {error}") from error

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        """Rows of a page (opening hours, rounds, target groups …) are shown, but cannot filter or order."""
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if not db_fields_only:
            return fields

        def is_column(name):
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return True  # an ``_id`` attname, which is a column
            return not field.is_relation or isinstance(field, ForeignKey)

        return [name for name in fields if is_column(name)]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Open data: any website may read it from a browser, as the finder's JSON.
        response["Access-Control-Allow-Origin"] = "*"
        return response


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
