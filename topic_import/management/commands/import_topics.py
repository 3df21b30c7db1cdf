from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from django.utils import translation

from topic_import.importer import TopicImporter
from topic_import.problems import ImportFailed
from topic_import.specs import site_path


class Command(BaseCommand):
    help = (
        "Importiert Themenseiten aus Markdown-Dateien mit Vorspann (YAML) oder aus JSON-Dateien, als Entwürfe "
        "oder mit --publish veröffentlicht. Zuerst werden alle Dateien geprüft; hat eine einen Fehler, wird "
        "nichts importiert."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PFAD", help="Dateien (.md, .markdown, .json) oder Ordner")
        parser.add_argument(
            "--parent", help="Übergeordnete Seite für Dateien ohne „übergeordnete_seite“, z. B. /themen/integration/"
        )
        parser.add_argument("--user", required=True, help="Benutzername, unter dem die Revisionen im Verlauf stehen")
        parser.add_argument("--publish", action="store_true", help="Veröffentlicht die Seiten sofort, ohne Freigabe")
        parser.add_argument("--update", action="store_true", help="Aktualisiert bestehende Seiten (neue Revision)")
        parser.add_argument("--dry-run", action="store_true", help="Prüft und importiert zur Probe, speichert nichts")

    def handle(self, *args, paths, parent, user, publish, update, dry_run, **options):
        with translation.override("de"):
            importer = self._importer(parent, user, publish, update)
            try:
                result = importer.run(paths, dry_run=dry_run)
            except ImportFailed as failure:
                for problem in failure.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"Nichts importiert: {len(failure.problems)} Fehler in den Dateien.") from failure
            except Exception as error:
                raise CommandError(f"Import abgebrochen, nichts wurde gespeichert: {error}") from error
        for plan in result.created + result.updated + result.unchanged:
            state = "neu" if plan in result.created else "aktualisiert" if plan in result.updated else "unverändert"
            if plan in result.published:
                state += ", jetzt veröffentlicht"
            self.stdout.write(f"{plan.spec.path} ({state}): {plan.spec.source.file}")
        summary = (
            f"{len(result.created)} neu angelegt, {len(result.updated)} aktualisiert, "
            f"{len(result.unchanged)} unverändert, "
            f"{result.redirects} {'Weiterleitung' if result.redirects == 1 else 'Weiterleitungen'}"
        )
        if dry_run:
            self.stdout.write(f"Probelauf ohne Fehler, nichts gespeichert: {summary}.")
        else:
            state = "veröffentlicht" if publish else "als Entwurf gespeichert"
            self.stdout.write(f"Themenseiten importiert ({state}): {summary}.")

    def _importer(self, parent, username, publish, update):
        if parent is not None and site_path(parent) is None:
            raise CommandError(f"--parent „{parent}“ ist kein Pfad dieser Website, z. B. /themen/integration/.")
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}, is_active=True).first()
        if user is None:
            raise CommandError(f"Es gibt keinen aktiven Benutzer „{username}“.")
        return TopicImporter(user, default_parent=site_path(parent) if parent else None, publish=publish, update=update)
