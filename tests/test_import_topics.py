"""A city moves its old topic pages in with ``manage.py import_topics``: checked first, imported whole or not at all."""

import io
import json
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published

from pages.models import TopicPage
from pages.roles import EDITORS, OFFICE_STAFF
from tests.conftest import page_at
from topic_import.markdown_body import LinkError, convert_body

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "import-beispiel"
COURSES = "/themen/integration/sprachkurse-fuer-erwachsene/"
ADVICE = "/themen/integration/beratung-fuer-neuzugewanderte/"
PARENTS = COURSES + "sprachkurse-fuer-eltern/"
OLD_ADDRESS = "/de/leben_in_dortmund/internationales/miado/sprachkurse/index.html"


def import_topics(*args, source=SAMPLE):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_topics", str(source), "--parent", "/themen/integration/", *args, stdout=out, stderr=err)
    finally:
        import_topics.err = err.getvalue()
    return out.getvalue()


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username=username, password="Sicheres-Passwort-2027")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "redirects": Redirect.objects.count(),
        "references": ReferenceIndex.objects.count(),
        "log entries": PageLogEntry.objects.count(),
    }


def blocks(page):
    return [(block.block_type, block.value) for block in page.body]


@pytest.mark.django_db
def test_sample_becomes_drafts_with_a_revision_by_the_importing_editor(client, mia_do_ki):
    editor = user_in(EDITORS, "redakteurin")
    out = import_topics("--user", "redakteurin")

    assert "3 neu angelegt, 0 aktualisiert, 0 unverändert, 1 Weiterleitung." in out
    courses, advice, parents = page_at(COURSES), page_at(ADVICE), page_at(PARENTS)
    for path, page in ((COURSES, courses), (ADVICE, advice), (PARENTS, parents)):
        assert not page.live and page.has_unpublished_changes
        assert page.get_latest_revision().user == editor
        assert page.owner == editor
        assert client.get(path).status_code == 404  # a draft, not public before the review
    assert courses.get_parent().url_path.endswith("/themen/integration/")
    assert parents.get_parent().pk == courses.pk  # "übergeordnete_seite" names another imported page

    draft = courses.get_latest_revision_as_object()
    assert draft.search_description.startswith("Wo Erwachsene in Dortmund Deutsch lernen können")
    assert draft.responsible_office_id == mia_do_ki.pk
    headings = [(value["level"], value["text"]) for kind, value in blocks(draft) if kind == "heading"]
    assert headings == [
        ("h2", "Kursarten"),
        ("h3", "Integrationskurse"),
        ("h3", "Berufssprachkurse"),
        ("h2", "Den passenden Kurs finden"),
    ]
    texts = [value.source for kind, value in blocks(draft) if kind == "text"]
    assert "<li>als Kurs für Eltern, mit Kinderbetreuung während des Unterrichts</li>" in texts[1]
    assert f'<a id="{advice.pk}" linktype="page">Beratung für Neuzugewanderte</a>' in texts[-1]
    quote = dict(blocks(draft))["quote"]
    assert quote["source"] == "Teilnehmerin eines Integrationskurses für Eltern"
    related = list(draft.related_links)
    assert related[0].value["page"].url_path.endswith("/gremien/sprachfoerderung-vernetzungstreffen/")
    assert related[1].value["url"].startswith("https://www.bamf.de/")
    assert parents.get_latest_revision_as_object().short_title == "Kurse für Eltern"


@pytest.mark.django_db
def test_published_import_shows_body_office_box_related_links_and_the_old_address_redirects(client, admin_user):
    out = import_topics("--user", admin_user.username, "--publish")

    assert "Themenseiten importiert (veröffentlicht)" in out
    response = client.get(COURSES)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="kursarten"' in html or ">Kursarten</h2>" in html
    assert f'href="{ADVICE}">Beratung für Neuzugewanderte</a>' in html
    assert "Anschrift und Erreichbarkeit" in html
    assert "Kommunales Integrationszentrum Dortmund (MIA-DO-KI)" in html
    assert "Sprachförderung – Vernetzungstreffen" in html  # "Mehr zum Thema", from the target page
    assert "Integrationskurse beim BAMF" in html
    assert "Sprachkurse für Eltern" in html  # the index of child topics
    assert "Im Kurs habe ich nicht nur Deutsch gelernt" in html
    assert page_at(COURSES).live_revision.user == admin_user

    redirect = client.get(OLD_ADDRESS)
    assert redirect.status_code == 301
    assert redirect["Location"].endswith(COURSES)


