"""Shared passwords of protected pages and document collections cannot be guessed by trying many."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import TopicPageFactory

LIMIT = 3
BEHIND_PROXY = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def low_limit(settings):
    settings.PASSWORD_FAILURE_LIMIT = LIMIT
    settings.PASSWORD_COOLOFF_MINUTES = 15


@pytest.fixture
def protected_page(integration_page):
    page = TopicPageFactory(parent=integration_page, title="Protokolle des Arbeitskreises")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="Phoenix-2027")
    return page, reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def try_password(client, url, password, address, return_url="/"):
    return client.post(url, {"password": password, "return_url": return_url}, **BEHIND_PROXY,
                       HTTP_X_FORWARDED_FOR=address)  # fmt: skip


@pytest.mark.django_db
def test_after_too_many_wrong_passwords_a_page_answers_429_in_german_even_to_the_right_one(
    client, low_limit, protected_page
):
    page, url = protected_page
    for _ in range(LIMIT):
        wrong = try_password(client, url, "falsch", "198.51.100.4", page.url)
        assert wrong.status_code == 200  # Wagtail's form again, with its error
    locked = try_password(client, url, "Phoenix-2027", "198.51.100.4", page.url)
    html = locked.content.decode()
    assert locked.status_code == 429 and locked["Retry-After"] == "900"
    assert '<html lang="de">' in html and "Zu viele falsche Passwörter" in html and "15 Minuten" in html
    assert "Protokolle des Arbeitskreises" not in client.get(page.url).content.decode()

    # Another visitor behind the same proxy still gets in with the password.
    other = try_password(client, url, "Phoenix-2027", "203.0.113.9", page.url)
    assert other.status_code == 302
    assert "Protokolle des Arbeitskreises" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_a_right_password_within_the_limit_lets_the_visitor_in(client, low_limit, protected_page):
    page, url = protected_page
    for _ in range(LIMIT - 1):
        try_password(client, url, "falsch", "198.51.100.4", page.url)
    assert try_password(client, url, "Phoenix-2027", "198.51.100.4", page.url).status_code == 302


@pytest.mark.django_db
def test_a_password_protected_collection_is_limited_as_well(client, low_limit):
    collection = Collection.get_first_root_node().add_child(name="Vorstand")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="Phoenix-2027"
    )
    document = get_document_model()(title="Haushalt", file=ContentFile(b"Zahlen", name="haushalt.txt"),
                                     collection=collection)  # fmt: skip
    document.save()
    url = reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk])
    for _ in range(LIMIT):
        assert try_password(client, url, "falsch", "198.51.100.4", document.url).status_code == 200
    assert try_password(client, url, "Phoenix-2027", "198.51.100.4", document.url).status_code == 429
    assert try_password(client, url, "Phoenix-2027", "203.0.113.9", document.url).status_code == 302
