"""Pages of a list: ``?trang=`` (from 1) and ``?so_dong=`` (1–200, 50 by default).

Two queries per page whatever its length: the count and the rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 1_000_000


class PageIn(Schema):
    trang: int = Field(1, ge=1, le=MAX_PAGE, description="Trang (từ 1).")
    so_dong: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng một trang (1–200).")


def page_of(qs: QuerySet[Any], page: PageIn) -> dict[str, Any]:
    """``{"count", "page", "page_size", "items"}`` for ``qs`` (``items`` a list, evaluated here)."""
    count = qs.count()
    start = (page.trang - 1) * page.so_dong
    items = list(qs[start : start + page.so_dong]) if start < count else []
    return {"count": count, "page": page.trang, "page_size": page.so_dong, "items": items}
