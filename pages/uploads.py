"""Uploaded files: a document's real type checked against its name, and which uploads /media/ serves.

Wagtail checks only a document's extension. ``PortalDocumentForm`` (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) also
looks inside the file, so that an HTML page or a program renamed to ``.pdf`` or ``.docx`` never becomes a
download on the city's site. Images need no such check here: Wagtail's image field already compares the
format Pillow reads with the extension.
"""

import codecs
import os
import posixpath
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.views.static import serve
from wagtail.documents.forms import BaseDocumentForm

from pages.files import format_file_size

# What a file of each allowed extension is, in the words of the error message ("… ist keine PDF-Datei").
DOCUMENT_TYPE_NAMES = {
    "pdf": "keine PDF-Datei",
    "docx": "keine Word-Datei",
    "xlsx": "keine Excel-Datei",
    "pptx": "keine PowerPoint-Datei",
    "odt": "keine OpenDocument-Textdatei",
    "ods": "keine OpenDocument-Tabelle",
    "txt": "keine Textdatei",
    "csv": "keine CSV-Datei",
    "zip": "kein ZIP-Archiv",
}
# The folder of the main part inside an Office Open XML package.
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
# Programs and scripts Windows runs on a double click: never handed out inside an archive.
EXECUTABLE_EXTENSIONS = {
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "jar", "js", "jse", "vbs", "vbe", "wsf",
    "ps1", "hta", "lnk", "reg", "docm", "xlsm", "pptm",
}
CHUNK_SIZE = 64 * 1024


class NotOfItsType(Exception):
    """The file's content is not what its extension says."""


def _extension(name):
    return os.path.splitext(name or "")[1].lstrip(".").lower()


def _open_zip(file, label):
    """The file as a ZIP archive whose unpacked size stays within the limit (no zip bomb)."""
    try:
        archive = zipfile.ZipFile(file)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise NotOfItsType from None
    unpacked = sum(member.file_size for member in members)
    limit = settings.PORTAL_UPLOAD_MAX_UNPACKED_SIZE
    if unpacked > limit or len(members) > settings.PORTAL_UPLOAD_MAX_ARCHIVE_MEMBERS:
        raise ValidationError(
            f"„{label}“ wäre entpackt größer als {format_file_size(limit)} oder enthält zu viele Dateien. "
            "Bitte laden Sie die Dateien einzeln oder in kleineren Archiven hoch.",
            code="archive_too_large",
        )
    return archive


def _check_office(file, extension, label):
    archive = _open_zip(file, label)
    names = archive.namelist()
    if "[Content_Types].xml" not in names or not any(name.startswith(OFFICE_FOLDERS[extension]) for name in names):
        raise NotOfItsType
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types or any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            f"„{label}“ enthält Makros. Bitte speichern Sie die Datei ohne Makros und laden Sie sie erneut hoch.",
            code="macros",
        )


def _check_opendocument(file, extension, label):
    archive = _open_zip(file, label)
    try:
        mimetype = archive.read("mimetype").strip()
    except KeyError:
        raise NotOfItsType from None
    if mimetype != OPENDOCUMENT_TYPES[extension]:
        raise NotOfItsType


def _check_zip(file, extension, label):
    archive = _open_zip(file, label)
    programs = [name for name in archive.namelist() if _extension(name) in EXECUTABLE_EXTENSIONS]
    if programs:
        raise ValidationError(
            f"„{label}“ enthält Programme oder Makrodateien ({', '.join(sorted(programs)[:3])}). "
            "Solche Dateien bietet das Portal nicht zum Herunterladen an.",
            code="executable_in_archive",
        )


def _check_pdf(file, extension, label):
    if file.read(5) != b"%PDF-":
        raise NotOfItsType


def _check_text(file, extension, label):
    """Plain text in UTF-8 or, as older Excel exports are, in Windows-1252; a NUL byte means binary."""
    for encoding in ("utf-8-sig", "cp1252"):
        file.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            while chunk := file.read(CHUNK_SIZE):
                if b"\x00" in chunk:
                    raise NotOfItsType
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return
        except UnicodeDecodeError:
            continue
    raise NotOfItsType


CHECKS = {
    "pdf": _check_pdf,
    "docx": _check_office,
    "xlsx": _check_office,
    "pptx": _check_office,
    "odt": _check_opendocument,
    "ods": _check_opendocument,
    "zip": _check_zip,
    "txt": _check_text,
    "csv": _check_text,
}


def check_document_content(file):
    """Raise a German ValidationError unless the uploaded file is what its extension says.

    Extensions without a check here are left to Wagtail, which refuses those not in WAGTAILDOCS_EXTENSIONS.
    """
    extension = _extension(file.name)
    check = CHECKS.get(extension)
    if check is None:
        return
    label = os.path.basename(file.name)
    file.seek(0)
    try:
        check(file, extension, label)
    except NotOfItsType:
        raise ValidationError(
            f"„{label}“ ist {DOCUMENT_TYPE_NAMES[extension]}. "
            "Bitte laden Sie die Datei in ihrem tatsächlichen Format hoch.",
            code="content_does_not_match_extension",
        ) from None
    finally:
        file.seek(0)


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form (add, edit, multiple upload) that also checks a new file's real type."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_document_content(file)
        return file

    def _update_errors(self, errors):
        # Wagtail's Document.clean() checks the extension again after the file field has already failed and would
        # add "Dateiendung „“ ist nicht erlaubt" under the real reason.
        if "file" in self._errors and hasattr(errors, "error_dict"):
            errors.error_dict.pop("file", None)
        super()._update_errors(errors)


# Under /media/: renditions (what pages show) for everyone; originals (full size, with the camera's metadata,
# linked from the image's edit view) for editors only; document files never: /dokumente/ serves them and
# checks their collection's view restrictions.
PUBLIC_MEDIA_FOLDERS = ("images/",)
EDITOR_MEDIA_FOLDERS = ("original_images/",)


def serve_media(request, path):
    """An uploaded file from MEDIA_ROOT when the application serves media itself (development, no S3)."""
    if not (settings.DEBUG or settings.SERVE_MEDIA_FILES):
        raise Http404
    path = posixpath.normpath(path).lstrip("/")
    public = path.startswith(PUBLIC_MEDIA_FOLDERS)
    for_editors = path.startswith(EDITOR_MEDIA_FOLDERS) and request.user.has_perm("wagtailadmin.access_admin")
    if not (public or for_editors):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
