"""A forced page-action URL in the admin answers 403.

Wagtail's admin turns a missing permission into a redirect to the dashboard
with a message; for page actions typed or bookmarked by someone who may not use
them, the portal answers with a plain, German 403 instead, before Wagtail's view runs.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import Page

# URL name -> (keyword holding the page id, the permission the action needs)
PAGE_ACTIONS = {
    "wagtailadmin_pages:edit": ("page_id", "can_edit"),
    "wagtailadmin_pages:delete": ("page_id", "can_delete"),
    "wagtailadmin_pages:unpublish": ("page_id", "can_unpublish"),
    "wagtailadmin_pages:copy": ("page_id", "can_copy"),
    "wagtailadmin_pages:move": ("page_to_move_id", "can_move"),
    "wagtailadmin_pages:add": ("parent_page_id", "can_add_subpage"),
    "wagtailadmin_pages:add_subpage": ("parent_page_id", "can_add_subpage"),
}


class PageActionPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        action = PAGE_ACTIONS.get(match.view_name if match else None)
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
        return None
