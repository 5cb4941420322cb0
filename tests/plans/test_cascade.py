"""The plan cascade: parent targets against the lower plans' targets, and units below that fall short."""

import datetime as dt

from loa.core.actors import SYSTEM_CLI
from loa.plans.cascade import cascade_date, plan_cascade
from loa.plans.models import Plan
from loa.plans.services import plan_create, target_set


def test_a_parent_target_is_compared_with_the_sum_of_its_children_plans(make_unit, channels):
    town = make_unit("Thị xã")
    a, b, c = (
        make_unit("Phường A", parent=town),
        make_unit("Phường B", parent=town),
        make_unit("Xã C", parent=town),
    )
    parent = plan_create(actor=SYSTEM_CLI, unit=town, title="KH thị xã", year_from=2024)
    target_set(actor=SYSTEM_CLI, plan=parent, channel=channels["PORTAL"], quantity=24)
    target_set(actor=SYSTEM_CLI, plan=parent, channel=channels["RADIO"], quantity=48)
    pa = plan_create(actor=SYSTEM_CLI, unit=a, title="KH A", year_from=2024, parents=[parent])
    target_set(actor=SYSTEM_CLI, plan=pa, channel=channels["PORTAL"], quantity=12)
    target_set(actor=SYSTEM_CLI, plan=pa, channel=channels["RADIO"], quantity=24)
    pb = plan_create(actor=SYSTEM_CLI, unit=b, title="KH B", year_from=2024, parents=[parent])
    target_set(actor=SYSTEM_CLI, plan=pb, channel=channels["PORTAL"], quantity=12)
    target_set(actor=SYSTEM_CLI, plan=pb, channel=channels["SOCIAL"], quantity=5)

    cascade = plan_cascade(user=SYSTEM_CLI, plan=parent)

    lines = {line.channel.code: line for line in cascade.lines}
    assert (lines["PORTAL"].parent_target, lines["PORTAL"].children_total) == (24, 24)
    assert lines["PORTAL"].covered and lines["PORTAL"].children_count == 2
    assert (lines["RADIO"].children_total, lines["RADIO"].shortfall) == (24, 24) and not lines[
        "RADIO"
    ].covered
    assert lines["SOCIAL"].parent_target is None and lines["SOCIAL"].covered
    gaps = {g.unit.name: g for g in cascade.gaps}
    assert set(gaps) == {"Phường B", "Xã C"}, "A has every channel the town targets"
    assert [ch.code for ch in gaps["Phường B"].missing] == ["RADIO"]
    assert not gaps["Xã C"].has_plan
    assert cascade.units_below == 3
    assert c.pk in {g.unit.pk for g in cascade.gaps}


def test_units_below_are_taken_on_a_date_in_the_plans_year(make_unit, channels):
    """A commune that joined the town in 2025 is not below its 2022 plan."""
    town = make_unit("Thị xã")
    make_unit("Phường cũ", parent=town)
    make_unit("Xã mới", parent=town, linked_from=dt.date(2025, 7, 1))
    plan = plan_create(actor=SYSTEM_CLI, unit=town, title="KH 2022", year_from=2022)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["PORTAL"], quantity=1)
    assert cascade_date(plan=plan) == dt.date(2022, 12, 31)
    assert [g.unit.name for g in plan_cascade(user=SYSTEM_CLI, plan=plan).gaps] == ["Phường cũ"]


def test_a_childs_multi_year_plan_counts_when_it_has_no_annual_plan(make_unit, channels):
    town = make_unit("Thị xã")
    ward = make_unit("Phường", parent=town)
    plan = plan_create(actor=SYSTEM_CLI, unit=town, title="KH 2024", year_from=2024)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["PORTAL"], quantity=1)
    long = plan_create(actor=SYSTEM_CLI, unit=ward, title="KH 2021–2025", year_from=2021, year_to=2025)
    target_set(actor=SYSTEM_CLI, plan=long, channel=channels["PORTAL"], quantity=5)
    assert plan_cascade(user=SYSTEM_CLI, plan=plan).gaps == []


