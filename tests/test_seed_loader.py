import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from pages.models import Location, OfficeLocation, PortalImage, SiteSettings


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": PortalImage.objects.count(),
        "documents": get_document_model().objects.count(),
        "redirects": Redirect.objects.count(),
        "locations": Location.objects.count(),
        "office_locations": OfficeLocation.objects.count(),
        "settings": SiteSettings.objects.count(),
        "last_published": sorted(Page.objects.values_list("last_published_at", flat=True), key=str),
    }


@pytest.mark.django_db
def test_second_run_changes_nothing(capsys):
    before = snapshot()
    call_command("load_seed_content")
    assert "0 neu angelegt, 0 aktualisiert" in capsys.readouterr().out
    assert snapshot() == before


@pytest.mark.django_db
def test_every_page_is_published_with_a_revision():
    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() == 26
    for page in pages:
        assert page.live
        assert page.live_revision is not None
        assert not page.has_unpublished_changes


@pytest.mark.django_db
def test_editors_changes_survive_a_second_run_and_force_resets_them(capsys):
    from tests.conftest import page_at

    page = page_at("/themen/integration/schwerpunkte-der-arbeit/")
    page.search_description = "Ein von der Redaktion geänderter Teaser."
    page.save_revision().publish()

    call_command("load_seed_content")
    assert "0 neu angelegt, 0 aktualisiert" in capsys.readouterr().out
    page.refresh_from_db()
    assert page.search_description == "Ein von der Redaktion geänderter Teaser."

    call_command("load_seed_content", "--force", verbosity=2)
    output = capsys.readouterr().out
    assert "0 neu angelegt, 1 aktualisiert" in output, output
    page.refresh_from_db()
    assert page.search_description.startswith("Es werden die Schwerpunkte der Arbeit")


@pytest.mark.django_db
def test_loader_skips_the_self_reference_of_seed_004(capsys):
    from tests.conftest import page_at

    page = page_at("/themen/integration/staedtekooperation-integration-interkommunal/")
    assert page.pk not in [block.value["page"].pk for block in page.related_links if block.block_type == "page"]
    call_command("load_seed_content", "--force", verbosity=2)
    assert "Verweis der Seite auf sich selbst in „Mehr zum Thema“ übersprungen" in capsys.readouterr().out


@pytest.mark.django_db
def test_mia_do_ki_holds_exactly_one_address(mia_do_ki):
    assert [str(location) for location in mia_do_ki.locations] == ["Südwall 21 - 23, 44137 Dortmund"]
    assert not Location.objects.filter(street__startswith="Betenstraße").exists()
