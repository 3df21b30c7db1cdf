from django.core.management import BaseCommand
from wagtail.models import Site

from pages.roles import sync_groups


class Command(BaseCommand):
    help = "Legt die Gruppen „Redaktion MIA-DO-KI“ und „Standortpflege“ an und vergibt ihre Rechte (wiederholbar)."

    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        groups = sync_groups(site.root_page)
        self.stdout.write("Gruppen eingerichtet: " + ", ".join(sorted(groups)))
