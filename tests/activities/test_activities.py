"""Recording activities and the live figures they feed."""

import datetime as dt

import pytest

from loa.activities.models import Activity
from loa.activities.selectors import activity_list, channel_figures
from loa.activities.services import activity_delete, activity_record, activity_update
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied, ValidationError
from loa.core.models import AuditEvent


def test_recording_an_activity_changes_the_figures_at_once(make_unit, make_user, channels):
    office = make_unit()
    officer = make_user(office)
    day = dt.date(2022, 3, 18)
    before = {
        f.channel: f.actual
        for f in channel_figures(user=SYSTEM_CLI, unit=office, start=day, end=day, year=2022)
    }
    activity_record(
        actor=officer, unit=office, date=day, channel=channels["PORTAL"], title="Tin CCHC", quantity=2
    )
    after = {
        f.channel: f.actual
        for f in channel_figures(user=SYSTEM_CLI, unit=office, start=day, end=day, year=2022)
    }
    assert before.get("PORTAL", 0) == 0 and after["PORTAL"] == 2


def test_a_bad_activity_is_refused_and_nothing_is_saved(make_unit, make_user, channels):
    office = make_unit()
    officer = make_user(office)
    with pytest.raises(ValidationError) as err:
        activity_record(
            actor=officer,
            unit=office,
            date=dt.date.today() + dt.timedelta(days=5),
            channel=channels["PORTAL"],
            title=" ",
            quantity=0,
        )
    assert set(err.value.context["fields"]) == {"title", "quantity", "date"}
    assert not Activity.objects.exists() and not AuditEvent.objects.filter(verb="activity.record").exists()


def test_only_the_units_recorders_may_write(make_unit, make_user, channels):
    office, other = make_unit(), make_unit()
    with pytest.raises(PermissionDenied):
        activity_record(
            actor=make_user(other),
            unit=office,
            date=dt.date(2022, 1, 1),
            channel=channels["PORTAL"],
            title="X",
        )


def test_update_and_delete_are_audited_with_before_and_after(make_unit, make_user, channels, areas):
    office = make_unit()
    officer = make_user(office)
    a = activity_record(
        actor=officer,
        unit=office,
        date=dt.date(2022, 1, 5),
        channel=channels["PORTAL"],
        title="Tin 1",
        areas=[areas["PROCEDURES"]],
    )
    activity_update(actor=officer, activity=a, quantity=3, areas=[areas["PUBLIC_FINANCE"]])
    event = AuditEvent.objects.get(verb="activity.update")
    assert event.before["quantity"] == 1 and event.after["quantity"] == 3
    assert event.before["areas"] == ["PROCEDURES"] and event.after["areas"] == ["PUBLIC_FINANCE"]
    activity_delete(actor=officer, activity=a)
    assert AuditEvent.objects.get(verb="activity.delete").before["title"] == "Tin 1"
    assert not Activity.objects.exists()


def test_search_ignores_case_and_diacritics(make_unit, make_user, channels):
    office = make_unit()
    officer = make_user(office)
    activity_record(
        actor=officer,
        unit=office,
        date=dt.date(2022, 1, 5),
        channel=channels["PORTAL"],
        title="KẾ HOẠCH Tuyên truyền Đổi mới",
    )
    activity_record(
        actor=officer, unit=office, date=dt.date(2022, 1, 6), channel=channels["PORTAL"], title="Khác"
    )
    for q in ("kế hoạch", "ke hoach", "DOI MOI", "tuyên TRUYỀN"):
        assert [a.title for a in activity_list(user=officer, q=q)] == ["KẾ HOẠCH Tuyên truyền Đổi mới"], q


def test_lists_show_only_the_users_units(make_unit, make_user, channels):
    office, other = make_unit(), make_unit()
    activity_record(
        actor=SYSTEM_CLI,
        unit=other,
        date=dt.date(2022, 1, 5),
        channel=channels["PORTAL"],
        title="Của đơn vị khác",
    )
    assert not activity_list(user=make_user(office)).exists()


def test_the_demo_office_shows_the_founding_reports_figures(demo_world):
    office = demo_world["huongtra-vhtt"]
    rows = {
        f.channel: f
        for f in channel_figures(
            user=SYSTEM_CLI, unit=office, start=dt.date(2021, 12, 15), end=dt.date(2022, 12, 14), year=2022
        )
    }
    assert rows["PORTAL"].actual == 2 and rows["PORTAL"].measure == "tin, bài"
    assert rows["PANEL"].actual == 1 and rows["PANEL"].measure == "cụm pano"
    assert rows["ORIENTATION"].actual == 10 and rows["ORIENTATION"].target == 12


def test_a_subtree_counts_the_units_below_against_the_roots_plan(demo_world):
    town = demo_world["huongtra"]
    rows = {
        f.channel: f
        for f in channel_figures(
            user=SYSTEM_CLI,
            unit=town,
            start=dt.date(2022, 1, 1),
            end=dt.date(2022, 12, 31),
            year=2022,
            subtree=True,
        )
    }
    # the office's renewed cluster, the centre's after the hand-over, the communes' banners (8 × 2 + 3 × 1)
    assert rows["PANEL"].actual == 1 + 1 + 8 * 2 + 3
    assert rows["PANEL"].target == 20  # the town plan's target, not the town's, offices' and communes' summed
