"""Monthly orientations: sending to chosen units, acknowledging ("Đã nhận"), coverage per unit and month."""

import datetime as dt

import pytest

from loa.activities.coverage import Coverage, orientation_coverage
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.organizations.models import UnitKind
from loa.plans.models import Orientation, OrientationRecipient
from loa.plans.services import orientation_acknowledge, orientation_send


@pytest.fixture
def setup(make_unit, make_user):
    town = make_unit("Thị xã")
    office = make_unit("Phòng VH-TT", parent=town)
    a, b = make_unit("Phường A", parent=town), make_unit("Phường B", parent=town)
    return {
        "town": town,
        "office": office,
        "a": a,
        "b": b,
        "sender": make_user(office),
        "officer_a": make_user(a),
        "officer_b": make_user(b),
    }


def test_acknowledging_records_the_time_once_and_is_audited(setup):
    o = orientation_send(
        actor=setup["sender"],
        unit=setup["office"],
        month=dt.date(2024, 3, 9),
        topics="Chủ đề",
        recipients=[setup["a"]],
    )
    assert o.month == dt.date(2024, 3, 1)
    first = orientation_acknowledge(actor=setup["officer_a"], orientation=o, unit=setup["a"])
    again = orientation_acknowledge(actor=setup["officer_a"], orientation=o, unit=setup["a"])
    assert first.acknowledged_at is not None and again.acknowledged_at == first.acknowledged_at
    assert AuditEvent.objects.filter(verb="orientation.acknowledge").count() == 1


def test_only_a_recipient_can_acknowledge_and_only_for_its_own_unit(setup):
    o = orientation_send(
        actor=SYSTEM_CLI, unit=setup["office"], month=dt.date(2024, 3, 1), topics="x", recipients=[setup["a"]]
    )
    with pytest.raises(PermissionDenied):
        orientation_acknowledge(actor=setup["officer_b"], orientation=o, unit=setup["a"])
    with pytest.raises(ValidationError):
        orientation_acknowledge(actor=setup["officer_b"], orientation=o, unit=setup["b"])


def test_an_orientation_needs_recipients(setup):
    with pytest.raises(ValidationError, match="ít nhất một"):
        orientation_send(
            actor=SYSTEM_CLI, unit=setup["office"], month=dt.date(2024, 3, 1), topics="x", recipients=[]
        )


def test_coverage_shows_answered_acknowledged_and_pending_per_unit_and_month(setup, channels):
    office, a, b = setup["office"], setup["a"], setup["b"]
    march = orientation_send(
        actor=SYSTEM_CLI, unit=office, month=dt.date(2024, 3, 1), topics="x", recipients=[a, b]
    )
    april = orientation_send(
        actor=SYSTEM_CLI, unit=office, month=dt.date(2024, 4, 1), topics="y", recipients=[a]
    )
    orientation_acknowledge(actor=SYSTEM_CLI, orientation=march, unit=a)
    orientation_acknowledge(actor=SYSTEM_CLI, orientation=april, unit=a)
    activity_record(
        actor=SYSTEM_CLI,
        unit=a,
        date=dt.date(2024, 4, 10),
        channel=channels["RADIO"],
        title="Phát thanh",
        orientation=april,
    )
    rows = {r.unit.name: r.cells for r in orientation_coverage(user=setup["sender"], unit=office, year=2024)}
    assert rows["Phường A"][2] is Coverage.ACKNOWLEDGED and rows["Phường A"][3] is Coverage.ANSWERED
    assert rows["Phường B"][2] is Coverage.PENDING and rows["Phường B"][3] is Coverage.NONE


def test_the_pages_send_list_acknowledge_and_cover(client, demo_world):
    vhtt, centre = demo_world["huongtra-vhtt"], demo_world["huongtra-ttvhtt"]
    client.login(username="canbo.vhtt", password="Loa@2022")
    form = client.get("/don-vi/huongtra-vhtt/dinh-huong/gui/").content.decode()
    assert "Chọn tất cả" in form and "phường Tứ Hạ" in form
    response = client.post(
        "/don-vi/huongtra-vhtt/dinh-huong/gui/",
        {"month": "2022-11", "topics": "Tuyên truyền Chỉ số SIPAS", "recipients": [centre.pk]},
    )
    assert response.status_code == 302
    sent = Orientation.objects.get(unit=vhtt, month=dt.date(2022, 11, 1))
    assert list(sent.recipients.all()) == [centre]
    listing = client.get("/don-vi/huongtra-vhtt/dinh-huong/").content.decode()
    assert "Tháng 11/2022" in listing and "Chưa xác nhận" in listing
    assert (
        "Theo dõi thực hiện định hướng năm 2022"
        in client.get("/don-vi/huongtra-vhtt/dinh-huong/bao-phu/").content.decode()
    )
    empty = client.post("/don-vi/huongtra-vhtt/dinh-huong/gui/", {"month": "2022-11", "topics": "x"})
    assert "Cần chọn ít nhất một đơn vị nhận." in empty.content.decode()

    client.logout()
    client.login(username="canbo.ttvhtt", password="Loa@2022")
    received = client.get("/don-vi/huongtra-ttvhtt/dinh-huong/da-nhan/").content.decode()
    assert "Tuyên truyền Chỉ số SIPAS" in received and "Đã nhận" in received
    response = client.post(f"/don-vi/huongtra-ttvhtt/dinh-huong/{sent.pk}/xac-nhan/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Đã nhận lúc" in response.content.decode()
    assert OrientationRecipient.objects.get(orientation=sent, unit=centre).acknowledged_at is not None
    # Not a recipient's page of its own: another unit's orientations stay hidden.
    assert client.get("/don-vi/huongtra-vhtt/dinh-huong/").status_code == 404


def test_an_orientation_goes_only_to_units_in_the_senders_scope(setup, make_unit):
    """A department orients the units of the government it serves; a ward orients only its own
    subtree; a unit elsewhere is refused by name and nothing is saved."""
    elsewhere = make_unit("Xã ở huyện khác", parent=make_unit("Huyện khác"))
    with pytest.raises(ValidationError) as err:
        orientation_send(
            actor=SYSTEM_CLI,
            unit=setup["office"],
            month=dt.date(2024, 3, 1),
            topics="x",
            recipients=[setup["a"], elsewhere],
        )
    assert err.value.code == "orientations.recipient_out_of_scope"
    assert "Xã ở huyện khác" in err.value.message and "Phường A" not in err.value.message
    ward = make_unit("Phường C", parent=setup["town"], kind=UnitKind.COMMUNE)
    with pytest.raises(ValidationError, match="Phường B"):
        orientation_send(
            actor=SYSTEM_CLI, unit=ward, month=dt.date(2024, 3, 1), topics="x", recipients=[setup["b"]]
        )
    assert not Orientation.objects.exists()
