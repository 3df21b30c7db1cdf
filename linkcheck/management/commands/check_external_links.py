"""Check every external address linked from live pages and store the answers for the report "Verweise prüfen"."""

import argparse
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from linkcheck.checker import check_urls
from linkcheck.collect import external_urls
from linkcheck.models import URL_MAX_LENGTH, ExternalLinkCheck


def _positive(kind):
    def parse(value):
        try:
            number = kind(value.replace(",", "."))
        except ValueError:
            number = 0
        if number <= 0:
            raise argparse.ArgumentTypeError(f"„{value}“ ist keine Zahl größer als 0.")
        return number

    parse.__name__ = kind.__name__
    return parse


def _addresses(count):
    return f"{count} {'Adresse' if count == 1 else 'Adressen'}"


class Command(BaseCommand):
    help = (
        "Prüft alle externen Links der veröffentlichten Seiten (HEAD, sonst GET; Weiterleitungen werden nur "
        "vermerkt) und speichert die Ergebnisse für den Bericht „Verweise prüfen“."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=_positive(int), default=8, help="Höchstens so viele Anfragen zugleich (Vorgabe: 8)."
        )
        parser.add_argument(
            "--timeout", type=_positive(float), default=10.0, help="Sekunden je Anfrage (Vorgabe: 10)."
        )
        parser.add_argument(
            "--time-limit",
            type=_positive(float),
            default=900.0,
            help="Sekunden, die der ganze Lauf dauern darf; was bis dahin nicht geprüft ist, "
            "kommt beim nächsten Lauf zuerst an die Reihe (Vorgabe: 900).",
        )
        parser.add_argument(
            "--max-age",
            type=float,
            default=0.0,
            help="Adressen überspringen, die vor weniger als so vielen Stunden geprüft wurden "
            "(Vorgabe: 0, alle prüfen).",
        )

    def handle(self, *args, concurrency, timeout, time_limit, max_age, **options):
        if max_age < 0:
            raise CommandError("--max-age darf nicht negativ sein.")
        with translation.override("de"):
            self._run(concurrency, timeout, time_limit, max_age)

    def _run(self, concurrency, timeout, time_limit, max_age):
        urls = [url for url in external_urls() if len(url) <= URL_MAX_LENGTH]
        # Addresses no live page links to any more have nothing to report.
        ExternalLinkCheck.objects.exclude(url__in=urls).delete()
        last_checked = dict(ExternalLinkCheck.objects.values_list("url", "checked_at"))
        since = timezone.now() - timedelta(hours=max_age)
        recent = {url for url, checked_at in last_checked.items() if max_age and checked_at >= since}
        # Never checked first, then the longest unchecked: a run cut short by the time limit resumes there.
        due = sorted(
            (url for url in urls if url not in recent), key=lambda url: (url in last_checked, last_checked.get(url))
        )
        started = time.monotonic()
        results = check_urls(due, concurrency=concurrency, timeout=timeout, time_limit=time_limit)
        now = timezone.now()
        ExternalLinkCheck.objects.bulk_create(
            [
                ExternalLinkCheck(
                    url=result.url,
                    status_code=result.status_code,
                    error=result.error,
                    redirect_to=result.redirect_to[:URL_MAX_LENGTH],
                    checked_at=now,
                )
                for result in results
            ],
            update_conflicts=True,
            unique_fields=["url"],
            update_fields=["status_code", "error", "redirect_to", "checked_at"],
        )
        self._summarise(results, len(due), len(recent), time.monotonic() - started)

    def _summarise(self, results, due, skipped, seconds):
        broken = sum(1 for result in results if result.status_code is not None and result.status_code >= 400)
        unreachable = sum(1 for result in results if result.status_code is None)
        redirected = sum(1 for result in results if result.redirect_to)
        fine = len(results) - broken - unreachable - redirected
        duration = f"{seconds:.1f}".replace(".", ",")
        self.stdout.write(
            f"Externe Links: {_addresses(len(results))} in {duration} Sekunden geprüft – {fine} in Ordnung, "
            f"{redirected} weitergeleitet, {broken} mit Fehler, {unreachable} nicht erreichbar."
        )
        if skipped:
            self.stdout.write(f"{_addresses(skipped)} übersprungen, da erst kürzlich geprüft.")
        if len(results) < due:
            self.stdout.write(
                f"{_addresses(due - len(results))} wegen der Zeitgrenze nicht geprüft; "
                "sie kommen beim nächsten Lauf zuerst an die Reihe."
            )
        if broken or unreachable or redirected:
            self.stdout.write("Die Einzelheiten stehen im Bericht „Verweise prüfen“ (Berichte im Redaktionsbereich).")
