"""Uploads through the real admin views, and how documents and media files are served.

The files are built here: Pillow for images, zipfile for Office, OpenDocument and archives, a minimal PDF.
"""

import io
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from pages.models import PortalImage
from pages.roles import EDITORS
from tests.factories import PortalImageFactory

Document = get_document_model()

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b'<script>alert(document.cookie)</script><circle cx="20" cy="20" r="18" fill="#c00"/></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script>Bericht 2027</body></html>"
# The start of a Windows program.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"

OFFICE_MAIN_PARTS = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}


def image_bytes(fmt="PNG", size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode == "RGB" else 1).save(buffer, fmt)
    return buffer.getvalue()


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def office_bytes(extension, macros=False):
    part, content_type = OFFICE_MAIN_PARTS[extension]
    if macros:
        content_type = content_type.replace(".main+xml", ".macroEnabled.main+xml")
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'
    )
    members = {"[Content_Types].xml": content_types, "_rels/.rels": "<Relationships/>", part: "<xml/>"}
    if macros:
        members[part.split("/")[0] + "/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"
    return zip_bytes(members)


def opendocument_bytes(kind):
    return zip_bytes({"mimetype": f"application/vnd.oasis.opendocument.{kind}", "content.xml": "<office:document/>"})


VALID_DOCUMENTS = {
    "richtlinie.pdf": PDF,
    "antrag.docx": office_bytes("docx"),
    "haushalt.xlsx": office_bytes("xlsx"),
    "vortrag.pptx": office_bytes("pptx"),
    "protokoll.odt": opendocument_bytes("text"),
    "teilnehmende.ods": opendocument_bytes("spreadsheet"),
    "hinweise.txt": "Öffnungszeiten: Montag bis Freitag, 8–16 Uhr. Straße des Friedens.".encode(),
    # As Excel on Windows exports it: Windows-1252, semicolons.
    "träger.csv": "Träger;Straße;Ort\nGrünbau gGmbH;Münsterstraße 1;Dortmund\n".encode("cp1252"),
    "formulare.zip": zip_bytes({"antrag.pdf": PDF, "hinweise.txt": "Bitte vollständig ausfüllen."}),
}


def media_files(settings):
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(username="redakteurin", password="Sicheres-Passwort-2027")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


@pytest.fixture
def superuser(client):
    user = get_user_model().objects.create_superuser(username="chefin", password="Sicheres-Passwort-2027")
    client.force_login(user)
    return client


def add_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Förderrichtlinie", "file": SimpleUploadedFile(name, content), "collection": root_collection().pk},
    )


def add_image(client, name, content):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Friedensplatz",
            "file": SimpleUploadedFile(name, content),
            "description": "Der Friedensplatz mit dem alten Stadthaus",
            "collection": root_collection().pk,
        },
    )


def root_collection():
    return Collection.get_first_root_node()


