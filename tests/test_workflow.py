"""The workflow "Freigabe MIA-DO-KI" through the admin: the editors submit, the leadership asks for changes or
approves, and only then is a page under /themen/ live. Offices have no workflow: office staff publish in one step."""

import html as html_lib
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Task, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from pages.middleware import PUBLISHING_REFUSED
from pages.models import CommitteePage, TopicPage
from pages.roles import EDITORS, LEADERSHIP, OFFICE_STAFF
from pages.workflow import TASK_NAME, WORKFLOW_NAME
from programs.models import FundingProgramPage
from tests.conftest import MIA_DO_KI_PATH, page_at
from tests.test_program_admin import program_form
from tests.test_roles import office_form

INTEGRATION = "/themen/integration/"
GREMIEN = "/themen/integration/gremien/"
FINDER = "/themen/integration/foerderprogramme/"
TOPIC = "/themen/integration/schwerpunkte-der-arbeit/"
PASSWORD = "Sicheres-Passwort-2027"
COMMENT = "Bitte ergänzen Sie die Anmeldefristen für die Sprachkurse im Herbst."


def person(group_name, username, first_name, last_name):
    """A member of ``group_name``, logged in with a client of their own."""
    user = get_user_model().objects.create_user(
        username=username, first_name=first_name, last_name=last_name, email=f"{username}@dortmund.example",
        password=PASSWORD,
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor(db):
    return person(EDITORS, "redakteurin", "Aylin", "Demir")


@pytest.fixture
def leader(db):
    return person(LEADERSHIP, "leiterin", "Birgit", "Wagner")


@pytest.fixture
def office_staff(db):
    return person(OFFICE_STAFF, "standortpflege", "Cem", "Yilmaz")


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser("it-betrieb", "it-betrieb@dortmund.example", PASSWORD)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def topic_form(title, intro, action="action-submit", slug="sprachcafe-fuer-eltern"):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "search_description": "Sprachkurse für Eltern, während die Kinder in der Kita sind.",
            "short_title": "",
            "intro": intro,
            "body": streamfield([("text", rich_text(f"<p>{intro}</p>"))]),
            "downloads": streamfield([]),
            "related_links": streamfield([]),
        }
    )
    if action:
        data[action] = action
    return data


def edit_form(page, intro, action="action-submit"):
    return topic_form(page.title, intro, action, slug=page.slug)


def committee_form(action="action-submit"):
    data = nested_form_data(
        {
            "title": "Arbeitskreis Sprachmittlung",
            "slug": "arbeitskreis-sprachmittlung",
            "search_description": "Der Arbeitskreis stimmt die Sprachmittlung in Dortmund ab.",
            "short_title": "",
            "intro": "",
            "kind": "netzwerk",
            "former_name": "",
            "founded": "2019",
            "legal_basis": "",
            "composition": "",
            "chair": "",
            "deputy_chair": "",
            "meeting_rhythm": "zweimal im Jahr",
            "managing_office": "",
            "hero_image": "",
            "body": streamfield([]),
            "member_order": "editor",
            "members": inline_formset([]),
            "meetings": inline_formset([]),
            "related_links": streamfield([]),
        }
    )
    data[action] = action
    return data


