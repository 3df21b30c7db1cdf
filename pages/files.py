"""German labels for files offered for download."""

import os

from django.utils.formats import number_format

KIB = 1024
MIB = 1024 * 1024

# Extensions whose everyday name is not simply the extension in capitals.
FILE_TYPE_LABELS = {
    "docx": "Word",
    "doc": "Word",
    "xlsx": "Excel",
    "xls": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument-Text",
    "ods": "OpenDocument-Tabelle",
    "txt": "Text",
}


def format_file_size(size):
    """A size as citizens read it: "87 KB", "1,4 MB", "2 MB"; None when unknown."""
    if size is None:
        return None
    kilobytes = max(1, round(size / KIB))
    if kilobytes < 1024:
        return f"{kilobytes} KB"
    megabytes = round(size / MIB, 1)
    if megabytes == int(megabytes):
        return f"{int(megabytes)} MB"
    return f"{number_format(megabytes, decimal_pos=1, use_l10n=True)} MB"


def file_type_label(filename):
    """The file's type from its stored name: "PDF", "Word", …"""
    extension = os.path.splitext(filename or "")[1].lstrip(".").lower()
    if not extension:
        return ""
    return FILE_TYPE_LABELS.get(extension, extension.upper())
