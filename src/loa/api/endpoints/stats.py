"""Statistics: the same figures as the dashboard and ``loa stats --json`` (one function computes them)."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router

from loa.activities.stats import stats_payload, stats_table
from loa.api.endpoints.common import actor, visible_unit
from loa.api.errors import describe_errors, error_responses
from loa.api.schemas import StatsOut
from loa.core.periods import parse_period

router = Router(tags=["Thống kê"])


@router.get(
    "/stats",
    response={200: StatsOut, **error_responses(404)},
    summary="Số liệu so với chỉ tiêu",
    description="Số liệu của đơn vị `don_vi` trong kỳ `ky`, theo `theo` (channel: hình thức, so với "
    "chỉ tiêu; area: nội dung CCHC; unit: đơn vị trực thuộc; month: tháng), `cap_duoi` để cộng cả "
    "các đơn vị trực thuộc, `cach_chot` (nd09: 15 → 14; calendar: theo lịch), `so_sanh` để so với "
    "cùng kỳ của một năm trước đó thay cho năm trước. Giống hệt `loa stats --json` và bảng điều "
    "khiển.\n\n" + describe_errors(404),
)
def stats(
    request: HttpRequest,
    don_vi: str,
    ky: str,
    theo: Literal["channel", "area", "unit", "month"] = "channel",
    cap_duoi: bool = False,
    cach_chot: Literal["nd09", "calendar"] | None = None,
    so_sanh: int | None = Query(
        None, ge=1900, le=2999, description="So sánh với cùng kỳ của năm này (mặc định: năm trước)."
    ),
) -> dict[str, Any]:
    user = actor(request)
    unit = visible_unit(user, don_vi)
    result = stats_table(
        user=user,
        unit=unit,
        period=parse_period(ky),
        window_mode=cach_chot,
        subtree=cap_duoi,
        by=theo,
        compare_year=so_sanh,
    )
    return stats_payload(result)
