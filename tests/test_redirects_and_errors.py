import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "old_path, new_path",
    [
        (
            "/themen/integration/staedtekooperation-integration.interkommunal/",
            "/themen/integration/staedtekooperation-integration-interkommunal/",
        ),
        (
            "/de/leben_in_dortmund/internationales/miado/aufgabenziele/index.html",
            "/themen/integration/schwerpunkte-der-arbeit/",
        ),
    ],
)
def test_old_dortmund_de_addresses_redirect_permanently(client, old_path, new_path):
    response = client.get(old_path)
    assert response.status_code == 301
    assert response["Location"].endswith(new_path)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_unknown_address_answers_with_a_german_404_page(client):
    response = client.get("/themen/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "<h1>Seite nicht gefunden</h1>" in html
    assert "Zur Startseite" in html
    assert "Not Found" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("method, path", [("post", "/robots.txt"), ("put", "/barriere-melden/"), ("delete", "/healthz")])
def test_a_method_an_address_does_not_take_gets_a_german_405_page(client, method, path):
    response = getattr(client, method)(path)
    html = response.content.decode()
    assert response.status_code == 405 and response.has_header("Allow")
    assert '<html lang="de">' in html and "Anfrage nicht möglich" in html
