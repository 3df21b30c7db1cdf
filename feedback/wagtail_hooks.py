from wagtail.admin.viewsets.model import ModelViewSet
from wagtail import hooks

from feedback.models import BarrierReport


class BarrierReportViewSet(ModelViewSet):
    model = BarrierReport
    icon = "help"
    menu_label = "Barriere-Meldungen"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["created_at", "page_url", "recipient", "handled"]
    list_filter = ["handled"]
    search_fields = ["description", "page_url"]
    form_fields = ["handled", "note"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_barrier_reports():
    return BarrierReportViewSet("barriere_meldungen")
