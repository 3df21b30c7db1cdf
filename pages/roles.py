"""The editor groups and what they may do; ``sync_groups()`` sets them up idempotently.

Editors ("Redaktion MIA-DO-KI") write the pages under /themen/ but do not publish them: they submit them to
the workflow "Freigabe MIA-DO-KI" (pages/workflow.py), in which the leadership ("Leitung MIA-DO-KI")
approves or asks for changes. Publishing is the leadership's, and with it unpublishing, deleting or moving
a live page and setting its privacy (Wagtail ties all of these to the publish permission).

Office staff ("Standortpflege") get page permissions on the topmost office pages
only. Offices allow nothing but offices below them, so these subtrees hold
office pages alone and staff can never reach a topic page. They publish an office
in one step: there is no workflow outside the topic sections.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from pages.workflow import sync_workflow

EDITORS = "Redaktion MIA-DO-KI"
LEADERSHIP = "Leitung MIA-DO-KI"
OFFICE_STAFF = "Standortpflege"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_PAGE_PERMISSIONS = [codename for codename in PAGE_PERMISSIONS if codename != "publish_page"]
EDITOR_SECTIONS = ["/themen/"]
# Editors change every image and document, not only their own uploads: the content checker sends them to the
# image library to add a missing text alternative, whoever uploaded the image. (Wagtail lets whoever may change
# an image or document also delete it; the delete page shows where it is used.) Office staff only choose.
MEDIA_PERMISSIONS = {
    EDITORS: [("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
              ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document")],
    OFFICE_STAFF: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
}
# The leadership, who approve the editors' pages, may correct an image or document on the way like the editors.
MEDIA_PERMISSIONS[LEADERSHIP] = list(MEDIA_PERMISSIONS[EDITORS])
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "access_admin"), ("wagtailredirects", "add_redirect"),
              ("wagtailredirects", "change_redirect"), ("wagtailredirects", "delete_redirect"),
              ("wagtailsearchpromotions", "add_searchpromotion"), ("wagtailsearchpromotions", "change_searchpromotion"),
              ("wagtailsearchpromotions", "delete_searchpromotion")],
    OFFICE_STAFF: [("wagtailadmin", "access_admin"), ("pages", "add_location"), ("pages", "change_location"),
                   ("pages", "view_location")],
    LEADERSHIP: [("wagtailadmin", "access_admin")],
}


def add_model_permissions(group_name, permissions):
    """Grant a group permissions on another app's models; ``programs`` calls it from its ``ready()``."""
    known = MODEL_PERMISSIONS[group_name]
    known.extend(permission for permission in permissions if permission not in known)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_page_permissions(group, pages, codenames=PAGE_PERMISSIONS):
    for page in pages:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_permission("wagtailcore", codename)
            )


def top_level_offices():
    from pages.models import OfficePage

    offices = list(OfficePage.objects.all().only("path", "depth"))
    office_paths = {office.path for office in offices}
    return [office for office in offices if office.path[: -Page.steplen] not in office_paths]


def sync_groups(site_root):
    """Create the three groups, grant their permissions and set up the workflow; running it again changes nothing.

    An installation from before the workflow gets it here: the editors' publish permission is taken away.
    """
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in (EDITORS, LEADERSHIP, OFFICE_STAFF)}
    for name, permissions in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*[_permission(*permission) for permission in permissions])
    root_collection = Collection.get_first_root_node()
    for name, permissions in MEDIA_PERMISSIONS.items():
        for permission in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=root_collection, permission=_permission(*permission)
            )
    sections = Page.objects.filter(url_path__in=[site_root.url_path + path.strip("/") + "/" for path in EDITOR_SECTIONS])
    grant_page_permissions(groups[EDITORS], sections, EDITOR_PAGE_PERMISSIONS)
    GroupPagePermission.objects.filter(group=groups[EDITORS], permission__codename="publish_page").delete()
    grant_page_permissions(groups[LEADERSHIP], sections)
    grant_page_permissions(groups[OFFICE_STAFF], top_level_offices())
    sync_workflow(groups[LEADERSHIP], sections, site_root)
    return groups
