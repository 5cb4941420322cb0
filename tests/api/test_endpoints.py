"""What the API answers: lists with the web's filters and pages, records with their details, the
reporting cycle's steps, errors as ``{"code", "message"}``, query budgets, rate limits and the docs."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.core.actors import SYSTEM_CLI

D = dt.date


@pytest.fixture
def office_world(make_unit, make_user, channels, areas):
    """A town with ``n`` offices, each with an activity, a plan and a document; the town's coordinator
    asked them all for 2025; the first office has an officer."""
    from loa.activities.services import activity_record
    from loa.documents.models import Direction
    from loa.documents.services import document_create
    from loa.plans.services import plan_create
    from loa.reporting.cycle import request_open

    def build(n: int):
        town = make_unit("Thị xã", code="tx", abbr="UBND")
        offices = [make_unit(f"Phòng {i}", code=f"phong-{i}", parent=town) for i in range(n)]
        channel = next(iter(channels.values()))
        for i, unit in enumerate(offices):
            activity_record(
                actor=SYSTEM_CLI,
                unit=unit,
                date=D(2025, 3, 10),
                channel=channel,
                title=f"Tuyên truyền số {i}",
            )
            plan_create(actor=SYSTEM_CLI, unit=unit, title=f"Kế hoạch {i}", year_from=2025)
            document_create(
                actor=SYSTEM_CLI,
                kind="KH",
                subject=f"Kế hoạch tuyên truyền {i}",
                issuer_unit=unit,
                symbol=f"{i + 1}/KH-DV",
                issued_date=D(2025, 1, 5),
                direction=Direction.OUTGOING,
            )
        request_open(
            actor=SYSTEM_CLI, coordinator_unit=town, period="2025", deadline=D(2025, 12, 15), units=offices
        )
        return {
            "town": town,
            "offices": offices,
            "channel": channel,
            "area": next(iter(areas)),
            "coordinator": make_user(town, "coordinator"),
            "officer": make_user(offices[0], "officer"),
        }

    return build


# Exact query counts per list, whatever the number of rows: the access code (2), the rate limit in
# the database cache (6), then the list's own count and page (and its prefetches and lookups).
BUDGETS = {
    "/units": 11,
    "/documents": 10,
    "/plans": 10,
    "/activities": 11,
    "/activities?don_vi=tx&ky=2025&q=tuyen+truyen": 13,
    "/requests": 10,
    "/periods?nam=2025": 8,
}


@pytest.mark.parametrize("n", [2, 7])
@pytest.mark.parametrize("url", list(BUDGETS))
def test_list_endpoints_keep_their_query_budget_whatever_the_rows(
    office_world, api_as, django_assert_num_queries, n, url
):
    world = office_world(n)
    api = api_as(world["coordinator"])
    with django_assert_num_queries(BUDGETS[url]):
        response = api.get(url)
    assert response.status_code == 200
    body = response.json()
    if url.startswith(("/documents", "/plans", "/activities")):
        assert body["count"] == n
    if url == "/units":
        assert body["count"] == n + 1


def test_activity_list_uses_the_web_filters_and_pages(office_world, api_as):
    world = office_world(3)
    api = api_as(world["coordinator"])
    everything = api.get("/activities").json()
    assert everything["count"] == 3
    # Text search ignores case and diacritics, as on the web page.
    found = api.get("/activities", q="TUYEN TRUYEN SO 1").json()
    assert [a["title"] for a in found["items"]] == ["Tuyên truyền số 1"]
    assert api.get("/activities", don_vi="phong-2").json()["count"] == 1
    assert api.get("/activities", ky="2024").json()["count"] == 0
    second = api.get("/activities", so_dong=1, trang=2).json()
    assert second["page"] == 2 and second["page_size"] == 1 and len(second["items"]) == 1
    assert second["items"][0]["id"] == everything["items"][1]["id"]
    assert api.get("/activities", trang=99).json()["items"] == []


@pytest.mark.parametrize(
    ("params", "code", "words"),
    [
        ({"ky": "2022-Q5"}, "loa.invalid", "Quý"),
        ({"hinh_thuc": "KHONG-CO"}, "loa.invalid", "Hình thức này không có trong danh mục"),
        ({"don_vi": "khong-co"}, "loa.invalid", "Không tìm thấy đơn vị"),
        ({"trang": "0"}, "api.invalid", "trang"),
        ({"so_dong": "1000"}, "api.invalid", "so_dong"),
        ({"trang": "99999999999999999999"}, "api.invalid", "trang"),
    ],
)
def test_unreadable_filters_are_refused_with_a_vietnamese_message(office_world, api_as, params, code, words):
    api = api_as(office_world(1)["coordinator"])
    response = api.get("/activities", **params)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert words in response.json()["message"]


def test_recording_changing_and_deleting_go_through_the_services(office_world, api_as):
    from loa.activities.models import Activity
    from loa.core.models import AuditEvent

    world = office_world(1)
    api = api_as(world["officer"])
    body = {
        "unit": "phong-0",
        "date": "2025-04-02",
        "channel": world["channel"].code,
        "title": "  Hội nghị   tuyên truyền  ",
        "quantity": 2,
        "areas": [world["area"]],
    }
    created = api.post("/activities", body)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["title"] == "Hội nghị tuyên truyền"  # cleaned by the service
    assert created.json()["areas"] == [world["area"]]
    again = api.post("/activities", body)
    assert again.status_code == 409
    assert again.json()["code"] == "activities.duplicate"
    assert again.json()["context"]["duplicate_id"] == pk
    assert api.post("/activities", body | {"allow_duplicate": True}).status_code == 201
    changed = api.send("PATCH", f"/activities/{pk}", {"quantity": 5, "reach": 120})
    assert changed.status_code == 200
    assert (changed.json()["quantity"], changed.json()["reach"]) == (5, 120)
    assert api.send("DELETE", f"/activities/{pk}").status_code == 204
    assert not Activity.objects.filter(pk=pk).exists()
    verbs = list(
        AuditEvent.objects.filter(actor_name=world["officer"].username).values_list("verb", flat=True)
    )
    assert sorted(verbs) == ["activity.delete", "activity.record", "activity.record", "activity.update"]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"title": ""}, "activities.invalid", "title"),
        ({"channel": "KHONG-CO"}, "activities.invalid", "channel"),
        ({"areas": ["KHONG-CO"]}, "activities.invalid", "areas"),
        ({"date": "2999-01-01"}, "activities.invalid", "date"),
        ({"quantity": 0}, "api.invalid", "quantity"),
        ({"date": "31/12/2025"}, "api.invalid", "date"),
        ({"title": "Tin\x00 rỗng"}, "api.invalid", None),
        ({"title": "Tin \ud800"}, "api.invalid", None),
    ],
)
def test_bad_activities_are_refused_and_nothing_is_saved(office_world, api_as, body, code, field):
    from loa.activities.models import Activity

    world = office_world(1)
    api = api_as(world["officer"])
    before = Activity.objects.count()
    good = {"unit": "phong-0", "date": "2025-04-02", "channel": world["channel"].code, "title": "Tin"}
    response = api.post("/activities", good | body)
    assert response.status_code == 422, response.content
    error = response.json()
    assert error["code"] == code
    assert error["message"] and not error["message"].startswith(("Input", "Value"))
    if field:
        assert field in error["context"]["fields"]
    assert Activity.objects.count() == before


def test_a_body_that_is_not_json_is_refused(office_world, api_as):
    api = api_as(office_world(1)["officer"])
    response = api.client.post(
        "/api/v1/activities", "{không phải json", content_type="application/json", **api._headers()
    )
    assert response.status_code == 422
    assert response.json()["code"] == "api.invalid"


def test_documents_come_with_their_citations_and_plans_with_targets_and_tasks(
    make_unit, make_user, channels, api_as
):
    from loa.documents.models import CitationRelation, Direction
    from loa.documents.services import citation_add, document_create
    from loa.plans.services import plan_create, target_set, task_add

    unit = make_unit("Phòng", code="phong")
    user = make_user(unit, "officer")
    docs = [
        document_create(
            actor=SYSTEM_CLI,
            kind="KH",
            subject=f"Kế hoạch {i}",
            issuer_unit=unit,
            symbol=f"{i}/KH-DV",
            issued_date=D(2025, 1, i),
            direction=Direction.OUTGOING,
        )
        for i in (1, 2)
    ]
    citation_add(actor=SYSTEM_CLI, source=docs[1], target=docs[0], relation=CitationRelation.IMPLEMENTS)
    plan = plan_create(actor=SYSTEM_CLI, unit=unit, title="Kế hoạch 2025", year_from=2025)
    channel = next(iter(channels.values()))
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channel, quantity=12)
    task_add(actor=SYSTEM_CLI, plan=plan, title="Treo pano", owner_unit=unit)
    api = api_as(user)

    detail = api.get(f"/documents/{docs[1].pk}").json()
    assert [c["document"]["symbol"] for c in detail["cites"]] == ["01/KH-DV"]
    assert detail["cites"][0]["relation"] == CitationRelation.IMPLEMENTS
    assert [c["document"]["symbol"] for c in api.get(f"/documents/{docs[0].pk}").json()["cited_by"]] == [
        "02/KH-DV"
    ]
    assert api.get("/documents", q="ke hoach 2").json()["count"] == 1
    assert api.get("/documents", nam="abc").json()["code"] == "loa.invalid"

    plan_out = api.get(f"/plans/{plan.pk}").json()
    assert [(t["channel"], t["quantity"]) for t in plan_out["targets"]] == [(channel.code, 12)]
    assert [t["title"] for t in plan_out["tasks"]] == ["Treo pano"]
    assert api.get("/plans", nam=2024).json()["count"] == 0


def test_periods_give_codes_names_and_days(api_as, make_user):
    api = api_as(make_user(None))
    q1 = api.get("/periods/2022-Q1").json()
    assert q1["label"] == "Quý I/2022"
    assert (q1["calendar_start"], q1["calendar_end"]) == ("2022-01-01", "2022-03-31")
    assert (q1["start"], q1["end"]) == ("2021-12-15", "2022-03-14")
    assert len(api.get("/periods", nam=2022).json()) == 20
    bad = api.get("/periods/2022-Q9")
    assert bad.status_code == 422 and bad.json()["code"] == "periods.invalid"


def test_the_reporting_cycle_through_the_api(cycle_world, api_as, channels):
    """The clerk sends the issued report; an empty reason is refused; the coordinator accepts."""
    from loa.reporting.cycle import request_open
    from loa.reporting.services import report_approve, report_issue, report_open, report_submit

    w = cycle_world
    asked = request_open(
        actor=w["coordinator"], coordinator_unit=w["town"], period="2022", deadline=D(2022, 12, 15)
    )
    report = report_open(actor=w["vhtt_officer"], unit=w["vhtt"], period="2022", report_date=D(2022, 12, 10))
    report = report_submit(actor=w["vhtt_officer"], report=report)
    report = report_approve(actor=w["vhtt_leader"], report=report)
    report_issue(actor=w["vhtt_clerk"], report=report, subject="Công tác tuyên truyền CCHC")

    clerk, coordinator = api_as(w["vhtt_clerk"]), api_as(w["coordinator"])
    unit_view = clerk.get(f"/requests/{asked.pk}").json()
    assert [s["unit"] for s in unit_view["submissions"]] == ["tx-vhtt"]  # its own row only
    sent = clerk.post(f"/requests/{asked.pk}/units/tx-vhtt/submit", {"date": "2022-12-10"})
    assert sent.status_code == 200, sent.content
    assert sent.json()["state"] == "submitted" and sent.json()["submitted_on"] == "2022-12-10"
    assert sent.json()["report_document"]
    twice = clerk.post(f"/requests/{asked.pk}/units/tx-vhtt/submit", {})
    assert twice.status_code == 409 and twice.json()["code"] == "requests.already_submitted"
    empty = coordinator.post(f"/requests/{asked.pk}/units/tx-vhtt/return", {"reason": "  "})
    assert empty.status_code == 422 and empty.json()["code"] == "requests.reason_required"
    accepted = coordinator.post(f"/requests/{asked.pk}/units/tx-vhtt/accept")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    overview = coordinator.get(f"/requests/{asked.pk}").json()
    assert len(overview["submissions"]) > 1  # the coordinator sees every expected unit
    assert coordinator.get("/requests").json()["items"][0]["id"] == asked.pk


def test_each_access_code_has_its_own_rate_limit(settings, make_user, api_as):
    settings.LOA_API_RATE = "3/min"
    user = make_user(None)
    first, second = api_as(user), api_as(user)
    for _ in range(3):
        assert first.get("/periods/2025").status_code == 200
    refused = first.get("/periods/2025")
    assert refused.status_code == 429
    assert refused.json()["code"] == "api.throttled"
    assert "thử lại" in refused.json()["message"]
    assert int(refused["Retry-After"]) > 0
    assert second.get("/periods/2025").status_code == 200


def test_a_revoked_code_is_refused_at_once(make_user, api_as):
    from loa.organizations.models import ApiToken
    from loa.organizations.tokens import token_hash, token_revoke

    user = make_user(None)
    api, other = api_as(user), api_as(user)
    assert api.get("/periods/2025").status_code == 200
    token_revoke(actor=user, token=ApiToken.objects.get(token_hash=token_hash(api.token)))
    assert api.get("/periods/2025").status_code == 401
    assert other.get("/periods/2025").status_code == 200
    user.is_active = False  # a locked account's codes stop working too
    user.save()
    assert other.get("/periods/2025").status_code == 401


def test_the_schema_lists_the_error_codes_of_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "ErrorOut" in schema["components"]["schemas"]
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == 21
    for op in operations:
        assert {"401", "422", "429"} <= set(op["responses"]), op["operationId"]
        assert "`api.unauthorized`" in op["description"] and "`api.throttled`" in op["description"]
        assert op["security"] == [{"TokenAuth": []}]


@pytest.mark.parametrize(
    "url",
    ["/activities?q=a%00b", "/documents?q=%00", "/units?q=%00", "/units/a%00b", "/stats?don_vi=%00&ky=2025"],
)
def test_a_nul_character_in_the_address_is_refused_on_every_database(office_world, api_as, url):
    """PostgreSQL cannot compare text with a NUL byte: refused as invalid input, never a 500."""
    api = api_as(office_world(1)["officer"])
    response = api.client.get(f"/api/v1{url}", **api._headers())
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "api.invalid"


def test_scores_and_transfers_of_the_demo_year(demo_world, api_as):
    from django.contrib.auth import get_user_model

    from loa.scoring.selectors import unit_proposal

    users = get_user_model().objects
    coordinator = users.get(username="noivu.huongtra")
    api = api_as(coordinator)
    response = api.get("/scores?don_vi=xa-huong-toan&nam=2022")
    assert response.status_code == 200, response.content
    expected = unit_proposal(user=coordinator, unit=demo_world["xa-huong-toan"], year=2022)
    assert response.json() == expected and expected["criteria"]
    # The panels handed to the Trung tâm in 2022, seen by the office that gave them.
    officer = api_as(users.get(username="canbo.vhtt"))
    [transfer] = officer.get("/units/huongtra-vhtt/transfers").json()
    assert (transfer["channel"], transfer["to_unit"], transfer["valid_from"]) == (
        "PANEL",
        "huongtra-ttvhtt",
        "2022-07-01",
    )
    assert officer.get("/scores?don_vi=xa-huong-toan&nam=2022").status_code == 404


def test_a_method_an_address_does_not_take_is_answered_in_json(make_user, api_as):
    api = api_as(make_user())
    response = api.send("PUT", "/units", {})
    assert response.status_code == 405
    body = response.json()
    assert body["code"] == "api.method_not_allowed" and "PUT" in body["message"]
    assert "GET" in response["Allow"]
