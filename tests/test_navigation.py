"""Finding one's way: section navigation, Themen A–Z, "Zuletzt aktualisiert" and scheduled site notices."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from freezegun import freeze_time

from pages.models import SiteNotice
from tests.conftest import page_at
from tests.factories import TopicPageFactory


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_topic_pages_show_their_siblings_and_children(client, integration_page):
    parent = TopicPageFactory(parent=integration_page, title="Sprache")
    first = TopicPageFactory(parent=parent, title="Sprachkurse")
    TopicPageFactory(parent=parent, title="Sprachcafés")
    TopicPageFactory(parent=first, title="Kurse für Eltern")
    TopicPageFactory(parent=parent, title="Entwurf", live=False)
    nav = soup_of(client, first.url).find("nav", attrs={"aria-labelledby": "in-diesem-bereich"})
    assert nav.p.a.get_text() == "Sprache"
    items = nav.find("ul").find_all("li", recursive=False)
    assert [item.a.get_text() for item in items] == ["Sprachkurse", "Sprachcafés"]
    assert items[0].a["aria-current"] == "page"
    assert [link.get_text() for link in items[0].find("ul").find_all("a")] == ["Kurse für Eltern"]


@pytest.mark.django_db
def test_a_top_level_topic_has_no_section_navigation(client):
    assert soup_of(client, "/themen/").find(id="in-diesem-bereich") is None


@pytest.mark.django_db
def test_themen_a_bis_z_groups_pages_by_initial_letter_in_german_order(client, integration_page):
    TopicPageFactory(parent=integration_page, title="Ämter und Behörden")
    TopicPageFactory(parent=integration_page, title="Übersetzungshilfen")
    TopicPageFactory(parent=integration_page, title="Unterricht für Erwachsene")
    TopicPageFactory(parent=integration_page, title="Arbeit und Ausbildung")
    soup = soup_of(client, "/themen-a-z/")
    letters = [link.get_text() for link in soup.select("nav.letter-nav a")]
    assert letters == sorted(letters) and "Ä" not in letters and "Ü" not in letters
    section_a = soup.find(id="buchstabe-a").parent
    titles_a = [link.get_text(strip=True) for link in section_a.select("li > a")]
    assert titles_a.index("Ämter und Behörden") == titles_a.index("Arbeit und Ausbildung") - 1
    section_u = soup.find(id="buchstabe-u").parent
    titles_u = [link.get_text(strip=True) for link in section_u.select("li > a")]
    assert titles_u[:2] == ["Übersetzungshilfen", "Unterricht für Erwachsene"]
    all_titles = [link.get_text(strip=True) for link in soup.select("section.link-list li > a")]
    assert "Impressum" not in all_titles and "Themen A–Z" not in all_titles
    assert "Integrationspreis der Stadt Dortmund" in all_titles and "Rat der muslimischen Gemeinden" in all_titles


@pytest.mark.django_db
def test_content_pages_say_when_they_were_last_updated(client, integration_page):
    with freeze_time("2027-01-30 10:00:00+01:00"):
        page = TopicPageFactory(parent=integration_page, title="Neu")
        page.save_revision().publish()
    text = soup_of(client, page.url).select_one(".last-updated")
    assert " ".join(text.get_text(" ").split()) == "Zuletzt aktualisiert am 30. Januar 2027"
    assert text.time["datetime"] == "2027-01-30"


@pytest.fixture
def now():
    return timezone.now()


@pytest.mark.django_db
def test_a_scheduled_notice_shows_on_every_page_only_while_it_runs(client, now):
    SiteNotice.objects.create(
        title="Geschlossen am 24. Dezember", text="Das MIA-DO-KI ist an Heiligabend geschlossen.",
        starts=now + datetime.timedelta(days=1), ends=now + datetime.timedelta(days=2),
    )
    assert soup_of(client, "/").select_one(".site-notice") is None
    with freeze_time(now + datetime.timedelta(days=1, hours=1)):
        for path in ("/", "/themen/integration/", "/suche/?q=Integration"):
            notice = soup_of(client, path).select_one("main .site-notice")
            assert notice.select_one(".site-notice__title").get_text() == "Geschlossen am 24. Dezember"
    with freeze_time(now + datetime.timedelta(days=3)):
        assert soup_of(client, "/").select_one(".site-notice") is None


@pytest.mark.django_db
def test_a_notice_for_one_section_shows_only_there(client, now):
    SiteNotice.objects.create(
        title="Förderanträge bis Freitag", text="Bitte reichen Sie Ihre Anträge bis Freitag ein.", level="dringend",
        starts=now - datetime.timedelta(hours=1), ends=now + datetime.timedelta(hours=1),
        section=page_at("/themen/integration/foerderprogramme/"),
    )
    assert soup_of(client, "/themen/integration/foerderprogramme/integrationspreis/").select_one(
        ".site-notice--dringend .site-notice__title"
    ).get_text() == "Dringend: Förderanträge bis Freitag"
    assert soup_of(client, "/themen/integration/").select_one(".site-notice") is None
    assert soup_of(client, "/").select_one(".site-notice") is None


@pytest.mark.django_db
def test_an_edited_notice_appears_at_once_and_can_be_hidden_only_with_javascript(client, now):
    notice = SiteNotice.objects.create(
        title="Umzug", text="Wir ziehen um.", starts=now - datetime.timedelta(hours=1), ends=now + datetime.timedelta(days=1)
    )
    soup_of(client, "/")
    notice.title = "Umzug am Montag"
    notice.save()
    soup = soup_of(client, "/")
    assert soup.select_one(".site-notice__title").get_text() == "Umzug am Montag"
    # The notice is no heading before the page's h1.
    assert soup.select_one("main h1, main h2").name == "h1"
    # Without JavaScript there is no dead button; the script adds "Hinweis ausblenden".
    assert soup.select_one(".site-notice button") is None
    assert soup.find("script", src=lambda src: src and src.endswith("js/site-notice.js")) is not None


def test_a_notice_ending_before_it_starts_is_refused():
    from django.core.exceptions import ValidationError

    start = timezone.now()
    with pytest.raises(ValidationError) as error:
        SiteNotice(title="x", text="y", starts=start, ends=start - datetime.timedelta(minutes=1)).clean()
    assert error.value.message_dict["ends"] == ["Das Ende muss nach dem Beginn liegen."]


@pytest.mark.django_db
def test_a_bis_z_files_quoted_titles_under_their_first_letter_and_hides_drafts_and_private_pages(client, integration_page):
    TopicPageFactory(parent=integration_page, title="„Wir in Dortmund“ Projekt")
    TopicPageFactory(parent=integration_page, title="2025: Jahresbericht")
    TopicPageFactory(parent=integration_page, title="Wahlentwurf", live=False)
    private = TopicPageFactory(parent=integration_page, title="Wahlhelfer intern")
    private.view_restrictions.create(restriction_type="login")
    TopicPageFactory(parent=private, title="Wahlhelfer Liste")
    soup = soup_of(client, "/themen-a-z/")
    section_w = soup.find(id="buchstabe-w").parent
    assert [link.get_text(strip=True) for link in section_w.select("li > a")] == ["„Wir in Dortmund“ Projekt"]
    assert soup.find(id="buchstabe-0-9").get_text() == "0–9"
    assert [link.get_text() for link in soup.select("nav.letter-nav a")][0] == "0–9"
