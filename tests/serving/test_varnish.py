"""What visitors and editors get through Varnish with the repository's VCL: cached pages for everybody,
fresh ones right after publishing, and never anything personal from the cache.

Varnish (deploy/varnish/portal.vcl, backend pointed at the live server) answers every request here;
``X-Cache`` says whether the answer came from the cache (HIT), was fetched to be stored (MISS) or
bypassed it (PASS). Changes are made in the test process and purged as in production: after the
commit, through Wagtail's frontend cache with caching.backends.VarnishBackend.
"""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from wagtail.models import Page, Site

from caching.purge_set import pages_showing_office, path_of
from pages.roles import EDITORS
from tests.conftest import MIA_DO_KI_PATH, page_at
from tests.factories import TopicPageFactory

from .conftest import running_varnish
from .helpers import fetch, free_port, h1_of, log_in, office_box_of

pytestmark = pytest.mark.serving

INTEGRATION = "/themen/integration/"
# Inherits MIA-DO-KI from /themen/integration/ (it names no office of its own).
MASTERPLAN = "/themen/integration/masterplan-migration-integration/"
PROGRAM = "/themen/integration/foerderprogramme/integrationspreis/"
EDITOR_PASSWORD = "Redaktion-Passwort-2027"


@pytest.fixture(autouse=True)
def empty_varnish(varnish):
    """Every test starts with nothing in the cache."""
    varnish.ban_everything()


def live_paths():
    """Every live page of the site, independent of caching.purge_set."""
    site = Site.objects.get(is_default_site=True)
    return sorted(path_of(page) for page in Page.objects.live().descendant_of(site.root_page, inclusive=True))


def cached_boxes(varnish, paths, office_title):
    """Puts ``paths`` into the cache (the second request must be a HIT) and returns, for those whose box
    "Anschrift und Erreichbarkeit" shows the office, the box's text."""
    boxes = {}
    for path in paths:
        first = varnish.get(path)
        assert first.status == 200, f"{path}: HTTP {first.status}"
        second = varnish.get(path)
        assert second.x_cache == "HIT", f"{path} was not cached: X-Cache {second.x_cache}, {second.cache_control}"
        box = office_box_of(second.text)
        if box and office_title in box:
            boxes[path] = box
    return boxes


def new_topic(restore_after, slug, title, publish=True):
    """A topic below /themen/integration/, deleted again after the test."""
    page = TopicPageFactory(parent=page_at(INTEGRATION), title=title, slug=slug, live=False)

    def delete():
        for stored in Page.objects.filter(pk=page.pk):
            stored.delete()

    restore_after(delete)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()  # publishing works on a copy from the revision
    return page


@pytest.fixture
def editor(transactional_db, restore_after):
    """A member of the editorial team, with a name no anonymous page may ever show."""
    user = get_user_model().objects.create_user(
        username="redakteurin-cache",
        password=EDITOR_PASSWORD,
        first_name="Ulrike",
        last_name="Zwischenspeicher",
        email="redaktion-cache@stadtdo.de",
    )
    user.groups.add(Group.objects.get(name=EDITORS))

    def remove():
        for session in Session.objects.all():
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
                session.delete()
        user.delete()

    restore_after(remove)
    return user


def assert_personal(response, what):
    assert response.x_cache == "PASS", f"{what}: X-Cache {response.x_cache}"
    assert "private" in response.cache_control and "no-store" in response.cache_control, (
        f"{what}: Cache-Control {response.cache_control!r}"
    )


# a. Cached pages


def test_a_page_is_served_from_the_cache_on_the_second_request(varnish):
    """The second visitor gets the first visitor's page from Varnish, unchanged."""
    first = varnish.get(MASTERPLAN)
    assert first.status == 200
    assert first.x_cache == "MISS"
    assert "public" in first.cache_control and "s-maxage=" in first.cache_control, first.cache_control

    second = varnish.get(MASTERPLAN)
    assert second.x_cache == "HIT"
    assert second.header("Age") is not None and int(second.header("Age")) >= 0
    assert second.text == first.text


def test_tracking_parameters_get_the_same_cached_page(varnish):
    """A link from a newsletter or social network (utm_*, fbclid) is served the cached page."""
    first = varnish.get(MASTERPLAN)
    assert first.x_cache == "MISS"

    for query in ("?utm_source=x&fbclid=y", "?fbclid=y&utm_medium=newsletter&utm_campaign=herbst"):
        tracked = varnish.get(MASTERPLAN + query)
        assert tracked.x_cache == "HIT", f"{query}: X-Cache {tracked.x_cache}"
        assert tracked.text == first.text


