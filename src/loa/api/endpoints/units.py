"""Units the caller may see, on a date (the dated hierarchy: who sat under whom that day)."""

import datetime as dt

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from loa.api.endpoints.common import actor, visible_unit
from loa.api.errors import describe_errors, error_responses
from loa.api.pagination import PageIn, page_of
from loa.api.schemas import UnitOut, UnitPage
from loa.core import vn
from loa.organizations.access import units_visible_to
from loa.organizations.models import Unit, UnitLink

router = Router(tags=["Đơn vị"])


def _parents(unit_ids: list[int], on: dt.date) -> dict[int, str]:
    links = UnitLink.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), child_id__in=unit_ids, valid_from__lte=on
    ).values_list("child_id", "parent__code")
    return dict(links)


def _out(unit: Unit, parents: dict[int, str]) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "abbr": unit.abbr,
        "kind": unit.kind,
        "kind_label": unit.get_kind_display(),
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
        "parent": parents.get(unit.pk),
    }


@router.get(
    "/units",
    response={200: UnitPage, **error_responses()},
    summary="Các đơn vị được xem",
    description="Đơn vị người dùng được xem (theo phân công hôm nay), với đơn vị cấp trên vào ngày "
    "`ngay` (mặc định hôm nay). `q` tìm theo tên (không phân biệt dấu).\n\n" + describe_errors(),
)
def unit_list(request: HttpRequest, page: Query[PageIn], ngay: dt.date | None = None, q: str = "") -> dict:
    on = ngay or timezone.localdate()
    qs = units_visible_to(actor(request)).order_by("name", "id")
    for word in vn.fold(q).split():
        qs = qs.filter(search_key__contains=word)
    result = page_of(qs, page)
    parents = _parents([u.pk for u in result["items"]], on)
    result["items"] = [_out(u, parents) for u in result["items"]]
    result["on"] = on
    return result


@router.get(
    "/units/{code}",
    response={200: UnitOut, **error_responses(404)},
    summary="Một đơn vị",
    description="Đơn vị có mã `code`, nếu người dùng được xem.\n\n" + describe_errors(404),
)
def unit_detail(request: HttpRequest, code: str, ngay: dt.date | None = None) -> dict:
    on = ngay or timezone.localdate()
    unit = visible_unit(actor(request), code)
    return _out(unit, _parents([unit.pk], on))
