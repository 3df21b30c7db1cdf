"""Example values for the block chooser's previews: realistic German content that needs no stored object."""

import datetime

# The documents and pages in previews are never saved. A document needs an id for its address; 0 is no
# stored document, so the preview's download link leads nowhere rather than to an unrelated file.
EXAMPLE_ID = 0


def example_document(title, filename, size):
    """An unsaved document with the title, file name and size the download list shows."""
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, file_size=size)
    document.id = EXAMPLE_ID
    document.file.name = f"documents/{filename}"
    return document


def example_page(title, teaser):
    """An unsaved topic page, as "Mehr zum Thema" would list it."""
    from pages.models import TopicPage

    return TopicPage(title=title, search_description=teaser)


def library_image():
    """The newest image of the library, or None: an image cannot be shown without a stored file."""
    from wagtail.images import get_image_model

    return get_image_model().objects.order_by("-created_at").first()


def basismodul():
    return example_document("Basismodul – Umgang mit Vielfalt", "basismodul-umgang-mit-vielfalt.pdf", 2_097_152)


NOTICE_DATE = datetime.date(2025, 1, 30)
