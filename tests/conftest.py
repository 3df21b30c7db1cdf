import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from pages.models import OfficePage

MIA_DO_KI_PATH = (
    "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
    "kommunales-integrationszentrum-dortmund-mia-do-ki/"
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the seed content, loaded once through the real loader."""
    with django_db_blocker.unblock():
        call_command("load_seed_content", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached site notices would otherwise outlive the test that created them."""
    from django.core.cache import cache

    cache.clear()


def page_at(path):
    site = Site.objects.get(is_default_site=True)
    return Page.objects.get(url_path=site.root_page.url_path + path.lstrip("/")).specific


@pytest.fixture
def integration_page(db):
    return page_at("/themen/integration/")


@pytest.fixture
def mia_do_ki(db):
    return OfficePage.objects.get(url_path__endswith=MIA_DO_KI_PATH.split("/rathaus/")[1])
