"""What editors and office staff may do in the admin, told as stories; the full table is test_roles_matrix.py."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.roles import EDITORS, LEADERSHIP, OFFICE_STAFF
from tests.conftest import page_at
from tests.factories import OfficePageFactory, user_in

VERWALTUNG = "/rathaus/verwaltung/"
AMT = "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"


def assert_refused(client, url, method="get", data=None):
    """A forced page-action URL answers 403 with a German page, and nothing is changed."""
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 403
    assert "Keine Berechtigung" in response.content.decode()



def office_form(office, **changes):
    location_rows = [
        {"id": row.pk, "location": row.location_id, "new_location": "", "moves_on": "", "ORDER": n + 1}
        for n, row in enumerate(office.office_locations.all())
    ]
    data = {
        "title": office.title,
        "slug": office.slug,
        "search_description": office.search_description,
        "short_title": office.short_title,
        "short_name": office.short_name,
        "phone": office.phone,
        "fax": office.fax,
        "email": office.email,
        "website": office.website,
        "appointment_url": office.appointment_url,
        "hours_note": office.hours_note,
        "languages": office.languages,
        "body": streamfield([]),
        "related_links": streamfield([]),
        "office_locations": inline_formset(location_rows, initial=len(location_rows)),
        "opening_hours": inline_formset([]),
        "closures": inline_formset([]),
        "contact_persons": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_office_staff_edit_and_publish_an_office(client, mia_do_ki):
    user_in(OFFICE_STAFF, client)
    url = f"/admin/pages/{mia_do_ki.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(url, office_form(mia_do_ki, phone="0231 50-29999"))
    assert response.status_code == 302
    mia_do_ki.refresh_from_db()
    assert mia_do_ki.phone == "0231 50-29999"
    assert "0231 50-29999" in client.get("/themen/integration/schwerpunkte-der-arbeit/").content.decode()


@pytest.mark.django_db
def test_office_staff_get_a_german_error_for_an_invalid_phone_number(client, mia_do_ki):
    user_in(OFFICE_STAFF, client)
    response = client.post(f"/admin/pages/{mia_do_ki.pk}/edit/", office_form(mia_do_ki, phone="bitte anrufen"))
    assert response.status_code == 200
    assert "Bitte geben Sie eine Telefonnummer aus Ziffern ein" in response.content.decode()
    mia_do_ki.refresh_from_db()
    assert mia_do_ki.phone == ""


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/themen/", "/themen/integration/schwerpunkte-der-arbeit/", VERWALTUNG, "/impressum/"])
def test_office_staff_cannot_edit_anything_but_offices(client, path):
    user_in(OFFICE_STAFF, client)
    page = page_at(path)
    title = page.title
    assert_refused(client, f"/admin/pages/{page.pk}/edit/")
    assert_refused(client, f"/admin/pages/{page.pk}/edit/", "post", {"title": "Übernommen", "action-publish": "1"})
    assert_refused(client, f"/admin/pages/add/pages/topicpage/{page.pk}/")
    assert_refused(client, f"/admin/pages/{page.pk}/delete/", "post")
    assert_refused(client, f"/admin/pages/{page.pk}/unpublish/", "post")
    page.refresh_from_db()
    assert page.live
    assert page.title == title


@pytest.mark.django_db
def test_office_staff_may_edit_a_new_top_level_office(client):
    office = OfficePageFactory(parent=page_at(VERWALTUNG), title="Ausländerbehörde")
    user_in(OFFICE_STAFF, client)
    assert client.get(f"/admin/pages/{office.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_groups_are_set_up_idempotently():
    from django.core.management import call_command
    from wagtail.models import GroupPagePermission

    before = GroupPagePermission.objects.count()
    call_command("sync_groups")
    assert GroupPagePermission.objects.count() == before
    assert Group.objects.filter(name__in=[EDITORS, LEADERSHIP, OFFICE_STAFF]).count() == 3


@pytest.mark.django_db
def test_office_staff_see_where_their_office_is_referenced(client, mia_do_ki):
    user_in(OFFICE_STAFF, client)
    html = client.get(f"/admin/pages/{mia_do_ki.pk}/edit/").content.decode()
    assert f"/admin/pages/{mia_do_ki.pk}/usage/" in html
    assert "mal referenziert" in html
    usage = client.get(f"/admin/pages/{mia_do_ki.pk}/usage/")
    assert usage.status_code == 200
    html = usage.content.decode()
    # Pages staff may not edit are listed without their titles, with the field that names the office.
    assert "Geschäftsstelle" in html and "Zuständige Stelle" in html
    assert "5 Elemente" in " ".join(html.split())


@pytest.mark.django_db
def test_office_staff_are_offered_edit_actions_for_offices_only(client, mia_do_ki):
    user_in(OFFICE_STAFF, client)
    amt = page_at(AMT)
    # The page explorer opens on the staff's own office tree; the topic tree is out of their reach.
    response = client.get(f"/admin/pages/{page_at(VERWALTUNG).pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/pages/{amt.pk}/"
    html = response.content.decode()
    assert f"/admin/pages/{amt.pk}/edit/" in html and f"/admin/pages/{mia_do_ki.pk}/edit/" in html
    themen = page_at("/themen/")
    response = client.get(f"/admin/pages/{themen.pk}/", follow=True)
    assert response.redirect_chain and f"/admin/pages/{themen.pk}/edit/" not in response.content.decode()


@pytest.mark.django_db
def test_editors_cannot_create_offices_under_their_topics(client):
    user_in(EDITORS, client)
    integration = page_at("/themen/integration/")
    assert_refused(client, f"/admin/pages/add/pages/officepage/{integration.pk}/")
    assert client.get(f"/admin/pages/add/pages/topicpage/{integration.pk}/").status_code == 200


@pytest.mark.django_db
def test_preview_of_a_new_office_renders(admin_client):
    amt = page_at(AMT)
    url = f"/admin/pages/add/pages/officepage/{amt.pk}/preview/"
    data = nested_form_data(
        {
            "title": "Neue Dienststelle", "slug": "neue-dienststelle", "search_description": "Eine neue Stelle.",
            "short_title": "", "short_name": "", "phone": "0231 50-1", "fax": "", "email": "", "website": "",
            "appointment_url": "", "hours_note": "", "languages": "", "body": streamfield([]),
            "related_links": streamfield([]), "office_locations": inline_formset([]),
            "opening_hours": inline_formset([]), "closures": inline_formset([]), "contact_persons": inline_formset([]),
        }
    )
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Neue Dienststelle" in response.content.decode()


@pytest.mark.django_db
def test_address_edits_by_office_staff_are_kept_as_revisions(client, mia_do_ki):
    user_in(OFFICE_STAFF, client)
    location = mia_do_ki.locations[0]
    data = {
        "name": "", "street": "Südwall 25", "postcode": "44137", "city": "Dortmund", "note": "2. Etage",
        "step_free": "ja", "lift": "ja", "accessible_wc": "unbekannt", "transit_stop": "", "transit_lines": "",
    }
    response = client.post(f"/admin/snippets/pages/location/edit/{location.pk}/", data)
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.street == "Südwall 25"
    assert location.revisions.count() == 1
    assert "Südwall 25" in client.get("/themen/integration/schwerpunkte-der-arbeit/").content.decode()
    response = client.post(f"/admin/snippets/pages/location/edit/{location.pk}/", dict(data, postcode="4413"))
    assert "Eine Postleitzahl besteht aus fünf Ziffern." in response.content.decode()