def test_the_demo_town_plan_shows_every_unit_below_and_what_each_leaves_uncovered(demo_world):
    plan = Plan.objects.get(unit=demo_world["huongtra"], year_from=2022)
    cascade = plan_cascade(user=SYSTEM_CLI, plan=plan)
    lines = {line.channel.code: line for line in cascade.lines}
    assert (lines["ORIENTATION"].parent_target, lines["ORIENTATION"].children_total) == (12, 12)
    # the offices' 4 each (VHTT, Nội vụ, TTVHTT) and 4 for each of the 11 communes and wards
    assert (lines["PORTAL"].parent_target, lines["PORTAL"].children_total) == (40, 56)
    assert (lines["MEETING"].parent_target, lines["MEETING"].children_total) == (180, 4 + 4 + 11 * 16)
    assert cascade.units_below == 15
    gaps = {g.unit.code: g for g in cascade.gaps}
    assert all(g.has_plan for g in gaps.values())
    assert {c.code for c in gaps["huongtra-vhtt"].missing} == {"RADIO", "LED", "SOCIAL", "LEAFLET"}
    assert {c.code for c in gaps["xa-huong-toan"].missing} == {
        "LED",
        "ORIENTATION",
        "SOCIAL",
        "TRAINING",
        "LEAFLET",
    }


def test_the_plan_page_shows_the_cascade_and_lets_the_officer_add_and_update_tasks(client, demo_world):
    from loa.core.models import AuditEvent
    from loa.plans.models import Task, TaskStatus

    plan = Plan.objects.get(unit=demo_world["huongtra-vhtt"], year_from=2022)
    client.login(username="canbo.vhtt", password="Loa@2022")
    page = client.get(f"/ke-hoach/{plan.pk}/").content.decode()
    # The office has no units below: no cascade block to alarm anyone.
    assert "Phân cấp chỉ tiêu" not in page and "+ Thêm nhiệm vụ" in page
    response = client.post(
        f"/ke-hoach/{plan.pk}/nhiem-vu/them/",
        {
            "title": "Cập nhật pano CCHC",
            "owner_unit": demo_world["huongtra-vhtt"].pk,
            "deadline": "2022-06-30",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(plan=plan, title="Cập nhật pano CCHC")
    response = client.post(f"/nhiem-vu/{task.pk}/tinh-trang/", {"status": "done"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'value="done" selected' in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert AuditEvent.objects.filter(verb="task.status", target_id=str(task.pk)).exists()
    bad = client.post(f"/nhiem-vu/{task.pk}/tinh-trang/", {"status": "xong"})
    assert bad.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_a_leader_of_another_unit_cannot_change_a_task(client, demo_world):
    from loa.plans.services import task_add

    plan = Plan.objects.get(unit=demo_world["huongtra-vhtt"], year_from=2022)
    task = task_add(actor=SYSTEM_CLI, plan=plan, title="Nhiệm vụ", owner_unit=demo_world["huongtra-vhtt"])
    client.login(username="canbo.ttvhtt", password="Loa@2022")
    assert client.post(f"/nhiem-vu/{task.pk}/tinh-trang/", {"status": "done"}).status_code == 404


def test_the_cascade_shows_a_user_only_the_units_below_they_may_see(make_unit, make_user, channels):
    """A ward's officer reading the town's plan sees their own ward's part; Nội vụ sees every ward;
    someone from another town may not read the plan at all."""
    import pytest

    from loa.core.errors import NotFound

    town = make_unit("Thị xã")
    ward_a, ward_b = make_unit("Phường A", parent=town), make_unit("Phường B", parent=town)
    plan = plan_create(actor=SYSTEM_CLI, unit=town, title="KH 2024", year_from=2024)
    target_set(actor=SYSTEM_CLI, plan=plan, channel=channels["PORTAL"], quantity=10)
    for ward in (ward_a, ward_b):
        own = plan_create(
            actor=SYSTEM_CLI, unit=ward, title=f"KH {ward.name}", year_from=2024, parents=[plan]
        )
        target_set(actor=SYSTEM_CLI, plan=own, channel=channels["PORTAL"], quantity=3)
    officer_a = make_user(ward_a, "officer")
    mine = plan_cascade(user=officer_a, plan=plan)
    assert mine.units_below == 1 and mine.lines[0].children_total == 3
    everyone = plan_cascade(user=make_user(town, "coordinator"), plan=plan)
    assert everyone.units_below == 2 and everyone.lines[0].children_total == 6
    with pytest.raises(NotFound):
        plan_cascade(user=make_user(make_unit("Huyện khác"), "coordinator"), plan=plan)
