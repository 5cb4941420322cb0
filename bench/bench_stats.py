"""Subtree statistics of a province (issue 5 item 6): 150 units, 200,000 activities.

Measures, on SQLite and on PostgreSQL:
- ``stats_table(by="channel", subtree=True)`` for a year (targets vs actual per channel, with the
  same period last year), median of 20;
- the same figures as one hand-written SQL query (subtree by recursive CTE, both years summed in one
  pass), median of 20, and the ratio (goal ≤ 1.5×);
- ``stats_table`` grouped by month and by unit (timings only);
- the dashboard page's server time (Django test client, whole request, median of 15).

Run: ``.venv/bin/python bench/bench_stats.py`` (both databases) or with ``--db sqlite|postgres``.
PostgreSQL is taken from LOA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/loa_bench2).
"""

from __future__ import annotations

import sys
from pathlib import Path

N_ACTIVITIES = 200_000
N_DISTRICTS = 9
N_COMMUNES = 140  # 1 province + 9 districts + 140 communes = 150 units
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

    from loa.activities.models import Activity
    from loa.activities.stats import stats_table
    from loa.core.actors import SYSTEM_CLI
    from loa.core.periods import parse_period
    from loa.organizations.models import Membership, Unit, UnitKind, UnitLink
    from loa.plans.catalogue import install_catalogues
    from loa.plans.models import Channel, ContentArea, Plan, Target

    if db == "postgres":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    install_catalogues(Channel, ContentArea)
    rnd = random.Random(11)
    since = dt.date(2000, 1, 1)
    province = Unit.objects.create(
        name="Tỉnh thử", code="bench-province", abbr="UBND", kind=UnitKind.PROVINCE
    )
    units = [province]
    districts = []
    for i in range(N_DISTRICTS):
        d = Unit.objects.create(name=f"Huyện {i}", code=f"bench-d{i}", abbr="UBND", kind=UnitKind.DISTRICT)
        UnitLink.objects.create(child=d, parent=province, valid_from=since)
        districts.append(d)
        units.append(d)
    for i in range(N_COMMUNES):
        c = Unit.objects.create(name=f"Xã {i}", code=f"bench-c{i}", abbr="UBND", kind=UnitKind.COMMUNE)
        UnitLink.objects.create(child=c, parent=districts[i % N_DISTRICTS], valid_from=since)
        units.append(c)
    channels = list(Channel.objects.all())
    plan = Plan.objects.create(unit=province, title="KH tỉnh", year_from=2024, year_to=2024)
    Target.objects.bulk_create([Target(plan=plan, channel=c, quantity=5000) for c in channels])
    for d in districts:
        p = Plan.objects.create(unit=d, title=f"KH {d.name}", year_from=2024, year_to=2024)
        Target.objects.bulk_create([Target(plan=p, channel=c, quantity=500) for c in channels[:5]])
    first = dt.date(2023, 1, 1)
    batch = []
    for i in range(N_ACTIVITIES):
        batch.append(
            Activity(
                unit=rnd.choice(units),
                date=first + dt.timedelta(days=rnd.randrange(731)),  # 2023 and 2024: this year and last
                channel=rnd.choice(channels),
                title=f"Hoạt động {i}",
                title_key=f"hoat dong {i}",
                quantity=rnd.randint(1, 5),
            )
        )
        if len(batch) == 10_000:
            Activity.objects.bulk_create(batch)
            batch = []
    if db == "postgres":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    Membership.objects.create(user=user, unit=province, role="coordinator")

    period = parse_period("2024")
    start, end = period.window()
    p_start, p_end = period.previous_year().window()

    def orm():
        return stats_table(user=SYSTEM_CLI, unit=province, period=period, subtree=True, by="channel")

    sql = """
        WITH RECURSIVE tree(id) AS (
            SELECT CAST(%s AS BIGINT) UNION SELECT l.child_id FROM organizations_unitlink l JOIN tree t ON l.parent_id = t.id
            WHERE l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to >= %s)
        )
        SELECT c.code, c.name, c.measure, t.quantity, COALESCE(a.now, 0), COALESCE(a.before, 0)
        FROM plans_channel c
        LEFT JOIN (SELECT channel_id,
                          SUM(CASE WHEN date >= %s THEN quantity END) AS now,
                          SUM(CASE WHEN date <= %s THEN quantity END) AS before
                   FROM activities_activity
                   WHERE unit_id IN (SELECT id FROM tree) AND date BETWEEN %s AND %s GROUP BY channel_id) a
               ON a.channel_id = c.id
        LEFT JOIN plans_target t ON t.channel_id = c.id AND t.area_id IS NULL AND t.plan_id = %s
        WHERE a.now IS NOT NULL OR t.quantity IS NOT NULL ORDER BY c.sort_order, c.code
    """

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, [province.id, end, p_start, start, p_end, p_start, end, plan.id])
            return cur.fetchall()

    rows = orm().rows
    got = raw()
    assert [(r.key, r.target, r.actual, r.previous) for r in rows] == [(g[0], g[3], g[4], g[5]) for g in got]
    orm_ms, sql_ms = paired_median_ms(orm, raw, 20)
    month_ms = median_ms(
        lambda: stats_table(user=SYSTEM_CLI, unit=province, period=period, subtree=True, by="month"), 10
    )
    unit_ms = median_ms(
        lambda: stats_table(user=SYSTEM_CLI, unit=province, period=period, subtree=True, by="unit"), 10
    )
    client = Client()
    client.force_login(user)
    url = "/don-vi/bench-province/?ky=2024&cap_duoi=1"
    assert client.get(url).status_code == 200
    page_ms = median_ms(lambda: client.get(url), 15)
    return {
        "db": db,
        "activities": Activity.objects.count(),
        "units": len(units),
        "stats_ms": round(orm_ms, 2),
        "sql_ms": round(sql_ms, 2),
        "ratio": round(orm_ms / sql_ms, 2),
        "by_month_ms": round(month_ms, 2),
        "by_unit_ms": round(unit_ms, 2),
        "page_ms": round(page_ms, 2),
    }


def main() -> int:
    results = run(__file__, child, pg_default="postgres://postgres@127.0.0.1:5432/loa_bench2")
    for r in results:
        print(
            f"{r['db']:<9} {r['activities']} hoạt động / {r['units']} đơn vị: thống kê theo hình thức "
            f"{r['stats_ms']} ms, SQL viết tay {r['sql_ms']} ms, tỷ lệ {r['ratio']}×; theo tháng "
            f"{r['by_month_ms']} ms, theo đơn vị {r['by_unit_ms']} ms; trang bảng điều khiển {r['page_ms']} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
