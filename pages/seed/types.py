"""The page types a fixture may name, and what each adds to the fields every content page shares.

Apps register their own types (``programs`` does so in its ``ready()``), so this package
never imports them.
"""

from dataclasses import dataclass
from typing import Callable

from pages.models import (
    CommitteeMember,
    CommitteePage,
    HomePage,
    Location,
    OfficeLocation,
    OfficePage,
    StandardPage,
    TopicPage,
    TopicsAtoZPage,
)


def _no_values(spec, loader):
    return {}


@dataclass(frozen=True)
class SeedType:
    """``fields(spec, loader)`` gives field values; ``rows(spec, loader)`` gives child rows per relation name."""

    model: type
    fields: Callable = _no_values
    rows: Callable = _no_values


SEED_TYPES = {}


def register(key, model, fields=_no_values, rows=_no_values):
    SEED_TYPES[key] = SeedType(model, fields, rows)


def responsible_office(spec, loader):
    office = spec.get("responsible_office")
    return {"responsible_office_id": loader.page_at(office).pk if office else None}


def _committee_fields(spec, loader):
    office = spec.get("managing_office")
    fields = {"managing_office_id": loader.page_at(office).pk if office else None}
    for name in ("kind", "founded", "meeting_rhythm", "member_order"):
        fields[name] = spec.get(name, CommitteePage._meta.get_field(name).get_default())
    fields["composition"] = (spec.get("composition") or "").strip()
    return fields


def _committee_rows(spec, loader):
    return {"members": [CommitteeMember(name=name) for name in spec.get("members", [])]}


def _office_fields(spec, loader):
    return {
        "short_name": spec.get("short_name", ""),
        "logo_id": loader.images[spec["logo"]].pk if spec.get("logo") else None,
    }


def _office_rows(spec, loader):
    locations = []
    for entry in spec.get("locations", []):
        # Buildings are snippets keyed by their address, shared between offices.
        location, created = Location.objects.get_or_create(
            street=entry["street"],
            postcode=entry["postcode"],
            city=entry.get("city", "Dortmund"),
            defaults={"name": entry.get("name", ""), "note": entry.get("note", "")},
        )
        loader.count(created)
        locations.append(OfficeLocation(location=location))
    return {"office_locations": locations}


register("home", HomePage, responsible_office)
register("a_to_z", TopicsAtoZPage, responsible_office)
register("topic", TopicPage, responsible_office)
register("standard", StandardPage, responsible_office)
register("office", OfficePage, _office_fields, _office_rows)
register("committee", CommitteePage, _committee_fields, _committee_rows)
