"""What each change purges. Wagtail's own frontend-cache handlers purge only the page itself; these
replace them with the page, the pages that list it and, for an office, every page showing its box."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.contrib.frontend_cache import signal_handlers as wagtail_handlers
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from caching import generation, purge_set
from caching.purge_set import PurgeSet
from caching.purging import schedule


def purge_for(page):
    from pages.models import OfficePage

    page = page.specific_deferred
    if isinstance(page, OfficePage):
        return purge_set.for_office(page)
    return purge_set.for_page(page)


def page_changed(sender, instance, **kwargs):
    schedule(lambda: purge_for(instance))


def page_deleted(sender, instance, **kwargs):
    """Computed before the rows go: the pages linking to a deleted page are found through its references."""
    if instance.live:
        schedule(lambda: purge_for(instance))


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    """Everything below the old and the new place: breadcrumbs and URLs of the whole subtree changed."""
    schedule(
        lambda: purge_for(instance)
        | _subtree_of_url_path(instance, url_path_before)
        | _subtree_of_url_path(instance, url_path_after)
    )


def slug_changed(sender, instance_before, instance, **kwargs):
    schedule(lambda: purge_for(instance) | _subtree_of_url_path(instance, instance_before.url_path))


def _subtree_of_url_path(page, url_path):
    """The former or new ``url_path`` of a page as a public subtree, e.g. ``/themen/alt/``."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return PurgeSet(prefixes={url_path[len(root.root_path) - 1 :]})
    return PurgeSet()


def view_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again): its subtree and what shows or links to it leave the cache at once."""

    def compute():
        page = Page.objects.filter(pk=instance.page_id).first()  # gone when the page itself is deleted
        if page is None:
            return PurgeSet(paths=set(purge_set.ALWAYS), prefixes={purge_set.API_PREFIX})
        return purge_set.for_view_restriction(page)

    schedule(compute)


def everything_changed(sender, **kwargs):
    """Site notices and site settings appear on every page."""
    schedule(PurgeSet.everything)


def location_changed(sender, instance, **kwargs):
    """A building's address is shown by every office in it and by the pages showing those offices."""
    from pages.models import OfficePage

    def compute():
        purge = PurgeSet()
        in_building = Q(office_locations__location=instance) | Q(office_locations__new_location=instance)
        for office in OfficePage.objects.live().filter(in_building).distinct():
            purge = purge | purge_set.for_office(office)
        return purge

    schedule(compute)


def redirect_changed(sender, instance, **kwargs):
    """A cached 404 at a redirect's old path would hide the redirect."""
    schedule(lambda: PurgeSet(paths={instance.old_path, instance.old_path.rstrip("/") + "/"}))


# Rows that are written while people read or edit, but never change what a page shows.
NOT_CONTENT = {
    "sessions",
    "wagtailsearch",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.comment",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailadmin",
    "wagtailusers",
    "auth.user",
    "axes",  # failed logins
    "pages.portalrendition",
    "portal_search.unansweredquery",
    "feedback.barrierreport",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
    "reviews",  # review dates and confirmations: editors' bookkeeping
    "linkcheck",  # results of the external link check
}


def content_saved(sender, **kwargs):
    """Any other saved or deleted row may be shown on a page: this process forgets what it kept at once
    (it may read its own uncommitted rows), and every worker after the commit, through a new generation
    token — written once per transaction, however many rows it changes."""
    meta = sender._meta
    if meta.app_label in NOT_CONTENT or meta.label_lower in NOT_CONTENT:
        return
    generation.forget_locally()
    connection = transaction.get_connection()
    if not any(callback is generation.bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(generation.bump)  # at once outside a transaction


def connect():
    from wagtail.contrib.redirects.models import Redirect

    from pages.models import Location, SiteNotice, SiteSettings

    for model in get_page_models():
        page_published.disconnect(wagtail_handlers.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(wagtail_handlers.page_unpublished_signal_handler, sender=model)
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_saved, dispatch_uid=f"caching_generation_{id(signal)}")
    post_page_move.connect(
        lambda sender, **kwargs: content_saved(Page), weak=False, dispatch_uid="caching_generation_move"
    )
    page_published.connect(page_changed, dispatch_uid="caching_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="caching_page_unpublished")
    pre_delete.connect(page_deleted, sender=Page, dispatch_uid="caching_page_deleted")
    post_page_move.connect(page_moved, dispatch_uid="caching_page_moved")
    page_slug_changed.connect(slug_changed, dispatch_uid="caching_slug_changed")
    for signal in (post_save, post_delete):
        signal.connect(view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"caching_restriction_{signal}")
        signal.connect(everything_changed, sender=SiteNotice, dispatch_uid=f"caching_notice_{signal}")
        signal.connect(everything_changed, sender=SiteSettings, dispatch_uid=f"caching_settings_{signal}")
        signal.connect(location_changed, sender=Location, dispatch_uid=f"caching_location_{signal}")
        signal.connect(redirect_changed, sender=Redirect, dispatch_uid=f"caching_redirect_{signal}")
