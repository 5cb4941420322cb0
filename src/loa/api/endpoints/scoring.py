"""CCHC-index scores Loa proposes for a unit and year from its recorded work (as ``loa score``)."""

from django.http import HttpRequest
from ninja import Query, Router

from loa.api.endpoints.common import actor, visible_unit
from loa.api.errors import describe_errors, error_responses
from loa.api.schemas import ScoreOut
from loa.scoring.selectors import unit_proposal

router = Router(tags=["Chấm điểm CCHC"])


@router.get(
    "/scores",
    response={200: ScoreOut, **error_responses(404, 422)},
    summary="Điểm chỉ số CCHC đề xuất",
    description="Điểm Loa đề xuất cho đơn vị `don_vi` năm `nam` theo bộ tiêu chí đang áp dụng (hoặc "
    "`bo`), mỗi tiêu chí kèm cách tính và số minh chứng; không mở đợt chấm điểm. Cùng kết quả với "
    "`loa score`.\n\n" + describe_errors(404, 422),
)
def score(
    request: HttpRequest,
    don_vi: str,
    nam: int = Query(..., ge=2000, le=2100),
    bo: str | None = None,
) -> dict:
    unit = visible_unit(actor(request), don_vi)
    return unit_proposal(user=actor(request), unit=unit, year=nam, code=bo or None)
