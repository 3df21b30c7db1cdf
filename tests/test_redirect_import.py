"""Editors manage redirects in the admin; a CSV of old dortmund.de addresses is imported by a command."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect

from pages.roles import EDITORS
from tests.conftest import page_at
from tests.test_roles import user_in

CSV = Path(__file__).resolve().parent.parent / "fixtures" / "redirects-dortmund-de.csv"


@pytest.mark.django_db
def test_old_dortmund_de_addresses_are_imported_from_csv_and_answer_301(client, tmp_path):
    Redirect.objects.all().delete()
    rows = CSV.read_text(encoding="utf-8") + (
        "https://www.dortmund.de/de/leben_in_dortmund/internationales/miado/index.html,/gibt-es-nicht/\n"
        "/alt/kampagne/,https://www.dortmund.de/themen/integration/kampagne-wir-alle-sind-dortmund/\n"
    )
    source = tmp_path / "alte-adressen.csv"
    source.write_text(rows, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_old_urls", str(source), stdout=out, stderr=err)
    assert "3 neu angelegt, 0 aktualisiert, 1 übersprungen" in out.getvalue()
    assert "Zeile 4: Keine veröffentlichte Seite unter /gibt-es-nicht/." in err.getvalue()

    response = client.get("/de/leben_in_dortmund/internationales/miado/aufgabenziele/index.html")
    assert response.status_code == 301
    assert response["Location"].endswith("/themen/integration/schwerpunkte-der-arbeit/")
    assert client.get("/alt/kampagne/")["Location"].startswith("https://www.dortmund.de/")

    call_command("import_old_urls", str(source), stdout=out, stderr=err)
    assert Redirect.objects.count() == 3
    assert "0 neu angelegt, 3 aktualisiert" in out.getvalue()


@pytest.mark.django_db
def test_a_semicolon_file_from_a_german_spreadsheet_imports_and_bad_rows_are_named(tmp_path):
    Redirect.objects.all().delete()
    source = tmp_path / "excel.csv"
    source.write_text(
        "Alte Adresse;Neue Adresse\n"
        "/alt/rat/;/themen/integration/gremien/integrationsrat/\n"
        "/alt/leer/;\n"
        "/" + "x" * 300 + ";/themen/\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_old_urls", str(source), stdout=out, stderr=err)
    assert "1 neu angelegt, 0 aktualisiert, 2 übersprungen" in out.getvalue()
    assert "Zeile 3: Es fehlt die alte oder die neue Adresse." in err.getvalue()
    assert "Zeile 4: Die alte Adresse ist länger als 255 Zeichen." in err.getvalue()


@pytest.mark.django_db
def test_an_imported_redirect_follows_the_page_when_it_moves(client):
    Redirect.objects.all().delete()
    call_command("import_old_urls", str(CSV), stdout=io.StringIO())
    page = page_at("/themen/integration/schwerpunkte-der-arbeit/")
    page.slug = "arbeitsschwerpunkte-des-mia-do-ki"
    page.save_revision().publish()
    response = client.get("/de/leben_in_dortmund/internationales/miado/aufgabenziele/index.html")
    assert response["Location"].endswith("/themen/integration/arbeitsschwerpunkte-des-mia-do-ki/")


@pytest.mark.django_db
def test_editors_add_a_redirect_in_the_admin(client):
    user_in(EDITORS, client)
    target = page_at("/themen/integration/gremien/integrationsrat/")
    response = client.post(
        "/admin/redirects/add/",
        {"old_path": "/integrationsrat/", "redirect_page": target.pk, "redirect_link": "", "is_permanent": "on", "site": ""},
    )
    assert response.status_code == 302
    client.logout()
    response = client.get("/integrationsrat/")
    assert response.status_code == 301 and response["Location"].endswith(target.url)
