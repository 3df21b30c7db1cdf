"""Two editors on the same page, and an editor's input after a validation error: nothing is lost.

Editors save drafts and submit them to the workflow "Freigabe MIA-DO-KI"; the leadership puts them live.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.roles import EDITORS, LEADERSHIP
from tests.conftest import page_at

TOPIC = "/themen/integration/schwerpunkte-der-arbeit/"


def editor(username, first_name, last_name, group=EDITORS):
    user = get_user_model().objects.create_user(
        username=username, first_name=first_name, last_name=last_name, password="Sicheres-Passwort-2027"
    )
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def open_editor(client, page):
    """The edit view as the editor's browser loads it, with the revision the form was loaded from."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    loaded = {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }
    loaded["ping_url"] = re.search(r'"(/[^"]*/editing-sessions/ping/[^"]+)"', html).group(1)
    return loaded


def topic_form(page, loaded, intro, title=None, action="action-publish"):
    """The edit form as sent with a button: "Veröffentlichen" (``action-publish``), "Speichern" (``action=None``)."""
    data = nested_form_data(
        {
            "title": page.title if title is None else title,
            "slug": page.slug,
            "search_description": page.search_description,
            "short_title": page.short_title,
            "intro": intro,
            "body": streamfield([("text", rich_text(f"<p>{intro}</p>"))]),
            "downloads": streamfield([]),
            "related_links": streamfield([]),
        }
    )
    data.update({name: value for name, value in loaded.items() if name.startswith("loaded_")})
    if action:
        data[action] = action
    return data


def save(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


@pytest.mark.django_db
def test_the_second_save_keeps_the_first_version_says_whose_it_was_and_it_can_be_restored(client):
    page = page_at(TOPIC)
    anna = editor("anna", "Anna", "Schmidt")
    bernd = editor("bernd", "Bernd", "Keller")
    loaded_by_anna = open_editor(anna, page)
    loaded_by_bernd = open_editor(bernd, page)
    revisions_before = page.revisions.count()

    annas_form = topic_form(page, loaded_by_anna, "Fassung von Anna zum Stand der Arbeit.", action=None)
    saved_by_anna = save(anna, page, annas_form)
    assert "neuere Fassung gespeichert" not in saved_by_anna.content.decode()  # nobody saved in between
    bernds_form = topic_form(page, loaded_by_bernd, "Fassung von Bernd mit anderen Worten.", action=None)
    saved_by_bernd = save(bernd, page, bernds_form)

    # Bernd is told that his save replaced Anna's newer version, and where to find it.
    notice = saved_by_bernd.content.decode()
    assert "hat Anna Schmidt am" in notice and "eine neuere Fassung gespeichert" in notice
    assert "Verlauf öffnen" in notice
    draft = bernd.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])).content.decode()
    assert "Fassung von Bernd" in draft
    assert "Fassung von Bernd" not in client.get(TOPIC).content.decode()  # a draft until the leadership approves

    # Anna's version is kept as a revision of its own.
    page.refresh_from_db()
    assert page.revisions.count() == revisions_before + 2
    annas = page.revisions.filter(user__username="anna").get()
    assert annas.content["intro"] == "Fassung von Anna zum Stand der Arbeit."

    # Restoring it through the history: the revert view shows Anna's text in the editor; Bernd submits it, and once
    # the leadership approves it, it is live.
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, annas.pk])
    reverted = bernd.get(revert_url)
    assert reverted.status_code == 200
    assert "Fassung von Anna zum Stand der Arbeit." in reverted.content.decode()
    form = topic_form(page, open_editor(bernd, page), annas.content["intro"], action="action-submit")
    restored = bernd.post(revert_url, form, follow=True)
    assert restored.status_code == 200
    leader = editor("carla", "Carla", "Leitner", group=LEADERSHIP)
    task_state = page.current_workflow_task_state
    leader.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {})
    live = client.get(TOPIC).content.decode()
    assert "Fassung von Anna zum Stand der Arbeit." in live
    assert "Fassung von Bernd" not in live
    assert page.revisions.filter(user__username="bernd").count() == 2  # Bernd's version is kept as well


@pytest.mark.django_db
def test_an_autosave_over_a_newer_version_is_refused(client):
    page = page_at(TOPIC)
    anna = editor("anna", "Anna", "Schmidt")
    bernd = editor("bernd", "Bernd", "Keller")
    loaded_by_bernd = open_editor(bernd, page)
    save(anna, page, topic_form(page, open_editor(anna, page), "Fassung von Anna zum Stand der Arbeit.", action=None))

    response = bernd.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        topic_form(page, loaded_by_bernd, "Fassung von Bernd mit anderen Worten.", action=None),
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["error_code"] == "invalid_revision"
    page.refresh_from_db()
    assert page.get_latest_revision().content["intro"] == "Fassung von Anna zum Stand der Arbeit."


@pytest.mark.django_db
def test_the_editor_sees_who_else_saved_while_editing(client):
    """Wagtail's editing sessions: Bernd's editor learns that Anna saved a newer version."""
    page = page_at(TOPIC)
    anna = editor("anna", "Anna", "Schmidt")
    bernd = editor("bernd", "Bernd", "Keller")
    loaded_by_bernd = open_editor(bernd, page)
    ping = loaded_by_bernd["ping_url"]
    assert bernd.post(ping, {"revision_id": loaded_by_bernd["loaded_revision_id"]}).status_code == 200
    save(anna, page, topic_form(page, open_editor(anna, page), "Fassung von Anna zum Stand der Arbeit.", action=None))

    answer = bernd.post(ping, {"revision_id": loaded_by_bernd["loaded_revision_id"], "is_editing": "1"}).json()
    others = [session for session in answer["other_sessions"] if session["revision_id"]]
    assert others, answer
    assert "Anna Schmidt saved a new version" not in answer["html"]
    assert "Anna Schmidt" in answer["html"]


@pytest.mark.django_db
def test_a_validation_error_keeps_everything_the_editor_typed(client):
    page = page_at(TOPIC)
    bernd = editor("bernd", "Bernd", "Keller")
    revisions_before = page.revisions.count()
    typed = "Ein langer Absatz, den niemand zweimal schreiben möchte, mit Umlauten: Übergänge, Größe, Maß."

    response = save(bernd, page, topic_form(page, open_editor(bernd, page), typed, title="", action=None))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Feld muss ausgefüllt werden." in html
    assert typed in html  # the intro field and the body block still hold the text
    assert page.revisions.count() == revisions_before
    assert typed not in client.get(TOPIC).content.decode()
