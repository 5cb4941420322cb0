"""Document imports committed at the same time lose nothing, and a document they all cite is
registered once (PostgreSQL, where the commits really run in parallel)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from loa.core.actors import SYSTEM_CLI
from loa.core.models import AuditEvent
from loa.documents.models import Citation, Document
from loa.ingest.services import ingest_commit

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


def _plan(n: int) -> dict:
    return {
        "doc_type": "Kế hoạch",
        "symbol": f"{n + 1}/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Quảng Trị",
        "parent_issuer": None,
        "date": "2023-02-01",
        "title": f"Tuyên truyền cải cách hành chính năm 2023, đợt {n + 1}",
        "cited_documents": [
            {"doc_type": "Quyết định", "symbol": "99/QĐ-UBND", "date": "2022-12-30", "issuer": "UBND tỉnh"}
        ],
        "signer_name": "Nguyễn Văn A",
    }


def test_concurrent_commits_keep_every_document_and_one_cited_stub():
    barrier = threading.Barrier(THREADS)
    errors = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            ingest_commit(actor=SYSTEM_CLI, extractions=[_plan(n)])
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    symbols = set(Document.objects.filter(is_stub=False).values_list("symbol", flat=True))
    assert symbols == {f"{n + 1:02d}/KH-UBND" for n in range(THREADS)}
    assert Document.objects.filter(symbol="99/QĐ-UBND").count() == 1
    assert Citation.objects.filter(target__symbol="99/QĐ-UBND").count() == THREADS
    assert AuditEvent.objects.filter(verb="ingest.commit").count() == THREADS


def test_the_same_document_imported_at_once_is_registered_once_and_every_import_succeeds():
    barrier = threading.Barrier(THREADS)
    errors, outcomes = [], []

    def run() -> None:
        try:
            barrier.wait()
            result = ingest_commit(actor=SYSTEM_CLI, extractions=[_plan(0)])
            outcomes.append("created" if result.created else "merged")
        except Exception as exc:  # reported below; a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(outcomes) == ["created"] + ["merged"] * (THREADS - 1)
    assert Document.objects.filter(symbol="01/KH-UBND").count() == 1
    assert Citation.objects.filter(source__symbol="01/KH-UBND").count() == 1