@pytest.mark.django_db
def test_a_second_import_refuses_existing_pages_and_update_revises_only_changed_files(tmp_path, admin_user):
    source = tmp_path / "import"
    shutil.copytree(SAMPLE, source)
    import_topics("--user", admin_user.username, source=source)
    before = counts()

    with pytest.raises(CommandError, match="Nichts importiert: 3 Fehler"):
        import_topics("--user", admin_user.username, source=source)
    assert (
        f"{source}/sprachkurse-fuer-erwachsene.md, Zeile 2: Unter {COURSES} gibt es bereits die Seite "
        "„Sprachkurse für Erwachsene“. Mit --update wird sie aktualisiert (neue Revision)."
    ) in import_topics.err
    assert counts() == before

    out = import_topics("--user", admin_user.username, "--update", source=source)
    assert "0 neu angelegt, 0 aktualisiert, 3 unverändert" in out
    assert counts() == before

    changed = source / "beratung-fuer-neuzugewanderte.md"
    text = changed.read_text(encoding="utf-8").replace("kostenlos und", "kostenlos, mehrsprachig und")
    changed.write_text(text, encoding="utf-8")
    out = import_topics("--user", admin_user.username, "--update", source=source)
    assert "0 neu angelegt, 1 aktualisiert, 2 unverändert" in out
    advice = page_at(ADVICE)
    assert advice.revisions.count() == 2
    assert "mehrsprachig" in advice.get_latest_revision_as_object().body[0].value.source
    assert not advice.live  # still a draft for the editors to submit


LONG_TEASER = (
    "Kinder lernen in Dortmunder Kitas Deutsch im Alltag, beim Spielen, Singen und Vorlesen, "
    "begleitet von Fachkräften, die jedes Kind in seiner Sprachentwicklung beobachten, die Familien "
    "beraten, mit Grundschulen zusammenarbeiten und dafür sorgen, dass die Herkunftssprachen der "
    "Kinder im Kita-Alltag sichtbar bleiben und wertgeschätzt werden."
)

BROKEN_KITA = """---
titel: Sprachförderung in der Kita
teaser: {teaser}
zuständige_stelle: Sozialamt
einleitun: Sprache öffnet Türen.
mehr_zum_thema:
  - /themen/integration/gibt-es-nicht/
---
# Sprachförderung

Mehr bei der [Beratung](/themen/integration/beratung/).

| Alter | Angebot |
|-------|---------|
| 3     | Kita    |

![Kinder beim Vorlesen](vorlesen.jpg)
""".format(teaser=LONG_TEASER)

BROKEN_DATES = """---
titel: Termine der Sprachcafés
teaser: Wann und wo sich Lernende zum Sprechen treffen.
ort: Dietrich-Keuning-Haus: Leopoldstraße 50-58
---
Text.
"""


@pytest.mark.django_db
def test_broken_files_are_refused_with_every_problem_in_german_and_nothing_is_imported(tmp_path, admin_user):
    source = tmp_path / "themen"
    shutil.copytree(SAMPLE, source)  # valid files in the same run are not imported either
    (source / "kita.md").write_text(BROKEN_KITA, encoding="utf-8")
    (source / "termine.md").write_text(BROKEN_DATES, encoding="utf-8")
    before = counts()

    with pytest.raises(CommandError, match="Nichts importiert: 9 Fehler"):
        import_topics("--user", admin_user.username, "--publish", source=source)

    kita, dates = f"{source}/kita.md", f"{source}/termine.md"
    assert import_topics.err.splitlines() == [
        f"{kita}, Zeile 3: Der Teaser ist ein einzelner Satz ohne Zeilenumbruch mit höchstens 300 Zeichen (hier 339).",
        f"{kita}, Zeile 4: Unbekannte zuständige Stelle „Sozialamt“. Angeben lässt sich der Kurzname "
        "(z. B. „MIA-DO-KI“), der Name oder der Pfad der Stelle.",
        f"{kita}, Zeile 5: Unbekannte Angabe „einleitun“. Meinten Sie „einleitung“?",
        f"{kita}, Zeile 7: Keine Seite unter /themen/integration/gibt-es-nicht/.",
        f"{kita}, Zeile 9: Eine Überschrift mit einem # ist der Seitentitel: bitte den Titel unter „titel“ angeben und "
        "im Text ## oder ### verwenden.",
        f"{kita}, Zeile 11: Keine Seite unter /themen/integration/beratung/.",
        f"{kita}, Zeile 13: Tabellen lassen sich nicht übernehmen: bitte als Aufzählung schreiben oder die Tabelle als "
        "PDF hochladen und nach dem Import als Download anhängen.",
        f"{kita}, Zeile 17: Bilder lassen sich nicht importieren: Bitte laden Sie das Bild in die Mediathek hoch und "
        "fügen Sie es nach dem Import im Admin als Block „Bild“ ein.",
        f"{dates}, Zeile 4: Der Vorspann ist kein gültiges YAML (mapping values are not allowed here). Enthält ein "
        "Wert einen Doppelpunkt, setzen Sie ihn in Anführungszeichen.",
    ]
    assert counts() == before
    assert not TopicPage.objects.filter(slug="sprachkurse-fuer-erwachsene").exists()


