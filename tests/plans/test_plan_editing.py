"""A unit has one plan per year; plans, targets and tasks can be edited by whoever may record, and
deleted while no issued report relies on them."""

import datetime as dt

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.core.audit import AuditEvent
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.plans.models import Plan, Target, Task
from loa.plans.services import plan_create, plan_update, target_set, task_add, task_update
from loa.reporting.models import Report, ReportStatus
from loa.reporting.plan_removal import plan_delete, target_delete, task_delete


@pytest.fixture
def office(make_unit):
    return make_unit("Phòng thử")


@pytest.fixture
def officer(make_user, office):
    return make_user(office, "officer")


@pytest.fixture
def plan(office, officer, channels):
    plan = plan_create(actor=officer, unit=office, title="Kế hoạch 2022", year_from=2022)
    target_set(actor=officer, plan=plan, channel=channels["PORTAL"], quantity=4)
    task_add(actor=officer, plan=plan, title="Đăng tin", owner_unit=office)
    return plan


def issued_report(unit, period):
    return Report.objects.create(
        unit=unit, period=period, report_date=dt.date(2022, 10, 21), status=ReportStatus.ISSUED
    )


def test_a_second_plan_for_the_same_unit_and_year_is_refused(plan, office, officer):
    with pytest.raises(ValidationError) as exc:
        plan_create(actor=officer, unit=office, title="Kế hoạch khác 2022", year_from=2022)
    assert exc.value.code == "plans.one_per_year"
    assert "đã có kế hoạch năm 2022" in exc.value.message and "Kế hoạch 2022" in exc.value.message
    assert Plan.objects.filter(unit=office).count() == 1
    plan_create(actor=officer, unit=office, title="Kế hoạch 2023", year_from=2023)
    assert Plan.objects.filter(unit=office).count() == 2


def test_a_multi_year_plan_may_sit_beside_annual_plans_but_not_beside_another_multi_year_one(
    plan, office, officer
):
    plan_create(actor=officer, unit=office, title="Giai đoạn 2021–2025", year_from=2021, year_to=2025)
    with pytest.raises(ValidationError):
        plan_create(actor=officer, unit=office, title="Giai đoạn 2023–2027", year_from=2023, year_to=2027)


def test_editing_a_plan_changes_it_and_is_audited(plan, officer, make_unit):
    parent = plan_create(actor=SYSTEM_CLI, unit=make_unit("Thị xã thử"), title="KH thị xã", year_from=2022)
    plan_update(actor=officer, plan=plan, title="Kế hoạch 2022 (sửa)", year_from=2022, parents=[parent])
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch 2022 (sửa)" and list(plan.parents.all()) == [parent]
    event = AuditEvent.objects.filter(verb="plan.update", target_id=str(plan.pk)).get()
    assert event.before["title"] == "Kế hoạch 2022" and event.after["title"] == "Kế hoạch 2022 (sửa)"


def test_editing_a_plan_into_a_year_already_planned_is_refused(plan, office, officer):
    other = plan_create(actor=officer, unit=office, title="Kế hoạch 2023", year_from=2023)
    with pytest.raises(ValidationError) as exc:
        plan_update(actor=officer, plan=other, title=other.title, year_from=2022)
    assert exc.value.code == "plans.one_per_year"
    other.refresh_from_db()
    assert other.year_from == 2023


def test_a_task_can_be_edited(plan, officer, office):
    task = plan.tasks.get()
    task_update(
        actor=officer,
        task=task,
        title="Đăng 4 tin",
        owner_unit=office,
        deadline=dt.date(2022, 6, 30),
        output="4 tin",
    )
    task.refresh_from_db()
    assert (task.title, task.deadline, task.output) == ("Đăng 4 tin", dt.date(2022, 6, 30), "4 tin")


def test_whoever_may_not_record_cannot_edit_or_delete(plan, make_user, office):
    clerk = make_user(office, "clerk")
    with pytest.raises(PermissionDenied):
        plan_update(actor=clerk, plan=plan, title="Khác", year_from=2022)
    with pytest.raises(PermissionDenied):
        plan_delete(actor=clerk, plan=plan)
    assert Plan.objects.filter(pk=plan.pk).exists()


def test_a_plan_nothing_relies_on_is_deleted_with_its_targets_and_tasks(plan, officer, office):
    issued_report(office, "2021")  # another year
    Report.objects.create(unit=office, period="2022", report_date=dt.date(2022, 10, 21))  # a draft
    pk = plan.pk
    plan_delete(actor=officer, plan=plan)
    assert not Plan.objects.filter(pk=pk).exists()
    assert not Target.objects.filter(plan_id=pk).exists() and not Task.objects.filter(plan_id=pk).exists()
    assert AuditEvent.objects.filter(verb="plan.delete", target_id=str(pk)).exists()


@pytest.mark.parametrize("period", ["2022", "2022-Q3", "2022-09"])
def test_an_issued_report_of_the_plan_year_keeps_the_plan_its_targets_and_tasks(
    plan, officer, office, period
):
    issued_report(office, period)
    with pytest.raises(Conflict) as exc:
        plan_delete(actor=officer, plan=plan)
    assert exc.value.code == "plans.relied_on" and "báo cáo" in exc.value.message
    with pytest.raises(Conflict):
        target_delete(actor=officer, target=plan.targets.get())
    with pytest.raises(Conflict):
        task_delete(actor=officer, task=plan.tasks.get())
    assert plan.targets.count() == 1 and plan.tasks.count() == 1


def test_a_target_and_a_task_can_be_deleted_while_no_report_relies_on_them(plan, officer):
    target_delete(actor=officer, target=plan.targets.get())
    task_delete(actor=officer, task=plan.tasks.get())
    assert plan.targets.count() == 0 and plan.tasks.count() == 0
