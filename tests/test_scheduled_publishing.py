"""Scheduled publishing ("Veröffentlichen ab") and expiry ("Ablaufdatum") of every page type, run by
``manage.py publish_scheduled``, with a frozen clock."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup, NavigableString, TemplateString
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import Page, get_page_models

from pages.roles import EDITORS, LEADERSHIP
from programs.models import FundingProgramPage, FundingRound
from tests.conftest import page_at
from tests.factories import FundingProgramPageFactory, TopicPageFactory
from tests.test_concurrent_editing import open_editor, topic_form
from tests.test_http_caching import ban_server  # noqa: F401 - a fixture: a local HTTP server recording BANs
from tests.test_program_admin import add_url, program_form
from tests.test_roles import user_in

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
PAGE_TYPES = [model for model in get_page_models() if model is not Page]
MASTERPLAN = "/themen/integration/masterplan-migration-integration/"
FINDER = "/themen/integration/foerderprogramme/"
SCHEDULE_FORMAT = "%d.%m.%Y %H:%M"  # what the admin's date picker shows and posts


def berlin(*args):
    return datetime.datetime(*args, tzinfo=BERLIN)


def url_of(page):
    return Page.objects.get(pk=page.pk).get_url()


def run_publish_scheduled(capture):
    """The cron job: after its transaction commits, purges go out and the content generation changes."""
    with capture(execute=True):
        call_command("publish_scheduled")


def text_of(tag):
    """The text of an element, also inside a <template> (the schedule dialog is one until it opens)."""
    return tag.get_text(" ", strip=True, types=(NavigableString, TemplateString))


def login(client, user):
    """Inside a frozen clock, so that the session is not already expired at the frozen time."""
    client.force_login(user)
    return client


# --- the form ------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_shows_the_schedule_in_german_in_its_settings(admin_client, model):
    page = model.objects.first()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    def field(name):
        wrapper = f"panel-child-einstellungen-child-publishing-child-{name}"
        return text_of(soup.find("label", attrs={"for": f"id_{name}"})), text_of(soup.find(id=f"{wrapper}-helptext"))

    assert field("go_live_at") == (
        "Veröffentlichen ab",
        "Leer lassen, damit die Seite beim Veröffentlichen sofort online geht. Ein Zeitpunkt in der Zukunft plant "
        "die Veröffentlichung ein: Nach „Zur Veröffentlichung einplanen“ oder nach der Freigabe geht diese Fassung "
        "erst dann online; bis dahin bleibt die bisherige Fassung sichtbar.",
    )
    label, help_text = field("expire_at")
    assert label == "Ablaufdatum"
    assert "geht " + ("das Förderprogramm" if model is FundingProgramPage else "die Seite") + " offline" in help_text
    assert "„Mehr zum Thema“" in help_text and "„Seite nicht gefunden“" in help_text
    html = response.content.decode()
    assert "Veröffentlicht bis" not in html
    assert '"format": "d.m.Y H:i"' in html  # the picker shows and posts German dates


def test_a_program_names_its_last_deadline_as_the_sensible_expiry(admin_client):
    program = page_at(FINDER).get_children().type(FundingProgramPage).first().specific
    program.rounds = [
        FundingRound(label="Runde 2027", opens=datetime.date(2027, 5, 1), closes=datetime.date(2027, 9, 15)),
        FundingRound(label="Runde 2026", opens=datetime.date(2026, 5, 1), closes=datetime.date(2026, 9, 15)),
    ]
    program.save_revision().publish()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[program.pk]))
    help_text = BeautifulSoup(response.content, "html.parser").find(
        id="panel-child-einstellungen-child-publishing-child-expire_at-helptext"
    )
    assert (
        "Die letzte Antragsfrist („Runde 2027“) endet am 15. September 2027, ein passendes Ablaufdatum ist also "
        "der 16. September 2027." in text_of(help_text)
    )


@freeze_time(berlin(2027, 3, 1, 9, 0))
def test_an_expiry_before_the_go_live_or_in_the_past_is_a_german_error(client, admin_user):
    page = page_at(MASTERPLAN)
    login(client, admin_user)
    form = topic_form(page, open_editor(client, page), "Neue Fassung mit Zeitplan.")

    form.update(go_live_at="10.03.2027 08:00", expire_at="05.03.2027 08:00")
    html = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form).content.decode()
    assert html.count("„Veröffentlichen ab“ muss vor dem Ablaufdatum liegen.") == 2  # at both fields
    assert "Ablaufsdatum" not in html

    form.update(go_live_at="", expire_at="28.02.2027 08:00")
    html = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form).content.decode()
    assert "Das Ablaufdatum muss in der Zukunft liegen." in html
    assert page.revisions.filter(content__intro="Neue Fassung mit Zeitplan.").count() == 0


@freeze_time(berlin(2027, 5, 2, 9, 0))
def test_a_program_cannot_expire_while_its_round_still_takes_applications(client, admin_user):
    finder = page_at(FINDER)
    login(client, admin_user)

    refused = client.post(add_url(finder), program_form(action="action-publish", expire_at="15.09.2027 18:00"))
    assert refused.status_code == 200
    assert (
        "Die Antragsfrist der Runde „Runde 2027“ läuft bis einschließlich 15. September 2027. Wählen Sie ein "
        "Ablaufdatum nach diesem Tag, damit das Programm bis zum Ende der Frist zu finden ist."
    ) in refused.content.decode()
    assert not FundingProgramPage.objects.filter(slug="nachbarschaftsfonds").exists()

    accepted = client.post(add_url(finder), program_form(action="action-publish", expire_at="16.09.2027 00:00"))
    assert accepted.status_code == 302
    program = FundingProgramPage.objects.get(slug="nachbarschaftsfonds")
    assert program.live and program.expire_at == berlin(2027, 9, 16, 0, 0)


# --- publish_scheduled ---------------------------------------------------------------------------


def test_a_scheduled_topic_goes_live_at_its_time_and_its_parent_lists_it(
    client, admin_user, ban_server, django_capture_on_commit_callbacks  # noqa: F811
):
    parent = page_at(MASTERPLAN)
    with freeze_time(berlin(2027, 3, 1, 9, 0)) as clock:
        page = TopicPageFactory(
            parent=parent, title="Einbürgerungsfeier 2027", slug="einbuergerungsfeier-2027", live=False
        )
        page.go_live_at = berlin(2027, 3, 2, 8, 0)
        page.save_revision(user=admin_user).publish(user=admin_user)

        page.refresh_from_db()
        assert not page.live and page.get_latest_revision().approved_go_live_at == berlin(2027, 3, 2, 8, 0)
        assert client.get(url_of(page)).status_code == 404
        assert "Einbürgerungsfeier 2027" not in client.get(MASTERPLAN).content.decode()  # and now kept by this worker

        clock.move_to(berlin(2027, 3, 2, 7, 55))
        run_publish_scheduled(django_capture_on_commit_callbacks)
        assert not Page.objects.get(pk=page.pk).live  # five minutes early: nothing happens

        clock.move_to(berlin(2027, 3, 2, 8, 5))
        run_publish_scheduled(django_capture_on_commit_callbacks)

        assert Page.objects.get(pk=page.pk).live
        assert client.get(url_of(page)).status_code == 200
        listing = BeautifulSoup(client.get(MASTERPLAN).content, "html.parser")
        assert "Einbürgerungsfeier 2027" in [link.get_text(strip=True) for link in listing.find_all("a")]
        banned = [re.compile(pattern) for pattern in ban_server]
        for path in (url_of(page), MASTERPLAN):
            assert any(pattern.match(path) for pattern in banned), path  # and Varnish forgets its copies


def test_a_program_expires_after_its_round_and_is_gone_everywhere(
    client, admin_user, ban_server, django_capture_on_commit_callbacks  # noqa: F811
):
    finder = page_at(FINDER)
    topic = page_at(MASTERPLAN)
    with freeze_time(berlin(2027, 9, 1, 10, 0)) as clock:
        program = FundingProgramPageFactory(
            parent=finder,
            title="Sommerfonds Nachbarschaft",
            slug="sommerfonds-nachbarschaft",
            rounds=[{"label": "Runde 2027", "opens": datetime.date(2027, 5, 1), "closes": datetime.date(2027, 9, 15)}],
        )
        program.expire_at = berlin(2027, 9, 16, 0, 0)
        program.save_revision(user=admin_user).publish(user=admin_user)
        topic.related_links = [("page", {"page": program, "teaser": ""})]
        topic.save_revision(user=admin_user).publish(user=admin_user)
        path = url_of(program)

        def shown_in():
            """Where a citizen or a machine finds the program, each rendered by this one worker."""
            return {
                "Seite": client.get(path).status_code == 200,
                "Förderfinder": "Sommerfonds Nachbarschaft" in client.get(FINDER).content.decode(),
                "Mehr zum Thema": "Sommerfonds Nachbarschaft" in client.get(MASTERPLAN).content.decode(),
                "Suche": "Sommerfonds Nachbarschaft" in client.get("/suche/?q=Sommerfonds").content.decode(),
                "Sitemap": path in client.get("/sitemap.xml").content.decode(),
                "API": "Sommerfonds Nachbarschaft"
                in client.get("/api/v2/pages/?type=programs.FundingProgramPage").content.decode(),
            }

        assert all(shown_in().values()), shown_in()

        clock.move_to(berlin(2027, 9, 15, 23, 55))  # the last day of the round
        run_publish_scheduled(django_capture_on_commit_callbacks)
        assert all(shown_in().values()), shown_in()

        clock.move_to(berlin(2027, 9, 16, 0, 5))  # the cron job's first run after the expiry
        run_publish_scheduled(django_capture_on_commit_callbacks)

        assert not any(shown_in().values()), shown_in()
        program = FundingProgramPage.objects.get(pk=program.pk)
        assert program.expired and not program.live
        banned = [re.compile(pattern) for pattern in ban_server]
        for purged in (path, FINDER, MASTERPLAN, "/sitemap.xml", "/api/v2/pages/"):
            assert any(pattern.match(purged) for pattern in banned), purged


@freeze_time(berlin(2027, 3, 1, 9, 0))
def test_the_admin_form_schedules_a_new_version_and_an_expiry_in_german_dates(
    client, admin_user, django_capture_on_commit_callbacks
):
    page = page_at(MASTERPLAN)
    login(client, admin_user)
    form = topic_form(page, open_editor(client, page), "Die Fassung für den März.")
    form.update(go_live_at="02.03.2027 08:00", expire_at="31.03.2027 18:00")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form, follow=True)
    assert response.status_code == 200

    page.refresh_from_db()
    assert page.live and page.get_latest_revision().approved_go_live_at == berlin(2027, 3, 2, 8, 0)
    assert "Die Fassung für den März." not in client.get(MASTERPLAN).content.decode()  # the old version stays

    with freeze_time(berlin(2027, 3, 2, 8, 5)):
        run_publish_scheduled(django_capture_on_commit_callbacks)
        assert "Die Fassung für den März." in client.get(MASTERPLAN).content.decode()
    with freeze_time(berlin(2027, 3, 31, 18, 5)):
        run_publish_scheduled(django_capture_on_commit_callbacks)
        assert client.get(MASTERPLAN).status_code == 404


@freeze_time(berlin(2027, 3, 1, 9, 0))
def test_an_editors_scheduled_version_goes_live_at_its_time_once_the_leadership_approved_it(
    client, django_capture_on_commit_callbacks
):
    page = page_at(MASTERPLAN)
    user_in(EDITORS, client)
    form = topic_form(page, open_editor(client, page), "Die Fassung für den März.", action="action-submit")
    form["go_live_at"] = "02.03.2027 08:00"
    assert client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form).status_code == 302
    client.logout()
    user_in(LEADERSHIP, client)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client.post(approve, {"comment": ""})

    assert Page.objects.get(pk=page.pk).get_latest_revision().approved_go_live_at == berlin(2027, 3, 2, 8, 0)
    assert "Die Fassung für den März." not in client.get(MASTERPLAN).content.decode()  # approved, not yet due
    with freeze_time(berlin(2027, 3, 2, 8, 5)):
        run_publish_scheduled(django_capture_on_commit_callbacks)
        assert "Die Fassung für den März." in client.get(MASTERPLAN).content.decode()


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_every_page_type_goes_live_and_expires_on_schedule(client, model, django_capture_on_commit_callbacks):
    page = model.objects.live().first()
    path = page.get_url()
    with freeze_time(berlin(2027, 3, 1, 9, 0)) as clock:
        page.unpublish()
        page = model.objects.get(pk=page.pk)
        page.title = f"{page.title} (Neufassung)"
        page.go_live_at = berlin(2027, 3, 2, 8, 0)
        page.expire_at = berlin(2027, 3, 9, 18, 0)
        page.save_revision().publish()
        assert client.get(path).status_code == 404

        clock.move_to(berlin(2027, 3, 2, 8, 5))
        run_publish_scheduled(django_capture_on_commit_callbacks)
        response = client.get(path)
        assert response.status_code == 200 and "(Neufassung)" in response.content.decode()

        clock.move_to(berlin(2027, 3, 9, 18, 5))
        run_publish_scheduled(django_capture_on_commit_callbacks)
        assert client.get(path).status_code == 404
        assert model.objects.get(pk=page.pk).expired