@pytest.mark.django_db
def test_a_failure_during_the_import_rolls_back_the_pages_already_created(admin_user):
    def failing_purge(sender, instance, **kwargs):
        if instance.slug == "sprachkurse-fuer-eltern":
            raise RuntimeError("Cache nicht erreichbar")

    before = counts()
    page_published.connect(failing_purge)
    try:
        with pytest.raises(CommandError, match="Import abgebrochen, nichts wurde gespeichert: Cache nicht erreichbar"):
            import_topics("--user", admin_user.username, "--publish")
    finally:
        page_published.disconnect(failing_purge)
    assert counts() == before


@pytest.mark.django_db
def test_dry_run_checks_everything_and_saves_nothing(admin_user):
    before = counts()
    out = import_topics("--user", admin_user.username, "--publish", "--dry-run")
    assert "Probelauf ohne Fehler, nichts gespeichert: 3 neu angelegt" in out
    assert counts() == before


@pytest.mark.django_db
def test_a_user_without_rights_under_the_parent_cannot_import():
    user_in(OFFICE_STAFF, "standortpflege")
    with pytest.raises(CommandError):
        import_topics("--user", "standortpflege")
    assert "„standortpflege“ darf Seiten unter /startseite/themen/integration/ nicht anlegen." in import_topics.err


@pytest.mark.django_db
def test_queries_grow_linearly_with_the_number_of_pages(tmp_path, admin_user):
    def queries_for(count):
        source = tmp_path / f"seiten-{count}"
        source.mkdir()
        for number in range(count):
            (source / f"seite-{number}.md").write_text(
                f"---\ntitel: Stadtteil {count}-{number}\nteaser: Angebote im Stadtteil.\n"
                "zuständige_stelle: MIA-DO-KI\n"
                f"mehr_zum_thema:\n  - /themen/integration/schwerpunkte-der-arbeit/\n---\n## Angebote\n\n"
                f"Siehe [Schwerpunkte](/themen/integration/schwerpunkte-der-arbeit/).\n",
                encoding="utf-8",
            )
        with CaptureQueriesContext(connection) as queries:
            import_topics("--user", admin_user.username, "--dry-run", source=source)
        return len(queries)

    two, four, eight = queries_for(2), queries_for(4), queries_for(8)
    assert eight - four == 2 * (four - two)


def test_markdown_lists_right_under_a_paragraph_and_mail_links_become_rich_text():
    def resolve(path):
        raise LinkError(f"Keine Seite unter {path}.")

    data, problems = convert_body(
        "Sprechzeiten nach Vereinbarung:\n- per E-Mail an [integration@dortmund.de](mailto:integration@dortmund.de)\n"
        "- telefonisch\n\nSchreiben Sie *gern* auch auf Englisch.",
        lambda offset: offset + 1,
        resolve,
    )
    assert problems == []
    assert data == [
        {
            "type": "text",
            "value": '<p>Sprechzeiten nach Vereinbarung:</p><ul><li>per E-Mail an '
            '<a href="mailto:integration@dortmund.de">integration@dortmund.de</a></li><li>telefonisch</li></ul>'
            "<p>Schreiben Sie <em>gern</em> auch auf Englisch.</p>",
        }
    ]


@pytest.mark.django_db
def test_a_json_list_naming_one_address_twice_and_an_unknown_parent_is_refused(tmp_path, admin_user):
    pages = [
        {"titel": "Willkommen in Dortmund", "teaser": "Erste Schritte für Neuzugewanderte."},
        {"titel": "Willkommen in Dortmund", "teaser": "Noch einmal dieselbe Seite."},
        {"titel": "Ehrenamt", "teaser": "Wie man sich engagieren kann.", "übergeordnete_seite": "/themen/ehrenamt/"},
    ]
    source = tmp_path / "seiten.json"
    source.write_text(json.dumps(pages, ensure_ascii=False, indent=2), encoding="utf-8")

    with pytest.raises(CommandError, match="Nichts importiert: 2 Fehler"):
        import_topics("--user", admin_user.username, source=source)
    assert import_topics.err.splitlines() == [
        f"{source}, Zeile 7: Die Adresse /themen/integration/willkommen-in-dortmund/ hat schon {source}, Zeile 2; "
        "bitte ein anderes „kürzel“ angeben.",
        f"{source}, Zeile 13: Unbekannte übergeordnete Seite /themen/ehrenamt/.",
    ]
