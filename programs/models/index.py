from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from caching.generation import memoize
from pages.blocks import BodyStreamBlock
from pages.models.base import ContentPage, ResponsibleOfficeMixin, RoutableContentPageMixin, intro_field
from pages.paging import paginate
from pages.panels import related_links_panels
from programs.finder import FUNDER_PARAM, STATUS_PARAM, TARGET_GROUP_PARAM, find
from programs.models.program import FundingProgramPage
from programs.models.vocabulary import TargetGroup


class FundingProgramIndexPage(RoutableContentPageMixin, ResponsibleOfficeMixin, ContentPage):
    """The finder: every funding program below it, filtered by target group, status and funder."""

    intro = intro_field()
    body = StreamField(
        BodyStreamBlock(), verbose_name="Inhalt", blank=True, help_text="Erscheint über dem Filter und der Liste."
    )

    content_panels = Page.content_panels + [
        FieldPanel("search_description"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("responsible_office"), FieldPanel("hero_image")], heading="Zuständigkeit und Bild"),
        FieldPanel("body"),
        *related_links_panels(),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.TopicPage"]
    subpage_types = ["programs.FundingProgramPage"]

    class Meta:
        verbose_name = "Förderprogramme (Übersicht)"
        verbose_name_plural = "Förderprogramme (Übersichten)"

    def programs(self):
        """Every live, public program of this finder with what the list shows, in a fixed number of queries."""
        if self.pk is None:
            return []
        return memoize(
            ("finder-programs", self.pk),
            lambda: list(
                FundingProgramPage.objects.live()
                .public()
                .child_of(self)
                .defer_streamfields()
                .prefetch_related("rounds", "target_groups")
            ),
        )

    def find(self, request):
        return find(
            self.programs(),
            request.GET,
            memoize(("target-groups",), lambda: list(TargetGroup.objects.all())),
            dict(FundingProgramPage.Funder.choices),
            timezone.localdate(),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        result = self.find(request)
        page = paginate(result.programs, request.GET, result.filters.hints)
        context.update(
            finder=result,
            results=page,
            filter_query=result.filters.query_string(),
            has_dated_rounds=any(program.has_dated_rounds for program in result.programs),
            filter_groups=[
                {"param": TARGET_GROUP_PARAM, "legend": "Zielgruppe", "options": result.target_group_options},
                {"param": STATUS_PARAM, "legend": "Antragstellung", "options": result.status_options},
                {"param": FUNDER_PARAM, "legend": "Fördergeber", "options": result.funder_options},
            ],
        )
        return context

    @path("kalender/", name="calendar")
    def calendar(self, request):
        from programs.calendar import programs_calendar

        result = self.find(request)
        name = f"{self.title}: Fristen"
        response = HttpResponse(
            programs_calendar(result.programs, name, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{self.slug}.ics")
        return response

    @path("json/", name="open_data")
    def open_data(self, request):
        from programs.open_data import finder_data

        response = JsonResponse(finder_data(self, self.find(request), request), json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response
