"""What the planned pages say and hold: teasers, texts, links, office and committee rows, program rounds.

Text blocks are lists of HTML fragments and ``PageRef`` links, which the generator turns into
Wagtail's rich-text page links once the target pages exist.
"""

from decimal import Decimal
from html import escape

from bulk_content import words
from bulk_content.plan import MAX_LOCATIONS, DocRef, PageRef, Theme, capitalised
from programs.models.vocabulary import german_slug

TOPIC_LINKS = (3, 8)
OTHER_LINKS = (0, 3)
FUNDERS = [("stadt", 40), ("land", 25), ("bund", 10), ("eu", 5), ("stiftung", 12), ("sonstige", 8)]


def plan_locations(rng, office_count):
    """A pool of buildings that offices share: one for every four offices, at most ``MAX_LOCATIONS``."""
    count = min(MAX_LOCATIONS, max(5, office_count // 4 + 5))
    seen, locations = set(), []
    while len(locations) < count:
        street = f"{rng.choice(words.STREETS)} {rng.randint(1, 150)}"
        district, _, postcode = rng.choice(words.DISTRICTS)
        if (street, postcode) in seen:
            continue
        seen.add((street, postcode))
        name = rng.choice(words.BUILDING_NAMES)
        stop, lines = rng.choice(words.TRANSIT_STOPS)
        access = ["ja", "ja", "nein", "unbekannt"]
        locations.append({
            "street": street,
            "postcode": postcode,
            "city": "Dortmund",
            "name": f"{name} {district}" if name else "",
            "note": rng.choice(words.BUILDING_NOTES),
            "step_free": rng.choice(access),
            "lift": rng.choice(access),
            "accessible_wc": rng.choice(access),
            "transit_stop": stop,
            "transit_lines": lines,
        })
    return locations


def fill(rng, pages, locations):
    ContentPlanner(rng, pages, locations).fill()


class ContentPlanner:
    def __init__(self, rng, pages, locations):
        self.rng = rng
        self.pages = pages
        self.locations = locations
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

    def _chance(self, probability):
        return self.rng.random() < probability

    def _person(self):
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def _phone(self):
        return f"0231 50-{self.rng.randint(10000, 99999)}"

    def _office(self, probability):
        return self.rng.choice(self.offices) if self.offices and self._chance(probability) else None

    def _sentence(self, template, theme):
        text = template.format(
            subject=theme.subject_text,
            zu=theme.zu,
            group=theme.group_noun,
            district=theme.district_phrase,
            year=self.rng.randint(2008, 2022),
            count=self.rng.randint(50, 2000),
            date="{date}",
        )
        return capitalised(text)

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

    def _contact_persons(self, bounds):
        people = []
        for _ in range(self.rng.randint(*bounds)):
            first, last = self.rng.choice(words.FIRST_NAMES), self.rng.choice(words.LAST_NAMES)
            people.append({
                "name": f"{first} {last}",
                "role": self.rng.choice(words.ROLES),
                "phone": self._phone(),
                "email": f"{german_slug(first)}.{german_slug(last)}@dortmund.de",
            })
        return people

    # --- page kinds ----------------------------------------------------------------------

    def _fill_topic(self, page):
        if page.level == 0:
            page.theme = Theme(0, 0)
            page.teaser = "Automatisch erzeugte Seiten für Last- und Geschwindigkeitsmessungen des Integrationsportals."
            page.intro = ("Alle Seiten unterhalb dieser Seite hat der Befehl „generate_bulk_content“ erzeugt; "
                          "sie verschwinden, wenn diese Seite gelöscht wird.")
            page.body = [self._paragraph(page, link_probability=0)]
            page.related = [PageRef(index) for index in sorted(self.by_section)[:3] if index]
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

    def _office_locations(self):
        pool = range(len(self.locations))
        buildings = self.rng.sample(pool, min(len(pool), 1 if self._chance(0.8) else 2))
        rows = [{"location": building, "new_location": None, "moves_on": None} for building in buildings]
        if self._chance(0.08) and len(pool) > len(buildings):
            new = self.rng.choice([building for building in pool if building not in buildings])
            rows[0].update(new_location=new, moves_on=self.rng.randint(14, 180))
        return rows

    def _opening_hours(self):
        return [
            {"weekday": weekday, "until_weekday": until, "opens": opens, "closes": closes, "note": note}
            for weekday, until, opens, closes, note in self.rng.choice(words.OPENING_HOURS)
        ]

    def _closures(self):
        if not self._chance(0.2):
            return []
        starts = self.rng.randint(-5, 60)
        return [{"starts": starts, "ends": starts + self.rng.randint(0, 10), "note": self.rng.choice(words.CLOSURE_NOTES)}]

    def _fill_committee(self, page):
        theme, kind = page.theme, page.fields["kind"]
        page.teaser = f"Mitglieder, Sitzungen und Arbeitsschwerpunkte des Gremiums „{page.title}“."
        page.intro = (f"Im Gremium „{page.title}“ arbeiten Stadtverwaltung, Vereine und Initiativen "
                      f"{theme.district_phrase} zusammen.")
        rhythm, interval = self.rng.choice(words.MEETING_RHYTHMS)
        page.fields.update(
            founded=self.rng.randint(1990, 2023),
            legal_basis=self.rng.choice(words.LEGAL_BASES) if kind in ("gremium", "beirat") and self._chance(0.6) else "",
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

    def _members(self):
        members, names = [], set()
        roles = ["voting", "voting", "advisory", "substitute", ""]
        for _ in range(self.rng.randint(4, 16)):
            if self._chance(0.6):
                name = f"{self.rng.choice(words.ORGANISATION_KINDS)} {self.rng.choice(words.DISTRICTS)[0]} e. V."
                affiliation = ""
            else:
                name = self._person()
                affiliation = self.rng.choice(["Stadt Dortmund", "Integrationsrat", "Wohlfahrtsverband", "Jobcenter"])
            if name in names:
                continue
            names.add(name)
            members.append({"name": name, "affiliation": affiliation, "role": self.rng.choice(roles)})
        return members

    def _meetings(self, interval):
        """Past and coming meetings, ``interval`` days apart around the day of generation."""
        days = [-number * interval + self.rng.randint(-3, 3) for number in range(self.rng.randint(1, 4), 0, -1)]
        days += [number * interval - interval // 2 + self.rng.randint(-3, 3) for number in range(1, self.rng.randint(2, 4))]
        meetings = []
        for day in days:
            starts, ends = self.rng.choice(words.MEETING_TIMES)
            if self._chance(0.3):
                building = self.rng.choice(self.locations)
                place = f"{building['street']}, {building['postcode']} {building['city']}"
            else:
                place = self.rng.choice(words.MEETING_PLACES)
            past = day < 0
            meetings.append({
                "day": min(day, -1) if past else max(day, 1),
                "starts": starts,
                "ends": ends,
                "place": place,
                "agenda": DocRef(self.rng.random()) if self._chance(0.3) else None,
                "minutes": DocRef(self.rng.random()) if past and self._chance(0.3) else None,
            })
        return meetings

    def _fill_program_index(self, page):
        section = self.pages[page.section]
        page.teaser = f"Förderprogramme im Bereich „{section.title}“: Zuschüsse, Preise und Antragsfristen auf einen Blick."
        page.intro = "Finden Sie Förderprogramme nach Zielgruppe, Antragsfrist und Fördergeber."
        page.office = self._office(0.7)
        page.body = [self._paragraph(page, link_probability=0)]
        page.related = self._related(page, OTHER_LINKS)

    def _fill_program(self, page):
        theme = page.theme
        page.teaser = f"Förderung für Projekte {theme.zu}: wer einen Antrag stellen kann, was gefördert wird und bis wann."
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

    def _amounts(self, probability):
        amounts = {"total_budget": None, "amount_min": None, "amount_max": None}
        if self._chance(probability):
            amounts["total_budget"] = Decimal(self.rng.randint(10, 1000) * 500)
        if self._chance(probability):
            low = self.rng.randint(1, 20) * 250
            amounts["amount_min"] = Decimal(low)
            if self._chance(0.7):
                amounts["amount_max"] = Decimal(low * self.rng.randint(2, 20))
        return amounts

    def _rounds(self, theme):
        """Windows in the past, open now and coming, and rounds known only by their year."""
        rounds, years_ago = [], set()
        for _ in range(self.rng.randint(0, 4)):
            shape = self.rng.choices(["past", "open", "upcoming", "year"], [4, 3, 3, 1])[0]
            description = self._sentence(self.rng.choice(words.SENTENCES), theme) if self._chance(0.4) else ""
            entry = {"shape": shape, "description": description, "amounts": self._amounts(0.3)}
            if shape == "year":
                ago = self.rng.randint(1, 8)
                if ago in years_ago:
                    continue
                years_ago.add(ago)
                entry.update(years_ago=ago, count=self.rng.randint(3, 25),
                             outcome=self.rng.choice(words.ROUND_OUTCOMES))
            elif shape == "past":
                closes = -self.rng.randint(10, 400)
                entry.update(opens=closes - self.rng.randint(30, 90), closes=closes)
            elif shape == "open":
                entry.update(opens=-self.rng.randint(0, 60), closes=self.rng.randint(0, 90))
            else:
                opens = self.rng.randint(1, 150)
                entry.update(opens=opens, closes=opens + self.rng.randint(20, 90))
            rounds.append(entry)
        return rounds
