"""Every URL declares its access: this test walks the URLconf and proves it for each route.

The sweep builds a small world — two provinces, two towns and two communes in the first, two offices
in the first town — with a real record of every kind in every unit (activity with its evidence,
plan, task, document with its files, news drafts, an orientation received, reports). Each demo
role then opens every route on the records of its own unit, of a sibling unit, of the unit above
and, for coordinators, of a unit below, and must get the answer written in ``ALLOWED`` below (an
independent statement of the rules of ``loa.organizations.access``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from loa.activities.models import ImportJob
from loa.core.actors import SYSTEM_CLI
from loa.organizations.access import Action
from loa.organizations.tokens import token_create
from loa.reporting.models import DraftPdf, Notice
from loa.web import access as rules

PUBLIC = {"web:login", "web:user_guide", "web:password_set"}
POST_ONLY = ("_remove", "_issue", "_submit", "_approve", "_return", "_replace")
ORGANIZE_POSTS = {
    "web:organize_unit_create",
    "web:organize_unit_move",
    "web:organize_unit_close",
    "web:organize_account_create",
    "web:organize_grant",
    "web:organize_revoke",
    "web:organize_change_role",
    "web:organize_deactivate",
    "web:organize_reactivate",
    "web:organize_invite",
}
# Sample arguments for the anonymous walk (nothing is looked up before sign-in).
ARGS = {
    "fmt": "docx",
    "code": "huongtra-vhtt",
    "pk": 1,
    "uidb64": "MQ",
    "token": "khong-hop-le",
    "job": "0" * 32,
}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name, list(p.pattern.converters), p.callback


ALL_ROUTES = list(_walk(get_resolver().url_patterns))
# Django admin keeps its own access (staff only): tests/core/test_admin.py covers it.
LOA_ROUTES = [r for r in ALL_ROUTES if not r[0].startswith("admin:")]
WEB_ROUTES = [(name, params) for name, params, _ in LOA_ROUTES if name.startswith("web:")]


def test_the_walk_found_the_web_routes():
    assert len(WEB_ROUTES) >= 50


@pytest.mark.parametrize(("name", "view"), [(n, v) for n, _, v in LOA_ROUTES], ids=[r[0] for r in LOA_ROUTES])
def test_every_view_declares_its_access(name, view):
    """A view without ``@public``, ``@login_only``, ``@some_unit_access``, ``@unit_access`` or
    ``@object_access`` (loa.web.access) fails here before anyone can open it."""
    declared = getattr(view, "access", ())
    assert declared and all(isinstance(r, rules.AccessRule) for r in declared), name


@pytest.mark.parametrize(("name", "params"), WEB_ROUTES, ids=[n for n, _ in WEB_ROUTES])
def test_anonymous_visitors_are_sent_to_login(client, db, name, params):
    url = reverse(name, kwargs={p: ARGS[p] for p in params})
    response = client.post(url) if name.endswith(POST_ONLY) or name in ORGANIZE_POSTS else client.get(url)
    if name in PUBLIC:
        assert response.status_code == 200
    elif name == "web:logout":
        assert response.status_code == 405  # logout is POST only
    else:
        assert response.status_code == 302 and response.url.startswith(reverse("web:login")), name


# ---------------------------------------------------------------------------------------------
# The matrix: role × route × (own unit, sibling unit, unit above, unit below).

V, R, REG, ISS, A, C, ORG = (
    Action.VIEW,
    Action.RECORD,
    Action.REGISTER,
    Action.ISSUE,
    Action.APPROVE,
    Action.COORDINATE,
    Action.ORGANIZE,
)
EVERYTHING = set(Action)
# role → (username's unit, {scope: (unit code, actions allowed there)}).
ROLES = {
    "officer": (
        "office",
        "officer",
        {"own": ("office", {V, R, REG}), "sibling": ("office-2", set()), "above": ("town", set())},
    ),
    "leader": (
        "office",
        "leader",
        {"own": ("office", {V, R, REG, A}), "sibling": ("office-2", set()), "above": ("town", set())},
    ),
    # The office has a clerk: the clerk takes the number, the leader does not.
    "clerk": (
        "office",
        "clerk",
        {"own": ("office", {V, REG, ISS}), "sibling": ("office-2", set()), "above": ("town", set())},
    ),
    "town_coordinator": (
        "town",
        "coordinator",
        {
            "own": ("town", {V, R, REG, C, ORG}),
            "sibling": ("town-2", set()),
            "above": ("province", set()),
            "below": ("office", {V, C, ORG}),
        },
    ),
    "commune_officer": (
        "commune",
        "officer",
        {"own": ("commune", {V, R, REG}), "sibling": ("commune-2", set()), "above": ("province", set())},
    ),
    "province_coordinator": (
        "province",
        "coordinator",
        {
            "own": ("province", {V, R, REG, C, ORG}),
            "sibling": ("province-2", set()),
            "below": ("office", {V, C, ORG}),
        },
    ),
    "admin": (
        "province",
        "admin",
        {
            "own": ("province", EVERYTHING),
            "sibling": ("province-2", EVERYTHING),
            "below": ("office", EVERYTHING),
        },
    ),
}


def _unit(action=V, denied=404):
    return (rules.AccessRule(rules.UNIT, action, "unit", denied),)


def _object(kind, action=V, denied=404):
    return (rules.AccessRule(rules.OBJECT, action, kind, denied),)


def _some(action, denied=403):
    return (rules.AccessRule(rules.SOME_UNIT, action, None, denied),)


_LOGIN = (rules.AccessRule(rules.LOGIN),)
# Who may open what, route by route (the policy; the decorators must say the same, and the views
# must answer accordingly). Unseen unit or record: 404; seen but not allowed: the status given.
POLICY = {
    "web:login": (rules.AccessRule(rules.PUBLIC),),
    "web:logout": (rules.AccessRule(rules.PUBLIC),),
    "web:user_guide": (rules.AccessRule(rules.PUBLIC),),
    "web:home": _LOGIN,
    "web:format_check": _LOGIN,
    "web:audit_log": _some(C),  # administrators and coordinators: the events of their subtree
    "web:notice_inbox": _LOGIN,
    "web:notice_open": _LOGIN,  # one's own notices only (404 otherwise)
    "web:notice_read_all": _LOGIN,
    "web:api_token_index": _LOGIN,  # one's own access codes only
    "web:api_token_revoke": _LOGIN,  # one's own codes only (404 otherwise)
    "web:unit_dashboard": _unit(),
    "web:unit_chart_xlsx": _unit(),
    "web:report_workspace": _unit(),  # its POST (saving the wording) also needs RECORD
    "web:report_download": _unit(),
    "web:report_pdf_job": _unit(),  # and the draft's PDF is its asker's alone (404 for anyone else)
    "web:report_issue": _unit(ISS),
    "web:report_submit": _unit(R),
    "web:report_approve": _unit(A),
    "web:report_return": _unit(A),
    "web:report_replace": _unit(R),
    "web:orientation_home": _LOGIN,
    "web:orientation_sent": _unit(),
    "web:orientation_send": _unit(R, 403),
    "web:orientation_received": _unit(),
    "web:orientation_acknowledge": _unit(),  # the service refuses a user who may not record
    "web:orientation_coverage": _unit(),
    "web:activity_index": _LOGIN,
    "web:activity_create": _some(R),
    "web:activity_detail": _object("activity"),
    "web:activity_evidence": _object("activity"),
    "web:activity_edit": _object("activity", R),
    "web:activity_remove": _object("activity", R),
    "web:activity_template": _some(R, 404),
    "web:activity_import": _some(R, 404),
    "web:activity_import_job": _some(R, 404),  # and the job is its uploader's and its unit's recorders'
    "web:activity_export": _LOGIN,
    "web:unit_drafts": _unit(R),
    "web:unit_feeds": _unit(R),
    "web:unit_transfers": _unit(),  # its POST needs RECORD or COORDINATE (the service refuses)
    "web:draft_confirm": _object("draft", R),
    "web:draft_discard": _object("draft", R),
    "web:document_index": _LOGIN,
    "web:document_create": _some(REG),
    "web:document_detail": _object("document"),
    "web:document_file": _object("document"),
    "web:document_pdf": _object("document"),
    "web:document_receive": _object("document") + _some(REG, 404),
    "web:ingest_upload": _some(REG),
    "web:ingest_preview": _some(REG),  # and the batch is its owner's alone
    "web:ingest_row": _some(REG),
    "web:plan_index": _LOGIN,
    "web:plan_create": _some(R),
    "web:plan_detail": _object("plan"),
    "web:plan_edit": _object("plan", R),
    "web:plan_remove": _object("plan", R),
    "web:plan_task_add": _object("plan", R),
    "web:task_status": _object("task", R),
    "web:task_edit": _object("task", R),
    "web:task_remove": _object("task", R),
    "web:request_index": _some(C),
    "web:request_open": _some(C),
    "web:request_detail": _object("request", C, 403),
    "web:request_decide": _object("request", C, 403),
    "web:request_lock_exception": _object("request", C, 403),
    "web:submission_send": _some(ISS),
    "web:request_completeness": _object("request", C, 403),
    "web:request_consolidate": _object("request", C, 403),
    "web:request_consolidation_annex": _object("request", C, 403),
    "web:scoring_index": _LOGIN,
    "web:scoring_round_open": _some(C),
    "web:scoring_round_detail": _object("round"),
    "web:scoring_round_close": _object("round", C, 403),
    "web:scoring_round_publish": _object("round", ISS, 403),
    "web:scoring_round_annex": _object("round"),
    "web:scoring_set_export": _object("round"),
    "web:scoring_assessment": _object("assessment"),
    "web:scoring_score_save": _object("assessment", R, 403),
    "web:scoring_assessment_submit": _object("assessment", A, 403),
    "web:scoring_appraise": _object("assessment", C, 403),
    "web:scoring_assessment_return": _object("assessment", C, 403),
    "web:scoring_evidence": _object("assessment"),
    # Onboarding: administrators and Nội vụ coordinators, on their unit and the units below it.
    "web:password_set": (rules.AccessRule(rules.PUBLIC),),  # the token in the link is the key
    "web:organize_index": _some(ORG),
    "web:accounts_import": _some(ORG),
    "web:accounts_template": _some(ORG),
    **{name: _unit(ORG, 403) for name in ["web:organize_unit", *sorted(ORGANIZE_POSTS)]},
}


def test_the_policy_names_every_web_route_and_each_view_declares_it():
    assert set(POLICY) == {name for name, _ in WEB_ROUTES}
    for name, _, view in LOA_ROUTES:
        if name in POLICY:
            assert view.access == POLICY[name], name


LAYOUT = {  # code → parent code
    "province": None,
    "province-2": None,
    "town": "province",
    "town-2": "province",
    "commune": "province",
    "commune-2": "province",
    "office": "town",
    "office-2": "town",
}
# Routes that change or remove records run last, in this order, so the reading routes find them.
LAST = ["web:task_remove", "web:plan_remove", "web:draft_confirm", "web:draft_discard", "web:activity_remove"]
PERIOD = {"web:report_replace": "2024"}  # the issued report; the others work on the 2025 draft
OK = {200, 302}


def _build_world(make_unit, make_user):
    from loa.activities.models import DraftActivity, Feed
    from loa.activities.services import activity_record
    from loa.documents.models import Direction
    from loa.documents.services import document_attach_pdf, document_create
    from loa.organizations.models import UnitKind
    from loa.plans.models import Channel
    from loa.plans.services import orientation_send, plan_create, task_add
    from loa.reporting.models import Report, ReportRequest, ReportStatus
    from loa.reporting.services import report_open
    from loa.scoring.models import Assessment, CriteriaSet, ScoringRound

    kinds = {"province": UnitKind.PROVINCE, "town": UnitKind.DISTRICT, "commune": UnitKind.COMMUNE}
    # The ministry above both provinces sends every unit an orientation (only to units below it).
    sender = make_unit("Bộ gửi định hướng", code="ministry", kind=UnitKind.OTHER)
    units = {}
    for code, parent in LAYOUT.items():
        kind = kinds.get(code.split("-")[0], UnitKind.DEPARTMENT)
        units[code] = make_unit(
            f"Đơn vị {code}", code=code, kind=kind, parent=units[parent] if parent else sender
        )
    make_user(units["office"], "clerk")  # the office's văn thư: its leader approves, never numbers
    channel = Channel.objects.filter(active=True).first()
    orientation = orientation_send(
        actor=SYSTEM_CLI,
        unit=sender,
        month=dt.date(2025, 3, 1),
        topics="Cải cách hành chính",
        recipients=units.values(),
    )
    objects: dict[str, dict] = {}
    for n, (code, unit) in enumerate(units.items(), start=1):
        activity = activity_record(
            actor=SYSTEM_CLI,
            unit=unit,
            date=dt.date(2025, 3, 10),
            channel=channel,
            title=f"Tuyên truyền cải cách hành chính tại {code}",
            evidence_file=SimpleUploadedFile("anh.pdf", b"%PDF-1.4 minh chung"),
        )
        plan = plan_create(actor=SYSTEM_CLI, unit=unit, title=f"Kế hoạch {code}", year_from=2025)
        task = task_add(actor=SYSTEM_CLI, plan=plan, title="Treo pano", owner_unit=unit)
        document = document_create(
            actor=SYSTEM_CLI,
            kind="KH",
            subject=f"Kế hoạch tuyên truyền của {code}",
            issuer_unit=unit,
            symbol=f"{n}/KH-DV",
            issued_date=dt.date(2025, 1, 5),
            direction=Direction.OUTGOING,
            file=SimpleUploadedFile("ke-hoach.docx", b"PK docx"),
        )
        document_attach_pdf(actor=SYSTEM_CLI, document=document, data=b"%PDF-1.4 ke hoach")
        feed = Feed.objects.create(unit=unit, url=f"https://{code}.gov.vn/rss")
        drafts = [
            DraftActivity.objects.create(
                feed=feed,
                unit=unit,
                date=dt.date(2025, 3, d),
                title=f"Tin {d}",
                evidence_url=f"https://{code}.gov.vn/{d}",
            )
            for d in (1, 2)
        ]
        report_open(actor=SYSTEM_CLI, unit=unit, period="2025")
        Report.objects.create(
            unit=unit, period="2024", status=ReportStatus.ISSUED, report_date=dt.date(2024, 12, 15)
        )
        asked = ReportRequest.objects.create(
            coordinator_unit=unit, period="2025", title=f"Yêu cầu của {code}", deadline=dt.date(2025, 12, 15)
        )
        criteria_set = CriteriaSet.objects.create(
            code=f"bo-{code}", name=f"Bộ tiêu chí {code}", province=unit, year=2025, total_points=1
        )
        scoring_round = ScoringRound.objects.create(
            criteria_set=criteria_set,
            coordinator_unit=unit,
            title=f"Đợt chấm điểm của {code}",
            opens_on=dt.date(2025, 12, 1),
            due_on=dt.date(2025, 12, 20),
        )
        assessment = Assessment.objects.create(round=scoring_round, unit=unit)
        objects[code] = {
            "round": scoring_round.pk,
            "assessment": assessment.pk,
            "request": asked.pk,
            "activity": activity.pk,
            "plan": plan.pk,
            "task": task.pk,
            "document": document.pk,
            "draft_confirm": drafts[0].pk,
            "draft_discard": drafts[1].pk,
            "orientation": orientation.pk,
        }
    return units, objects


def _batch(owner) -> str:
    from loa.ingest.batches import batch_create

    return batch_create(owner=owner, uploads=[SimpleUploadedFile("van-ban.txt", "Kế hoạch".encode())]).id


def _expected(name: str, scope: str | None, allowed: dict[str, set[Action]]) -> int | None:
    """The status a role must get (``None``: 200 or 302), from the policy."""
    anywhere = set().union(*allowed.values())
    here = allowed.get(scope, set()) if scope else set()
    for rule in POLICY[name]:
        if rule.level == rules.SOME_UNIT and rule.action not in anywhere:
            return rule.denied
        if rule.level == rules.UNIT and rule.action is not None:
            if V not in here:
                return 404
            if rule.action not in here:
                return rule.denied
        if rule.level == rules.OBJECT and rule.action is not None:
            # Directives cascade: the documents and plans of the units above are readable below.
            seen = V in here or (rule.target in ("document", "plan", "task") and scope == "above")
            if not seen:
                return 404
            if rule.action is not V and rule.action not in here:
                return rule.denied
    if name.startswith("web:ingest_") and scope not in (None, "own"):
        return 404  # an import batch is its owner's alone
    if name == "web:report_pdf_job":
        return 404  # the walk opens a PDF another person asked for
    if name == "web:activity_import_job" and R not in here:
        return 404  # another's import job: only for those who record for its unit
    return None


def _kwargs(name, params, code, objects, batch) -> dict:
    kwargs: dict = {}
    for p in params:
        if p == "fmt":
            kwargs[p] = "xlsx"
        elif p in ("uidb64", "token"):
            kwargs[p] = ARGS[p]
        elif p == "job":
            kwargs[p] = objects[code]["_draft_pdf"]
        elif p == "code" and name == "web:activity_import_job":
            kwargs[p] = objects[code]["_import_job"]
        elif p == "code":
            kwargs[p] = batch if name.startswith("web:ingest_") else code
        elif p == "pk" and name.startswith("web:ingest_"):
            kwargs[p] = 0
        elif p == "pk" and name == "web:notice_open":
            kwargs[p] = objects["_notice"]
        elif p == "pk" and name == "web:api_token_revoke":
            kwargs[p] = objects["_token"]
        elif p == "pk" and name == "web:orientation_acknowledge":
            kwargs[p] = objects[code]["orientation"]
        elif p == "pk":
            target = next(r.target for r in POLICY[name] if r.level == rules.OBJECT)
            kwargs[p] = objects[code][name[4:]] if target == "draft" else objects[code][target]
    return kwargs


def _open(client, url: str, name: str):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {"ky": PERIOD.get(name, "2025")})
    return response


@pytest.mark.parametrize("role", list(ROLES))
def test_every_route_answers_each_role_on_each_unit(client, make_unit, make_user, role, settings, tmp_path):
    """Own unit: the page (200) or its next step (302); another unit: 404, or 403 where the user sees
    the record but may not do the action; coordinators read below; the administrator everything."""
    settings.MEDIA_ROOT = tmp_path
    units, objects = _build_world(make_unit, make_user)
    home, role_name, scopes = ROLES[role]
    user = make_user(units[home], role_name, is_superuser=role == "admin", is_staff=role == "admin")
    stranger = make_user(units["office-2"], "clerk")
    own_batch, other_batch = _batch(user), _batch(stranger)
    objects["_notice"] = Notice.objects.create(
        user=user, kind="accepted", text="Báo cáo đã được tiếp nhận.", url="/", day=dt.date(2025, 3, 1)
    ).pk
    objects["_token"] = token_create(actor=user, user=user, name="Thử")[0].pk
    for code, unit in units.items():  # an Excel import of each unit, uploaded by someone else
        objects.setdefault(code, {})["_import_job"] = ImportJob.objects.create(owner=stranger, unit=unit).code
        objects[code]["_draft_pdf"] = DraftPdf.objects.create(owner=stranger, unit=unit, period="2025").code
    allowed = {scope: actions for scope, (_, actions) in scopes.items()}
    client.force_login(user)
    routes = sorted(
        [r for r in LOA_ROUTES if r[0].startswith("web:") and r[0] not in ("web:login", "web:logout")],
        key=lambda r: LAST.index(r[0]) if r[0] in LAST else -1,
    )
    wrong = []
    for name, params, _view in routes:
        cases = [(scope, code) for scope, (code, _) in scopes.items()] if params else [(None, None)]
        for scope, code in cases:
            batch = own_batch if scope == "own" else other_batch
            url = reverse(name, kwargs=_kwargs(name, params, code, objects, batch))
            if name.startswith("web:report_"):
                url += f"?ky={PERIOD.get(name, '2025')}"
            expected = _expected(name, scope, allowed)
            status = _open(client, url, name).status_code
            # The onboarding forms come back with their Vietnamese errors (400) on the sweep's empty POST.
            ok = OK | {400} if name in ORGANIZE_POSTS else OK
            if (expected is None and status not in ok) or (expected is not None and status != expected):
                wrong.append(f"{name} [{scope}] → {status}, expected {expected or '200/302'}")
    assert not wrong, "\n".join(wrong)
