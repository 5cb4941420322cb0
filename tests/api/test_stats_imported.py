"""Figures imported from an old report reach programs as they reach the dashboard: ``loa stats --json``
and ``GET /api/v1/stats`` give the same rows, with the imported part of each figure under
``imported`` (this year's and last year's)."""

from __future__ import annotations

import io
import json

from django.contrib.auth import get_user_model
from django.core.management import call_command

from loa.activities.history import FigureRow, historical_figures_store
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.documents.services import document_create
from loa.organizations.models import Unit
from loa.plans.models import Channel


def _import_2021_radio(quantity: int) -> None:
    vhtt = Unit.objects.get(code="huongtra-vhtt")
    report = document_create(
        actor=SYSTEM_CLI,
        kind="BC",
        subject="Báo cáo công tác tuyên truyền CCHC năm 2021",
        issuer_unit=vhtt,
        symbol="215/BC-VHTT",
        issued_date=parse_period("2021").window("calendar")[1],
        direction="outgoing",
    )
    historical_figures_store(
        actor=SYSTEM_CLI,
        unit=vhtt,
        period=parse_period("2021"),
        source_document=report,
        rows=[FigureRow(channel=Channel.objects.get(code="RADIO"), quantity=quantity)],
    )


def test_the_cli_and_the_api_carry_the_imported_part_of_last_years_figures(demo_world, api_as):
    _import_2021_radio(65)
    out = io.StringIO()
    call_command("stats", "huongtra-vhtt", "2022", "--json", stdout=out)
    cli = json.loads(out.getvalue())
    officer = get_user_model().objects.get(username="canbo.vhtt")
    api = api_as(officer).get("/stats", don_vi="huongtra-vhtt", ky="2022").json()
    assert api["rows"] == cli["rows"] and api["previous_year"] == cli["previous_year"]
    [radio] = [r for r in cli["previous_year"]["rows"] if r["channel"] == "RADIO"]
    assert radio["actual"] >= 65 and radio["imported"] > 0
    # Without imported figures the shape stays as it was (no "imported" key anywhere).
    out = io.StringIO()
    call_command("stats", "huongtra-vhtt", "2024", "--json", stdout=out)
    plain = json.loads(out.getvalue())
    assert all("imported" not in r for r in plain["rows"] + plain["previous_year"]["rows"])
