"""Completeness of a request: counts, one row per unit, history, scoping and a bounded query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loa.core.errors import NotFound, PermissionDenied
from loa.organizations.models import UnitKind
from loa.reporting.completeness import completeness
from loa.reporting.models import Submission

DEADLINE = dt.date(2022, 12, 15)


@pytest.fixture
def town(make_unit, cycle_request, send_report):
    province = make_unit("Tỉnh thử", kind=UnitKind.PROVINCE)
    town = make_unit("Thị xã thử", parent=province, kind=UnitKind.DISTRICT)
    offices = [make_unit(f"Phòng {c}", parent=town) for c in "ABCD"]
    request = cycle_request(town, offices, deadline=DEADLINE)
    send_report(request, offices[0], on=dt.date(2022, 12, 10), actual={"PORTAL": 3})  # on time, accepted
    send_report(request, offices[1], on=dt.date(2022, 12, 18), actual={"PORTAL": 2}, state="submitted")
    returned = send_report(request, offices[2], on=dt.date(2022, 12, 12), actual={"PORTAL": 1})
    returned.state = "returned"
    returned.save()
    return {"province": province, "town": town, "offices": offices, "request": request}


def test_counts_expected_received_on_time_late_missing(town, make_user):
    user = make_user(town["town"], "coordinator")
    found = completeness(user=user, pk=town["request"].pk, today=dt.date(2022, 12, 20))
    assert found.counts.as_dict() == {"expected": 4, "received": 2, "on_time": 1, "late": 1, "missing": 2}


def test_one_row_per_unit_with_days_late(town, make_user):
    user = make_user(town["town"], "coordinator")
    found = completeness(user=user, pk=town["request"].pk, today=dt.date(2022, 12, 20))
    by_name = {r.unit_name: r for r in found.rows}
    assert [r.unit_name for r in found.rows] == ["Phòng A", "Phòng B", "Phòng C", "Phòng D"]
    assert (by_name["Phòng A"].days_late, by_name["Phòng A"].on_time, by_name["Phòng A"].accepted) == (
        0,
        True,
        True,
    )
    assert (by_name["Phòng B"].days_late, by_name["Phòng B"].on_time, by_name["Phòng B"].accepted) == (
        3,
        False,
        False,
    )
    # Returned and never sent: not received, overdue by the days since the deadline.
    assert (by_name["Phòng C"].received, by_name["Phòng C"].days_late) == (False, 5)
    assert (by_name["Phòng D"].label, by_name["Phòng D"].days_late) == ("Chưa gửi", 5)


def test_missing_before_the_deadline_is_not_late(town, make_user):
    user = make_user(town["town"], "coordinator")
    found = completeness(user=user, pk=town["request"].pk, today=dt.date(2022, 12, 1))
    assert {r.unit_name: r.days_late for r in found.rows}["Phòng D"] is None


def test_json_shape(town, make_user):
    user = make_user(town["town"], "coordinator")
    data = completeness(user=user, pk=town["request"].pk, today=dt.date(2022, 12, 20)).as_dict()
    assert data["rows"][1] == {
        "unit": town["offices"][1].code,
        "status": "submitted",
        "submitted_on": "2022-12-18",
        "days_late": 3,
    }


def test_history_shows_the_units_status_in_earlier_requests(town, make_user, cycle_request, send_report):
    older = cycle_request(town["town"], town["offices"][:2], period="2021", deadline=dt.date(2021, 12, 15))
    send_report(older, town["offices"][0], on=dt.date(2021, 12, 20), actual={"PORTAL": 1})
    other_coordinator = cycle_request(
        town["province"], town["offices"], period="2022-Q3", deadline=dt.date(2022, 9, 20)
    )
    user = make_user(town["town"], "coordinator")
    found = completeness(user=user, pk=town["request"].pk, today=dt.date(2022, 12, 20))
    assert found.history_periods == ("2021",)  # only this coordinator's earlier requests
    rows = {r.unit_name: r for r in found.rows}
    assert rows["Phòng A"].history[0].mark == "!"  # late in 2021
    assert rows["Phòng B"].history[0].mark == "✗"  # never sent in 2021
    assert rows["Phòng C"].history == (None,)  # not asked in 2021
    assert other_coordinator.pk != older.pk


def test_a_coordinator_above_reads_it_others_do_not(town, make_user):
    assert (
        completeness(user=make_user(town["province"], "coordinator"), pk=town["request"].pk).counts.expected
        == 4
    )
    with pytest.raises(PermissionDenied):
        completeness(user=make_user(town["town"], "officer"), pk=town["request"].pk)
    with pytest.raises(NotFound):
        completeness(user=make_user(town["offices"][0], "coordinator"), pk=town["request"].pk)


def test_query_count_does_not_grow_with_units(make_unit, make_user, cycle_request, send_report):
    """Four queries after the access check, for 5 units as for 60."""

    def queries(n: int) -> int:
        town = make_unit(kind=UnitKind.DISTRICT)
        units = [make_unit(parent=town) for _ in range(n)]
        older = cycle_request(town, units, period="2021", deadline=dt.date(2021, 12, 15))
        request = cycle_request(town, units)
        for u in units[::2]:
            send_report(older, u, on=dt.date(2021, 12, 1), actual={"PORTAL": 1})
            send_report(request, u, on=dt.date(2022, 12, 1), actual={"PORTAL": 1})
        user = make_user(town, "coordinator")
        completeness(user=user, pk=request.pk)  # warm the access cache
        with CaptureQueriesContext(connection) as ctx:
            found = completeness(user=user, pk=request.pk)
        assert len(found.rows) == n
        assert Submission.objects.filter(request=request).count() == n
        return len(ctx.captured_queries)

    assert queries(5) == queries(60)
