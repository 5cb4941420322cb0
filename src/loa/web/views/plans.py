"""Plans: list, detail (targets against actual, tasks, cascade), creation and editing with targets,
deletion of plans and tasks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from loa.activities.stats import counted_unit_ids, stats_table
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.documents.kinds import DocumentKind
from loa.documents.selectors import document_list
from loa.organizations.access import Action, can, units_for
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.cascade import cascade_date, plan_cascade
from loa.plans.models import Plan, Task, TaskStatus
from loa.plans.selectors import channel_list, plan_get, plan_list, task_get_for_update
from loa.plans.services import plan_create, plan_update, target_set, task_add, task_update, task_update_status
from loa.reporting.plan_removal import plan_delete, plan_relied_on_by, target_delete, task_delete
from loa.web.access import login_only, object_access, some_unit_access
from loa.web.forms import PlanForm, TaskForm
from loa.web.views.common import form_error, units_where, year_param


@login_only
def plan_index(request):
    year = year_param(request)
    plans = plan_list(user=request.user, year=year).prefetch_related("parents")
    may_plan = units_for(request.user, Action.RECORD).exists()
    return render(request, "loa/plans/list.html", {"plans": plans, "year": year or "", "can_plan": may_plan})


@object_access("plan")
def plan_detail(request, pk: int):
    try:
        plan = plan_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    # The plan page shows the dashboard's figures for the plan's unit and year: the unit with the
    # units below it when it had any that year (a town's plan covers its area), same window, same %.
    year = cascade_date(plan=plan).year
    period = parse_period(str(year))
    start, end = period.window()
    figures, subtree = {}, False
    if can(request.user, Action.VIEW, plan.unit):  # a plan from above shows its targets, not its figures
        ids = counted_unit_ids(user=request.user, unit=plan.unit, start=start, end=end, subtree=True)
        subtree = ids != {plan.unit_id}
        result = stats_table(
            user=request.user,
            unit=plan.unit,
            period=period,
            subtree=subtree,
            by="channel",
            with_previous=False,
        )
        figures = {r.key: r for r in result.rows}
    targets = [(t, figures.get(t.channel.code)) for t in plan.targets.all()]
    visible = plan_list(user=request.user)
    can_record = can(request.user, Action.RECORD, plan.unit)
    return render(
        request,
        "loa/plans/detail.html",
        {
            "plan": plan,
            "year": year,
            "start": start,
            "end": end,
            "subtree": subtree,
            "targets": targets,
            "parents": visible.filter(children=plan),
            "children": visible.filter(parents=plan),
            "cascade": plan_cascade(user=request.user, plan=plan),
            "can_record": can_record,
            "can_view_unit": can(request.user, Action.VIEW, plan.unit),
            "relied_on": plan_relied_on_by(user=request.user, plan=plan) if can_record else None,
            "statuses": TaskStatus.choices,
            "task_form": TaskForm(units=_task_units(plan)) if can_record else None,
        },
    )


def _task_units(plan: Plan) -> list[Unit]:
    """Units that may own a task of the plan: the plan's unit and the units below it in the plan's year."""
    ids = unit_subtree_ids(unit_ids=[plan.unit_id], on=cascade_date(plan=plan))
    return [plan.unit, *Unit.objects.filter(id__in=ids - {plan.unit_id}).order_by("name")]


def _task_fields(data: dict, units: list[Unit]) -> dict:
    """The task form's cleaned values as the task services take them."""
    return {
        "title": data["title"],
        "owner_unit": next(u for u in units if u.pk == data["owner_unit"]),
        "deadline": data["deadline"],
        "output": data["output"],
    }


@object_access("plan", Action.RECORD)
def plan_task_add(request, pk: int):
    """Add a task to the plan (form on the plan page)."""
    try:
        plan = plan_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if not can(request.user, Action.RECORD, plan.unit):
        raise Http404("Bạn không được giao lập kế hoạch của đơn vị này.")
    units = _task_units(plan)
    form = TaskForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task_add(actor=request.user, plan=plan, **_task_fields(data, units))
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm nhiệm vụ.")
            return redirect("web:plan_detail", pk=plan.pk)
    return render(request, "loa/plans/task_form.html", {"plan": plan, "form": form})


