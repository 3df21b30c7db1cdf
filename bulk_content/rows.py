"""Turns planned rows and references into model instances: buildings, hours, members, rounds, documents."""

import datetime

from django.utils import timezone
from wagtail.documents import get_document_model

from bulk_content import words
from pages.models import (
    CommitteeMeeting,
    CommitteeMember,
    Location,
    OfficeClosure,
    OfficeContactPerson,
    OfficeLocation,
    OfficeOpeningHours,
    OfficePage,
)
from programs.models import FundingProgramPage, FundingRound, ProgramContactPerson, TargetGroup

BATCH = 500
PARENT_FIELDS = ("office", "committee", "program")


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


class RowBuilder:
    """Knows today, the buildings, documents and target groups, and builds rows from a plan's entries."""

    def __init__(self, location_specs):
        self.today = timezone.localdate()
        self.locations, self.new_locations = self._locations(location_specs)
        self.documents = list(get_document_model().objects.order_by("pk"))
        self.target_groups = list(TargetGroup.objects.order_by("name")) or [
            TargetGroup.objects.create(name=name) for name in words.TARGET_GROUPS
        ]

    @staticmethod
    def _locations(specs):
        """The planned buildings; one that exists with the same address is shared rather than duplicated."""
        existing = {
            (location.street, location.postcode, location.city): location
            for location in Location.objects.filter(street__in=[spec["street"] for spec in specs])
        }
        new = []
        for spec in specs:
            key = (spec["street"], spec["postcode"], spec["city"])
            if key not in existing:
                location = existing[key] = Location(**spec)
                location.full_clean(validate_unique=False)
                new.append(location)
        Location.objects.bulk_create(new)
        return [existing[(spec["street"], spec["postcode"], spec["city"])] for spec in specs], new

    def day(self, offset):
        return self.today + datetime.timedelta(days=offset)

    def document(self, ref):
        """The document a ``DocRef`` points to, or None when there are no documents."""
        if ref is None or not self.documents:
            return None
        return self.documents[int(ref.fraction * len(self.documents))]

    def groups(self, fractions):
        groups = []
        for fraction in fractions:
            group = self.target_groups[int(fraction * len(self.target_groups))]
            if group not in groups:
                groups.append(group)
        return groups

    def create(self, plan, pages):
        """Creates every row of every page, validated and in bulk; returns {plan index: {relation: rows}}."""
        rows_of = {}
        by_model = {}
        for spec, page in zip(plan.pages, pages):
            rows_of[spec.index] = {}
            for relation, entries in spec.rows.items():
                rows = [self.row(page, relation, entry, position) for position, entry in enumerate(entries)]
                rows_of[spec.index][relation] = rows
                for row in rows:
                    by_model.setdefault(type(row), []).append(row)
        for model, rows in by_model.items():
            parent = next(field.name for field in model._meta.concrete_fields if field.name in PARENT_FIELDS)
            for row in rows:
                row.full_clean(exclude=[parent], validate_unique=False, validate_constraints=False)
            model.objects.bulk_create(rows, batch_size=BATCH)
        field = FundingProgramPage._meta.get_field("target_groups")
        links = []
        for spec, page in zip(plan.pages, pages):
            if spec.kind == "program":
                groups = rows_of[spec.index]["target_groups"] = self.groups(spec.target_groups)
                links += [
                    field.remote_field.through(**{field.m2m_field_name(): page, field.m2m_reverse_field_name(): group})
                    for group in groups
                ]
        field.remote_field.through.objects.bulk_create(links, batch_size=BATCH)
        return rows_of

    def row(self, page, relation, entry, position):
        if relation == "office_locations":
            moves = entry["new_location"] is not None
            return OfficeLocation(
                office=page,
                location=self.locations[entry["location"]],
                new_location=self.locations[entry["new_location"]] if moves else None,
                moves_on=self.day(entry["moves_on"]) if moves else None,
                sort_order=position,
            )
        if relation == "opening_hours":
            values = dict(entry, opens=_time(entry["opens"]), closes=_time(entry["closes"]))
            return OfficeOpeningHours(office=page, sort_order=position, **values)
        if relation == "closures":
            return OfficeClosure(
                office=page, starts=self.day(entry["starts"]), ends=self.day(entry["ends"]), note=entry["note"],
                sort_order=position,
            )
        if relation == "contact_persons":
            if isinstance(page, OfficePage):
                return OfficeContactPerson(office=page, sort_order=position, **entry)
            return ProgramContactPerson(program=page, sort_order=position, **entry)
        if relation == "members":
            return CommitteeMember(committee=page, sort_order=position, **entry)
        if relation == "meetings":
            return CommitteeMeeting(
                committee=page,
                date=self.day(entry["day"]),
                starts=_time(entry["starts"]),
                ends=_time(entry["ends"]),
                place=entry["place"],
                agenda=self.document(entry["agenda"]),
                minutes=self.document(entry["minutes"]),
                sort_order=position,
            )
        if relation == "rounds":
            return self._round(page, entry, position)
        raise ValueError(f"Unbekannte Zeilenart „{relation}“.")

    def _round(self, page, entry, position):
        funding_round = FundingRound(
            program=page, description=entry["description"], sort_order=position, **entry["amounts"]
        )
        if entry["shape"] == "year":
            funding_round.year = self.today.year - entry["years_ago"]
            funding_round.label = f"Runde {funding_round.year}"
            funding_round.outcome = entry["outcome"].format(count=entry["count"])
        else:
            funding_round.opens, funding_round.closes = self.day(entry["opens"]), self.day(entry["closes"])
            season = "Frühjahrsrunde" if funding_round.opens.month <= 6 else "Herbstrunde"
            funding_round.label = f"{season} {funding_round.opens.year}"
        return funding_round
