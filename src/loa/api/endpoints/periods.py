"""Reporting periods (kỳ báo cáo): their codes, names and the days they count."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from loa.api.errors import describe_errors, error_responses
from loa.api.schemas import PeriodOut
from loa.core.periods import MAX_YEAR, MIN_YEAR, Period, parse_period, periods_of_year

router = Router(tags=["Kỳ báo cáo"])


def _out(period: Period) -> dict[str, Any]:
    start, end = period.window()
    c_start, c_end = period.window("calendar")
    label = period.label_vi
    return {
        "code": period.code,
        "label": label[:1].upper() + label[1:],
        "kind": str(period.kind),
        "default_window": period.default_window(),
        "start": start,
        "end": end,
        "calendar_start": c_start,
        "calendar_end": c_end,
    }


@router.get(
    "/periods",
    response={200: list[PeriodOut], **error_responses()},
    summary="Các kỳ của một năm",
    description="Năm, 6 tháng, 9 tháng, quý, tháng của năm `nam`, với ngày đầu và ngày cuối.\n\n"
    + describe_errors(),
)
def period_list(
    request: HttpRequest, nam: int = Query(..., ge=MIN_YEAR, le=MAX_YEAR)
) -> list[dict[str, Any]]:
    return [_out(p) for p in periods_of_year(nam)]


@router.get(
    "/periods/{code}",
    response={200: PeriodOut, **error_responses()},
    summary="Một kỳ",
    description="Kỳ có mã `code` (2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03, 2021-2025).\n\n"
    + describe_errors(),
)
def period_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    return _out(parse_period(code))
