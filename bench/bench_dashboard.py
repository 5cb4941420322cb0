"""Dashboard of one unit for a year with 10,000 activities in its subtree (issue 2).

Measures, on SQLite and on PostgreSQL:
- the dashboard page's server time (Django test client, whole request, median of 30);
- the figures aggregation it runs (``channel_figures`` with ``subtree=True``), median of 50;
- the same aggregation as one hand-written SQL query (subtree by recursive CTE), median of 50;
and prints the ratio aggregation / SQL (goal ≤ 1.5×).

Run: ``.venv/bin/python bench/bench_dashboard.py`` (both databases) or with ``--db sqlite|postgres``.
PostgreSQL is taken from LOA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/loa_bench).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

N_ACTIVITIES = 10_000
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
    from loa.activities.selectors import channel_figures
    from loa.core.actors import SYSTEM_CLI
    from loa.organizations.models import Membership, Unit, UnitKind, UnitLink
    from loa.plans.models import Channel, Plan, Target

    call_command("flush", interactive=False, verbosity=0) if db == "postgres" else None
    call_command("migrate", verbosity=0)
    from loa.plans.catalogue import install_catalogues
    from loa.plans.models import ContentArea

    install_catalogues(Channel, ContentArea)  # flush empties the catalogue the migration installed
    rnd = random.Random(7)
    town = Unit.objects.create(name="Thị xã thử", code="bench-town", abbr="UBND", kind=UnitKind.DISTRICT)
    units = [town]
    for i in range(30):
        u = Unit.objects.create(name=f"Đơn vị {i}", code=f"bench-{i}", abbr="DV", kind=UnitKind.COMMUNE)
        UnitLink.objects.create(child=u, parent=town, valid_from=dt.date(2000, 1, 1))
        units.append(u)
    channels = list(Channel.objects.all())
    plan = Plan.objects.create(unit=town, title="KH", year_from=2024, year_to=2024)
    Target.objects.bulk_create([Target(plan=plan, channel=c, quantity=100) for c in channels])
    Activity.objects.bulk_create(
        [
            Activity(
                unit=rnd.choice(units),
                date=dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(366)),
                channel=rnd.choice(channels),
                title=f"Hoạt động {i}",
                title_key=f"hoat dong {i}",
                quantity=rnd.randint(1, 5),
            )
            for i in range(N_ACTIVITIES)
        ],
        batch_size=2000,
    )
    user = get_user_model().objects.create_user("bench", password="bench-pass-123")
    Membership.objects.create(user=user, unit=town, role="coordinator")

    start, end = dt.date(2023, 12, 15), dt.date(2024, 12, 14)
    sql = """
        WITH RECURSIVE tree(id) AS (
            SELECT CAST(%s AS BIGINT) UNION SELECT l.child_id FROM organizations_unitlink l JOIN tree t ON l.parent_id = t.id
            WHERE l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to >= %s)
        )
        SELECT c.code, c.name, c.measure, t.quantity, COALESCE(a.total, 0)
        FROM plans_channel c
        LEFT JOIN (SELECT channel_id, SUM(quantity) AS total FROM activities_activity
                   WHERE unit_id IN (SELECT id FROM tree) AND date BETWEEN %s AND %s GROUP BY channel_id) a
               ON a.channel_id = c.id
        LEFT JOIN plans_target t ON t.channel_id = c.id AND t.area_id IS NULL AND t.plan_id = %s
        WHERE a.total IS NOT NULL OR t.quantity IS NOT NULL ORDER BY c.sort_order, c.code
    """

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, [town.id, end, start, start, end, plan.id])
            return cur.fetchall()

    orm_ms, sql_ms = paired_median_ms(
        lambda: channel_figures(user=SYSTEM_CLI, unit=town, start=start, end=end, year=2024, subtree=True),
        raw,
        100,
    )
    assert len(raw()) == len(
        channel_figures(user=SYSTEM_CLI, unit=town, start=start, end=end, year=2024, subtree=True)
    )
    client = Client()
    client.force_login(user)
    url = "/don-vi/bench-town/?ky=2024&cap_duoi=1"
    assert client.get(url).status_code == 200
    page_ms = median_ms(lambda: client.get(url), 30)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    if os.environ.get("LOA_BENCH_PROFILE"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.runcall(client.get, url)
        profiler.dump_stats(os.environ["LOA_BENCH_PROFILE"])
    return {
        "db": db,
        "activities": N_ACTIVITIES,
        "units": len(units),
        "page_ms": round(page_ms, 2),
        "page_queries": len(queries),
        "aggregation_ms": round(orm_ms, 2),
        "sql_ms": round(sql_ms, 2),
        "ratio": round(orm_ms / sql_ms, 2),
    }


def main() -> int:
    results = run(__file__, child, pg_default="postgres://postgres@127.0.0.1:5432/loa_bench")
    for r in results:
        print(
            f"{r['db']:<9} {r['activities']} hoạt động / {r['units']} đơn vị: trang {r['page_ms']} ms ({r['page_queries']} truy vấn), "
            f"tổng hợp {r['aggregation_ms']} ms, SQL viết tay {r['sql_ms']} ms, tỷ lệ {r['ratio']}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
