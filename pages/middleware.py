"""Forced page-action URLs in the admin answer 403.

Wagtail's admin turns a missing permission into a redirect to the dashboard
with a message; for page actions typed or bookmarked by someone who may not use
them, the portal answers with a plain, German 403 instead, before Wagtail's view
runs. It also enforces the office rules that Wagtail's tree permissions cannot
express: only office staff (and superusers) create or edit offices, and office
staff never delete, unpublish or move them, since every page showing the office
would lose its address box.

The same rules hold for the explorer's bulk actions and for the admin API's page actions, which reach
the same operations by other URLs.

Publishing is checked wherever it can be asked for: the "Veröffentlichen" button of the edit and add views
(``action-publish``, also after restoring an old revision), the bulk action and the admin API. Wagtail
itself would quietly save a draft (or skip the page) for an editor who may not publish; the portal says in
German that pages under /themen/ go through the workflow "Freigabe MIA-DO-KI" instead.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from pages.roles import OFFICE_STAFF
from pages.workflow import WORKFLOW_NAME

# URL name -> (keyword holding the page id, the permission the action needs)
PAGE_ACTIONS = {
    "wagtailadmin_pages:edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:preview_on_edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:history": ("page_id", "can_edit"),
    "wagtailadmin_pages:workflow_history": ("page_id", "can_edit"),
    "wagtailadmin_pages:view_draft": ("page_id", "can_edit"),
    "wagtailadmin_pages:revisions_revert": ("page_id", "can_edit"),
    "wagtailadmin_pages:revisions_view": ("page_id", "can_edit"),
    "wagtailadmin_pages:revisions_compare": ("page_id", "can_edit"),
    "wagtailadmin_pages:revisions_unschedule": ("page_id", "can_unschedule"),
    "wagtailadmin_pages:convert_alias": ("page_id", "can_edit"),
    "wagtailadmin_pages:lock": ("page_id", "can_lock"),
    "wagtailadmin_pages:unlock": ("page_id", "can_unlock"),
    "wagtailadmin_pages:set_privacy": ("page_id", "can_set_view_restrictions"),
    "wagtailadmin_pages:delete": ("page_id", "can_delete"),
    "wagtailadmin_pages:unpublish": ("page_id", "can_unpublish"),
    "wagtailadmin_pages:copy": ("page_id", "can_copy"),
    "wagtailadmin_pages:move": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:move_confirm": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:add": ("parent_page_id", "can_add_subpage"),
    "wagtailadmin_pages:add_subpage": ("parent_page_id", "can_add_subpage"),
    "wagtailadmin_pages:preview_on_add": ("parent_page_id", "can_add_subpage"),
}
# Not URLs: publishing a page, or a new page below a parent, however the request asks for it.
PUBLISH, PUBLISH_NEW = "publish", "publish_new"
PUBLISHING = {PUBLISH: "can_publish", PUBLISH_NEW: "can_publish_subpage"}
# The views whose form has a "Veröffentlichen" button (``action-publish``); restoring an old revision posts
# its form to the revert view.
PUBLISHING_VIEWS = {
    "wagtailadmin_pages:edit": PUBLISH, "wagtailadmin_pages:revisions_revert": PUBLISH,
    "wagtailadmin_pages:add": PUBLISH_NEW,
}
PUBLISHING_REFUSED = (
    "Diese Seite dürfen Sie nicht veröffentlichen. Seiten unter „Themen“ gibt die Leitung MIA-DO-KI frei: "
    f"Reichen Sie die Seite mit „In {WORKFLOW_NAME} einreichen“ zur Freigabe ein. "
    "Es wurde nichts gespeichert oder veröffentlicht."
)
OFFICE_STAFF_REFUSED = {
    "wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish", "wagtailadmin_pages:move",
    "wagtailadmin_pages:move_confirm",
}
ADDING = {"wagtailadmin_pages:add", "wagtailadmin_pages:add_subpage", "wagtailadmin_pages:preview_on_add"}
# Bulk actions (``/admin/bulk/wagtailcore/page/<action>/?id=…``) and admin API actions
# (``/admin/api/main/pages/<pk>/action/<action>/``), each checked as the page action it amounts to.
BULK_ACTIONS = {
    "delete": "wagtailadmin_pages:delete",
    "unpublish": "wagtailadmin_pages:unpublish",
    "move": "wagtailadmin_pages:move",
    "publish": PUBLISH,
}
API_ACTIONS = {
    **BULK_ACTIONS,
    "copy": "wagtailadmin_pages:copy",
    "create_alias": "wagtailadmin_pages:copy",
    "copy_for_translation": "wagtailadmin_pages:copy",
    "convert_alias": "wagtailadmin_pages:edit",
    "revert_to_page_revision": "wagtailadmin_pages:edit",
}
OTHER_WAYS = {"wagtail_bulk_action", "wagtailadmin_api:pages:action"}


class PageActionPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        view_name = match.view_name if match else None
        # Only page actions are looked at; any other request passes without even loading the user.
        if view_name not in PAGE_ACTIONS and view_name not in OTHER_WAYS:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # Wagtail sends these to the login page
        if view_name in PAGE_ACTIONS:
            pages = Page.objects.filter(pk=view_kwargs.get(PAGE_ACTIONS[view_name][0]))
        else:
            # Malformed page ids in a bulk action are a 404 for everyone, superusers included.
            view_name, pages = pages_of_request(request, view_name, view_kwargs)
            if view_name is None:
                return None
        if user.is_superuser or not user.has_perm("wagtailadmin.access_admin"):
            return None
        publishing = publishing_asked_for(request, view_name)
        # A page that does not exist is left to Wagtail, which answers 404.
        try:
            for page in pages:
                check_page_action(user, view_name, page, view_kwargs.get("content_type_model_name"))
                if publishing:
                    check_page_action(user, publishing, page)
        except PublishingRefused:
            return render(request, "403.html", {"reason": PUBLISHING_REFUSED}, status=403)
        return None


class PublishingRefused(PermissionDenied):
    pass


def publishing_asked_for(request, view_name):
    """The publishing a POST asks for with the "Veröffentlichen" button of the edit, revert or add view, if any."""
    if request.method != "POST" or not request.POST.get("action-publish"):
        return None
    return PUBLISHING_VIEWS.get(view_name)


def check_page_action(user, view_name, page, new_page_type=None):
    """Raise PermissionDenied unless ``user`` may do what the page-action URL ``view_name`` does to ``page``."""
    if view_name in PUBLISHING:
        if not getattr(page.permissions_for_user(user), PUBLISHING[view_name])():
            raise PublishingRefused
    elif not getattr(page.permissions_for_user(user), PAGE_ACTIONS[view_name][1])():
        raise PermissionDenied
    is_office_staff = user.groups.filter(name=OFFICE_STAFF).exists()
    if view_name in ADDING:
        if new_page_type == "officepage" and not is_office_staff:
            raise PermissionDenied
    elif page.specific_class.__name__ == "OfficePage":
        if not is_office_staff or view_name in OFFICE_STAFF_REFUSED:
            raise PermissionDenied


def pages_of_request(request, view_name, view_kwargs):
    """The page-action URL that a bulk or admin API request amounts to, and the pages it acts on."""
    if view_name == "wagtailadmin_api:pages:action":
        return API_ACTIONS.get(view_kwargs.get("action_name")), Page.objects.filter(pk=view_kwargs.get("pk"))
    if view_name != "wagtail_bulk_action" or view_kwargs.get("app_label") != "wagtailcore":
        return None, []
    action = BULK_ACTIONS.get(view_kwargs.get("action"))
    if view_kwargs.get("model_name") != "page" or action is None:
        return None, []
    ids = request.GET.getlist("id")
    if "all" in ids:
        # "Select all" in the explorer: the same pages Wagtail's bulk action will work on.
        parent = request.GET.get("childOf")
        if parent is not None and not parent.isdigit():
            raise Http404
        action_class = bulk_action_registry.get_bulk_action_class("wagtailcore", "page", view_kwargs["action"])
        try:
            ids = list(action_class(request, Page).get_all_objects_in_listing_query(parent))
        except Page.DoesNotExist:
            raise Http404 from None
    elif not all(pk.isdigit() for pk in ids):
        raise Http404
    return action, Page.objects.filter(pk__in=ids)
