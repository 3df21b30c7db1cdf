"""Who hears of a reported barrier: the office responsible for the page concerned, else the site's address."""

from urllib.parse import urlsplit

from wagtail.models import Page, Site

from pages.models import SiteSettings


def page_for(page_url, site):
    """The live page a reader named by its address on this site, or None."""
    try:
        path = urlsplit(page_url.strip()).path if page_url else ""
    except ValueError:  # e.g. "http://[abc/", which is no address at all
        return None
    if not path.startswith("/") or site is None:
        return None
    url_path = site.root_page.url_path + path.strip("/") + ("/" if path.strip("/") else "")
    page = Page.objects.live().filter(url_path=url_path).first()
    return page.specific if page else None


def recipient_for(page_url, request):
    site = Site.find_for_request(request)
    page = page_for(page_url, site)
    office = getattr(page, "effective_office", None)
    if office is not None and office.email:
        return office.email
    return SiteSettings.for_request(request).feedback_email if site else ""
