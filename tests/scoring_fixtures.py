"""Fixtures of CCHC scoring (imported by tests/conftest.py): a town that scores its offices and ward,
with a criteria set of its province, plans, activities with evidence and the year's reporting request."""

import dataclasses
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loa.core.actors import SYSTEM_CLI

D = dt.date


@pytest.fixture
def scoring_world(cycle_world, cycle_request, send_report, channels, settings, tmp_path):
    from loa.activities.services import activity_record
    from loa.documents.models import Direction
    from loa.documents.services import document_create
    from loa.plans.services import plan_create, target_set
    from loa.scoring.services import criteria_set_store
    from loa.scoring.shipped import shipped_specs

    settings.MEDIA_ROOT = tmp_path
    w = cycle_world
    spec = dataclasses.replace(
        shipped_specs()[1], code="bo-thu-2022", province="tinh-thu", unit_kinds=("department", "commune")
    )
    w["set"] = criteria_set_store(actor=SYSTEM_CLI, spec=spec)
    kh = document_create(
        actor=SYSTEM_CLI,
        kind="KH",
        subject="Kế hoạch tuyên truyền CCHC năm 2022",
        issuer_unit=w["vhtt"],
        symbol="05/KH-VHTT",
        issued_date=D(2022, 1, 10),
        direction=Direction.OUTGOING,
        file=SimpleUploadedFile("ke-hoach.docx", b"PK ke hoach"),
    )
    plan = plan_create(
        actor=SYSTEM_CLI, unit=w["vhtt"], title="Kế hoạch VHTT 2022", year_from=2022, document=kh
    )
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["PORTAL"], quantity=2)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["MEETING"], quantity=2)
    for n in range(3):
        activity_record(
            actor=SYSTEM_CLI,
            unit=w["vhtt"],
            date=D(2022, 3, 1 + n),
            channel=channels["PORTAL"],
            title=f"Tin cải cách hành chính số {n + 1}",
            evidence_url=f"https://vhtt.example.gov.vn/tin-{n + 1}",
        )
    w["meeting"] = activity_record(
        actor=SYSTEM_CLI,
        unit=w["vhtt"],
        date=D(2022, 5, 5),
        channel=channels["MEETING"],
        title="Hội nghị quán triệt CCHC",
        evidence_file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban hoi nghi"),
    )
    tp_plan = plan_create(actor=SYSTEM_CLI, unit=w["tp"], title="Kế hoạch Tư pháp 2022", year_from=2022)
    target_set(actor=SYSTEM_CLI, plan=tp_plan, channel=channels["PORTAL"], quantity=1)
    activity_record(
        actor=SYSTEM_CLI,
        unit=w["tp"],
        date=D(2022, 6, 1),
        channel=channels["PORTAL"],
        title="Tin pháp luật và CCHC",
        evidence_url="https://tp.example.gov.vn/tin",
    )
    request = cycle_request(w["town"], [w["vhtt"], w["tp"], w["ward"]], deadline=D(2022, 12, 15))
    # VHTT's accepted report froze both targets as met (its second meeting was recorded on paper only).
    send_report(
        request,
        w["vhtt"],
        on=D(2022, 12, 10),
        actual={"PORTAL": 3, "MEETING": 2},
        target={"PORTAL": 2, "MEETING": 2},
    )
    send_report(request, w["ward"], on=D(2022, 12, 20), actual={"PORTAL": 1}, state="submitted")
    w["request"] = request
    w["town_clerk"] = None
    return w


@pytest.fixture
def opened(scoring_world):
    from loa.scoring.services import round_open

    w = scoring_world
    w["round"] = round_open(
        actor=w["coordinator"],
        criteria_set=w["set"],
        coordinator_unit=w["town"],
        opens_on=D(2022, 12, 1),
        due_on=D(2022, 12, 20),
    )
    w["a"] = {a.unit.code: a for a in w["round"].assessments.select_related("unit")}
    return w
