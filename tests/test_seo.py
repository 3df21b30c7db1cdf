"""What search engines and link previews read: sitemap, robots.txt, canonical URL, Open Graph and JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.timezone import localtime
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

from tests.conftest import page_at
from tests.factories import CommitteePageFactory, TopicPageFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
FEED_SUFFIXES = ("/kalender/", "/json/", "/visitenkarte/")


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        for url in root.findall("sm:url", SITEMAP_NS)
    }


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


def meta(head, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)
    return match and match.group(1)


def canonical(head):
    match = re.search(r'<link rel="canonical" href="([^"]*)">', head)
    return match and match.group(1)


def json_ld_of(head):
    return [json.loads(payload) for payload in JSON_LD.findall(head)]


def of_type(documents, schema_type):
    return [document for document in documents if document["@type"] == schema_type]


def site_pages():
    root = Site.objects.get(is_default_site=True).root_page
    return Page.objects.descendant_of(root, inclusive=True)


# --- sitemap ---------------------------------------------------------------


@pytest.mark.django_db
def test_sitemap_lists_every_live_public_page_of_the_seed_with_lastmod(client):
    entries = sitemap_entries(client)

    restricted_paths = [restriction.page.path for restriction in PageViewRestriction.objects.select_related("page")]
    expected = {
        page.get_full_url()
        for page in site_pages().live()
        if not any(page.path.startswith(path) for path in restricted_paths)
    }
    assert len(expected) > 10
    assert set(entries) == expected
    for path in ["/", "/themen/integration/", "/themen/integration/foerderprogramme/integrationspreis/", "/impressum/"]:
        assert page_at(path).get_full_url() in entries
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or "") for lastmod in entries.values())
    assert all(location.startswith("http") for location in entries)


@pytest.mark.django_db
def test_sitemap_lastmod_is_the_last_publication(client, integration_page):
    integration_page.save_revision().publish()
    integration_page.refresh_from_db()

    entries = sitemap_entries(client)

    published = localtime(integration_page.last_published_at)
    assert entries[integration_page.get_full_url()] == published.strftime("%Y-%m-%d")


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts(client, integration_page):
    draft = TopicPageFactory(parent=integration_page, title="Entwurf: Neue Sprachkurse", live=False)

    entries = sitemap_entries(client)

    assert draft.get_full_url() not in entries
    assert integration_page.get_full_url() in entries


@pytest.mark.django_db
def test_sitemap_leaves_out_private_pages_and_their_children(client, integration_page):
    private = TopicPageFactory(parent=integration_page, title="Interner Bereich des Integrationsrats")
    child = TopicPageFactory(parent=private, title="Protokolle der Sitzungen")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim")
    sibling = TopicPageFactory(parent=integration_page, title="Öffentliche Sitzungstermine")

    entries = sitemap_entries(client)

    assert private.get_full_url() not in entries
    assert child.get_full_url() not in entries
    assert sibling.get_full_url() in entries


@pytest.mark.django_db
def test_sitemap_leaves_out_redirected_old_addresses(client):
    entries = sitemap_entries(client)

    old_paths = list(Redirect.objects.values_list("old_path", flat=True))
    assert "/themen/integration/staedtekooperation-integration.interkommunal" in old_paths
    for old_path in old_paths:
        assert not any(location.endswith(old_path) or location.endswith(old_path + "/") for location in entries)


@pytest.mark.django_db
def test_sitemap_lists_pages_with_feeds_but_not_their_feed_addresses(client, integration_page):
    committee = CommitteePageFactory(parent=integration_page)

    entries = sitemap_entries(client)

    assert committee.get_full_url() in entries
    assert page_at("/themen/integration/foerderprogramme/").get_full_url() in entries
    assert not [location for location in entries if location.endswith(FEED_SUFFIXES)]


# --- robots.txt ------------------------------------------------------------


@pytest.mark.django_db
def test_robots_txt_keeps_crawlers_out_of_admin_and_api_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Disallow: /suche/" not in lines
    assert "Disallow: /" not in lines
    # The same address as the canonical URLs and the sitemap entries: the Wagtail site's own.
    assert lines[-1] == "Sitemap: http://localhost/sitemap.xml"
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.django_db
def test_every_page_names_the_sites_icon_and_favicon_ico_leads_to_it(client):
    from django.contrib.staticfiles import finders

    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', client.get("/").content.decode())
    assert icon and finders.find(icon.group(1).removeprefix("/static/"))
    legacy = client.get("/favicon.ico")
    assert legacy.status_code == 302 and legacy["Location"] == icon.group(1)


# --- canonical URL, description, Open Graph -------------------------------------


SEED_PATHS = ["/", "/themen/integration/", "/themen/integration/foerderprogramme/integrationspreis/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SEED_PATHS)
def test_canonical_url_is_the_absolute_page_url(client, path):
    page = page_at(path)

    head = head_of(client, page.url)

    assert canonical(head) == page.get_full_url()
    assert canonical(head).startswith("http://")
    assert meta(head, "property", "og:url") == page.get_full_url()


@pytest.mark.django_db
def test_meta_description_is_the_teaser(client, integration_page):
    head = head_of(client, integration_page.url)

    assert integration_page.search_description
    assert meta(head, "name", "description") == integration_page.search_description
    assert meta(head, "property", "og:description") == integration_page.search_description
    assert head.count('<meta name="description"') == 1


@pytest.mark.django_db
def test_open_graph_describes_the_page_with_its_inherited_hero_image(client, integration_page):
    head = head_of(client, integration_page.url)

    assert integration_page.hero_image is None  # inherited from the home page
    hero = integration_page.effective_hero_image
    assert "friedensplatz" in hero.file.name
    rendition = hero.get_rendition("width-1200")
    assert meta(head, "property", "og:type") == "website"
    assert meta(head, "property", "og:site_name") == "Stadt Dortmund"
    assert meta(head, "property", "og:title") == integration_page.title
    assert meta(head, "property", "og:locale") == "de_DE"
    image_url = meta(head, "property", "og:image")
    assert re.match(r"https?://[^/]+/", image_url)
    assert image_url.endswith(rendition.url)
    assert "friedensplatz" in image_url
    assert meta(head, "property", "og:image:width") == str(rendition.width)
    assert meta(head, "property", "og:image:height") == str(rendition.height)
    assert meta(head, "property", "og:image:alt") == hero.description
    assert meta(head, "name", "twitter:card") == "summary_large_image"


@pytest.mark.django_db
def test_a_page_without_hero_image_has_no_open_graph_image(client, integration_page):
    for ancestor in integration_page.get_ancestors(inclusive=True).filter(depth__gt=1).specific():
        type(ancestor).objects.filter(pk=ancestor.pk).update(hero_image=None)
    page = TopicPageFactory(parent=integration_page, title="Ohne Bild")
    assert page.effective_hero_image is None

    head = head_of(client, page.url)

    assert meta(head, "property", "og:image") is None
    assert meta(head, "name", "twitter:card") == "summary"
    assert meta(head, "property", "og:title") == "Ohne Bild"


# --- JSON-LD ----------------------------------------------------------------------


@pytest.mark.django_db
def test_json_ld_of_a_seed_page_is_a_breadcrumb_list_from_the_home_page_in_order(client):
    page = page_at("/themen/integration/foerderprogramme/integrationspreis/")
    trail_paths = ["/", "/themen/", "/themen/integration/", "/themen/integration/foerderprogramme/"]
    trail = [page_at(path) for path in trail_paths]

    documents = json_ld_of(head_of(client, page.url))

    [breadcrumbs] = of_type(documents, "BreadcrumbList")
    assert breadcrumbs["@context"] == "https://schema.org"
    items = breadcrumbs["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4, 5]
    assert [item["item"] for item in items] == [crumb.get_full_url() for crumb in [*trail, page]]
    assert [item["name"] for item in items] == [crumb.nav_title for crumb in [*trail, page]]
    assert all(item["item"].startswith("http://") for item in items)
    assert not of_type(documents, "WebSite")


@pytest.mark.django_db
def test_home_page_describes_the_website_with_its_search(client):
    home = page_at("/")

    documents = json_ld_of(head_of(client, home.url))

    [site] = of_type(documents, "WebSite")
    assert site["url"] == home.get_full_url()
    assert site["name"] == "Stadt Dortmund"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == home.get_full_url() + "suche/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    [breadcrumbs] = of_type(documents, "BreadcrumbList")
    assert [item["item"] for item in breadcrumbs["itemListElement"]] == [home.get_full_url()]


@pytest.mark.django_db
def test_a_title_with_a_closing_script_tag_cannot_break_out_of_json_ld(client, integration_page):
    title = 'Mehrsprachig </script><script>alert("x")</script>'
    page = TopicPageFactory(parent=integration_page, title=title, slug="mehrsprachig")

    response = client.get(page.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<script>alert("x")' not in html
    [breadcrumbs] = of_type(json_ld_of(html.split("</head>")[0]), "BreadcrumbList")
    assert breadcrumbs["itemListElement"][-1]["name"] == title


# --- pages without a page ------------------------------------------------------


@pytest.mark.django_db
def test_not_found_page_renders_without_page_metadata(client):
    response = client.get("/themen/gibt-es-nicht/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Seite nicht gefunden</h1>" in html
    assert 'rel="canonical"' not in html
    assert "og:" not in html
    assert "application/ld+json" not in html
