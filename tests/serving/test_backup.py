"""`make backup` and `make restore`: a round trip through a scratch database brings back every page,
revision, image, rendition and document with identical files, and restore never overwrites by accident.

The backup is taken from the seeded test database (committed, see conftest.py) plus an image with a
rendition, a document and a page with two revisions that this test adds and removes again.
"""

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model

from pages.models import PortalImage
from tests.conftest import page_at
from tests.factories import TopicPageFactory

from .helpers import BASE_DIR

pytestmark = pytest.mark.serving


def conninfo(name):
    from django.db import connection

    params = connection.settings_dict
    credentials = quote(params["USER"] or "", safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    return f"postgres://{credentials}@{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{name}"


def rows(database, sql):
    with psycopg.connect(conninfo(database)) as connection:
        return connection.execute(sql).fetchall()


def checksums(folder):
    folder = Path(folder)
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def content(database, media_root):
    """What must come back: pages, revisions, images, renditions and documents with their files' checksums."""
    files = checksums(media_root)
    return {
        "pages": rows(database, "SELECT id, title, url_path, live, content_type_id FROM wagtailcore_page ORDER BY id"),
        "revisions": rows(database, "SELECT id, object_id, content::text FROM wagtailcore_revision ORDER BY id"),
        "images": [
            (*row, files.get(row[-1]))
            for row in rows(database, "SELECT id, title, file FROM pages_portalimage ORDER BY id")
        ],
        "renditions": [
            (*row, files.get(row[-1]))
            for row in rows(database, "SELECT id, image_id, filter_spec, file FROM pages_portalrendition ORDER BY 1")
        ],
        "documents": [
            (*row, files.get(row[-1]))
            for row in rows(database, "SELECT id, title, file FROM wagtaildocs_document ORDER BY id")
        ],
        "media": files,
    }


def make(target, **env):
    """``make <target>`` with ``env`` (and no inherited RESTORE_FORCE or bucket); the finished process."""
    skip = {"RESTORE_FORCE", "AWS_STORAGE_BUCKET_NAME"}
    base = {name: value for name, value in os.environ.items() if name not in skip}
    return subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=BASE_DIR, env={**base, **env}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def backup_into(folder, database, media_root):
    return make("backup", DATABASE_URL=conninfo(database), MEDIA_ROOT=str(media_root), BACKUP_DIR=str(folder))


def restore_from(folder, database, media_root, **env):
    return make("restore", DATABASE_URL=conninfo(database), MEDIA_ROOT=str(media_root), BACKUP=str(folder), **env)


@pytest.fixture
def postgres_tools():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Die Sicherung braucht PostgreSQL – make backup needs PostgreSQL (this run uses SQLite)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        if os.environ.get("CI"):
            pytest.fail("pg_dump/pg_restore fehlen (apt-get install postgresql-client)")
        pytest.skip("pg_dump/pg_restore fehlen (apt-get install postgresql-client)")
    return connection.settings_dict["NAME"]


@pytest.fixture
def scratch_database(postgres_tools):
    name = f"{postgres_tools}_restore"
    with psycopg.connect(conninfo("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    yield name
    with psycopg.connect(conninfo("postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def uploads(transactional_db, restore_after):
    """A PNG with a rendition, a document and a page with a published and a draft revision, committed."""
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (0, 92, 169)).save(buffer, format="PNG")
    image = PortalImage(
        title="Phoenix-See im Sommer",
        description="Der Phoenix-See mit der Hörder Burg",
        file=ContentFile(buffer.getvalue(), name="phoenix-see.png"),
    )
    image._set_image_file_metadata()
    image.save()
    restore_after(image.delete)
    image.get_rendition("width-160")

    Document = get_document_model()
    text = ContentFile("Richtlinie für Förderungen\n".encode(), name="richtlinie.txt")
    document = Document(title="Förderrichtlinie Sicherung", file=text)
    document._set_document_file_metadata()
    document.save()
    restore_after(document.delete)

    page = TopicPageFactory(parent=page_at("/themen/integration/"), title="Sicherung und Wiederherstellung")
    restore_after(lambda: page.delete())
    page.save_revision().publish()
    page.title = "Sicherung und Wiederherstellung (Entwurf)"
    page.save_revision()
    return page


def test_a_backup_restored_into_a_new_database_brings_back_every_page_revision_image_and_document(
    uploads, scratch_database, postgres_tools, settings, tmp_path
):
    source, restored_media = postgres_tools, tmp_path / "media"
    backup_dir = tmp_path / "backup"
    backup = backup_into(backup_dir, source, settings.MEDIA_ROOT)
    assert backup.returncode == 0, backup.stderr
    assert f"Sicherung geschrieben nach {backup_dir}" in backup.stdout
    expected = content(source, settings.MEDIA_ROOT)

    restore = restore_from(backup_dir, scratch_database, restored_media)
    assert restore.returncode == 0, restore.stderr
    assert "alles wie im Manifest" in restore.stdout

    restored = content(scratch_database, restored_media)
    assert restored == expected
    # The content this test added is among it, files included.
    assert [row[1] for row in restored["revisions"] if row[1] == str(uploads.pk)] == [str(uploads.pk)] * 2
    assert any(title == "Phoenix-See im Sommer" and checksum for _, title, _, checksum in restored["images"])
    assert any(spec == "width-160" and checksum for _, _, spec, _, checksum in restored["renditions"])
    assert any(title == "Förderrichtlinie Sicherung" and checksum for _, title, _, checksum in restored["documents"])

    # Restoring again over the now filled database is refused and changes nothing …
    with psycopg.connect(conninfo(scratch_database)) as connection:
        connection.execute("UPDATE wagtailcore_page SET title = 'Geändert' WHERE id = %s", [uploads.pk])
    again = restore_from(backup_dir, scratch_database, restored_media)
    assert again.returncode == 2
    assert "nur mit RESTORE_FORCE=1 überschrieben" in again.stderr
    assert rows(scratch_database, f"SELECT title FROM wagtailcore_page WHERE id = {uploads.pk}") == [("Geändert",)]
    # … unless forced: then the database is exactly the backup again.
    forced = restore_from(backup_dir, scratch_database, restored_media, RESTORE_FORCE="1")
    assert forced.returncode == 0, forced.stderr
    assert content(scratch_database, restored_media) == expected


def test_a_damaged_backup_is_refused_before_anything_changes(scratch_database, postgres_tools, settings, tmp_path):
    backup_dir = tmp_path / "backup"
    assert backup_into(backup_dir, postgres_tools, settings.MEDIA_ROOT).returncode == 0
    with open(backup_dir / "media.tar.gz", "r+b") as archive:
        archive.seek(100)
        archive.write(b"kaputt")

    restore = restore_from(backup_dir, scratch_database, tmp_path / "media")
    assert restore.returncode == 2
    assert "beschädigt" in restore.stderr
    assert rows("postgres", f"SELECT count(*) FROM pg_database WHERE datname = '{scratch_database}'") == [(0,)]


def test_backup_refuses_sqlite(tmp_path):
    backup = make("backup", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", BACKUP_DIR=str(tmp_path / "backup"))
    assert backup.returncode != 0
    assert "make backup braucht PostgreSQL" in backup.stderr
    assert not (tmp_path / "backup").exists()
