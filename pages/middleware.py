"""Forced page-action URLs in the admin answer 403.

Wagtail's admin turns a missing permission into a redirect to the dashboard
with a message; for page actions typed or bookmarked by someone who may not use
them, the portal answers with a plain, German 403 instead, before Wagtail's view
runs. It also enforces the office rules that Wagtail's tree permissions cannot
express: only office staff (and superusers) create or edit offices, and office
staff never delete, unpublish or move them, since every page showing the office
would lose its address box.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from pages.roles import OFFICE_STAFF

# URL name -> (keyword holding the page id, the permission the action needs)
PAGE_ACTIONS = {
    "wagtailadmin_pages:edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:preview_on_edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:history": ("page_id", "can_edit"),
    "wagtailadmin_pages:workflow_history": ("page_id", "can_edit"),
    "wagtailadmin_pages:view_draft": ("page_id", "can_edit"),
    "wagtailadmin_pages:revisions_revert": ("page_id", "can_edit"),
    "wagtailadmin_pages:lock": ("page_id", "can_lock"),
    "wagtailadmin_pages:unlock": ("page_id", "can_unlock"),
    "wagtailadmin_pages:set_privacy": ("page_id", "can_set_view_restrictions"),
    "wagtailadmin_pages:delete": ("page_id", "can_delete"),
    "wagtailadmin_pages:unpublish": ("page_id", "can_unpublish"),
    "wagtailadmin_pages:copy": ("page_id", "can_copy"),
    "wagtailadmin_pages:move": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:add": ("parent_page_id", "can_add_subpage"),
    "wagtailadmin_pages:add_subpage": ("parent_page_id", "can_add_subpage"),
}
OFFICE_STAFF_REFUSED = {"wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish", "wagtailadmin_pages:move"}
ADDING = {"wagtailadmin_pages:add", "wagtailadmin_pages:add_subpage"}


class PageActionPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        view_name = match.view_name if match else None
        action = PAGE_ACTIONS.get(view_name)
        user = getattr(request, "user", None)
        if action is None or user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None  # Wagtail sends these to the login page
        key, permission = action
        page = Page.objects.filter(pk=view_kwargs.get(key)).first()
        if page is None:
            return None  # Wagtail answers 404
        if not getattr(page.permissions_for_user(user), permission)():
            raise PermissionDenied
        is_office_staff = user.groups.filter(name=OFFICE_STAFF).exists()
        if view_name in ADDING:
            if view_kwargs.get("content_type_model_name") == "officepage" and not is_office_staff:
                raise PermissionDenied
        elif page.specific_class.__name__ == "OfficePage":
            if not is_office_staff or view_name in OFFICE_STAFF_REFUSED:
                raise PermissionDenied
        return None
