"""The reporting cycle (issue 10): completeness of one request to 3,500 units, consolidation of 150.

Measures, on SQLite and on PostgreSQL:
- ``completeness(user=…, pk=…)`` — counts and every unit's row with its last 4 periods — for a
  province's request to 3,500 units (2,450 received, a third of them late; 4 earlier requests),
  median of 15, and its query count;
- the same rows as one hand-written SQL query over the same tables (submissions of the request joined
  to the units and to the unit's submissions in the 4 earlier requests), counts added up in Python,
  timed alternately with the selector (15 pairs, medians);
- the completeness page (first page of 50, whole request through Django's test client), median of 10;
- the consolidation of 150 accepted submissions (19 channels each): ``consolidate`` + the document
  drafted with the frozen figures and rendered to DOCX + the Biểu 03 workbook, median of 5 (seconds).

Run: ``.venv/bin/python bench/bench_cycle.py`` (both databases) or with ``--db sqlite|postgres``.
PostgreSQL is taken from LOA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/loa_bench_cycle).
"""

from __future__ import annotations

import sys
from pathlib import Path

N_UNITS = 3_500
N_CONSOLIDATED = 150
N_PAST = 4
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import median_ms, paired_median_ms, run, setup_django  # noqa: E402


def child(db: str) -> dict:
    setup_django()
    import datetime as dt
    import random

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from loa.core.periods import parse_period
    from loa.docgen.render_docx import render_docx
    from loa.organizations.models import Membership, Unit, UnitKind, UnitLink
    from loa.plans.catalogue import install_catalogues
    from loa.plans.models import Channel, ContentArea
    from loa.reporting.completeness import completeness
    from loa.reporting.consolidation import consolidate, consolidation_of
    from loa.reporting.cycle_files import consolidation_annex_xlsx
    from loa.reporting.models import Report, ReportRequest, ReportStatus, Submission
    from loa.reporting.producing import report_draft

    if db == "postgres":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    install_catalogues(Channel, ContentArea)
    rnd = random.Random(10)
    since = dt.date(2000, 1, 1)
    province = Unit.objects.create(
        name="UBND tỉnh thử", code="bench-province", abbr="UBND", kind=UnitKind.PROVINCE, place_name="Huế"
    )
    units = Unit.objects.bulk_create(
        [
            Unit(name=f"Đơn vị {i:04d}", code=f"bench-u{i}", abbr="DV", kind=UnitKind.COMMUNE)
            for i in range(N_UNITS)
        ]
    )
    UnitLink.objects.bulk_create([UnitLink(child=u, parent=province, valid_from=since) for u in units])
    channels = list(Channel.objects.all())

    def figures() -> dict:
        return {
            "channels": [
                {
                    "code": c.code,
                    "name": c.name,
                    "unit": c.measure,
                    "target": 10,
                    "actual": rnd.randint(0, 30),
                }
                for c in channels
            ],
            "window": ["2021-12-15", "2022-12-14"],
        }

    def open_request(year: int, members: list) -> ReportRequest:
        deadline = dt.date(year, 12, 15)
        request = ReportRequest.objects.create(
            coordinator_unit=province,
            period=str(year),
            window="nd09",
            title=f"Báo cáo {year}",
            deadline=deadline,
        )
        rows = []
        for u in members:
            roll = rnd.random()
            if roll < 0.7:
                sent = deadline + dt.timedelta(days=rnd.randint(-20, 10))
                state = "accepted" if roll < 0.5 else "submitted"
                rows.append(
                    Submission(request=request, unit=u, state=state, submitted_on=sent, figures=figures())
                )
            else:
                rows.append(Submission(request=request, unit=u))
        Submission.objects.bulk_create(rows, batch_size=1000)
        return request

    for year in range(2022 - N_PAST, 2022):
        open_request(year, units)
    request = open_request(2022, units)
    if db == "postgres":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    Membership.objects.create(user=user, unit=province, role="coordinator")

    def selector():
        return completeness(user=user, pk=request.pk, today=dt.date(2022, 12, 31))

    sub, unit_t, req_t = Submission._meta.db_table, Unit._meta.db_table, ReportRequest._meta.db_table
    sql = f"""
        SELECT s.id, u.code, u.name, s.state, s.submitted_on, p.request_id, p.state, p.submitted_on
        FROM {sub} s JOIN {unit_t} u ON u.id = s.unit_id
        LEFT JOIN {sub} p ON p.unit_id = s.unit_id AND p.request_id IN (
            SELECT id FROM {req_t} WHERE coordinator_unit_id = %s AND deadline < %s AND id <> %s
            ORDER BY deadline DESC LIMIT {N_PAST})
        WHERE s.request_id = %s ORDER BY u.name, s.unit_id
    """

    def hand_written():
        with connection.cursor() as cur:
            cur.execute(sql, [province.pk, request.deadline, request.pk, request.pk])
            rows = cur.fetchall()
        seen: dict[int, list] = {}
        for r in rows:
            seen.setdefault(r[0], [r[1], r[3], r[4]])
        received = [v for v in seen.values() if v[1] in ("submitted", "resubmitted", "accepted")]
        late = sum(1 for v in received if v[2] > request.deadline)
        return len(seen), len(received), late

    found = selector()
    assert len(found.rows) == N_UNITS and hand_written()[0] == N_UNITS
    assert (found.counts.received, found.counts.late) == hand_written()[1:]
    with CaptureQueriesContext(connection) as ctx:
        selector()
    queries = len(ctx.captured_queries)
    sel_ms, sql_ms = paired_median_ms(selector, hand_written, 15)

    client = Client()
    client.force_login(user)
    url = reverse("web:request_completeness", args=[request.pk])
    assert client.get(url).status_code == 200
    page_ms = median_ms(lambda: client.get(url), 10)

    # Consolidation: a town's request to 150 units, all accepted.
    town = Unit.objects.create(name="UBND thị xã thử", code="bench-town", abbr="UBND", kind=UnitKind.DISTRICT)
    UnitLink.objects.create(child=town, parent=province, valid_from=since)
    members = Unit.objects.bulk_create(
        [
            Unit(name=f"Phòng {i:03d}", code=f"bench-t{i}", abbr="DV", kind=UnitKind.DEPARTMENT)
            for i in range(N_CONSOLIDATED)
        ]
    )
    UnitLink.objects.bulk_create([UnitLink(child=u, parent=town, valid_from=since) for u in members])
    Membership.objects.create(user=user, unit=town, role="coordinator")
    reports = Report.objects.bulk_create(
        [
            Report(
                unit=u,
                period="2022",
                report_date=dt.date(2022, 12, 10),
                status=ReportStatus.ISSUED,
                narrative={"assessment": "Hoàn thành kế hoạch năm.", "next": "Duy trì tin bài."},
            )
            for u in members
        ]
    )
    town_request = ReportRequest.objects.create(
        coordinator_unit=town,
        period="2022",
        window="nd09",
        title="Báo cáo 2022",
        deadline=dt.date(2022, 12, 15),
    )
    Submission.objects.bulk_create(
        [
            Submission(
                request=town_request,
                unit=u,
                report=r,
                state="accepted",
                submitted_on=dt.date(2022, 12, 10),
                figures=figures(),
            )
            for u, r in zip(members, reports, strict=True)
        ]
    )

    def consolidation():
        from django.contrib.auth import get_user_model as gum

        actor = gum().objects.get(pk=user.pk)  # a fresh user: no access cache carried over
        report = consolidate(actor=actor, request=town_request)
        draft = report_draft(user=actor, unit=town, period=parse_period("2022"), report=report)
        render_docx(draft.document)
        consolidation_annex_xlsx(consolidation_of(request=town_request))
        return draft

    draft = consolidation()
    assert sum(f.actual for f in draft.figures) == sum(
        ch["actual"] for s in Submission.objects.filter(request=town_request) for ch in s.figures["channels"]
    )
    cons_s = median_ms(consolidation, 5) / 1000
    return {
        "db": db,
        "units": N_UNITS,
        "completeness_ms": round(sel_ms, 1),
        "completeness_queries": queries,
        "sql_ms": round(sql_ms, 1),
        "ratio": round(sel_ms / sql_ms, 2),
        "page_ms": round(page_ms, 1),
        "consolidated_submissions": N_CONSOLIDATED,
        "consolidation_s": round(cons_s, 2),
    }


def main() -> int:
    results = run(__file__, child, pg_default="postgres://postgres@127.0.0.1:5432/loa_bench_cycle")
    for r in results:
        print(
            f"{r['db']:<9} completeness of {r['units']} units: {r['completeness_ms']} ms "
            f"({r['completeness_queries']} queries) vs hand-written SQL {r['sql_ms']} ms = {r['ratio']}×; "
            f"page {r['page_ms']} ms; consolidation of {r['consolidated_submissions']}: {r['consolidation_s']} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
