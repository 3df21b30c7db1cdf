"""What the planned pages say: teasers, intros, bodies, "Mehr zum Thema", offices and the fields of each type.

Text blocks are lists of HTML fragments and ``PageRef`` links, which the generator turns into
Wagtail's rich-text page links once the target pages exist.
"""

from html import escape

from bulk_content import words
from bulk_content.details import DetailPlanner
from bulk_content.specs import DocRef, PageRef, Theme
from programs.models.vocabulary import german_slug

TOPIC_LINKS = (3, 8)
OTHER_LINKS = (0, 3)
FUNDERS = [("stadt", 40), ("land", 25), ("bund", 10), ("eu", 5), ("stiftung", 12), ("sonstige", 8)]


def fill(rng, pages, locations):
    ContentPlanner(rng, pages, locations).fill()


class ContentPlanner(DetailPlanner):
    """Fills in every planned page, in plan order, from the same random generator as the tree."""

    def __init__(self, rng, pages, locations):
        super().__init__(rng, locations)
        self.pages = pages
        self.offices = [page.index for page in pages if page.kind == "office"]
        self.by_section = {}
        for page in pages[1:]:
            self.by_section.setdefault(page.section, []).append(page.index)

    def fill(self):
        fillers = {
            "topic": self._fill_topic,
            "office": self._fill_office,
            "committee": self._fill_committee,
            "program_index": self._fill_program_index,
            "program": self._fill_program,
        }
        for page in self.pages:
            fillers[page.kind](page)

    # --- helpers -------------------------------------------------------------------

    def _office(self, probability):
        return self.rng.choice(self.offices) if self.offices and self._chance(probability) else None

    def _link_target(self, page):
        """Another page, most often from the same section."""
        for _ in range(20):
            if self._chance(0.6) and len(self.by_section.get(page.section, ())) > 1:
                target = self.rng.choice(self.by_section[page.section])
            else:
                target = self.rng.randrange(1, len(self.pages))
            if target != page.index:
                return target
        return None

    def _related(self, page, bounds):
        wanted = self.rng.randint(*bounds)
        targets = []
        for _ in range(wanted * 3):
            if len(targets) == wanted:
                break
            target = self._link_target(page)
            if target is not None and target not in targets:
                targets.append(target)
        related = [PageRef(target) for target in targets]
        if self._chance(0.15):
            related.append(("external", *self.rng.choice(words.EXTERNAL_LINKS)))
        return related

    def _paragraph(self, page, link_probability=0.35):
        templates = self.rng.sample(words.SENTENCES, self.rng.randint(2, 4))
        parts = ["<p>", escape(" ".join(self._sentence(template, page.theme) for template in templates), quote=False)]
        target = self._link_target(page) if self._chance(link_probability) else None
        if target is not None:
            before, after = self.rng.choice(words.LINK_SENTENCES).split("{link}")
            parts += [" " + escape(before, quote=False), PageRef(target), escape(after, quote=False)]
        parts.append("</p>")
        return ("text", parts)

    def _checklist(self):
        items = self.rng.sample(words.CHECKLIST, self.rng.randint(3, 5))
        return ("text", ["<p>Bitte bringen Sie mit:</p><ul>", *(f"<li>{escape(item)}</li>" for item in items), "</ul>"])

    def _body(self, page, sections=(1, 3)):
        blocks = [self._paragraph(page)]
        for heading in self.rng.sample(words.HEADINGS, self.rng.randint(*sections)):
            blocks.append(("heading", heading))
            blocks.append(self._checklist() if self._chance(0.2) else self._paragraph(page))
        extra = self.rng.random()
        if extra < 0.2:
            text = self._sentence(self.rng.choice(words.NOTICE_SENTENCES), page.theme)
            blocks.append(("notice", self.rng.choice(words.NOTICE_HEADINGS), self.rng.randint(-30, 60),
                           ["<p>", escape(text, quote=False), "</p>"]))
        elif extra < 0.3:
            blocks.append(("quote", self.rng.choice(words.QUOTES), f"{self._person()}, Stadt Dortmund"))
        elif extra < 0.38:
            blocks.append(("timeline", self._timeline(page)))
        return blocks

    def _timeline(self, page):
        year, periods = self.rng.randint(2005, 2012), []
        count = self.rng.randint(2, 4)
        for number in range(count):
            length = self.rng.randint(2, 4)
            years = f"ab {year}" if number == count - 1 else f"{year}–{year + length - 1}"
            text = self._sentence(self.rng.choice(words.SENTENCES), page.theme)
            periods.append((words.TIMELINE_LABELS[number], years, text))
            year += length
        return periods

    def _documents(self, bounds, probability):
        if not self._chance(probability):
            return []
        return [DocRef(self.rng.random()) for _ in range(self.rng.randint(*bounds))]

    # --- page types ----------------------------------------------------------------------

    def _fill_topic(self, page):
        if page.level == 0:
            page.theme = Theme(0, 0)
            page.teaser = "Automatisch erzeugte Seiten für Last- und Geschwindigkeitsmessungen des Integrationsportals."
            page.intro = ("Alle Seiten unterhalb dieser Seite hat der Befehl „generate_bulk_content“ erzeugt; "
                          "sie verschwinden, wenn diese Seite gelöscht wird.")
            page.body = [self._paragraph(page, link_probability=0)]
            page.related = [PageRef(index) for index in sorted(self.by_section)[:3]]
            return
        theme = page.theme
        if page.level == 1:
            page.teaser = f"Angebote, Beratung und Ansprechpersonen zum Bereich „{page.title}“."
            page.intro = f"Hier finden Sie alle Themen des Bereichs „{page.title}“ mit Anlaufstellen in Dortmund."
            page.office = self._office(0.6)
        else:
            values = {"zu": theme.zu, "group": theme.group_phrase, "where": theme.where}
            page.teaser = self.rng.choice(words.TEASERS).format(**values)
            page.intro = self.rng.choice(words.INTROS).format(**values)
            page.office = self._office(0.2)
        page.body = self._body(page)
        page.related = self._related(page, TOPIC_LINKS)
        page.downloads = self._documents((1, 3), 0.2)

    def _fill_office(self, page):
        theme, parent = page.theme, self.pages[page.parent]
        if parent.kind == "office":
            page.teaser = f"{page.title} ({parent.title}): Ansprechpersonen und Sprechzeiten {theme.zu}."
        else:
            page.teaser = f"{page.title}: Beratung und Unterstützung {theme.zu} {theme.where}."
        languages = ["Deutsch", *self.rng.sample(words.LANGUAGES, self.rng.randint(0, 3))]
        weekly = self._chance(0.9)
        page.fields.update(
            phone=self._phone(),
            fax=self._phone() if self._chance(0.5) else "",
            email=f"{german_slug(page.title)[:40].strip('-')}@dortmund.de",
            appointment_url=f"https://termine.dortmund.de/{page.slug}/" if self._chance(0.3) else "",
            languages=", ".join(languages),
            hours_note="" if weekly else words.HOURS_NOTE,
        )
        page.body = self._body(page, sections=(0, 1))
        page.related = self._related(page, OTHER_LINKS)
        page.rows = {
            "office_locations": self._office_locations(),
            "opening_hours": self._opening_hours() if weekly else [],
            "closures": self._closures(),
            "contact_persons": self._contact_persons((0, 3)),
        }

    def _fill_committee(self, page):
        theme, kind = page.theme, page.fields["kind"]
        page.teaser = f"Mitglieder, Sitzungen und Arbeitsschwerpunkte des Gremiums „{page.title}“."
        page.intro = (f"Im Gremium „{page.title}“ arbeiten Stadtverwaltung, Vereine und Initiativen "
                      f"{theme.district_phrase} zusammen.")
        rhythm, interval = self.rng.choice(words.MEETING_RHYTHMS)
        page.fields.update(
            founded=self.rng.randint(1990, 2023),
            legal_basis=(
                self.rng.choice(words.LEGAL_BASES) if kind in ("gremium", "beirat") and self._chance(0.6) else ""
            ),
            composition="Vertreterinnen und Vertreter von Vereinen, Verbänden, Migrantenorganisationen und der "
            f"Stadtverwaltung {theme.district_phrase}.",
            chair=f"{self._person()} (Stadt Dortmund)",
            deputy_chair=self._person() if self._chance(0.6) else "",
            meeting_rhythm=rhythm,
            member_order=self.rng.choice(["editor", "alphabetical"]),
        )
        page.office = self._office(0.7)
        page.body = self._body(page, sections=(0, 2))
        page.related = self._related(page, OTHER_LINKS)
        page.rows = {"members": self._members(), "meetings": self._meetings(interval)}

    def _fill_program_index(self, page):
        section = self.pages[page.section]
        page.teaser = (
            f"Förderprogramme im Bereich „{section.title}“: Zuschüsse, Preise und Antragsfristen auf einen Blick."
        )
        page.intro = "Finden Sie Förderprogramme nach Zielgruppe, Antragsfrist und Fördergeber."
        page.office = self._office(0.7)
        page.body = [self._paragraph(page, link_probability=0)]
        page.related = self._related(page, OTHER_LINKS)

    def _fill_program(self, page):
        theme = page.theme
        page.teaser = (
            f"Förderung für Projekte {theme.zu}: wer einen Antrag stellen kann, was gefördert wird und bis wann."
        )
        funder = self.rng.choices([code for code, _ in FUNDERS], [weight for _, weight in FUNDERS])[0]
        funder_names = {
            "stiftung": words.FOUNDATIONS, "sonstige": words.OTHER_FUNDERS, "land": words.STATE_FUNDERS,
            "bund": words.FEDERAL_FUNDERS,
        }
        needs_name = funder in ("stiftung", "sonstige")
        funder_name = ""
        if funder in funder_names and (needs_name or self._chance(0.5)):
            funder_name = self.rng.choice(funder_names[funder])
        steps = self.rng.sample(words.APPLICATION_STEPS, self.rng.randint(0, 4))
        page.intro = f"Gefördert werden Projekte {theme.zu}{theme.group_phrase} {theme.where}."
        page.fields.update(
            funder=funder,
            funder_name=funder_name,
            rolling=self._chance(0.2),
            application_url=f"https://www.dortmund.de/foerderung/{page.slug}/antrag/" if self._chance(0.4) else "",
            funded_items=[{"type": "item", "value": item}
                          for item in self.rng.sample(words.FUNDED_ITEMS, self.rng.randint(2, 6))],
            application_steps=[{"type": "step", "value": {"title": title, "text": text}} for title, text in steps],
            **self._amounts(0.6),
        )
        page.target_groups = [self.rng.random() for _ in range(self.rng.randint(1, 4))]
        page.office = self._office(0.5)
        page.body = self._body(page, sections=(0, 2))
        page.related = self._related(page, OTHER_LINKS)
        page.downloads = self._documents((1, 2), 0.4)
        page.rows = {"rounds": self._rounds(theme), "contact_persons": self._contact_persons((0, 2))}
