"""Review dates ("Nächste Überprüfung"): set on first publication, confirmed in one action, listed in a report."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time
from wagtail.models import Page, PageLogEntry, Revision

from pages.roles import EDITORS, OFFICE_STAFF
from programs.models import FundingProgramPage
from reviews.models import PageReview
from tests.conftest import page_at
from tests.factories import FundingProgramPageFactory, OfficePageFactory, TopicPageFactory

TODAY = "2027-01-30 10:00"
TOPIC = "/themen/integration/schwerpunkte-der-arbeit/"
PROGRAMS = "/themen/integration/foerderprogramme/"
VERWALTUNG = "/rathaus/verwaltung/"
REPORT = "/admin/berichte/ueberpruefung/"


def day(text):
    return datetime.date.fromisoformat(text)


def user_in(group_name, username, first_name="Erika", last_name="Mustermann"):
    user = get_user_model().objects.create_user(
        username=username, first_name=first_name, last_name=last_name, password="Sicheres-Passwort-2027"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return user, client


def confirm_url(page):
    return reverse("reviews_confirm", args=[page.pk])


def review_on(page, date):
    """Give ``page`` the review date ``date`` (``"2027-01-29"``)."""
    PageReview.objects.update_or_create(page_id=page.pk, defaults={"next_review": day(date)})


@pytest.fixture
def today(db):
    """Today is 30 January 2027; users log in after the clock is set, so their sessions are fresh."""
    with freeze_time(TODAY):
        yield day("2027-01-30")


@pytest.fixture
def admin(today, admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture
def nothing_due(db):
    """The seed pages' dates are pushed far ahead, so that each test decides which pages are due."""
    PageReview.objects.create_missing()
    PageReview.objects.update(next_review=day("2030-01-01"))


def report_html(client, query=""):
    response = client.get(REPORT + query)
    assert response.status_code == 200
    return response.content.decode()


def listed(client, query=""):
    """The titles of the report's rows, in their order."""
    title_links = r'<td class="title">.*?<a href="/admin/pages/\d+/edit/">\s*(.*?)\s*</a>'
    return re.findall(title_links, report_html(client, query), re.S)


# --- review dates -----------------------------------------------------------------


@pytest.mark.django_db
def test_first_publication_sets_the_review_date_of_the_page_type(today, admin_user, integration_page):
    topic = TopicPageFactory(parent=integration_page, title="Einbürgerung", live=False)
    program = FundingProgramPageFactory(parent=page_at(PROGRAMS), title="Quartiersfonds", live=False)
    office = OfficePageFactory(parent=page_at(VERWALTUNG), title="Einbürgerungsbehörde", live=False)
    for page in (topic, program, office):
        assert not PageReview.objects.filter(page=page).exists()
        page.save_revision(user=admin_user).publish()

    assert PageReview.objects.get(page=topic).next_review == day("2028-01-30")  # 12 months
    assert PageReview.objects.get(page=program).next_review == day("2027-04-30")  # funding programs: 3 months
    assert PageReview.objects.get(page=office).next_review == day("2027-07-30")  # offices: 6 months


@pytest.mark.django_db
def test_a_later_publication_keeps_the_review_date(admin_user, integration_page):
    with freeze_time(TODAY):
        page = TopicPageFactory(parent=integration_page, title="Einbürgerung", live=False)
        page.save_revision(user=admin_user).publish()
    with freeze_time("2027-06-01 09:00"):
        page.title = "Einbürgerung in Dortmund"
        page.save_revision(user=admin_user).publish()
    assert PageReview.objects.get(page=page).next_review == day("2028-01-30")


@pytest.mark.django_db
def test_the_thirty_first_becomes_the_last_day_of_a_shorter_month(admin_user):
    with freeze_time("2027-11-30 10:00"):
        program = FundingProgramPageFactory(parent=page_at(PROGRAMS), live=False)
        program.save_revision(user=admin_user).publish()
    assert PageReview.objects.get(page=program).next_review == day("2028-02-29")


