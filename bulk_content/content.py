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
        for page in self.pages:
            getattr(self, f"_{page.kind}")(page)

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

    def _topic(self, page):
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

    def _office(self, probability):  # noqa: F811 (the helper above is for references to offices)
        return self.rng.choice(self.offices) if self.offices and self._chance(probability) else None

    def _office_page(self, page):
        pass
