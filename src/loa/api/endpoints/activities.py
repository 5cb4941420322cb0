"""Activities: the list with the web's filters (one FilterSet), one activity, and recording,
changing and deleting through the activity services, as the caller."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from loa.activities.filters import ActivityFilter
from loa.activities.models import Activity
from loa.activities.selectors import activity_get, activity_list
from loa.activities.services import activity_delete, activity_record, activity_update
from loa.api.endpoints.common import actor, filtered, visible_unit
from loa.api.errors import describe_errors, error_responses
from loa.api.pagination import PageIn, page_of
from loa.api.schemas import ActivityIn, ActivityOut, ActivityPage, ActivityPatch
from loa.core.errors import ValidationError
from loa.plans.models import Channel, ContentArea
from loa.plans.selectors import area_list, channel_list

router = Router(tags=["Hoạt động"])


def activity_out(a: Activity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "unit": a.unit.code,
        "unit_name": a.unit.name,
        "date": a.date,
        "channel": a.channel.code,
        "channel_name": a.channel.name,
        "areas": sorted(area.code for area in a.areas.all()),
        "title": a.title,
        "description": a.description,
        "quantity": a.quantity,
        "reach": a.reach,
        "evidence_url": a.evidence_url,
        "source": a.source,
    }


def _channel(code: str) -> Channel:
    found = channel_list().filter(code=code).first()
    if found is None:
        message = f"Hình thức “{code}” không có trong danh mục."
        raise ValidationError(message, code="activities.invalid", fields={"channel": message})
    return found


def _areas(codes: list[str]) -> list[ContentArea]:
    found = list(area_list().filter(code__in=codes))
    missing = sorted(set(codes) - {a.code for a in found})
    if missing:
        message = f"Nội dung CCHC không có trong danh mục: {', '.join(missing)}."
        raise ValidationError(message, code="activities.invalid", fields={"areas": message})
    return found


@router.get(
    "/activities",
    response={200: ActivityPage, **error_responses()},
    summary="Hoạt động",
    description="Hoạt động người dùng được xem, lọc như trang Hoạt động: `don_vi` (mã đơn vị, gồm "
    "cả đơn vị trực thuộc), `ky` (kỳ: 2022, 2022-Q1, 2022-H1, 2022-9M, 2022-03), `hinh_thuc` (mã hình "
    "thức), `noi_dung` (mã nội dung CCHC), `q` (từ trong tên, không phân biệt dấu).\n\n" + describe_errors(),
)
def activity_index(
    request: HttpRequest,
    page: Query[PageIn],
    don_vi: str = "",
    ky: str = "",
    hinh_thuc: str = "",
    noi_dung: str = "",
    q: str = "",
) -> dict[str, Any]:
    data = {"don_vi": don_vi, "ky": ky, "hinh_thuc": hinh_thuc, "noi_dung": noi_dung, "q": q}
    filterset = ActivityFilter(data, queryset=activity_list(user=actor(request)), request=request)
    result = page_of(filtered(filterset), page)
    result["items"] = [activity_out(a) for a in result["items"]]
    return result


@router.get(
    "/activities/{pk}",
    response={200: ActivityOut, **error_responses(404)},
    summary="Một hoạt động",
    description=describe_errors(404),
)
def activity_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return activity_out(activity_get(user=actor(request), pk=pk))


@router.post(
    "/activities",
    response={201: ActivityOut, **error_responses(403, 404, 409)},
    summary="Ghi nhận một hoạt động",
    description="Ghi nhận hoạt động cho đơn vị `unit` (người dùng phải được phân công ghi nhận ở đó). "
    "Hoạt động trùng với hoạt động đã ghi bị từ chối (409, `activities.duplicate`, `context."
    "duplicate_id`) trừ khi `allow_duplicate`.\n\n" + describe_errors(403, 404, 409),
)
def activity_create(request: HttpRequest, payload: ActivityIn) -> Status[dict[str, Any]]:
    user = actor(request)
    unit = visible_unit(user, payload.unit)
    activity = activity_record(
        actor=user,
        unit=unit,
        date=payload.date,
        channel=_channel(payload.channel),
        title=payload.title,
        quantity=payload.quantity,
        areas=_areas(payload.areas),
        description=payload.description,
        reach=payload.reach,
        evidence_url=payload.evidence_url,
        allow_duplicate=payload.allow_duplicate,
    )
    return Status(201, activity_out(activity_get(user=user, pk=activity.pk)))


@router.patch(
    "/activities/{pk}",
    response={200: ActivityOut, **error_responses(403, 404, 409)},
    summary="Sửa một hoạt động",
    description="Đổi các trường gửi lên; trường không gửi giữ nguyên.\n\n" + describe_errors(403, 404, 409),
)
def activity_change(request: HttpRequest, pk: int, payload: ActivityPatch) -> dict[str, Any]:
    user = actor(request)
    activity = activity_get(user=user, pk=pk)
    changes = payload.dict(exclude_unset=True, exclude={"areas", "allow_duplicate"})
    changes = {k: v for k, v in changes.items() if v is not None or k == "reach"}
    if "channel" in changes:
        changes["channel"] = _channel(changes["channel"])
    areas = _areas(payload.areas) if payload.areas is not None else None
    activity_update(
        actor=user, activity=activity, areas=areas, allow_duplicate=payload.allow_duplicate, **changes
    )
    return activity_out(activity_get(user=user, pk=pk))


@router.delete(
    "/activities/{pk}",
    response={204: None, **error_responses(403, 404, 409)},
    summary="Xoá một hoạt động",
    description=describe_errors(403, 404, 409),
)
def activity_remove(request: HttpRequest, pk: int) -> Status[None]:
    user = actor(request)
    activity_delete(actor=user, activity=activity_get(user=user, pk=pk))
    return Status(204, None)