@pytest.mark.django_db
def test_the_editor_shows_the_next_review_date(admin):
    page = page_at(TOPIC)
    review_on(page, "2027-03-15")
    html = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Nächste Überprüfung: 15. März 2027" in html
    assert confirm_url(page) in html  # the header button and the panel lead to the confirmation
    assert "Inhalt ist aktuell" in html


# --- confirming ---------------------------------------------------------------------


@pytest.mark.django_db
def test_confirming_moves_the_date_without_a_new_revision(admin, admin_user):
    page = page_at(TOPIC)
    review_on(page, "2027-01-02")
    before = Page.objects.values("latest_revision_id", "live_revision_id", "last_published_at", "title").get(pk=page.pk)
    revisions = Revision.objects.count()

    response = admin.post(confirm_url(page), {"next": REPORT}, follow=True)

    assert response.redirect_chain[-1][0] == REPORT
    assert "ist als aktuell bestätigt. Nächste Überprüfung: 30. Januar 2028." in response.content.decode()
    review = PageReview.objects.get(page=page)
    assert review.next_review == day("2028-01-30")
    assert review.last_confirmed_by == admin_user
    assert review.last_confirmed_at.date() == day("2027-01-30")
    assert Revision.objects.count() == revisions
    assert Page.objects.values(*before).get(pk=page.pk) == before
    assert PageLogEntry.objects.filter(page=page, action="reviews.confirm", user=admin_user).exists()
    history = admin.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Inhalt als aktuell bestätigt, nächste Überprüfung: 30. Januar 2028" in history


@pytest.mark.django_db
def test_an_editor_confirms_with_a_date_of_their_choice(today):
    page = page_at(TOPIC)
    review_on(page, "2027-01-02")
    _, client = user_in(EDITORS, "redakteurin")
    form = client.get(confirm_url(page)).content.decode()
    assert "Nächste Überprüfung: 2. Januar 2027" in form
    assert "30. Januar 2028" in form  # the default it offers
    # A plain field for a typed date: Wagtail's picker silently replaced a mistyped date with its own.
    assert 'placeholder="TT.MM.JJJJ"' in form and "initDateChooser" not in form

    response = client.post(confirm_url(page), {"next_review": "15.03.2027"})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert PageReview.objects.get(page=page).next_review == day("2027-03-15")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "date, error",
    [
        ("29.01.2027", "Das Datum liegt in der Vergangenheit."),
        ("30.01.2031", "Bitte wählen Sie einen Tag in den nächsten 3 Jahren"),
        ("31.02.2027", "Bitte ein gültiges Datum eingeben."),
        ("banane", "Bitte ein gültiges Datum eingeben."),
    ],
)
def test_a_date_in_the_past_is_refused_with_a_german_error(admin, date, error):
    page = page_at(TOPIC)
    review_on(page, "2027-01-02")
    response = admin.post(confirm_url(page), {"next_review": date})
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert f'value="{date}"' in html  # what the editor typed stays, for correcting it
    assert PageReview.objects.get(page=page).next_review == day("2027-01-02")


@pytest.mark.django_db
def test_office_staff_may_not_confirm_a_topic_page(mia_do_ki):
    page = page_at(TOPIC)
    review_on(page, "2027-01-02")
    _, client = user_in(OFFICE_STAFF, "standortpflege")

    refused = client.post(confirm_url(page))
    assert refused.status_code == 403
    assert "Keine Berechtigung" in refused.content.decode()
    assert client.get(confirm_url(page)).status_code == 403
    assert PageReview.objects.get(page=page).next_review == day("2027-01-02")
    assert PageReview.objects.get(page=page).last_confirmed_by is None
    # Their own office they may confirm.
    assert client.post(confirm_url(mia_do_ki)).status_code == 302


@pytest.mark.django_db
def test_confirming_a_page_without_review_date_or_that_does_not_exist_is_a_404(admin):
    assert admin.post(reverse("reviews_confirm", args=[999999])).status_code == 404
    root = Page.get_first_root_node()
    assert admin.post(confirm_url(root)).status_code == 404


# --- the report -----------------------------------------------------------------------


