"""The fixture types "program_index" and "program" for the seed loader."""

from decimal import Decimal

from pages.seed.types import register, responsible_office
from programs.models import FundingProgramIndexPage, FundingProgramPage, FundingRound, TargetGroup

AMOUNT_FIELDS = ("total_budget", "amount_min", "amount_max")


def _amounts(spec):
    return {name: Decimal(str(spec[name])) if spec.get(name) is not None else None for name in AMOUNT_FIELDS}


def _target_group(name):
    # The vocabulary is keyed by its name; the migration creates the common groups.
    return TargetGroup.objects.get_or_create(name=name)[0]


def _program_fields(spec, loader):
    return {
        **responsible_office(spec, loader),
        **_amounts(spec),
        "funder": spec.get("funder", FundingProgramPage.Funder.CITY),
        "funder_name": spec.get("funder_name", ""),
        "rolling": spec.get("rolling", False),
        "application_url": spec.get("application_url", ""),
        "target_groups": [_target_group(name) for name in spec.get("target_groups", [])],
        "funded_items": [{"type": "item", "value": item} for item in spec.get("funded", [])],
        "application_steps": [
            {"type": "step", "value": {"title": step["title"], "text": step.get("text", "")}}
            for step in spec.get("steps", [])
        ],
    }


def _program_rows(spec, loader):
    rounds = [
        FundingRound(
            year=entry.get("year"),
            label=entry.get("label", ""),
            opens=entry.get("opens"),
            closes=entry.get("closes"),
            description=(entry.get("description") or "").strip(),
            outcome=(entry.get("outcome") or "").strip(),
            **_amounts(entry),
        )
        for entry in spec.get("rounds", [])
    ]
    return {"rounds": rounds}


register("program_index", FundingProgramIndexPage, responsible_office)
register("program", FundingProgramPage, _program_fields, _program_rows)