# --- Images ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, fmt", [("friedensplatz.jpg", "JPEG"), ("stadtplan.png", "PNG"), ("phoenixsee.webp", "WEBP")]
)
def test_editor_uploads_photos(editor, name, fmt):
    response = add_image(editor, name, image_bytes(fmt))
    assert response.status_code == 302
    image = PortalImage.objects.get(title="Friedensplatz")
    assert image.file.read(4) == image_bytes(fmt)[:4]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("logo.svg", SVG, "Nicht unterstütztes Bildformat. Unterstützte Bildformate: JPG, JPEG, PNG, WEBP, AVIF."),
        ("logo.png", SVG, "Kein gültiges .png-Bild. Die Erweiterung stimmt nicht mit dem Dateiformat überein (svg)"),
        ("foto.jpg", image_bytes("PNG"), "Kein gültiges .jpeg-Bild. Die Erweiterung stimmt nicht mit dem Dateiformat"),
        ("seite.png", HTML, "Kein gültiges .png-Bild"),
        # A decompression bomb: 7000 × 6000 pixels in a few kilobytes.
        ("luftbild.png", image_bytes("PNG", (7000, 6000), mode="1"), "Dieses Bild hat zu viele Pixel (42000000)"),
    ],
    ids=["svg", "svg-as-png", "png-as-jpg", "html-as-png", "decompression-bomb"],
)
def test_images_that_are_not_what_they_claim_are_refused(editor, settings, name, content, message):
    before, files = PortalImage.objects.count(), media_files(settings)
    response = add_image(editor, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PortalImage.objects.count() == before
    assert media_files(settings) == files


@pytest.mark.django_db
def test_image_over_the_size_limit_gets_a_german_form_error(editor, settings):
    photo = image_bytes("PNG", (300, 300))
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(photo) - 1
    before, files = PortalImage.objects.count(), media_files(settings)
    response = add_image(editor, "rathaus.png", photo)
    assert response.status_code == 200
    assert "Die Datei ist zu groß" in response.content.decode()
    assert PortalImage.objects.count() == before
    assert media_files(settings) == files


# --- Documents ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", VALID_DOCUMENTS)
def test_editor_uploads_every_allowed_document_type(editor, name):
    response = add_document(editor, name, VALID_DOCUMENTS[name])
    assert response.status_code == 302
    assert Document.objects.get(title="Förderrichtlinie").file.read() == VALID_DOCUMENTS[name]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [
        ("bericht.pdf", HTML, "„bericht.pdf“ ist keine PDF-Datei. Bitte laden Sie die Datei in ihrem tatsächlichen "
                              "Format hoch."),
        ("antrag.docx", EXE, "„antrag.docx“ ist keine Word-Datei."),
        ("antrag.docx", office_bytes("xlsx"), "„antrag.docx“ ist keine Word-Datei."),
        ("antrag.docx", office_bytes("docx", macros=True), "„antrag.docx“ enthält Makros."),
        ("haushalt.xlsx", opendocument_bytes("spreadsheet"), "„haushalt.xlsx“ ist keine Excel-Datei."),
        ("antrag.docm", office_bytes("docx", macros=True), "Dateiendung „docm“ ist nicht erlaubt."),
        ("tabelle.ods", opendocument_bytes("text"), "„tabelle.ods“ ist keine OpenDocument-Tabelle."),
        ("liste.csv", image_bytes("PNG"), "„liste.csv“ ist keine CSV-Datei."),
        ("hinweise.txt", "Hinweise".encode("utf-16"), "„hinweise.txt“ ist keine Textdatei."),
        ("formulare.zip", PDF, "„formulare.zip“ ist kein ZIP-Archiv."),
        ("formulare.zip", zip_bytes({"antrag.pdf": PDF, "setup.exe": EXE}), "„formulare.zip“ enthält Programme"),
        ("seite.html", HTML, "Dateiendung „html“ ist nicht erlaubt."),
    ],
    ids=[
        "html-as-pdf", "exe-as-docx", "xlsx-as-docx", "docx-with-macros", "ods-as-xlsx", "docm", "odt-as-ods",
        "png-as-csv", "utf16-as-txt", "pdf-as-zip", "zip-with-exe", "html",
    ],
)
def test_documents_that_are_not_what_they_claim_are_refused(editor, settings, name, content, message):
    before, files = Document.objects.count(), media_files(settings)
    response = add_document(editor, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == before
    assert media_files(settings) == files


@pytest.mark.django_db
def test_zip_bomb_is_refused_by_its_unpacked_size(editor, settings):
    settings.PORTAL_UPLOAD_MAX_UNPACKED_SIZE = 1024 * 1024
    bomb = zip_bytes({"daten.csv": b"0" * (1024 * 1024 + 1)})
    assert len(bomb) < 5000
    before, files = Document.objects.count(), media_files(settings)
    response = add_document(editor, "daten.zip", bomb)
    assert "„daten.zip“ wäre entpackt größer als 1 MB" in response.content.decode()
    assert Document.objects.count() == before
    assert media_files(settings) == files


@pytest.mark.django_db
def test_document_just_over_the_size_limit_gets_a_german_form_error(editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = len(PDF) - 1
    before, files = Document.objects.count(), media_files(settings)
    response = add_document(editor, "richtlinie.pdf", PDF)
    assert response.status_code == 200
    assert "Die Datei ist zu groß" in response.content.decode()
    assert Document.objects.count() == before
    assert media_files(settings) == files


@pytest.mark.django_db
def test_multiple_upload_refuses_a_disguised_file_with_the_same_message(superuser, settings):
    before, files = Document.objects.count(), media_files(settings)
    response = superuser.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("bericht.pdf", HTML), "collection": root_collection().pk},
    )
    assert response.json() == {
        "success": False,
        "error_message": "„bericht.pdf“ ist keine PDF-Datei. Bitte laden Sie die Datei in ihrem tatsächlichen "
                         "Format hoch.",
    }
    assert Document.objects.count() == before
    assert media_files(settings) == files

    response = superuser.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("richtlinie.pdf", PDF), "collection": root_collection().pk},
    )
    assert response.json()["success"] is True
    assert Document.objects.count() == before + 1


