from django.conf import settings
from django.core.management import BaseCommand, call_command

from pages.seed.loader import SeedLoader


class Command(BaseCommand):
    help = "Lädt die Startinhalte aus fixtures/ (wiederholbar: ein zweiter Lauf ändert nichts)."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(settings.BASE_DIR / "fixtures"))

    def handle(self, *args, fixtures, **options):
        log = (lambda message: self.stdout.write(message)) if options["verbosity"] > 1 else (lambda message: None)
        created, updated = SeedLoader(fixtures, log=log).load()
        if created or updated:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(f"Startinhalte geladen: {created} neu angelegt, {updated} aktualisiert.")