@object_access("task", Action.RECORD)
def task_status(request, pk: int):
    """Change a task's status from the plan page (htmx: returns the updated row)."""
    try:
        task = task_get_for_update(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    error = None
    try:
        task = task_update_status(actor=request.user, task=task, status=request.POST.get("status", ""))
    except DomainError as exc:
        error = exc.message
    context = {
        "t": task,
        "can_record": True,
        "relied_on": plan_relied_on_by(user=request.user, plan=task.plan),
        "statuses": TaskStatus.choices,
        "error": error,
    }
    if request.htmx:
        return render(request, "loa/plans/_task_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Đã cập nhật tình trạng nhiệm vụ.")
    return redirect("web:plan_detail", pk=task.plan_id)


@some_unit_access(Action.RECORD, message="Bạn chưa được phân công lập kế hoạch ở đơn vị nào.")
def plan_create_view(request):
    units = units_where(request, Action.RECORD)
    if not units:
        raise PermissionDenied("Bạn chưa được phân công lập kế hoạch ở đơn vị nào.")
    choices = _plan_form_choices(request)
    form = PlanForm(request.POST or None, units=units, **choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["unit"])
        documents = {d.pk: d for d in choices["documents"]}
        try:
            with transaction.atomic():
                plan = plan_create(
                    actor=request.user,
                    unit=unit,
                    title=data["title"],
                    year_from=data["year_from"],
                    year_to=data["year_to"],
                    document=documents.get(data["document"]) if data["document"] else None,
                    parents=[p for p in choices["parents"] if p.pk in data["parents"]],
                )
                channels = {c.code: c for c in form.channels}
                for code, qty in form.targets().items():
                    target_set(actor=request.user, plan=plan, channel=channels[code], quantity=qty)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã tạo kế hoạch.")
            return redirect("web:plan_detail", pk=plan.pk)
    return render(request, "loa/plans/form.html", {"form": form})


def _plan_form_choices(request, plan: Plan | None = None) -> dict:
    documents = list(document_list(user=request.user, kind=DocumentKind.KE_HOACH)[:300])
    if plan is not None and plan.document and plan.document not in documents:
        documents.append(plan.document)
    parents = [p for p in plan_list(user=request.user)[:300] if plan is None or p.pk != plan.pk]
    return {"documents": documents, "parents": parents, "channels": list(channel_list())}


def _plan_for_edit(request, pk: int) -> Plan:
    """The plan, if the user may record for its unit; 404 otherwise (no hint that it exists)."""
    try:
        plan = plan_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if not can(request.user, Action.RECORD, plan.unit):
        raise Http404("Bạn không được giao lập kế hoạch của đơn vị này.")
    return plan


@object_access("plan", Action.RECORD)
def plan_edit(request, pk: int):
    """Edit a plan: name, years, document, parent plans and its targets (an emptied target is removed)."""
    plan = _plan_for_edit(request, pk)
    choices = _plan_form_choices(request, plan)
    current = {t.channel.code: t for t in plan.targets.all() if t.area_id is None}
    initial = {
        "unit": plan.unit_id,
        "title": plan.title,
        "year_from": plan.year_from,
        "year_to": plan.year_to,
        "document": plan.document_id,
        "parents": [p.pk for p in plan.parents.all()],
        **{f"target_{code}": t.quantity for code, t in current.items()},
    }
    form = PlanForm(request.POST or None, initial=initial, units=[plan.unit], **choices)
    form.fields["unit"].disabled = True  # a plan stays with its unit
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        documents = {d.pk: d for d in choices["documents"]}
        try:
            with transaction.atomic():
                plan_update(
                    actor=request.user,
                    plan=plan,
                    title=data["title"],
                    year_from=data["year_from"],
                    year_to=data["year_to"],
                    document=documents.get(data["document"]) if data["document"] else None,
                    parents=[p for p in choices["parents"] if p.pk in data["parents"]],
                )
                wanted = form.targets()
                for c in form.channels:
                    if c.code in wanted:
                        if c.code not in current or current[c.code].quantity != wanted[c.code]:
                            target_set(actor=request.user, plan=plan, channel=c, quantity=wanted[c.code])
                    elif c.code in current:
                        target_delete(actor=request.user, target=current[c.code])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu kế hoạch.")
            return redirect("web:plan_detail", pk=plan.pk)
    return render(request, "loa/plans/form.html", {"form": form, "plan": plan})


@object_access("plan", Action.RECORD)
def plan_remove(request, pk: int):
    """Delete the plan (POST), unless an issued report relies on it."""
    plan = _plan_for_edit(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        plan_delete(actor=request.user, plan=plan)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:plan_detail", pk=pk)
    messages.success(request, "Đã xoá kế hoạch.")
    return redirect("web:plan_index")


@object_access("task", Action.RECORD)
def task_edit(request, pk: int):
    """Edit a task of a plan: wording, owner unit, deadline, output."""
    try:
        task = task_get_for_update(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    units = _task_units(task.plan)
    if task.owner_unit not in units:
        units.append(task.owner_unit)
    initial = {
        "title": task.title,
        "owner_unit": task.owner_unit_id,
        "deadline": task.deadline,
        "output": task.output,
    }
    form = TaskForm(request.POST or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task_update(actor=request.user, task=task, **_task_fields(data, units))
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu nhiệm vụ.")
            return redirect("web:plan_detail", pk=task.plan_id)
    return render(request, "loa/plans/task_form.html", {"plan": task.plan, "form": form, "task": task})


@object_access("task", Action.RECORD)
def task_remove(request, pk: int):
    """Delete a task (POST), unless an issued report relies on its plan."""
    try:
        task: Task = task_get_for_update(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    plan_id = task.plan_id
    try:
        task_delete(actor=request.user, task=task)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã xoá nhiệm vụ.")
    return redirect("web:plan_detail", pk=plan_id)
