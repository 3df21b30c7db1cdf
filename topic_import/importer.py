"""Imports the checked pages in one transaction, through Wagtail's page API.

Only when no file has a problem does ``run`` write: pass one adds each new page to the tree (parents first),
so that pages of the same import can link to each other; pass two gives every page its content as one
revision by the importing user, published with ``publish``. Any failure rolls the whole import back.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

from topic_import.comparison import imported_fields
from topic_import.planning import NEW_PAGE_ID, ImportPlanner, NewPage
from topic_import.problems import ImportFailed, problems_of


@dataclass
class Result:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    published: list = field(default_factory=list)  # unchanged, but their latest revision is published now
    redirects: int = 0


class TopicImporter(ImportPlanner):
    def run(self, paths, dry_run=False):
        plans = self.check(paths)
        result = Result()
        with transaction.atomic():
            for plan in plans:
                if plan.existing is None:
                    self._add_to_tree(plan)
            ids = {plan.spec.path: plan.page.pk for plan in plans}
            for plan in plans:
                self._save_content(plan, ids, result)
            for plan in plans:
                for old_path in plan.redirects:
                    Redirect.objects.create(old_path=old_path, site=None, redirect_page=plan.page, is_permanent=True)
                    result.redirects += 1
            if dry_run:
                transaction.set_rollback(True)
        return result

    def _add_to_tree(self, plan):
        """The new page with its title and teaser; live at once when publishing, so that pages of this import can
        name each other in "Mehr zum Thema" (the model accepts only live targets)."""
        parent = plan.parent if plan.parent_plan is None else plan.parent_plan.page
        try:
            parent.add_child(instance=plan.page)
        except ValidationError as error:
            raise ImportFailed(problems_of(plan.spec, error)) from error

    def _save_content(self, plan, ids, result):
        page = plan.page
        self.set_content(page, plan, related=_with_ids(plan.related, ids), body=_with_ids(plan.body, ids))
        try:
            if plan.existing is None:
                if not self.publish:
                    page.save()  # a draft's row holds its first content, as when an editor creates a page
                revision = page.save_revision(user=self.user, log_action=True)
            elif plan.before == imported_fields(page):
                if self.publish and (not plan.existing.live or plan.existing.has_unpublished_changes):
                    page.get_latest_revision().publish(user=self.user)
                    result.published.append(plan)
                result.unchanged.append(plan)
                return
            else:
                revision = page.save_revision(user=self.user, log_action=True)
        except ValidationError as error:
            raise ImportFailed(problems_of(plan.spec, error)) from error
        if self.publish:
            revision.publish(user=self.user)
        (result.updated if plan.existing else result.created).append(plan)


def _page_id(match, ids):
    path = match.group(1)
    return f'id="{ids[path]}"' if path in ids else match.group(0)


def _with_ids(data, ids):
    """Stream data with the ids of the pages of this import filled in."""
    if isinstance(data, NewPage):
        return ids[data.path]
    if isinstance(data, str):
        return NEW_PAGE_ID.sub(lambda match: _page_id(match, ids), data)
    if isinstance(data, dict):
        return {key: _with_ids(value, ids) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_ids(value, ids) for value in data]
    return data