# b. An office's contact data: on every page showing the office from the next request on


def test_an_offices_new_phone_number_is_on_every_page_showing_the_office_right_after_publishing(
    purging, restore_after
):
    """Visitors see a changed phone number on the office page and on every page that shows the office's box
    (here: all pages inheriting MIA-DO-KI) on their very next request, although all were cached."""
    office = page_at(MIA_DO_KI_PATH)
    new_phone = "0231 50-98765"
    # The pages the purge set names, and, independently, every live page of the site.
    listed = {path_of(page) for page in pages_showing_office(office)}
    boxes = cached_boxes(purging, sorted(listed | set(live_paths())), office.title)
    assert {MIA_DO_KI_PATH, MASTERPLAN, PROGRAM} <= set(boxes), sorted(boxes)
    assert not [path for path, box in boxes.items() if new_phone in box]

    original_phone = office.phone

    def restore():
        office = page_at(MIA_DO_KI_PATH)
        office.phone = original_phone
        office.save_revision().publish()

    restore_after(restore)
    office.phone = new_phone
    office.save_revision().publish()

    stale = {}
    for path in boxes:
        box = office_box_of(purging.get(path).text) or ""
        if new_phone not in box:
            stale[path] = box
    assert not stale, f"old phone number still shown on {sorted(stale)}"
    # The pages the purge set did not name but that show the office would have been caught above.
    assert set(boxes) <= listed, f"pages showing the office that pages_showing_office misses: {set(boxes) - listed}"


def test_a_buildings_new_street_is_on_every_page_showing_an_office_in_it(purging, restore_after):
    """A corrected street in the snippet "Standort" reaches every cached page showing an office in the building."""
    office = page_at(MIA_DO_KI_PATH)
    location = office.office_locations.first().location
    original_street = location.street
    new_street = "Königswall 8"
    boxes = cached_boxes(purging, live_paths(), office.title)
    assert {MIA_DO_KI_PATH, MASTERPLAN, PROGRAM} <= set(boxes), sorted(boxes)
    assert all(original_street in box for box in boxes.values())

    def restore():
        location.refresh_from_db()
        location.street = original_street
        location.save()

    restore_after(restore)
    location.street = new_street  # an edit of the snippet "Standort" in the admin saves it
    location.save()

    stale = {}
    for path in boxes:
        box = office_box_of(purging.get(path).text) or ""
        if new_street not in box or original_street in box:
            stale[path] = box
    assert not stale, f"old street still shown on {sorted(stale)}"


# c. Editors


def test_a_logged_in_editors_view_is_never_cached(varnish, editor):
    """An editor's page (with Wagtail's user bar) bypasses Varnish and is never stored for visitors."""
    cookies = log_in(varnish.port, editor.username, EDITOR_PASSWORD)  # through Varnish, as in a browser

    for attempt in (1, 2):
        response = varnish.get(MASTERPLAN, cookies=cookies)
        assert response.status == 200
        assert "wagtail-userbar-template" in response.text, "the editor should see Wagtail's user bar"
        assert_personal(response, f"editor's request {attempt}")

    # Nothing of the editor's view was stored: the first anonymous visitor gets a fresh page.
    anonymous = varnish.get(MASTERPLAN)
    assert anonymous.x_cache == "MISS"
    for personal in ("wagtail-userbar", editor.username, editor.first_name, editor.last_name, editor.email):
        assert personal not in anonymous.text
    assert varnish.get(MASTERPLAN).x_cache == "HIT"


def test_a_draft_preview_is_only_for_the_editor_and_never_cached(purging, editor, restore_after):
    """"Entwurf ansehen" shows the draft to the editor, bypassing the cache; visitors are sent to the login
    and keep seeing the published page."""
    page = new_topic(restore_after, "sprachcafe-vorschau", "Sprachcafé")
    page.title = "Sprachcafé am Samstag"
    page.save_revision()  # a draft: "Entwurf ansehen" shows it, visitors keep the published title
    preview = f"/admin/pages/{page.pk}/view_draft/"
    cookies = log_in(purging.port, editor.username, EDITOR_PASSWORD)

    for attempt in (1, 2):
        response = purging.get(preview, cookies=cookies)
        assert response.status == 200, f"preview {attempt}: HTTP {response.status}"
        assert h1_of(response.text) == "Sprachcafé am Samstag"
        assert_personal(response, f"editor's preview {attempt}")

    for attempt in (1, 2):
        anonymous = purging.get(preview)
        assert anonymous.status == 302, f"anonymous preview {attempt}: HTTP {anonymous.status}"
        assert anonymous.header("Location", "").startswith("/admin/login/")
        assert_personal(anonymous, f"anonymous preview {attempt}")

    public = purging.get(path_of(page))
    assert public.status == 200
    assert h1_of(public.text) == "Sprachcafé"


