"""Two editors on one page: the second save keeps both versions and says so.

Wagtail already shows, while editing, who else has the page open and when someone saved a newer
version (its editing sessions), and it refuses an autosave that would overwrite a newer version.
A save by the button goes through, as it should: the second editor's text is never thrown away.
Nothing is lost either way, because the first editor's version stays in the history. What was
missing is the answer after the save: the editor who saved second is told, in German, whose
version their save replaced, with a link to the history where both can be compared and the
other one restored.
"""

from django.urls import reverse
from django.utils import formats, timezone
from wagtail.admin import messages

# The revision the editor's form was loaded from was no longer the latest one when they saved.
SUPERSEDED_ATTRIBUTE = "portal_superseded_revision"


def newer_revision_than_loaded(request, page):
    """The latest revision of ``page`` if someone saved it after ``request``'s form was loaded, else None.

    The same test as Wagtail's own for autosaves (``EditView.is_out_of_date``), for the save button.
    """
    if request.method != "POST":
        return None
    latest = page.get_latest_revision()
    if latest is None:
        return None
    if overwritten := request.POST.get("overwrite_revision_id"):
        # The editor's own autosaves kept one revision up to date; anything else is newer.
        return latest if overwritten != str(latest.pk) else None
    loaded = request.POST.get("loaded_revision_id")
    if not loaded:
        return None
    if loaded != str(latest.pk) or request.POST.get("loaded_revision_created_at", "") != latest.created_at.isoformat():
        return latest
    return None


def remember_superseded_revision(request, page):
    revision = newer_revision_than_loaded(request, page)
    if revision is not None and revision.user_id != request.user.pk:
        setattr(request, SUPERSEDED_ATTRIBUTE, revision)


def describe_author(revision):
    user = revision.user
    if user is None:
        return "jemand anderes"
    return user.get_full_name().strip() or user.get_username()


def warn_about_superseded_revision(request, page):
    revision = getattr(request, SUPERSEDED_ATTRIBUTE, None)
    if revision is None:
        return
    saved_at = timezone.localtime(revision.created_at)
    when = f"{formats.date_format(saved_at, 'j. F Y')} um {saved_at:%H:%M} Uhr"
    author = describe_author(revision)
    messages.warning(
        request,
        f"Während Sie diese Seite bearbeitet haben, hat {author} am {when} eine neuere Fassung gespeichert. "
        f"Ihre Änderungen sind jetzt die aktuelle Fassung. Die Fassung von {author} ist nicht verloren: "
        "Sie steht im Verlauf und lässt sich dort vergleichen und wiederherstellen.",
        buttons=[messages.button(reverse("wagtailadmin_pages:history", args=[page.pk]), "Verlauf öffnen")],
    )
