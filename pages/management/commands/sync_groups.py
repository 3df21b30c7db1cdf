from django.core.management import BaseCommand
from wagtail.models import Site

from pages.roles import sync_groups
from pages.workflow import WORKFLOW_NAME


class Command(BaseCommand):
    help = (
        "Legt die Gruppen „Redaktion MIA-DO-KI“, „Leitung MIA-DO-KI“ und „Standortpflege“ an, vergibt ihre Rechte "
        "und richtet den Freigabe-Workflow „Freigabe MIA-DO-KI“ für /themen/ ein (wiederholbar)."
    )

    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        groups = sync_groups(site.root_page)
        self.stdout.write("Gruppen eingerichtet: " + ", ".join(sorted(groups)))
        self.stdout.write(f"Workflow eingerichtet: {WORKFLOW_NAME}")
