"""The publishing workflow of the topic sections: the editors submit, the leadership approves or asks for changes.

``sync_workflow()`` is called by ``sync_groups()`` and, like it, changes nothing when run again. Office pages
have no workflow: office staff publish an office in one step. That is why the workflow Wagtail's migrations
assign to the tree root ("Moderators approval", which would apply to every page) is taken off.
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowPage, WorkflowTask

WORKFLOW_NAME = "Freigabe MIA-DO-KI"
TASK_NAME = "Freigabe durch die Leitung MIA-DO-KI"


def sync_workflow(approvers, sections, site_root):
    """Give ``sections`` the workflow whose one task ``approvers`` decide; no workflow above the site root."""
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first() or GroupApprovalTask.objects.create(
        name=TASK_NAME
    )
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not workflow.workflow_tasks.filter(task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count())
    for section in sections:
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    _remove_site_wide_workflows(site_root, workflow)
    return workflow


def _remove_site_wide_workflows(site_root, keep):
    """Take other workflows off the site root and the pages above it, where they would reach the offices.

    A workflow left assigned nowhere (Wagtail's "Moderators approval") is deactivated, which also cancels
    submissions still waiting in it: nobody is left to approve them.
    """
    above = WorkflowPage.objects.filter(page__in=site_root.get_ancestors(inclusive=True)).exclude(workflow=keep)
    removed = {row.workflow for row in above.select_related("workflow")}
    above.delete()
    for workflow in removed:
        in_use = (
            WorkflowPage.objects.filter(workflow=workflow).exists()
            or WorkflowContentType.objects.filter(workflow=workflow).exists()
        )
        if workflow.active and not in_use:
            workflow.deactivate()
