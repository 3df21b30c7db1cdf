"""Factories that build pages through Wagtail's tree API, with German values."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from pages.models import CommitteePage, Location, OfficeLocation, OfficePage, PortalImage, TopicPage
from programs.models import FundingProgramIndexPage, FundingProgramPage, FundingRound, TargetGroup


class PortalImageFactory(wagtail_factories.ImageFactory):
    title = "Westfalenpark mit Florianturm"
    description = "Der Florianturm im Westfalenpark"
    caption = "Westfalenpark mit Florianturm"
    credit = "Erika Mustermann"

    class Meta:
        model = PortalImage


def make_document(title="Antrag auf Förderung", size=1024, extension="pdf"):
    """A stored document whose file has exactly ``size`` bytes."""
    Document = get_document_model()
    document = Document(title=title, file=ContentFile(b"%" * size, name=f"datei.{extension}"))
    document._set_document_file_metadata()
    document.save()
    return document


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sprachförderung in Kitas {n}")
    search_description = "Informationen über die Sprachförderung in Dortmunder Kitas."
    live = True

    class Meta:
        model = TopicPage


class LocationFactory(factory.django.DjangoModelFactory):
    street = factory.Sequence(lambda n: f"Friedensplatz {n + 1}")
    postcode = "44135"
    city = "Dortmund"

    class Meta:
        model = Location


class OfficePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ausländerbehörde {n}")
    search_description = "Die Ausländerbehörde der Stadt Dortmund."
    short_name = "ABH"
    live = True

    class Meta:
        model = OfficePage
        skip_postgeneration_save = True

    @factory.post_generation
    def locations(obj, create, extracted, **kwargs):
        if not create:
            return
        for position, location in enumerate(extracted or []):
            OfficeLocation.objects.create(office=obj, location=location, sort_order=position)


class CommitteePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Arbeitskreis Interkulturelle Öffnung {n}")
    search_description = "Ein Arbeitskreis der Stadt Dortmund."
    live = True

    class Meta:
        model = CommitteePage


class FundingProgramIndexPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Förderprogramme {n}")
    search_description = "Förderprogramme für Integrationsprojekte in Dortmund."
    live = True

    class Meta:
        model = FundingProgramIndexPage


class FundingProgramPageFactory(wagtail_factories.PageFactory):
    """A program; ``rounds=[{"opens": …, "closes": …}]`` and ``target_groups=["vereine"]`` add its windows and groups."""

    title = factory.Sequence(lambda n: f"Förderung von Nachbarschaftsprojekten {n}")
    search_description = "Zuschüsse für Projekte, die Nachbarinnen und Nachbarn zusammenbringen."
    funder = FundingProgramPage.Funder.CITY
    live = True

    class Meta:
        model = FundingProgramPage
        skip_postgeneration_save = True

    @factory.post_generation
    def rounds(obj, create, extracted, **kwargs):
        if not create:
            return
        for position, values in enumerate(extracted or []):
            FundingRound.objects.create(program=obj, sort_order=position, **values)

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(TargetGroup.objects.filter(slug__in=extracted))
            obj.save()


def user_in(group_name, client):
    """Logs ``client`` in as a new member of the editor group ``group_name`` (see pages/roles.py)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username=f"nutzer-{group_name}", password="Sicheres-Passwort-2027")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client
