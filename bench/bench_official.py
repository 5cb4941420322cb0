"""The official list of administrative units (issue 12, Performance).

Measures, on SQLite and on PostgreSQL:
- ``loa units import-official`` of the whole country: the 2025 era (34 provinces, 3,321 communes),
  then the legacy era (63 provinces, 696 districts, 10,035 communes, and the 2025 conversion table as
  lineage), each once, in seconds (a fresh database; one run, the machine is shared);
- the statistics of one province with its communes (thành phố Huế, 40 communes after the import)
  over 1,000,000 activities: ``stats_table(by="channel", subtree=True)`` as ``loa stats`` runs it,
  against one hand-written SQL query over the same tables (median of 10, timed alternately), and the
  ratio.

Run: ``.venv/bin/python bench/bench_official.py`` (both databases) or with ``--db sqlite|postgres``.
PostgreSQL is taken from LOA_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/loa_official_bench).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

N_ACTIVITIES = 1_000_000
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import paired_median_ms, run, setup_django  # noqa: E402


def child(db: str) -> dict:
    setup_django()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection

    from loa.activities.stats import stats_table
    from loa.core.actors import SYSTEM_CLI
    from loa.core.periods import parse_period
    from loa.organizations.models import Unit
    from loa.organizations.official import official_import
    from loa.organizations.selectors import unit_subtree_ids
    from loa.plans.catalogue import install_catalogues
    from loa.plans.models import Channel, ContentArea

    if db == "postgres":
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    install_catalogues(Channel, ContentArea)

    t0 = time.perf_counter()
    new = official_import(actor=SYSTEM_CLI, era="2025")
    t1 = time.perf_counter()
    old = official_import(actor=SYSTEM_CLI, era="legacy")
    t2 = time.perf_counter()

    hue = Unit.objects.get(official_code="46", valid_to__isnull=True)
    start, end = dt.date(2025, 12, 15), dt.date(2026, 12, 14)
    ids = sorted(unit_subtree_ids(unit_ids=[hue.id], start=start, end=end))
    channels = list(Channel.objects.values_list("id", flat=True))
    # 1,000,000 activities spread over the province and its communes in 2026, written by the
    # database itself (a numbers table), so building the data does not dominate the run.
    table = "activities_activity"
    unit_list = ", ".join(str(i) for i in ids)
    channel_list = ", ".join(str(i) for i in channels)
    with connection.cursor() as cur:
        if db == "postgres":
            cur.execute(
                f"INSERT INTO {table} (created_at, updated_at, unit_id, date, channel_id, title, title_key, "
                "description, quantity, evidence_url, evidence_file, source) "
                f"SELECT now(), now(), (ARRAY[{unit_list}])[1 + mod(n, {len(ids)})], "
                "DATE '2026-01-01' + mod(n, 365), "
                f"(ARRAY[{channel_list}])[1 + mod(n / 7, {len(channels)})], 'Hoạt động', 'hoat dong', '', "
                "1 + mod(n, 5), '', '', 'manual' FROM generate_series(0, %s) AS n",
                [N_ACTIVITIES - 1],
            )
            cur.execute(f"ANALYZE {table}")
        else:
            cur.execute("CREATE TEMP TABLE u(i INTEGER PRIMARY KEY, id INTEGER)")
            cur.executemany("INSERT INTO u VALUES (%s, %s)", list(enumerate(ids)))
            cur.execute("CREATE TEMP TABLE c(i INTEGER PRIMARY KEY, id INTEGER)")
            cur.executemany("INSERT INTO c VALUES (%s, %s)", list(enumerate(channels)))
            cur.execute(
                "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < %s) "
                f"INSERT INTO {table} (created_at, updated_at, unit_id, date, channel_id, title, title_key, "
                "description, quantity, evidence_url, evidence_file, source) "
                "SELECT datetime('now'), datetime('now'), "
                f"(SELECT id FROM u WHERE i = n % {len(ids)}), date('2026-01-01', '+' || (n % 365) || ' days'), "
                f"(SELECT id FROM c WHERE i = (n / 7) % {len(channels)}), 'Hoạt động', 'hoat dong', '', "
                "1 + n % 5, '', '', 'manual' FROM seq",
                [N_ACTIVITIES - 1],
            )
            cur.execute("ANALYZE")
    t3 = time.perf_counter()

    sql = """
        WITH RECURSIVE tree(id) AS (
            SELECT CAST(%s AS BIGINT) UNION SELECT l.child_id FROM organizations_unitlink l JOIN tree t ON l.parent_id = t.id
            WHERE l.valid_from <= %s AND (l.valid_to IS NULL OR l.valid_to >= %s)
        )
        SELECT c.code, SUM(a.quantity) FROM activities_activity a JOIN plans_channel c ON c.id = a.channel_id
        WHERE a.unit_id IN (SELECT id FROM tree) AND a.date BETWEEN %s AND %s
        GROUP BY c.code, c.sort_order ORDER BY c.sort_order, c.code
    """

    def raw():
        with connection.cursor() as cur:
            cur.execute(sql, [hue.id, end, start, start, end])
            return cur.fetchall()

    def loa():
        return stats_table(user=SYSTEM_CLI, unit=hue, period=parse_period("2026"), subtree=True, lineage=True)

    assert {code: total for code, total in raw()} == {r.key: r.actual for r in loa().rows if r.actual}
    loa_ms, sql_ms = paired_median_ms(loa, raw, 10)
    return {
        "db": db,
        "import_2025_s": round(t1 - t0, 1),
        "import_legacy_s": round(t2 - t1, 1),
        "created": new.created + old.created,
        "successions": old.successions,
        "activities": N_ACTIVITIES,
        "units": len(ids),
        "fill_s": round(t3 - t2, 1),
        "stats_ms": round(loa_ms, 1),
        "sql_ms": round(sql_ms, 1),
        "ratio": round(loa_ms / sql_ms, 2),
    }


def main() -> int:
    results = run(__file__, child, pg_default="postgres://postgres@127.0.0.1:5432/loa_official_bench")
    for r in results:
        print(
            f"{r['db']:<9} nạp danh mục: 2025 {r['import_2025_s']} s, trước 2025 {r['import_legacy_s']} s "
            f"({r['created']} đơn vị, {r['successions']} quan hệ kế thừa); thống kê tỉnh + {r['units'] - 1} xã, "
            f"{r['activities']} hoạt động: {r['stats_ms']} ms, SQL viết tay {r['sql_ms']} ms, tỷ lệ {r['ratio']}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