def add_url(parent, model="pages/topicpage"):
    return f"/admin/pages/add/{model}/{parent.pk}/"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def workflow_action(client, page, action, comment=""):
    """The leadership's "Änderungen anfordern" or "Freigeben" on the page's current task, with a comment."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def visible_text(response):
    """The words of an admin page as a person reads them, without tags, scripts and repeated blanks."""
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", html)))


def is_refused_in_german(response):
    html = response.content.decode()
    return response.status_code == 403 and "Keine Berechtigung" in html and PUBLISHING_REFUSED in html


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def submit_new_topic(editor, title="Sprachcafé für Eltern", intro="Jeden Dienstag im Dietrich-Keuning-Haus."):
    response = editor.post(add_url(page_at(INTEGRATION)), topic_form(title, intro))
    assert response.status_code == 302
    return TopicPage.objects.get(title=title)


@pytest.mark.django_db
def test_a_topic_page_goes_live_after_the_leadership_approves_it(client, editor, leader, office_staff, superuser):
    # The editor writes a new topic page and submits it; Wagtail offers her no "Veröffentlichen".
    form = editor.get(add_url(page_at(INTEGRATION))).content.decode()
    assert f"In {WORKFLOW_NAME} einreichen" in form
    assert 'name="action-publish"' not in form
    page = submit_new_topic(editor)
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.workflow.name == WORKFLOW_NAME
    assert page.current_workflow_task.name == TASK_NAME
    assert client.get("/themen/integration/sprachcafe-fuer-eltern/").status_code == 404

    # The leadership is told by mail, in German; nobody else is (not the editor, not the IT staff).
    assert [message.to for message in mail.outbox] == [[leader.user.email]]
    submitted = mail.outbox[0]
    assert submitted.subject == (
        f"Die Seite „Sprachcafé für Eltern“ wurde zur Freigabe eingereicht (Schritt „{TASK_NAME}“)"
    )
    assert "Hallo Birgit," in submitted.body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in submitted.body
    # ... and finds the page on the dashboard, waiting for her.
    assert "Sprachcafé für Eltern" in leader.get("/admin/").content.decode()
    # While it waits, the Redaktion cannot change it.
    revisions = page.revisions.count()
    editor.post(edit_url(page), edit_form(page, "Noch schnell geändert.", action=None))
    assert page.revisions.count() == revisions

    # The leadership asks for changes, with a comment; the editor gets it by mail.
    mail.outbox.clear()
    assert workflow_action(leader, page, "reject", COMMENT).status_code == 302
    assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not fresh(page).live
    assert [message.to for message in mail.outbox] == [[editor.user.email]]
    rejected = mail.outbox[0]
    assert rejected.subject == f"Für die Seite „Sprachcafé für Eltern“ wurden in „{WORKFLOW_NAME}“ Änderungen angefordert."
    assert "Birgit Wagner" in rejected.body and COMMENT in rejected.body

    # The editor reads the comment in the editor's status panel, the page's history and its moderation history,
    # changes the page and submits it again.
    form = editor.get(edit_url(page)).content.decode()
    assert COMMENT in form and f"Erneut in {TASK_NAME} einreichen" in form
    history = editor.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert f"Abgelehnt bei „{TASK_NAME}“" in history and COMMENT in history
    workflows = editor.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk])).content.decode()
    assert WORKFLOW_NAME in workflows and "Änderungen benötigt" in workflows
    detail = editor.get(reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]))
    assert detail.status_code == 200
    assert TASK_NAME in detail.content.decode() and COMMENT in detail.content.decode()
    mail.outbox.clear()
    intro = "Jeden Dienstag im Dietrich-Keuning-Haus. Anmeldung bis zum 15. September."
    response = editor.post(edit_url(page), edit_form(fresh(page), intro))
    assert response.status_code == 302
    assert fresh(page).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert [message.to for message in mail.outbox] == [[leader.user.email]]

    # Pressing "Veröffentlichen" anyway (a forged request) is refused; the page stays as it was.
    response = editor.post(edit_url(page), edit_form(fresh(page), "Ungeprüft veröffentlicht.", "action-publish"))
    assert is_refused_in_german(response)
    assert not fresh(page).live

    # The leadership approves: the page is live with the changed text, and the editor is told.
    mail.outbox.clear()
    assert workflow_action(leader, page, "approve").status_code == 302
    page = fresh(page)
    assert page.live and not page.has_unpublished_changes
    assert page.current_workflow_state is None
    html = client.get(page.url).content.decode()
    assert "Anmeldung bis zum 15. September." in html and "Ungeprüft" not in html
    assert [message.to for message in mail.outbox] == [[editor.user.email]]
    approved = mail.outbox[0]
    assert approved.subject == f"Die Seite „Sprachcafé für Eltern“ wurde in „{WORKFLOW_NAME}“ freigegeben."
    assert page.full_url in approved.body

    # The whole story stays on the page's moderation history, for both groups.
    for person_ in (editor, leader):
        workflows = person_.get(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
        assert workflows.status_code == 200
        assert WORKFLOW_NAME in workflows.content.decode() and "Freigegeben" in workflows.content.decode()
        detail = person_.get(reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk]))
        assert detail.status_code == 200
        text = visible_text(detail)
        assert f'{TASK_NAME} Abgelehnt von Birgit Wagner mit Kommentar: "{COMMENT}"' in text
        assert f"{TASK_NAME} Freigegeben von Birgit Wagner" in text
        history = person_.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert history.status_code == 200
        assert f"Abgelehnt bei „{TASK_NAME}“" in history.content.decode()


# --- Nobody publishes past the workflow ------------------------------------------------------------------------

COMMITTEE = "/themen/integration/gremien/integrationsrat/"
PROGRAM = "/themen/integration/foerderprogramme/integrationspreis/"


def with_a_draft(path, editor):
    """The page at ``path`` with a draft of the editor's that is not live yet."""
    page = page_at(path)
    page.title = "Ungeprüfter Titel"
    revision = page.save_revision(user=editor.user)
    return Page.objects.get(pk=page.pk), revision


def publish_in_edit_view(client, page, revision):
    return client.post(edit_url(page), {"title": "Ungeprüfter Titel", "action-publish": "action-publish"})


