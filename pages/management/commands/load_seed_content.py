from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError, call_command

from pages.seed.loader import SeedError, SeedLoader


class Command(BaseCommand):
    help = (
        "Lädt die Startinhalte aus fixtures/. Bestehende Seiten bleiben unverändert, "
        "ein zweiter Lauf ändert also nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(settings.BASE_DIR / "fixtures"))
        parser.add_argument(
            "--force",
            action="store_true",
            help="Setzt auch bestehende Seiten, Bilder, Einstellungen und Weiterleitungen auf den Stand der Fixtures "
            "zurück (mit neuer Revision, nur wo sich etwas unterscheidet).",
        )

    def handle(self, *args, fixtures, force, **options):
        log = (lambda message: self.stdout.write(message)) if options["verbosity"] > 1 else (lambda message: None)
        try:
            created, updated = SeedLoader(fixtures, log=log, force=force).load()
        except (SeedError, ValidationError) as error:
            raise CommandError(f"Startinhalte nicht geladen, nichts wurde geändert: {error}") from error
        if created or updated:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(f"Startinhalte geladen: {created} neu angelegt, {updated} aktualisiert.")
