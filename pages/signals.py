"""Keeps office staff's permissions in step with new top-level offices."""

from django.db.models.signals import post_save
from wagtail.models import Page


def grant_office_staff_on_new_office(sender, instance, created, **kwargs):
    from django.contrib.auth.models import Group

    from pages.models import OfficePage
    from pages.roles import OFFICE_STAFF, grant_page_permissions

    if not created or OfficePage.objects.filter(path=instance.path[: -Page.steplen]).exists():
        return  # an office below another office is covered by the permissions on that one
    group = Group.objects.filter(name=OFFICE_STAFF).first()
    if group is not None:
        grant_page_permissions(group, [instance])


def connect():
    from pages.models import OfficePage

    post_save.connect(grant_office_staff_on_new_office, sender=OfficePage, dispatch_uid="office_staff_permissions")