@pytest.mark.django_db
def test_replacing_a_documents_file_checks_the_new_file(superuser):
    document = Document.objects.create(title="Förderrichtlinie", file=ContentFile(PDF, name="richtlinie.pdf"))
    url = reverse("wagtaildocs:edit", args=[document.pk])
    form = {"title": document.title, "collection": root_collection().pk}

    response = superuser.post(url, {**form, "file": SimpleUploadedFile("richtlinie.pdf", EXE)})
    assert "„richtlinie.pdf“ ist keine PDF-Datei." in response.content.decode()
    document.refresh_from_db()
    assert document.file.read() == PDF

    # Changing only the title keeps the stored file and needs no new check.
    response = superuser.post(url, {**form, "title": "Förderrichtlinie 2027"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Förderrichtlinie 2027"


# --- Serving --------------------------------------------------------------------------------------


def stored_document(name, content, collection=None):
    document = Document(
        title="Dokument", file=ContentFile(content, name=name), collection=collection or root_collection()
    )
    document._set_document_file_metadata()
    document.save()
    return document


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.django_db
def test_pdf_opens_in_the_browser_other_documents_download_and_none_is_sniffed(client):
    pdf = stored_document("förderrichtlinie.pdf", PDF)
    csv = stored_document("träger.csv", VALID_DOCUMENTS["träger.csv"])
    text = stored_document("hinweise.txt", HTML)

    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''f%C3%B6rderrichtlinie.pdf" in response["Content-Disposition"]
    assert body_of(response) == PDF

    for document, content_type in [(csv, "text/csv"), (text, "text/plain")]:
        response = client.get(document.url)
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"].startswith("attachment;")

    for document in (pdf, csv, text):
        response = client.get(document.url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert "public" not in response.get("Cache-Control", "")


@pytest.fixture
def internal_documents(db):
    collection = root_collection().add_child(name="Intern: Arbeitskreis")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return stored_document("protokoll-intern.pdf", PDF, collection)


@pytest.mark.django_db
def test_private_document_needs_a_login_and_cannot_be_guessed(client, internal_documents):
    document = internal_documents
    response = client.get(document.url)
    assert response.status_code == 302
    assert f"next={document.url}" in response["Location"].replace("%2F", "/")

    missing_id = Document.objects.order_by("-pk").first().pk + 1
    for url in [
        f"/dokumente/{missing_id}/{document.filename}",
        f"/dokumente/{document.pk}/anderer-name.pdf",
        f"/dokumente/{document.pk}/",
    ]:
        assert client.get(url).status_code == 404, url

    user = get_user_model().objects.create_user(username="mitglied", password="Sicheres-Passwort-2027")
    client.force_login(user)
    response = client.get(document.url)
    assert response.status_code == 200
    assert body_of(response) == PDF


@pytest.mark.django_db
def test_password_protected_document_asks_for_the_password(client):
    collection = root_collection().add_child(name="Vorstand")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="password", password="Phoenix2027")
    document = stored_document("haushalt.pdf", PDF, collection)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Sie benötigen ein Passwort" in response.content.decode()
    assert PDF not in response.content


@pytest.mark.django_db
def test_production_media_serves_renditions_but_never_document_files(client, settings, internal_documents):
    settings.SERVE_MEDIA_FILES = True
    public_document = stored_document("richtlinie.pdf", PDF)
    image = PortalImageFactory()
    rendition = image.get_rendition("width-40")

    response = client.get(rendition.url)
    assert response.status_code == 200
    assert body_of(response) == rendition.file.open("rb").read()

    assert client.get(public_document.url).status_code == 200
    for url in [
        internal_documents.file.url,
        public_document.file.url,
        f"/media/images/../{internal_documents.file.name}",
        f"/media/images/%2e%2e/{internal_documents.file.name}",
        "/media/wagtail_uploads/",
        "/media/images/%00.png",
        "/media/images/",
        image.file.url,
    ]:
        assert url.startswith("/media/")
        assert client.get(url).status_code == 404, url

    # Originals (full size, with the camera's metadata) only for editors, as the image's edit view links them.
    editor = get_user_model().objects.create_user(username="redakteur", password="Sicheres-Passwort-2027")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get(image.file.url).status_code == 200
    assert client.get(internal_documents.file.url).status_code == 404


@pytest.mark.django_db
def test_without_media_serving_nothing_comes_from_media_root(client, settings):
    settings.SERVE_MEDIA_FILES = False
    rendition = PortalImageFactory().get_rendition("width-40")
    assert client.get(rendition.url).status_code == 404
