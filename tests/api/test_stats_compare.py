"""``loa stats --compare`` and ``/api/v1/stats?so_sanh=`` read the same compared year as the
dashboard (tests/web/test_dashboard_compare.py); a year not before the period is refused (422)."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from loa.activities.stats import stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import ValidationError
from loa.core.periods import parse_period
from loa.organizations.models import Unit

WARD = "phuong-huong-tra"


@pytest.mark.django_db
def test_the_cli_the_api_and_the_statistics_agree_on_the_compared_year(demo_world, api_as):
    ward_unit = Unit.objects.get(code=WARD)
    result = stats_table(
        user=SYSTEM_CLI, unit=ward_unit, period=parse_period("2026"), lineage=True, compare_year=2022
    )
    assert result.compared == parse_period("2022") and result.compare_label == "Cùng kỳ năm 2022"
    own = stats_table(user=SYSTEM_CLI, unit=ward_unit, period=parse_period("2022"), lineage=True)
    assert {r.key: r.previous for r in result.rows if r.previous} == {
        r.key: r.actual for r in own.rows if r.actual
    }
    with pytest.raises(ValidationError) as exc:
        stats_table(user=SYSTEM_CLI, unit=ward_unit, period=parse_period("2026"), compare_year=2026)
    assert exc.value.code == "stats.compare_year"

    out = io.StringIO()
    call_command("stats", WARD, "2026", "--lineage", "--compare", "2022", "--json", stdout=out)
    cli = json.loads(out.getvalue())
    assert cli["previous_year"]["period"] == "2022"
    officer = get_user_model().objects.get(username="canbo.phuonghuongtra")
    api = api_as(officer)
    answer = api.get("/stats", don_vi=WARD, ky="2026", so_sanh=2022).json()
    assert answer["previous_year"]["period"] == "2022"
    refused = api.get("/stats", don_vi=WARD, ky="2026", so_sanh=2026)
    assert refused.status_code == 422 and refused.json()["code"] == "stats.compare_year"