@pytest.fixture
def due_pages(nothing_due, integration_page):
    """One overdue page, one due in ten days and one due in two months (today is 30 January 2027)."""
    pages = {
        "overdue": TopicPageFactory(parent=integration_page, title="Sprachkurse für Eltern"),
        "soon": TopicPageFactory(parent=integration_page, title="Anerkennung ausländischer Abschlüsse"),
        "later": TopicPageFactory(parent=integration_page, title="Wohnen in Dortmund"),
    }
    review_on(pages["overdue"], "2027-01-10")
    review_on(pages["soon"], "2027-02-09")
    review_on(pages["later"], "2027-03-30")
    return pages


@pytest.mark.django_db
def test_the_report_lists_overdue_and_soon_due_pages(admin, due_pages):
    html = report_html(admin)
    assert "Seiten zur Überprüfung" in html
    assert "10. Januar 2027" in html and "überfällig" in html
    assert listed(admin) == ["Sprachkurse für Eltern", "Anerkennung ausländischer Abschlüsse"]
    assert html.count(">Inhalt ist aktuell<") == 2

    assert listed(admin, "?due=ueberfaellig") == ["Sprachkurse für Eltern"]
    assert listed(admin, "?due=bald") == ["Anerkennung ausländischer Abschlüsse"]
    everything = listed(admin, "?due=alle")
    assert "Wohnen in Dortmund" in everything
    assert len(everything) == PageReview.objects.filter(page__live=True).count()