def restore_and_publish(client, page, revision):
    """An old revision opened from the history, "Veröffentlichen" pressed in its form."""
    old = page.revisions.order_by("created_at").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, old.pk])
    assert client.get(url).status_code == 200  # restoring as a draft is allowed
    return client.post(url, {"title": "Ungeprüfter Titel", "action-publish": "action-publish"})


def bulk_publish(client, page, revision):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return client.post(f"{url}?id={page.pk}", {"include_descendants": ""})


def api_publish(client, page, revision):
    url = reverse("wagtailadmin_api:pages:action", args=[page.pk, "publish"])
    return client.post(url, {}, content_type="application/json")


def approve_own_submission(client, page, revision):
    """Submitting is allowed; approving the submission herself is not."""
    assert client.post(edit_url(page), edit_form(page.specific, "Zur Freigabe eingereicht.")).status_code == 302
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    assert task_state is not None
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


WAYS = [publish_in_edit_view, restore_and_publish, bulk_publish, api_publish]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [TOPIC, COMMITTEE, PROGRAM])
@pytest.mark.parametrize("way", WAYS, ids=lambda way: way.__name__)
def test_editors_cannot_publish_past_the_workflow(client, editor, path, way):
    page, draft = with_a_draft(path, editor)
    live_title, revisions = page.title, page.revisions.count()
    response = way(editor, page, draft)
    assert is_refused_in_german(response)
    page = Page.objects.get(pk=page.pk)
    assert page.title == live_title and page.live and page.has_unpublished_changes
    assert page.live_revision_id != draft.pk and page.revisions.count() == revisions
    assert "Ungeprüfter Titel" not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_editors_cannot_approve_their_own_submission(client, editor):
    page, draft = with_a_draft(TOPIC, editor)
    response = approve_own_submission(editor, page, draft)
    # Wagtail's answer to a missing permission: back to the dashboard, with its German message.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert "Sie haben leider keinen Zugang zu diesem Bereich." in editor.get(response["Location"]).content.decode()
    page = Page.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Ungeprüfter Titel" not in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_a_new_page_published_by_an_editor_is_not_created(editor):
    response = editor.post(add_url(page_at(INTEGRATION)), topic_form("Sprachcafé für Eltern", "Ohne Freigabe.",
                                                                         "action-publish"))
    assert is_refused_in_german(response)
    assert not TopicPage.objects.filter(title="Sprachcafé für Eltern").exists()


# --- Committees and funding programs go the same way -------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_committee_goes_live_after_approval(client, editor, leader):
    response = editor.post(add_url(page_at(GREMIEN), "pages/committeepage"), committee_form())
    assert response.status_code == 302
    committee = CommitteePage.objects.get(slug="arbeitskreis-sprachmittlung")
    assert not committee.live and committee.current_workflow_task.name == TASK_NAME
    assert [message.to for message in mail.outbox] == [[leader.user.email]]
    assert workflow_action(leader, committee, "approve").status_code == 302
    committee = fresh(committee)
    assert committee.live
    assert "Arbeitskreis Sprachmittlung" in client.get(committee.url).content.decode()
    assert "Arbeitskreis Sprachmittlung" in client.get(GREMIEN).content.decode()


@pytest.mark.django_db
def test_a_new_funding_program_goes_live_after_approval(client, editor, leader):
    finder = page_at(FINDER)
    response = editor.post(add_url(finder, "programs/fundingprogrampage"), program_form())
    assert response.status_code == 302
    program = FundingProgramPage.objects.get(slug="nachbarschaftsfonds")
    assert not program.live and program.current_workflow_task.name == TASK_NAME
    assert "Nachbarschaftsfonds" not in client.get(FINDER).content.decode()
    assert workflow_action(leader, program, "reject", "Bitte die Förderhöhe nennen.").status_code == 302
    assert not fresh(program).live
    assert editor.post(edit_url(program), program_form()).status_code == 302
    assert workflow_action(leader, program, "approve").status_code == 302
    assert fresh(program).live
    assert "Nachbarschaftsfonds" in client.get(FINDER).content.decode()


# --- Offices: one step, no workflow ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_office_staff_publish_an_office_in_one_step(client, office_staff, leader, mia_do_ki):
    assert mia_do_ki.get_workflow() is None
    form = office_staff.get(edit_url(mia_do_ki)).content.decode()
    assert 'name="action-publish"' in form and "einreichen" not in form
    response = office_staff.post(edit_url(mia_do_ki), office_form(mia_do_ki, phone="0231 50-27777"))
    assert response.status_code == 302
    office = fresh(mia_do_ki)
    assert office.live and not office.has_unpublished_changes and office.phone == "0231 50-27777"
    assert office.current_workflow_state is None and not mail.outbox
    # The topic pages show the new number at once, in the box of their responsible office.
    assert "0231 50-27777" in client.get(TOPIC).content.decode()


