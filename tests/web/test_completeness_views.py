"""The completeness page (sortable, filterable, paged, XLSX) and the consolidation from the browser."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI
from loa.organizations.models import UnitKind
from loa.reporting.models import Report, ReportRequest


@pytest.fixture
def world(make_unit, make_user, cycle_request, send_report):
    town = make_unit("UBND thị xã thử", kind=UnitKind.DISTRICT, code="thixa", place_name="Hương Trà")
    a, b, c = (make_unit(f"Phòng {x}", parent=town) for x in "ABC")
    request = cycle_request(town, [a, b, c], deadline=dt.date(2022, 12, 15))
    send_report(request, a, on=dt.date(2022, 12, 10), actual={"PORTAL": 12})
    send_report(request, b, on=dt.date(2022, 12, 19), actual={"PORTAL": 3}, state="submitted")
    return {
        "town": town,
        "units": (a, b, c),
        "request": request,
        "coordinator": make_user(town, "coordinator"),
    }


def _url(world, **query) -> str:
    url = reverse("web:request_completeness", args=[world["request"].pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _names(response) -> list[str]:
    return [r.unit_name for r in response.context["rows"]]


def test_the_page_shows_counts_and_one_row_per_unit(client, world):
    client.force_login(world["coordinator"])
    response = client.get(_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-count="expected">3<' in html and 'data-count="late">1<' in html
    assert 'data-count="missing">1<' in html
    assert "10/12/2022" in html and "15/12/2022" in html
    assert _names(response) == ["Phòng A", "Phòng B", "Phòng C"]


def test_filters_and_sorting(client, world):
    client.force_login(world["coordinator"])
    assert _names(client.get(_url(world, **{"tinh-trang": "chua-gui"}))) == ["Phòng C"]
    assert _names(client.get(_url(world, **{"tinh-trang": "accepted"}))) == ["Phòng A"]
    # Late only: B sent after the deadline; C is still missing once it passed (today is later).
    assert _names(client.get(_url(world, **{"tre-han": "1"}))) == ["Phòng B", "Phòng C"]
    assert _names(client.get(_url(world, **{"sap-xep": "-don-vi"}))) == ["Phòng C", "Phòng B", "Phòng A"]
    assert _names(client.get(_url(world, **{"sap-xep": "-tre-han"})))[0] == "Phòng C"
    response = client.get(_url(world, **{"tinh-trang": "xyz"}))
    assert "Tình trạng này không có trong danh sách." in response.content.decode()


def test_the_list_is_paged(client, make_unit, make_user, cycle_request):
    town = make_unit(kind=UnitKind.DISTRICT)
    units = [make_unit(f"Xã {n:03d}", parent=town) for n in range(55)]
    request = cycle_request(town, units)
    client.force_login(make_user(town, "coordinator"))
    url = reverse("web:request_completeness", args=[request.pk])
    first, second = client.get(url), client.get(url + "?trang=2")
    assert len(first.context["rows"]) == 50 and _names(second) == [
        "Xã 050",
        "Xã 051",
        "Xã 052",
        "Xã 053",
        "Xã 054",
    ]
    assert first.context["counts"].expected == 55


def test_xlsx_export_in_vietnamese_with_dates(client, world):
    client.force_login(world["coordinator"])
    response = client.get(_url(world, xuat="xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {"Cơ quan, đơn vị", "Tình trạng", "Ngày gửi", "Số ngày trễ hạn"} <= {c.value for c in cells}
    sent = next(c for c in cells if isinstance(c.value, dt.datetime))
    assert sent.number_format == "DD/MM/YYYY"


def test_an_officer_of_the_unit_is_refused(client, world, make_user):
    client.force_login(make_user(world["town"], "officer"))
    assert client.get(_url(world)).status_code == 403
    client.force_login(make_user(world["units"][0], "coordinator"))
    assert client.get(_url(world)).status_code == 404


def test_consolidate_from_the_page_opens_the_report_with_frozen_figures(client, world, channels):
    from loa.reporting.models import LockException, Submission

    # The sent window is locked (issue 10 §3): the coordinator lets the unit add one activity.
    sent = Submission.objects.filter(unit=world["units"][0]).first()
    LockException.objects.create(submission=sent, reason="Bổ sung", until=dt.date(2099, 12, 31))
    activity_record(
        actor=SYSTEM_CLI,
        unit=world["units"][0],
        date=dt.date(2022, 6, 1),
        channel=channels["PORTAL"],
        title="Tin sau",
        quantity=50,
    )
    client.force_login(world["coordinator"])
    response = client.post(reverse("web:request_consolidate", args=[world["request"].pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:report_workspace", args=["thixa"]) + "?ky=2022"
    report = ReportRequest.objects.get(pk=world["request"].pk).consolidated_report
    assert isinstance(report, Report) and report.unit == world["town"]
    page = client.get(response["Location"]).content.decode()
    assert "Tin, bài trên Cổng/Trang thông tin điện tử: 12 tin, bài" in page
    assert "số liệu tổng hợp từ các báo cáo đã tiếp nhận theo" in page
    assert "số liệu cập nhật theo dữ liệu đã ghi nhận" not in page
    annex = client.get(reverse("web:request_consolidation_annex", args=[world["request"].pk]))
    values = [
        v for row in load_workbook(io.BytesIO(annex.content)).active.iter_rows(values_only=True) for v in row
    ]
    assert "Phòng A" in values and "Phòng B" not in values


def test_consolidating_with_nothing_accepted_says_why(client, make_unit, make_user, cycle_request):
    town = make_unit(kind=UnitKind.DISTRICT)
    request = cycle_request(town, [make_unit(parent=town)])
    client.force_login(make_user(town, "coordinator"))
    response = client.post(reverse("web:request_consolidate", args=[request.pk]), follow=True)
    assert "Chưa có báo cáo nào được tiếp nhận" in response.content.decode()
    assert not Report.objects.filter(unit=town).exists()