# d. Searches, forms, 404


def test_a_search_is_never_cached(varnish):
    """Search results are computed for every request."""
    for attempt in (1, 2):
        response = varnish.get("/suche/?q=Integration")
        assert response.status == 200
        assert_personal(response, f"search {attempt}")


def test_the_feedback_form_is_never_cached(varnish):
    """The form "Barriere melden" carries a CSRF token of its own for every visitor."""
    tokens = []
    for attempt in (1, 2):
        response = varnish.get("/barriere-melden/")
        assert response.status == 200
        assert 'name="csrfmiddlewaretoken"' in response.text
        assert_personal(response, f"feedback form {attempt}")
        tokens.append(response.cookies.get("csrftoken"))
    assert all(tokens) and tokens[0] != tokens[1], "every visitor gets a CSRF token of their own"


def test_a_cached_404_gives_way_to_a_page_published_at_its_path(purging, restore_after):
    """A "Seite nicht gefunden" answer is cached, but a page published at that address is there at once."""
    path = INTEGRATION + "sprachcafe-im-stadtteil/"
    assert purging.get(path).status == 404
    cached = purging.get(path)
    assert (cached.status, cached.x_cache) == (404, "HIT")
    parent = purging.get(INTEGRATION)
    assert purging.get(INTEGRATION).x_cache == "HIT"
    assert "Sprachcafé im Stadtteil" not in parent.text

    new_topic(restore_after, "sprachcafe-im-stadtteil", "Sprachcafé im Stadtteil")

    response = purging.get(path)
    assert response.status == 200
    assert h1_of(response.text) == "Sprachcafé im Stadtteil"
    assert "Sprachcafé im Stadtteil" in purging.get(INTEGRATION).text, "the parent lists its new child page"


# e. Varnish down


def test_publishing_works_while_varnish_is_down(settings, live_server, restore_after, caplog):
    """An editor can publish while the cache cannot be reached; the failed purge is logged as an error."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "caching.backends.VarnishBackend",
            "LOCATION": f"http://127.0.0.1:{free_port()}",  # nobody listens there
            "TIMEOUT": 2,
        },
    }
    page = new_topic(restore_after, "beratung-ohne-cache", "Beratung ohne Cache", publish=False)

    with caplog.at_level(logging.ERROR, logger="caching.purge"):
        page.save_revision().publish()  # raises nothing

    assert Page.objects.get(pk=page.pk).live
    direct = fetch(live_server.thread.port, path_of(page))
    assert direct.status == 200
    assert h1_of(direct.text) == "Beratung ohne Cache"
    failures = [
        record for record in caplog.records if record.name == "caching.purge" and record.levelno == logging.ERROR
    ]
    assert failures, f"no ERROR from caching.purge: {[(r.name, r.levelname, r.getMessage()) for r in caplog.records]}"
    assert "fail" in failures[0].getMessage().lower(), failures[0].getMessage()


# f. Unpublishing


def test_an_unpublished_page_is_gone_on_the_next_request(purging, restore_after):
    """After "Veröffentlichung aufheben" visitors get "Seite nicht gefunden" at once, not the cached page."""
    page = new_topic(restore_after, "sprachkurs-abgesagt", "Sprachkurs abgesagt")
    path = path_of(page)
    assert purging.get(path).status == 200
    assert purging.get(path).x_cache == "HIT"
    assert "Sprachkurs abgesagt" in purging.get(INTEGRATION).text
    assert purging.get(INTEGRATION).x_cache == "HIT"

    page.unpublish()

    response = purging.get(path)
    assert response.status == 404, f"HTTP {response.status}, X-Cache {response.x_cache}"
    assert "Sprachkurs abgesagt" not in purging.get(INTEGRATION).text, "the parent no longer lists it"


def test_without_an_application_server_varnish_answers_with_the_german_503():
    """gunicorn down or restarting: Varnish's own answer is the portal's German page, not "Backend fetch failed"."""
    with running_varnish(free_port(), ready_path=None) as orphan:
        response = orphan.get("/themen/integration/")
    assert response.status == 503
    assert '<html lang="de">' in response.text
    assert "Vorübergehend nicht erreichbar" in response.text
    assert "Backend fetch failed" not in response.text and "Guru" not in response.text
    assert response.header("Retry-After") == "30"
    assert "no-store" in response.cache_control
