"""Which pages have a review date: every page a citizen reads (``ContentPage``)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import get_page_models


def content_page_models():
    from pages.models import ContentPage

    return [model for model in get_page_models() if issubclass(model, ContentPage)]


def is_content_page(page):
    from pages.models import ContentPage

    return issubclass(page.specific_class or type(page), ContentPage)


def content_types():
    """``{model: ContentType}`` of the content page types, from Django's content type cache."""
    return ContentType.objects.get_for_models(*content_page_models(), for_concrete_models=False)
