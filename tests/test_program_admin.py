"""Editors create funding programs in the German admin; wrong windows and amounts are refused on the field."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.roles import EDITORS, LEADERSHIP, OFFICE_STAFF
from programs.models import FundingProgramIndexPage, FundingProgramPage, TargetGroup
from tests.conftest import page_at
from tests.test_roles import user_in

FINDER = "/themen/integration/foerderprogramme/"


def program_form(action="action-submit", **changes):
    """The form of a new program; editors submit it to the workflow "Freigabe MIA-DO-KI"."""
    data = {
        "title": "Nachbarschaftsfonds",
        "slug": "nachbarschaftsfonds",
        "search_description": "Zuschüsse für Projekte, die Nachbarinnen und Nachbarn zusammenbringen.",
        "short_title": "",
        "intro": "",
        "funder": "stadt",
        "funder_name": "",
        "funded_items": streamfield([("item", "Nachbarschaftsfeste")]),
        "application_url": "",
        "application_steps": streamfield([]),
        "body": streamfield([]),
        "downloads": streamfield([]),
        "related_links": streamfield([]),
        "rounds": inline_formset([
            {"label": "Runde 2027", "year": "", "opens": "2027-05-01", "closes": "2027-09-15", "total_budget": "",
             "amount_min": "", "amount_max": "", "description": "", "outcome": ""}
        ]),
        "contact_persons": inline_formset([]),
    }
    data.update(changes)
    form = nested_form_data(data)
    form[action] = action
    form["target_groups"] = [TargetGroup.objects.get(slug="vereine").pk]  # a multiple choice, not a nested list
    return form


def add_url(finder):
    return f"/admin/pages/add/programs/fundingprogrampage/{finder.pk}/"


@pytest.mark.django_db
def test_editors_submit_a_program_for_the_finder_and_it_is_live_once_approved(client):
    finder = page_at(FINDER)
    user_in(EDITORS, client)
    response = client.post(add_url(finder), program_form())
    assert response.status_code == 302
    program = FundingProgramPage.objects.get(slug="nachbarschaftsfonds")
    assert not program.live and program.get_parent().pk == finder.pk
    assert [group.slug for group in program.target_groups.all()] == ["vereine"]
    assert program.rounds.get().closes.isoformat() == "2027-09-15"
    client.logout()
    user_in(LEADERSHIP, client)
    task_state = program.current_workflow_task_state
    client.post(f"/admin/pages/workflow/action/{program.pk}/approve/{task_state.pk}/", {"comment": ""})
    program.refresh_from_db()
    assert program.live
    assert "Nachbarschaftsfonds" in client.get(FINDER).content.decode()


@pytest.mark.django_db
def test_a_deadline_before_the_start_is_refused_and_nothing_typed_is_lost(client):
    finder = page_at(FINDER)
    user_in(EDITORS, client)
    form = program_form(rounds=inline_formset([
        {"label": "Runde 2027", "year": "", "opens": "2027-09-15", "closes": "2027-05-01", "total_budget": "",
         "amount_min": "500", "amount_max": "50", "description": "Vorsicht", "outcome": ""}
    ]))
    response = client.post(add_url(finder), form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Das Ende der Antragsfrist darf nicht vor ihrem Beginn liegen." in html
    assert "Der Höchstbetrag darf nicht kleiner als der Mindestbetrag sein." in html
    assert 'value="Nachbarschaftsfonds"' in html and "Vorsicht" in html
    assert not FundingProgramPage.objects.filter(slug="nachbarschaftsfonds").exists()


@pytest.mark.django_db
def test_a_foundation_needs_its_name(client):
    finder = page_at(FINDER)
    user_in(EDITORS, client)
    response = client.post(add_url(finder), program_form(funder="stiftung"))
    assert response.status_code == 200
    assert "Bitte geben Sie den Namen des Fördergebers an" in response.content.decode()


@pytest.mark.django_db
def test_programs_live_only_in_a_finder_and_the_finder_under_topics():
    assert FundingProgramPage.allowed_parent_page_models() == [FundingProgramIndexPage]
    assert page_at("/themen/integration/").specific_class in FundingProgramIndexPage.allowed_parent_page_models()


@pytest.mark.django_db
def test_editors_extend_the_target_groups_and_office_staff_cannot(client):
    user_in(EDITORS, client)
    response = client.post("/admin/snippets/programs/targetgroup/add/", {"name": "Jugendverbände", "slug": ""})
    assert response.status_code == 302
    assert TargetGroup.objects.get(name="Jugendverbände").slug == "jugendverbaende"
    duplicate = client.post("/admin/snippets/programs/targetgroup/add/", {"name": "Jugendverbände ", "slug": "jugendverbaende"})
    assert duplicate.status_code == 200
    client.logout()
    user_in(OFFICE_STAFF, client)
    assert client.get("/admin/snippets/programs/targetgroup/add/").status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, error",
    [
        ("!!!", "Aus der Bezeichnung lässt sich kein Kürzel bilden."),
        ("日本語", "Aus der Bezeichnung lässt sich kein Kürzel bilden."),
    ],
)
def test_a_target_group_name_without_letters_for_a_slug_is_refused_in_german(client, name, error):
    user_in(EDITORS, client)
    response = client.post("/admin/snippets/programs/targetgroup/add/", {"name": name, "slug": ""})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not TargetGroup.objects.filter(name=name).exists()


@pytest.mark.django_db
def test_a_long_target_group_name_gets_a_slug_that_fits(client):
    user_in(EDITORS, client)
    name = "Übergänge " * 10  # 100 characters, 120 once the umlauts are spelled out
    response = client.post("/admin/snippets/programs/targetgroup/add/", {"name": name.strip(), "slug": ""})
    assert response.status_code == 302
    slug = TargetGroup.objects.get(name=name.strip()).slug
    assert len(slug) <= 100 and slug.startswith("uebergaenge-uebergaenge") and not slug.endswith("-")


@pytest.mark.django_db
def test_office_staff_cannot_edit_programs(client):
    program = page_at(FINDER + "integrationspreis/")
    user_in(OFFICE_STAFF, client)
    response = client.get(f"/admin/pages/{program.pk}/edit/")
    assert response.status_code == 403


@pytest.mark.django_db
def test_preview_of_a_new_program_and_a_new_finder_render(admin_client):
    finder = page_at(FINDER)
    url = f"/admin/pages/add/programs/fundingprogrampage/{finder.pk}/preview/"
    assert admin_client.post(url, program_form()).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Nachbarschaftsfonds" in response.content.decode()
    assert "Vereine" in response.content.decode()

    topic = page_at("/themen/integration/")
    url = f"/admin/pages/add/programs/fundingprogramindexpage/{topic.pk}/preview/"
    data = nested_form_data({
        "title": "Weitere Förderungen", "slug": "weitere-foerderungen", "search_description": "Noch mehr Förderung.",
        "short_title": "", "intro": "", "body": streamfield([]), "related_links": streamfield([]),
    })
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Kein Programm" in response.content.decode()
