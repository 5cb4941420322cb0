"""ActivityFilter: the one set of filters behind the activity list, its export and the API next."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.test import RequestFactory

from loa.activities.filters import ActivityFilter
from loa.activities.selectors import activity_list
from loa.activities.services import activity_record


@pytest.fixture
def district(make_unit):
    return make_unit("UBND thị xã thử", code="tx-loc")


@pytest.fixture
def office(make_unit, district):
    return make_unit("Phòng Văn hóa lọc", code="vh-loc", parent=district)


@pytest.fixture
def officer(make_user, office):
    return make_user(office, "officer")


@pytest.fixture
def recorded(officer, office, channels, areas):
    def record(title, date, channel="PORTAL", area=None):
        return activity_record(
            actor=officer,
            unit=office,
            date=date,
            channel=channels[channel],
            title=title,
            areas=[areas[area]] if area else [],
        )

    return {
        "to_roi": record("Phát tờ rời về thủ tục một cửa", dt.date(2022, 10, 21), area=next(iter(areas))),
        "hoi_nghi": record("Hội nghị tuyên truyền CCHC", dt.date(2022, 3, 2)),
        "cu": record("Tin cũ năm trước", dt.date(2020, 6, 1)),
    }


def _filter(user, query: str) -> ActivityFilter:
    request = RequestFactory().get("/hoat-dong/?" + query)
    request.user = user
    return ActivityFilter(QueryDict(query), queryset=activity_list(user=user), request=request)


def _titles(filterset: ActivityFilter) -> set[str]:
    return {a.title for a in filterset.qs}


def test_no_filter_lists_every_readable_activity(officer, recorded):
    filterset = _filter(officer, "")
    assert filterset.messages == [] and filterset.qs.count() == 3


def test_the_period_selects_its_own_window(officer, recorded):
    filterset = _filter(officer, "ky=2022-Q4")
    assert _titles(filterset) == {"Phát tờ rời về thủ tục một cửa"}
    assert filterset.window == (dt.date(2022, 9, 15), dt.date(2022, 12, 14))


@pytest.mark.parametrize("value", ["99999999999999999999", "abc", "2022-13", "2022-Q5"])
def test_an_unreadable_period_is_not_applied_and_explained_in_vietnamese(officer, recorded, value):
    filterset = _filter(officer, f"ky={value}")
    assert filterset.qs.count() == 3
    assert filterset.window is None
    (message,) = filterset.messages
    assert "Kỳ báo cáo" in message or "Tháng phải từ 1 đến 12" in message or "Quý" in message


def test_a_unit_brings_the_units_below_it(make_user, make_unit, district, recorded):
    coordinator = make_user(district, "coordinator")
    make_unit("Đơn vị ngoài thị xã", code="ngoai-loc")
    assert _filter(coordinator, "don_vi=ngoai-loc").messages == ["Không tìm thấy đơn vị."]
    filterset = _filter(coordinator, "don_vi=tx-loc&ky=2022")
    assert filterset.unit == district
    assert _titles(filterset) == {"Phát tờ rời về thủ tục một cửa", "Hội nghị tuyên truyền CCHC"}


def test_a_unit_the_user_may_not_see_is_refused(officer, make_unit, recorded):
    make_unit("Đơn vị khác", code="khac-loc")
    for code in ("khac-loc", "khong-co"):
        filterset = _filter(officer, f"don_vi={code}")
        assert filterset.messages == ["Không tìm thấy đơn vị."] and filterset.unit is None


def test_channel_and_area_codes_are_checked_against_the_catalogue(officer, areas, recorded):
    area = next(iter(areas))
    assert _titles(_filter(officer, f"noi_dung={area}")) == {"Phát tờ rời về thủ tục một cửa"}
    assert _titles(_filter(officer, "hinh_thuc=PORTAL")) == {a.title for a in recorded.values()}
    filterset = _filter(officer, "hinh_thuc=KHONG-CO&noi_dung=KHONG-CO")
    assert sorted(filterset.messages) == [
        "Hình thức này không có trong danh mục.",
        "Nội dung CCHC này không có trong danh mục.",
    ]


@pytest.mark.parametrize("q", ["to roi", "TỜ RỜI", "tờ   rời một cửa", "Tơ Roi"])
def test_the_text_search_ignores_case_and_diacritics(officer, recorded, q):
    assert _titles(_filter(officer, f"q={q}")) == {"Phát tờ rời về thủ tục một cửa"}


def test_the_filter_never_widens_what_the_user_may_read(make_user, make_unit, recorded):
    stranger = make_user(make_unit(), "officer")
    assert _filter(stranger, "q=to roi").qs.count() == 0
