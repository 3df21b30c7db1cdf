"""Every kind of answer carries the security headers; the public site's policy allows nothing inline."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.roles import EDITORS
from tests.conftest import MIA_DO_KI_PATH, page_at
from tests.factories import make_document
from tests.test_deploy_check import run_with_production_settings

TOPIC = "/themen/integration/masterplan-migration-integration/"
FEEDBACK = "/barriere-melden/"


def policy_of(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{response.status_code} without Content-Security-Policy"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def editor(client):
    user = get_user_model().objects.create_user(username="redakteurin", password="Sicheres-Passwort-2027")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def get(path):
    return lambda client: client.get(path)


def feedback_with_errors(client):
    return client.post(FEEDBACK, {"description": "   ", "email": "kein-at-zeichen"})


def admin_edit_view(client):
    return editor(client).get(f"/admin/pages/{page_at(TOPIC).pk}/edit/")


def preview(client):
    """The preview the admin shows in its iframe: a page's draft rendered by Wagtail's preview view."""
    topic = page_at(TOPIC)
    url = f"/admin/pages/{topic.pk}/edit/preview/"
    data = nested_form_data(
        {
            "title": "Masterplan in der Vorschau", "slug": topic.slug, "search_description": topic.search_description,
            "intro": rich_text(""), "body": streamfield([]), "downloads": streamfield([]),
            "related_links": streamfield([]), "comments": inline_formset([]),
        }
    )  # fmt: skip
    assert editor(client).post(url, data).json()["is_valid"]
    response = client.get(url + "?in_preview_panel=true")
    assert "Masterplan in der Vorschau" in response.content.decode()
    return response


PUBLIC = {
    "Startseite": (get("/"), 200),
    "Themenseite": (get(TOPIC), 200),
    "Amt": (get(MIA_DO_KI_PATH), 200),
    "Förderfinder mit Filtern": (get("/themen/integration/foerderprogramme/?zielgruppe=vereine&status=moeglich"), 200),
    "Suche": (get("/suche/?q=Integration"), 200),
    "Barriere melden": (get(FEEDBACK), 200),
    "Barriere melden mit Fehlern": (feedback_with_errors, 200),
    "Seite nicht gefunden": (get("/gibt-es-nicht/"), 404),
    "Sitemap": (get("/sitemap.xml"), 200),
    "robots.txt": (get("/robots.txt"), 200),
    "API": (get("/api/v2/pages/"), 200),
    "Healthz": (get("/healthz"), 200),
}
ADMIN = {
    "Admin: Seite bearbeiten": (admin_edit_view, 200),
    "Admin: Anmeldung": (get("/admin/login/"), 200),
}


def assert_common_headers(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC)
def test_public_answers_carry_a_strict_policy_and_the_security_headers(client, name):
    request, status = PUBLIC[name]
    response = request(client)
    assert response.status_code == status
    assert_common_headers(response)
    policy = policy_of(response)
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & {source for sources in policy.values() for source in sources}
    assert policy["default-src"] == policy["script-src"] == policy["style-src"] == ["'self'"]
    assert policy["object-src"] == policy["frame-src"] == policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == policy["form-action"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_a_document_is_served_under_wagtails_stricter_policy(client):
    response = client.get(make_document(title="Merkblatt Einbürgerung", extension="pdf").url)
    assert response.status_code == 200
    assert_common_headers(response)
    assert policy_of(response) == {"default-src": ["'none'"]}
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADMIN)
def test_the_admin_may_frame_itself_and_nothing_else(client, name):
    request, status = ADMIN[name]
    response = request(client)
    assert response.status_code == status
    assert_common_headers(response)
    policy = policy_of(response)
    assert policy["frame-ancestors"] == policy["frame-src"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["connect-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_preview_keeps_the_public_policy_but_the_admin_may_frame_it(client):
    response = preview(client)
    assert_common_headers(response)
    policy = policy_of(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["script-src"] == policy["style-src"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_uploads_on_another_origin_are_allowed_as_images_and_videos(client):
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"base_url": "https://medien.dortmund.example/uploads/"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        policy = policy_of(client.get(TOPIC))
    assert policy["img-src"] == policy["media-src"] == ["'self'", "https://medien.dortmund.example"]
    assert policy["script-src"] == ["'self'"]
    assert policy_of(client.get(TOPIC))["img-src"] == ["'self'"]


PRODUCTION_REQUEST = (
    "from django.test import Client; "
    "response = Client(HTTP_X_FORWARDED_PROTO='https').get('/healthz'); "
    "print(response.status_code); print(response.headers.get('Strict-Transport-Security')); "
    "print(response.headers['Content-Security-Policy'])"
)


@pytest.mark.django_db
def test_production_sends_hsts_and_upgrades_insecure_requests():
    from django.conf import settings

    database = settings.DATABASES["default"]
    database_url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    result = run_with_production_settings(
        "shell", "-c", PRODUCTION_REQUEST, DATABASE_URL=database_url, ALLOWED_HOSTS="testserver"
    )
    assert result.returncode == 0, result.stderr
    status, hsts, policy = result.stdout.strip().splitlines()[-3:]
    assert status == "200"
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in policy.split("; ")
