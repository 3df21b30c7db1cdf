"""The admin stays usable with thousands of pages: the page explorer and an office's usage view are
paginated and need no query per listed row."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import page_at
from tests.factories import OfficePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def test_the_page_explorer_needs_no_query_per_child(admin_client, integration_page):
    parent = TopicPageFactory(parent=integration_page, title="Viele Unterseiten")
    for n in range(3):
        TopicPageFactory(parent=parent, title=f"Unterseite {n}")
    few, _ = queries_for(admin_client, f"/admin/pages/{parent.pk}/")
    for n in range(3, 30):
        TopicPageFactory(parent=parent, title=f"Unterseite {n}")
    many, response = queries_for(admin_client, f"/admin/pages/{parent.pk}/")

    assert many == few
    assert "Unterseite 29" in response.content.decode()


def test_the_explorer_shows_a_large_section_page_by_page(admin_client, integration_page):
    parent = TopicPageFactory(parent=integration_page, title="Sehr viele Unterseiten")
    for n in range(60):
        TopicPageFactory(parent=parent, title=f"Eintrag {n:02d}")
    first = admin_client.get(f"/admin/pages/{parent.pk}/").content.decode()
    second = admin_client.get(f"/admin/pages/{parent.pk}/?p=2").content.decode()
    assert "Eintrag 00" in first and "Eintrag 59" not in first
    assert "Eintrag 59" in second and "Eintrag 00" not in second


def test_an_offices_usage_view_needs_no_query_per_page(admin_client, integration_page):
    office = OfficePageFactory(parent=page_at("/rathaus/"), title="Amt mit vielen Seiten")
    for n in range(3):
        TopicPageFactory(parent=integration_page, title=f"Zuständig {n}", responsible_office=office)
    few, _ = queries_for(admin_client, f"/admin/pages/{office.pk}/usage/")
    for n in range(3, 25):
        TopicPageFactory(parent=integration_page, title=f"Zuständig {n}", responsible_office=office)
    many, response = queries_for(admin_client, f"/admin/pages/{office.pk}/usage/")

    assert many == few
    html = response.content.decode()
    listed = set(re.findall(r"Zuständig (\d+)\s*<", html))
    second = admin_client.get(f"/admin/pages/{office.pk}/usage/?p=2").content.decode()
    listed_second = set(re.findall(r"Zuständig (\d+)\s*<", second))
    assert len(listed) == 20 and len(listed_second) == 5  # 20 to a page
    assert listed | listed_second == {str(n) for n in range(25)}
