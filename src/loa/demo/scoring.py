"""The demo's CCHC scoring: the two shipped criteria sets of Thừa Thiên Huế for 2022, and the town's
2022 round for its communes and wards, opened with Loa's proposals so the pages show a real round."""

from __future__ import annotations

import datetime as dt

from loa.core.actors import SYSTEM_DEMO
from loa.organizations.models import Unit
from loa.scoring.models import ScoringRound
from loa.scoring.services import round_open
from loa.scoring.shipped import install_shipped_sets


def load_scoring(units: dict[str, Unit]) -> ScoringRound:
    commune_set, _department_set = install_shipped_sets(actor=SYSTEM_DEMO)
    return round_open(
        actor=SYSTEM_DEMO,
        criteria_set=commune_set,
        coordinator_unit=units["huongtra"],
        opens_on=dt.date(2022, 12, 1),
        due_on=dt.date(2022, 12, 20),
        title="Chấm điểm chỉ số CCHC năm 2022 các xã, phường thị xã Hương Trà",
    )