@pytest.mark.django_db
def test_the_report_confirms_a_row_and_returns_to_the_same_view(admin, due_pages):
    page = due_pages["overdue"]
    html = report_html(admin, "?due=ueberfaellig")
    assert f'<input type="hidden" name="next" value="{REPORT}?due=ueberfaellig">' in html
    assert 'name="csrfmiddlewaretoken" value="None"' not in html

    response = admin.post(confirm_url(page), {"next": REPORT + "?due=ueberfaellig"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == REPORT + "?due=ueberfaellig"
    assert "„Sprachkurse für Eltern“ ist als aktuell bestätigt. Nächste Überprüfung: 30. Januar 2028." in html
    assert "Keine Seite ist in diesem Zeitraum zur Überprüfung fällig." in html


@pytest.mark.django_db
def test_the_report_filters_by_responsible_office_and_page_type(admin, due_pages, integration_page, mia_do_ki):
    office = OfficePageFactory(parent=page_at(VERWALTUNG), title="Ausländerbehörde Dortmund")
    section = TopicPageFactory(parent=integration_page, title="Aufenthalt", responsible_office=office)
    child = TopicPageFactory(parent=section, title="Aufenthaltstitel verlängern")  # inherits the office
    program = FundingProgramPageFactory(parent=page_at(PROGRAMS), title="Quartiersfonds Nordstadt")
    for page in (office, section, child, program):
        review_on(page, "2027-01-20")

    assert sorted(listed(admin, f"?office={office.pk}")) == [
        "Aufenthalt", "Aufenthaltstitel verlängern", "Ausländerbehörde Dortmund"
    ]
    assert listed(admin, f"?office={mia_do_ki.pk}&ordering=title") == [
        "Anerkennung ausländischer Abschlüsse", "Quartiersfonds Nordstadt", "Sprachkurse für Eltern"
    ]
    # The column names each row's office, inherited or its own.
    html = report_html(admin, f"?office={office.pk}")
    assert html.count("<td >\n    Ausländerbehörde Dortmund\n</td>") == 3

    program_type = ContentType.objects.get_for_model(FundingProgramPage)
    assert listed(admin, f"?content_type={program_type.pk}") == ["Quartiersfonds Nordstadt"]


@pytest.mark.django_db
def test_the_report_sorts_by_date_and_by_title(admin, due_pages):
    by_date = ["Sprachkurse für Eltern", "Anerkennung ausländischer Abschlüsse"]
    assert listed(admin) == by_date
    assert listed(admin, "?ordering=-next_review") == by_date[::-1]
    assert listed(admin, "?ordering=title") == sorted(by_date)
    assert listed(admin, "?ordering=-title") == sorted(by_date, reverse=True)


@pytest.mark.django_db
def test_the_report_exports_csv_and_xlsx_with_german_headings(admin, due_pages):
    response = admin.get(REPORT + "?export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="seiten-zur-ueberpruefung-2027-01-30.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Titel", "Seitentyp", "Zuständige Stelle", "Nächste Überprüfung", "Stand", "Zuletzt bestätigt am",
        "Zuletzt bestätigt von",
    ]
    assert rows[1][:5] == [
        "Sprachkurse für Eltern", "Themenseite", "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)", "2027-01-10",
        "überfällig",
    ]
    assert [row[0] for row in rows[1:]] == ["Sprachkurse für Eltern", "Anerkennung ausländischer Abschlüsse"]

    response = admin.get(REPORT + "?export=xlsx&due=alle&ordering=title")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][:4] == ("Titel", "Seitentyp", "Zuständige Stelle", "Nächste Überprüfung")
    by_title = {row[0]: row for row in values[1:]}
    assert str(by_title["Wohnen in Dortmund"][3])[:10] == "2027-03-30"  # a date cell, not text
    assert by_title["Wohnen in Dortmund"][4] == "nicht fällig"
    assert page_at("/").title in by_title  # "alle" lists every content page, the seed's too


@pytest.mark.django_db
def test_the_report_lists_only_pages_the_user_may_edit(today, due_pages, mia_do_ki):
    review_on(mia_do_ki, "2027-01-15")
    _, editor = user_in(EDITORS, "redakteur")
    _, office_staff = user_in(OFFICE_STAFF, "standortpflege")

    assert listed(editor) == ["Sprachkurse für Eltern", "Anerkennung ausländischer Abschlüsse"]
    assert listed(office_staff) == [mia_do_ki.title]
    # Both find the report in the menu.
    assert reverse("reviews_report") in editor.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_report_needs_a_constant_number_of_queries(
    admin, nothing_due, integration_page, django_assert_max_num_queries
):
    office = OfficePageFactory(parent=page_at(VERWALTUNG), title="Ausländerbehörde Dortmund")

    def add_pages(count):
        section = TopicPageFactory(parent=integration_page, responsible_office=office)
        for page in [section] + [TopicPageFactory(parent=section) for _ in range(count)]:
            review_on(page, "2027-01-20")

    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(REPORT + query).status_code == 200
        return len(captured)

    add_pages(2)
    few = {query: queries(query) for query in ("", f"?office={office.pk}", "?export=csv", "?export=xlsx")}
    add_pages(40)
    for query, count in few.items():
        with django_assert_max_num_queries(count):
            admin.get(REPORT + query)
    with django_assert_max_num_queries(30):
        admin.get(REPORT)


# --- the dashboard ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_dashboard_shows_the_editors_own_overdue_pages(today, nothing_due, integration_page):
    editor, client = user_in(EDITORS, "redakteurin")
    owned = TopicPageFactory(parent=integration_page, title="Sprachkurse für Eltern", owner=editor)
    edited = TopicPageFactory(parent=integration_page, title="Wohnen in Dortmund")
    edited.save_revision(user=editor)
    others = TopicPageFactory(parent=integration_page, title="Anerkennung ausländischer Abschlüsse")
    not_yet = TopicPageFactory(parent=integration_page, title="Einbürgerung", owner=editor)
    for page in (owned, edited, others):
        review_on(page, "2027-01-10")
    review_on(not_yet, "2027-02-10")

    html = client.get("/admin/").content.decode()

    assert "Meine Seiten zur Überprüfung" in html
    assert "Sprachkurse für Eltern" in html and "Wohnen in Dortmund" in html
    assert "Anerkennung ausländischer Abschlüsse" not in html and "Einbürgerung" not in html
    assert "10. Januar 2027" in html and confirm_url(owned) in html


@pytest.mark.django_db
def test_the_dashboard_says_so_when_nothing_is_overdue(today, nothing_due):
    _, client = user_in(EDITORS, "redakteurin")
    html = client.get("/admin/").content.decode()
    assert "Keine Ihrer Seiten ist überfällig" in html
