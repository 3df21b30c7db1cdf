"""The rows a planned page holds: buildings, opening hours, closures, people, members, meetings, rounds.

Days are offsets from the day of generation, so that statuses ("open", "coming") are realistic
whenever the tree is generated.
"""

from decimal import Decimal

from bulk_content import words
from bulk_content.specs import DocRef, capitalised
from programs.models.vocabulary import german_slug

# One building for every four offices, at most this many: offices share them like real ones do.
MAX_LOCATIONS = 300


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


class DetailPlanner:
    """Draws the rows of offices, committees and programs, and the small helpers the texts use too."""

    def __init__(self, rng, locations):
        self.rng = rng
        self.locations = locations

    def _chance(self, probability):
        return self.rng.random() < probability

    def _person(self):
        return f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"

    def _phone(self):
        return f"0231 50-{self.rng.randint(10000, 99999)}"

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

    # --- rows ------------------------------------------------------------------------------

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
        ends = starts + self.rng.randint(0, 10)
        return [{"starts": starts, "ends": ends, "note": self.rng.choice(words.CLOSURE_NOTES)}]

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
        past, coming = self.rng.randint(1, 4), self.rng.randint(1, 3)
        days = [-number * interval + self.rng.randint(-3, 3) for number in range(past, 0, -1)]
        days += [number * interval - interval // 2 + self.rng.randint(-3, 3) for number in range(1, coming + 1)]
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
        for _ in range(self.rng.randint(1, 4)):
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
