"""A small reporting world (the SMTP sink ``smtp_server`` lives in ``tests/conftest.py``)."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def cycle(make_unit, make_user):
    """A town (coordinator) asking two offices for the 2022 report, due 15/12/2022. The rows are
    written directly: the services that open requests belong to the cycle's module."""
    from loa.organizations.models import UnitKind
    from loa.reporting.models import ReportRequest, Submission

    town = make_unit("Thị xã Hương Trà", code="huongtra", kind=UnitKind.DISTRICT, abbr="UBND")
    vh = make_unit("Phòng Văn hóa và Thông tin", code="huongtra-vhtt", parent=town, abbr="VHTT")
    tp = make_unit("Phòng Tư pháp", code="huongtra-tp", parent=town, abbr="TP")
    people = {
        "coordinator": make_user(town, "coordinator", email="noivu@huongtra.gov.vn", first_name="Lan"),
        "vh_leader": make_user(vh, "leader", email="lanhdao.vh@huongtra.gov.vn", first_name="Minh"),
        "vh_officer": make_user(vh, "officer", email="canbo.vh@huongtra.gov.vn"),
        "vh_clerk": make_user(vh, "clerk", email=""),  # no address: the inbox only
        "tp_officer": make_user(tp, "officer", email="canbo.tp@huongtra.gov.vn"),
    }
    request = ReportRequest.objects.create(
        coordinator_unit=town,
        period="2022",
        title="Báo cáo công tác tuyên truyền CCHC năm 2022",
        deadline=dt.date(2022, 12, 15),
    )
    subs = {u.code: Submission.objects.create(request=request, unit=u) for u in (vh, tp)}
    return {"town": town, "vh": vh, "tp": tp, "request": request, "subs": subs, **people}
