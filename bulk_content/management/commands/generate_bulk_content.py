from django.core.management import BaseCommand, CommandError

from bulk_content.generator import BulkContentError, generate
from bulk_content.plan import (
    COMMITTEE_SHARE,
    MIN_PAGES,
    OFFICE_SHARE,
    PROGRAM_SHARE,
    PROGRAMS_PER_INDEX,
    ROOT_SLUG,
    ROOT_TITLE,
)


def percent(share):
    return f"{round(share * 100)} %"


class Command(BaseCommand):
    help = (
        "Erzeugt für Messungen einen großen, realistischen Seitenbaum unter einer neuen Themenseite "
        f"„{ROOT_TITLE}“ (/{ROOT_SLUG}/), über dieselbe Seiten-API wie die Redaktion. Wer die Seite löscht, "
        "löscht alles Erzeugte; nur die gemeinsam genutzten Standorte bleiben und werden beim nächsten Lauf "
        f"wiederverwendet. Mischung: {percent(OFFICE_SHARE)} Dienststellen (mit Unterstellen, Standorten aus einem "
        "gemeinsamen Vorrat, Öffnungszeiten, Schließzeiten, Umzügen und Ansprechpersonen), "
        f"{percent(COMMITTEE_SHARE)} Gremien (mit Mitgliedern und vergangenen wie kommenden Sitzungen), "
        f"{percent(PROGRAM_SHARE)} Förderprogramme samt einer Übersichtsseite je {PROGRAMS_PER_INDEX} Programme "
        "(mit vergangenen, offenen und kommenden Antragsfristen, Fördergebern, Zielgruppen und Beträgen), der Rest "
        "Themenseiten in bis zu fünf Ebenen (mit Text, Links im Text und „Mehr zum Thema“). Gleicher Seed und "
        "gleiche Seitenzahl ergeben dieselben Titel, Adressen und denselben Baum; Sitzungen, Fristen, Schließzeiten "
        "und Umzüge liegen relativ zum heutigen Tag, damit ihr Status stimmt. Suchindex und Referenzindex "
        "enthalten die neuen Seiten danach."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pages",
            type=int,
            default=10000,
            help=f"Anzahl der neuen Seiten einschließlich der Seite „{ROOT_TITLE}“ (mindestens {MIN_PAGES}).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Startwert des Zufallsgenerators.")
        parser.add_argument(
            "--parent",
            default="/",
            help=f"Adresse der Seite, unter der „{ROOT_TITLE}“ entsteht, z. B. „/themen/“ (Standard: die Startseite).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help=f"Löscht eine vorhandene Seite „{ROOT_TITLE}“ samt Unterseiten (endgültig, vor dem Erzeugen) "
            "und erzeugt sie neu.",
        )

    def handle(self, *args, pages, seed, parent, replace, **options):
        log = self.stdout.write if options["verbosity"] > 0 else (lambda message: None)
        try:
            generator = generate(pages, seed=seed, parent_path=parent, replace=replace, log=log)
        except BulkContentError as error:
            raise CommandError(f"Keine Massendaten erzeugt: {error}") from error
        self.stdout.write(generator.summary())
