"""Imports running at the same time lose nothing (PostgreSQL, where writers really run in parallel)."""

from __future__ import annotations

import datetime as dt
import io
import threading

import openpyxl
import pytest
from django.db import connection

from loa.activities.importers.xlsx import activities_import
from loa.activities.models import Activity
from loa.core.models import AuditEvent
from loa.plans.models import Channel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS, ROWS = 8, 25


def _workbook(n: int) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng"])
    for i in range(ROWS):
        ws.append([dt.date(2022, 3, 1 + i % 28).strftime("%d/%m/%Y"), "PORTAL", f"Tin {n}-{i}", 1 + i % 3])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_concurrent_excel_imports_into_one_unit_keep_every_row(make_unit, make_user):
    # A transactional test starts from emptied tables: the catalogue row the files name is put back.
    Channel.objects.get_or_create(
        code="PORTAL", defaults={"name": "Cổng thông tin điện tử", "measure": "tin, bài"}
    )
    unit = make_unit("Phòng Văn hóa thử", code="vh-thu")
    officers = [make_user(unit, "officer") for _ in range(THREADS)]
    files = [_workbook(n) for n in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    errors, created = [], []

    def run(n: int) -> None:
        try:
            barrier.wait()
            result = activities_import(actor=officers[n], unit=unit, data=files[n])
            created.append(result.created)
            errors.extend(result.problems)
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert created == [ROWS] * THREADS
    titles = set(Activity.objects.filter(unit=unit).values_list("title", flat=True))
    assert titles == {f"Tin {n}-{i}" for n in range(THREADS) for i in range(ROWS)}
    assert AuditEvent.objects.filter(verb="activities.import", unit_id=unit.pk).count() == THREADS
