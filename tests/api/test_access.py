"""Every API endpoint × every role, on its own unit and on another: nothing is unguarded.

The world: a town (its Nội vụ coordinates) with two offices; the first office has an officer, a
leader and a clerk; the second an officer (the outsider); a superuser administers. Each office has an
activity, a plan and a document; the town asked both offices for their 2025 report. ``CASES`` states,
endpoint by endpoint, the answer each role must get (an independent statement of the rules of
``loa.organizations.access``): unseen records 404, seen but not allowed 403.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import get_resolver

from loa.core.actors import SYSTEM_CLI

ROLES = ("officer", "leader", "clerk", "coordinator", "outsider", "admin")


@pytest.fixture
def world(make_unit, make_user, channels):
    from loa.activities.services import activity_record
    from loa.documents.models import Direction
    from loa.documents.services import document_create
    from loa.organizations.models import UnitKind
    from loa.plans.services import plan_create
    from loa.reporting.cycle import request_open

    town = make_unit("Thị xã", code="town", kind=UnitKind.DISTRICT, abbr="UBND")
    office = make_unit("Phòng một", code="office", parent=town, abbr="VH")
    other = make_unit("Phòng hai", code="office-2", parent=town, abbr="TP")
    channel = next(iter(channels.values()))
    objects = {"channel": channel.code}
    for key, unit in (("own", office), ("other", other)):
        objects[f"activity_{key}"] = activity_record(
            actor=SYSTEM_CLI,
            unit=unit,
            date=dt.date(2025, 3, 10),
            channel=channel,
            title=f"Tin của {unit.code}",
        ).pk
        objects[f"plan_{key}"] = plan_create(actor=SYSTEM_CLI, unit=unit, title="Kế hoạch", year_from=2025).pk
        objects[f"document_{key}"] = document_create(
            actor=SYSTEM_CLI,
            kind="KH",
            subject=f"Kế hoạch của {unit.code}",
            issuer_unit=unit,
            symbol=f"{unit.pk}/KH-{unit.abbr}",
            issued_date=dt.date(2025, 1, 5),
            direction=Direction.OUTGOING,
        ).pk
    objects["plan_above"] = plan_create(
        actor=SYSTEM_CLI, unit=town, title="Kế hoạch thị xã", year_from=2025
    ).pk
    objects["request"] = request_open(
        actor=SYSTEM_CLI,
        coordinator_unit=town,
        period="2025",
        deadline=dt.date(2025, 12, 15),
        units=[office, other],
    ).pk
    users = {
        "officer": make_user(office, "officer"),
        "leader": make_user(office, "leader"),
        "clerk": make_user(office, "clerk"),
        "coordinator": make_user(town, "coordinator"),
        "outsider": make_user(other, "officer"),
        "admin": make_user(None, is_superuser=True, is_staff=True),
    }
    return users, objects


def _all(status):
    return dict.fromkeys(ROLES, status)


def _new_activity(o, unit="office"):
    return {"unit": unit, "date": "2025-03-11", "channel": o["channel"], "title": "Hoạt động mới qua API"}


# (route name, method, path, body) → expected status per role. Writes that the access allows may
# still be refused by a rule of the domain (409): that is the service speaking after the check.
CASES = [
    ("unit_list", "GET", lambda o: "/units", None, _all(200)),
    ("unit_detail", "GET", lambda o: "/units/office", None, _all(200) | {"outsider": 404}),
    (
        "unit_detail",
        "GET",
        lambda o: "/units/office-2",
        None,
        _all(404) | {"coordinator": 200, "outsider": 200, "admin": 200},
    ),
    ("document_index", "GET", lambda o: "/documents", None, _all(200)),
    (
        "document_detail",
        "GET",
        lambda o: f"/documents/{o['document_own']}",
        None,
        _all(200) | {"outsider": 404},
    ),
    (
        "document_detail",
        "GET",
        lambda o: f"/documents/{o['document_other']}",
        None,
        _all(404) | {"coordinator": 200, "outsider": 200, "admin": 200},
    ),
    ("plan_index", "GET", lambda o: "/plans", None, _all(200)),
    ("plan_detail", "GET", lambda o: f"/plans/{o['plan_own']}", None, _all(200) | {"outsider": 404}),
    (
        "plan_detail",
        "GET",
        lambda o: f"/plans/{o['plan_other']}",
        None,
        _all(404) | {"coordinator": 200, "outsider": 200, "admin": 200},
    ),
    ("plan_detail", "GET", lambda o: f"/plans/{o['plan_above']}", None, _all(200)),
    ("activity_index", "GET", lambda o: "/activities", None, _all(200)),
    (
        "activity_index",
        "GET",
        lambda o: "/activities?don_vi=office-2",
        None,
        _all(422) | {"coordinator": 200, "outsider": 200, "admin": 200},
    ),
    (
        "activity_detail",
        "GET",
        lambda o: f"/activities/{o['activity_own']}",
        None,
        _all(200) | {"outsider": 404},
    ),
    (
        "activity_detail",
        "GET",
        lambda o: f"/activities/{o['activity_other']}",
        None,
        _all(404) | {"coordinator": 200, "outsider": 200, "admin": 200},
    ),
    ("stats", "GET", lambda o: "/stats?don_vi=office&ky=2025", None, _all(200) | {"outsider": 404}),
    (
        "stats",
        "GET",
        lambda o: "/stats?don_vi=office-2&ky=2025",
        None,
        _all(404) | {"coordinator": 200, "outsider": 200, "admin": 200},
    ),
    ("period_list", "GET", lambda o: "/periods?nam=2025", None, _all(200)),
    ("period_detail", "GET", lambda o: "/periods/2025-Q1", None, _all(200)),
    ("request_index", "GET", lambda o: "/requests", None, _all(200)),
    ("request_detail", "GET", lambda o: f"/requests/{o['request']}", None, _all(200)),
    (
        "activity_create",
        "POST",
        lambda o: "/activities",
        _new_activity,
        _all(201) | {"clerk": 403, "coordinator": 403, "outsider": 404},
    ),
    (
        "activity_create",
        "POST",
        lambda o: "/activities",
        lambda o: _new_activity(o, "office-2"),
        _all(404) | {"coordinator": 403, "outsider": 201, "admin": 201},
    ),
    (
        "activity_change",
        "PATCH",
        lambda o: f"/activities/{o['activity_own']}",
        lambda o: {"quantity": 2},
        _all(200) | {"clerk": 403, "coordinator": 403, "outsider": 404},
    ),
    (
        "activity_change",
        "PATCH",
        lambda o: f"/activities/{o['activity_other']}",
        lambda o: {"quantity": 2},
        _all(404) | {"coordinator": 403, "outsider": 200, "admin": 200},
    ),
    (
        "activity_remove",
        "DELETE",
        lambda o: f"/activities/{o['activity_other']}",
        None,
        _all(404) | {"coordinator": 403, "outsider": 204, "admin": 204},
    ),
    (
        "activity_remove",
        "DELETE",
        lambda o: f"/activities/{o['activity_own']}",
        None,
        _all(204) | {"clerk": 403, "coordinator": 403, "outsider": 404},
    ),
    # No report is issued yet: whoever may send it hears so (409); the others are refused first.
    (
        "submission_send",
        "POST",
        lambda o: f"/requests/{o['request']}/units/office/submit",
        lambda o: {},
        _all(403) | {"leader": 403, "clerk": 409, "outsider": 404, "admin": 409},
    ),
    (
        "submission_send",
        "POST",
        lambda o: f"/requests/{o['request']}/units/office-2/submit",
        lambda o: {},
        _all(404) | {"coordinator": 403, "outsider": 403, "admin": 409},
    ),
    (
        "submission_send_back",
        "POST",
        lambda o: f"/requests/{o['request']}/units/office/return",
        lambda o: {"reason": "Thiếu số liệu"},
        _all(403) | {"coordinator": 409, "outsider": 404, "admin": 409},
    ),
    (
        "submission_take",
        "POST",
        lambda o: f"/requests/{o['request']}/units/office/accept",
        None,
        _all(403) | {"coordinator": 409, "outsider": 404, "admin": 409},
    ),
]

API_ROUTES = {name.split(":", 1)[1] for name in get_resolver().reverse_dict.keys() if False}


def _api_route_names():
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "api-v1":
            return {p.name for p in pattern.url_patterns}
    return set()


def test_the_matrix_names_every_api_endpoint():
    """A new endpoint fails here until its access is written into ``CASES``."""
    public = {"openapi-json", "openapi-view", "api-root"}
    assert _api_route_names() - public == {name for name, *_ in CASES}


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_on_own_and_other_units(world, api_as, role):
    users, objects = world
    api = api_as(users[role])
    wrong = []
    for name, method, path, body, expected in CASES:
        url = path(objects)
        data = body(objects) if body is not None else None
        response = api.get(url) if method == "GET" else api.send(method, url, data)
        if response.status_code != expected[role]:
            wrong.append(
                f"{name} {method} {url} → {response.status_code} {response.content[:120]!r}, expected {expected[role]}"
            )
        if response.status_code >= 400:
            assert set(response.json()) <= {"code", "message", "context"}, url
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("name", "method", "path"),
    [(c[0], c[1], c[2]) for c in CASES],
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_without_a_valid_code_every_endpoint_answers_401(world, api_as, name, method, path):
    _, objects = world
    for token in ("", "loa_khong-dung", "sai"):
        api = api_as(None)
        api.token = token
        url = path(objects)
        response = api.get(url) if method == "GET" else api.send(method, url, {})
        assert response.status_code == 401, (token, url)
        assert response.json()["code"] == "api.unauthorized"
