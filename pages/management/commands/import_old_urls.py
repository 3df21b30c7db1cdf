"""Import redirects from a CSV of old addresses (e.g. www.dortmund.de URLs) and their new places.

Each row holds the old address and the new one: a path of this site ("/themen/…", stored as a
link to the page, so the redirect follows later moves) or a full URL. The first row may be a
heading. Running the file again updates the redirects instead of doubling them.
"""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site


OLD_PATH_LENGTH = Redirect._meta.get_field("old_path").max_length


class Command(BaseCommand):
    help = "Legt dauerhafte Weiterleitungen (301) aus einer CSV-Datei an: alte Adresse, neue Adresse."

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="CSV-Datei mit den Spalten: alte Adresse, neue Adresse")

    def handle(self, csv_file, **options):
        try:
            with open(csv_file, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
            # Comma or, as German spreadsheets write it, semicolon.
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
            rows = list(csv.reader(text.splitlines(), dialect))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"Die Datei lässt sich nicht lesen: {error}") from error
        site = Site.objects.get(is_default_site=True)
        created = updated = 0
        problems = []
        with transaction.atomic():
            for number, row in enumerate(rows, start=1):
                if not any(cell.strip() for cell in row) or (number == 1 and row and not _looks_like_address(row[0])):
                    continue
                if len(row) < 2 or not row[0].strip() or not row[1].strip():
                    problems.append(f"Zeile {number}: Es fehlt die alte oder die neue Adresse.")
                    continue
                old, new = row[0].strip(), row[1].strip()
                old_path = Redirect.normalise_path(old)
                if len(old_path) > OLD_PATH_LENGTH:
                    problems.append(f"Zeile {number}: Die alte Adresse ist länger als {OLD_PATH_LENGTH} Zeichen.")
                    continue
                target, problem = _target(site, new)
                if problem:
                    problems.append(f"Zeile {number}: {problem}")
                    continue
                _, was_created = Redirect.objects.update_or_create(
                    old_path=old_path, site=None, defaults={"is_permanent": True, **target}
                )
                created += was_created
                updated += not was_created
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"Weiterleitungen: {created} neu angelegt, {updated} aktualisiert, {len(problems)} übersprungen.")


def _looks_like_address(value):
    return value.strip().startswith(("/", "http://", "https://"))


def _target(site, new):
    if new.startswith(("http://", "https://")):
        if len(new) > Redirect._meta.get_field("redirect_link").max_length:
            return None, "Die neue Adresse ist zu lang."
        return {"redirect_link": new, "redirect_page": None}, None
    if new.startswith("/"):
        url_path = site.root_page.url_path + new.strip("/") + ("/" if new.strip("/") else "")
        page = Page.objects.live().filter(url_path=url_path).first()
        if page is None:
            return None, f"Keine veröffentlichte Seite unter {new}."
        return {"redirect_page": page, "redirect_link": ""}, None
    return None, f"„{new}“ ist weder ein Pfad dieser Website noch eine vollständige Adresse."
