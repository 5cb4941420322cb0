"""Load the demo once per test session and copy its rows back for each test that asks for it.

Loading the demo through the services (≈400 audited writes) costs seconds; ~170 tests use it. The
first test of a session loads it for real and the rows of every table are kept in memory; later tests
(inside their rolled-back transaction) empty those tables and insert the kept rows, which gives the
same database, primary keys included, in a fraction of the time. Tests that run outside a
transaction (``transaction=True``) always load the demo through the services.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

_kept: dict[str, list[tuple[str, list[str], list[tuple[Any, ...]]]]] = {}


def _tables() -> list[tuple[str, Any]]:
    seen: dict[str, Any] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and meta.db_table not in seen:
            seen[meta.db_table] = model
    return sorted(seen.items())


def _adapt(value: Any) -> Any:
    if connection.vendor == "postgresql" and isinstance(value, dict | list):
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return value


def load_demo(key: str, **options: Any) -> None:
    """``demo_load(**options)``, from memory after the first time in this session."""
    from loa.demo import demo_load

    if not connection.in_atomic_block:
        demo_load(**options)
        return
    kept = _kept.get(key)
    if kept is None:
        demo_load(**options)
        snapshot = []
        with connection.cursor() as cursor:
            for table, _ in _tables():
                quoted = connection.ops.quote_name(table)
                cursor.execute(f"SELECT * FROM {quoted}")
                columns = [c[0] for c in cursor.description]
                snapshot.append((table, columns, [tuple(r) for r in cursor.fetchall()]))
        _kept[key] = snapshot
        return
    models = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, columns, rows in kept:
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DELETE FROM {quoted}")
            if rows:
                names = ", ".join(connection.ops.quote_name(c) for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {quoted} ({names}) VALUES ({marks})",
                    [tuple(_adapt(v) for v in row) for row in rows],
                )
        models = [model for _, model in _tables()]
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
