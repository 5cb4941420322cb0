"""Plans the caller may read (their units' and those above, which they implement), with targets
and tasks."""

from django.http import HttpRequest
from ninja import Query, Router

from loa.api.endpoints.common import actor
from loa.api.errors import describe_errors, error_responses
from loa.api.pagination import PageIn, page_of
from loa.api.schemas import PlanDetailOut, PlanPage
from loa.plans.models import Plan
from loa.plans.selectors import plan_get, plan_list

router = Router(tags=["Kế hoạch"])


def _plan_out(plan: Plan) -> dict:
    return {
        "id": plan.pk,
        "unit": plan.unit.code,
        "unit_name": plan.unit.name,
        "title": plan.title,
        "year_from": plan.year_from,
        "year_to": plan.year_to,
        "document": plan.document.symbol if plan.document_id else None,
    }


@router.get(
    "/plans",
    response={200: PlanPage, **error_responses()},
    summary="Kế hoạch",
    description="Kế hoạch của các đơn vị người dùng được xem và của cấp trên; `nam` lọc các kế "
    "hoạch áp dụng cho năm đó.\n\n" + describe_errors(),
)
def plan_index(
    request: HttpRequest, page: Query[PageIn], nam: int | None = Query(None, ge=1900, le=2999)
) -> dict:
    qs = plan_list(user=actor(request), year=nam).order_by("-year_from", "unit__name", "id")
    result = page_of(qs, page)
    result["items"] = [_plan_out(p) for p in result["items"]]
    return result


@router.get(
    "/plans/{pk}",
    response={200: PlanDetailOut, **error_responses(404)},
    summary="Một kế hoạch, chỉ tiêu và nhiệm vụ",
    description="Kế hoạch số `pk` với các chỉ tiêu (theo hình thức, nội dung) và nhiệm vụ.\n\n"
    + describe_errors(404),
)
def plan_detail(request: HttpRequest, pk: int) -> dict:
    plan = plan_get(user=actor(request), pk=pk)
    return {
        **_plan_out(plan),
        "targets": [
            {
                "channel": t.channel.code,
                "channel_name": t.channel.name,
                "measure": t.channel.measure,
                "area": t.area.code if t.area_id else None,
                "quantity": t.quantity,
                "note": t.note,
            }
            for t in plan.targets.all()
        ],
        "tasks": [
            {
                "id": t.pk,
                "title": t.title,
                "owner_unit": t.owner_unit.code,
                "deadline": t.deadline,
                "output": t.output,
                "status": t.status,
            }
            for t in plan.tasks.all()
        ],
    }