@pytest.mark.django_db
def test_the_leadership_approves_topics_but_does_not_edit_offices(leader, mia_do_ki):
    response = leader.get(edit_url(mia_do_ki))
    assert response.status_code == 403
    assert leader.get(edit_url(page_at(TOPIC))).status_code == 200


# --- Who else publishes ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_superusers_and_the_leadership_publish_directly_which_ends_a_pending_review(client, editor, leader, superuser):
    """Wagtail lets whoever may publish skip the workflow; a submission still waiting is then cancelled."""
    for who, intro in ((superuser, "Vom IT-Betrieb direkt veröffentlicht."), (leader, "Von der Leitung direkt.")):
        page = page_at(TOPIC)
        assert editor.post(edit_url(page), edit_form(page, "Zur Freigabe eingereicht.")).status_code == 302
        state = fresh(page).current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        response = who.post(edit_url(page), edit_form(fresh(page), intro, "action-publish"))
        assert response.status_code == 302
        state.refresh_from_db()
        assert state.status == WorkflowState.STATUS_CANCELLED
        assert fresh(page).current_workflow_state is None
        assert intro in client.get(TOPIC).content.decode()


# --- Mails ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_mails_are_german_even_when_sent_from_a_process_speaking_english(editor, leader):
    """The recipients never chose a language (they have no profile yet); German is the only admin language."""
    from django.utils import translation

    page = submit_new_topic(editor)
    mail.outbox.clear()
    with translation.override("en"):
        fresh(page).current_workflow_task_state.reject(user=leader.user, comment=COMMENT)
    [rejected] = mail.outbox
    assert rejected.subject.startswith("Für die Seite") and "Änderungen angefordert" in rejected.subject
    assert f'Folgender Kommentar wurde hinterlassen: "{COMMENT}"' in rejected.body
    assert rejected.from_email == "Integrationsportal Dortmund <redaktion@localhost>"


# --- Setting it up -------------------------------------------------------------------------------------------------


def setup_snapshot():
    return (
        sorted(GroupPagePermission.objects.values_list("group__name", "page__url_path", "permission__codename")),
        sorted(WorkflowPage.objects.values_list("page__url_path", "workflow__name")),
        sorted(Workflow.objects.values_list("name", "active")),
        sorted(Task.objects.values_list("name", "active")),
        sorted(Group.objects.values_list("name", "permissions__codename")),
    )


@pytest.mark.django_db
def test_the_seed_site_has_the_workflow_on_the_topics_only(mia_do_ki):
    assert page_at("/themen/").get_workflow().name == WORKFLOW_NAME
    assert page_at(PROGRAM).get_workflow().name == WORKFLOW_NAME
    assert mia_do_ki.get_workflow() is None and page_at("/impressum/").get_workflow() is None
    task = Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific
    assert task.name == TASK_NAME and [group.name for group in task.groups.all()] == [LEADERSHIP]
    themen = page_at("/themen/")
    assert not GroupPagePermission.objects.filter(group__name=EDITORS, permission__codename="publish_page").exists()
    assert GroupPagePermission.objects.filter(group__name=LEADERSHIP, page=themen,
                                              permission__codename="publish_page").exists()


@pytest.mark.django_db
def test_sync_groups_moves_an_installation_from_before_the_workflow_and_then_changes_nothing():
    from django.contrib.auth.models import Permission

    # As it was: the editors publish, Wagtail's "Moderators approval" sits on the tree root, no leadership.
    themen = page_at("/themen/")
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=Group.objects.get(name=EDITORS), page=themen, permission=publish)
    WorkflowPage.objects.filter(page=themen).delete()
    moderators = Workflow.objects.get(name="Moderators approval")
    moderators.active = True
    moderators.save()
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=moderators)
    Group.objects.filter(name=LEADERSHIP).delete()
    assert page_at(MIA_DO_KI_PATH).get_workflow() == moderators

    call_command("sync_groups", stdout=io.StringIO())

    assert not GroupPagePermission.objects.filter(group__name=EDITORS, permission__codename="publish_page").exists()
    assert page_at(TOPIC).get_workflow().name == WORKFLOW_NAME
    assert page_at(MIA_DO_KI_PATH).get_workflow() is None
    assert not Workflow.objects.get(name="Moderators approval").active
    assert Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific.groups.get().name == LEADERSHIP
    after_first_run = setup_snapshot()
    call_command("sync_groups", stdout=io.StringIO())
    assert setup_snapshot() == after_first_run
