"""CCHC scoring (issue 13): proposing every unit's scores for a province's 3,500 units.

Measures, on SQLite and on PostgreSQL, for 3,500 communes under a province (one 2022 plan with 5
targets each, 6 activities each — 21,000 — with evidence links, and a 2022 request to every unit,
70 % of the units' reports accepted with 19 channels of frozen figures):

- "propose": :func:`loa.scoring.proposing.gather_facts` for the 3,500 units and the five rules of
  the shipped commune set applied to each (what opening a round computes, without writing), and its
  query count;
- "statistics SQL": the statistics that proposal needs as three hand-written queries (activities
  summed per unit and channel over the year, plan targets per unit and channel, the year's
  submissions with their frozen figures), timed alternately with "propose" (7 pairs, medians);
- "open round": :func:`loa.scoring.services.round_open` for the 3,500 units, writing 3,500
  assessments and 17,500 scores with their evidence, rolled back after each run, median of 3.

Run: ``.venv/bin/python bench/bench_scoring.py`` (both databases) or with ``--db sqlite|postgres``.
PostgreSQL is taken from LOA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/loa_bench_scoring).
"""

from __future__ import annotations

import sys
from pathlib import Path

N_UNITS = 3_500
ACTIVITIES_PER_UNIT = 6
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import median_ms, paired_median_ms, run, setup_django  # noqa: E402


def child(db: str) -> dict:
    setup_django()
    import dataclasses
    import datetime as dt
    import random
    import time

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from loa.activities.models import Activity
    from loa.core.actors import SYSTEM_CLI
    from loa.organizations.models import Unit, UnitKind, UnitLink
    from loa.plans.catalogue import install_catalogues
    from loa.plans.models import Channel, ContentArea, Plan, Target
    from loa.reporting.models import Report, ReportRequest, ReportStatus, Submission
    from loa.scoring.proposing import gather_facts, proposals_for
    from loa.scoring.services import criteria_set_store, round_open, set_leaves
    from loa.scoring.shipped import shipped_specs

    if db == "postgres":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    install_catalogues(Channel, ContentArea)
    rnd = random.Random(13)
    since = dt.date(2000, 1, 1)
    province = Unit.objects.create(
        name="UBND tỉnh thử", code="bench-province", abbr="UBND", kind=UnitKind.PROVINCE
    )
    units = Unit.objects.bulk_create(
        [
            Unit(name=f"UBND xã {i:04d}", code=f"bench-x{i}", abbr="UBND", kind=UnitKind.COMMUNE)
            for i in range(N_UNITS)
        ]
    )
    UnitLink.objects.bulk_create([UnitLink(child=u, parent=province, valid_from=since) for u in units])
    channels = list(Channel.objects.all())
    planned = [c for c in channels if c.code in ("PORTAL", "SOCIAL", "MEETING", "RADIO", "LED")]
    plans = Plan.objects.bulk_create(
        [Plan(unit=u, title=f"Kế hoạch {u.code}", year_from=2022, year_to=2022) for u in units]
    )
    Target.objects.bulk_create(
        [Target(plan=p, channel=c, quantity=rnd.randint(1, 4)) for p in plans for c in planned]
    )
    Activity.objects.bulk_create(
        [
            Activity(
                unit=u,
                date=dt.date(2022, rnd.randint(1, 12), rnd.randint(1, 28)),
                channel=rnd.choice(channels),
                title=f"Hoạt động {n} của {u.code}",
                quantity=rnd.randint(1, 5),
                evidence_url=f"https://{u.code}.example.gov.vn/{n}",
            )
            for u in units
            for n in range(ACTIVITIES_PER_UNIT)
        ],
        batch_size=5000,
    )
    request = ReportRequest.objects.create(
        coordinator_unit=province, period="2022", title="Báo cáo năm 2022", deadline=dt.date(2022, 12, 15)
    )
    accepted = set(rnd.sample(range(N_UNITS), int(N_UNITS * 0.7)))
    reports = {
        i: r
        for i, r in zip(
            sorted(accepted),
            Report.objects.bulk_create(
                [
                    Report(
                        unit=units[i],
                        period="2022",
                        report_date=dt.date(2022, 12, 10),
                        status=ReportStatus.ISSUED,
                    )
                    for i in sorted(accepted)
                ]
            ),
            strict=True,
        )
    }
    Submission.objects.bulk_create(
        [
            Submission(
                request=request,
                unit=u,
                state="accepted" if i in accepted else "expected",
                report=reports.get(i),
                submitted_on=dt.date(2022, 12, rnd.randint(5, 20)) if i in accepted else None,
                figures={
                    "channels": [
                        {
                            "code": c.code,
                            "name": c.name,
                            "unit": c.measure,
                            "target": 3,
                            "actual": rnd.randint(0, 6),
                        }
                        for c in channels
                    ],
                    "units": [u.pk],
                }
                if i in accepted
                else {},
            )
            for i, u in enumerate(units)
        ],
        batch_size=2000,
    )
    spec = dataclasses.replace(shipped_specs()[0], code="bench-set", province="bench-province")
    criteria_set = criteria_set_store(actor=SYSTEM_CLI, spec=spec)
    leaves = [s for _, s in set_leaves(criteria_set)]
    ids = [u.pk for u in units]

    def propose() -> None:
        for gathered in gather_facts(unit_ids=ids, year=2022).values():
            proposals_for(leaves, gathered)

    activity, target, plan, submission = (
        Activity._meta.db_table,
        Target._meta.db_table,
        Plan._meta.db_table,
        Submission._meta.db_table,
    )
    year = [dt.date(2022, 1, 1), dt.date(2022, 12, 31)]

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT unit_id, channel_id, SUM(quantity) FROM {activity} WHERE date >= %s AND date <= %s "
                "GROUP BY unit_id, channel_id",
                year,
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT p.unit_id, t.channel_id, SUM(t.quantity) FROM {target} t JOIN {plan} p ON p.id = t.plan_id "
                "WHERE p.year_from <= 2022 AND p.year_to >= 2022 GROUP BY p.unit_id, t.channel_id"
            )
            cursor.fetchall()
            cursor.execute(f"SELECT unit_id, state, submitted_on, figures FROM {submission}")
            cursor.fetchall()

    with CaptureQueriesContext(connection) as ctx:
        gather_facts(unit_ids=ids, year=2022)
    queries = len(ctx.captured_queries)
    propose_ms, raw_ms = paired_median_ms(propose, raw, 7)

    def open_round() -> float:
        t0 = time.perf_counter()
        with transaction.atomic():
            round_open(
                actor=SYSTEM_CLI,
                criteria_set=criteria_set,
                coordinator_unit=province,
                due_on=dt.date(2022, 12, 20),
                opens_on=dt.date(2022, 12, 1),
            )
            elapsed = time.perf_counter() - t0
            transaction.set_rollback(True)
        return elapsed

    open_round()
    opens = sorted(open_round() for _ in range(3))
    _ = median_ms  # (shared harness; the round is timed by hand to exclude the rollback)
    return {
        "db": db,
        "units": N_UNITS,
        "propose_ms": round(propose_ms),
        "queries": queries,
        "statistics_sql_ms": round(raw_ms),
        "ratio": round(propose_ms / raw_ms, 2),
        "open_round_s": round(opens[1], 2),
    }


if __name__ == "__main__":
    for result in run(__file__, child, pg_default="postgres://postgres@127.0.0.1:5432/loa_bench_scoring"):
        print(result)
