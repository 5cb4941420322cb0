"""The criteria sets shipped with Loa (``loa/scoring/sets/*.json``): a commune set modelled on the
Xuân Lộc commune index (CV 244/PNV, 08/8/2022, criterion 4) and a department set, both for Thừa
Thiên Huế 2022. A province adapts one by exporting it, editing it and importing it under its own code."""

from __future__ import annotations

from importlib import resources
from typing import Any

from loa.scoring.formats import set_from_json
from loa.scoring.models import CriteriaSet
from loa.scoring.rules import SetSpec
from loa.scoring.services import criteria_set_store

SHIPPED = ("commune-xuan-loc.json", "department.json")


def shipped_specs() -> list[SetSpec]:
    folder = resources.files("loa.scoring") / "sets"
    return [set_from_json((folder / name).read_bytes()) for name in SHIPPED]


def install_shipped_sets(*, actor: Any) -> list[CriteriaSet]:
    """Store the shipped sets that are not stored yet (their province must exist)."""
    stored = []
    for spec in shipped_specs():
        found = CriteriaSet.objects.filter(code=spec.code).first()
        stored.append(found or criteria_set_store(actor=actor, spec=spec))
    return stored
