"""Plans: list, detail (targets against actual, tasks, cascade), creation with targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from loa.activities.selectors import channel_figures
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.documents.kinds import DocumentKind
from loa.documents.selectors import document_list
from loa.organizations.access import Action, can, units_for
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_subtree_ids
from loa.plans.cascade import cascade_date, plan_cascade
from loa.plans.models import Plan, TaskStatus
from loa.plans.selectors import channel_list, plan_get, plan_list, task_get_for_update
from loa.plans.services import plan_create, target_set, task_add, task_update_status
from loa.web.forms import PlanForm, TaskForm
from loa.web.views.common import form_error, units_where


@login_required
def plan_index(request):
    year = request.GET.get("nam", "").strip()
    plans = plan_list(user=request.user, year=int(year) if year.isdigit() else None).prefetch_related(
        "parents"
    )
    may_plan = units_for(request.user, Action.RECORD) != set()
    return render(request, "loa/plans/list.html", {"plans": plans, "year": year, "can_plan": may_plan})


@login_required
def plan_detail(request, pk: int):
    try:
        plan = plan_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None
    start, end = parse_period(str(plan.year_to)).window()
    figures = {f.channel: f for f in channel_figures(unit=plan.unit, start=start, end=end, year=plan.year_to)}
    targets = [(t, figures.get(t.channel.code)) for t in plan.targets.all()]
    visible = plan_list(user=request.user)
    can_record = can(request.user, Action.RECORD, plan.unit)
    return render(
        request,
        "loa/plans/detail.html",
        {
            "plan": plan,
            "targets": targets,
            "parents": visible.filter(children=plan),
            "children": visible.filter(parents=plan),
            "cascade": plan_cascade(plan=plan),
            "can_record": can_record,
            "statuses": TaskStatus.choices,
            "task_form": TaskForm(units=_task_units(plan)) if can_record else None,
        },
    )


def _task_units(plan: Plan) -> list[Unit]:
    """Units that may own a task of the plan: the plan's unit and the units below it in the plan's year."""
    ids = unit_subtree_ids(unit_ids=[plan.unit_id], on=cascade_date(plan=plan))
    return [plan.unit, *Unit.objects.filter(id__in=ids - {plan.unit_id}).order_by("name")]


@login_required
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
            task_add(
                actor=request.user,
                plan=plan,
                title=data["title"],
                owner_unit=next(u for u in units if u.pk == data["owner_unit"]),
                deadline=data["deadline"],
                output=data["output"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm nhiệm vụ.")
            return redirect("web:plan_detail", pk=plan.pk)
    return render(request, "loa/plans/task_form.html", {"plan": plan, "form": form})


@login_required
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
    context = {"t": task, "can_record": True, "statuses": TaskStatus.choices, "error": error}
    if request.htmx:
        return render(request, "loa/plans/_task_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Đã cập nhật tình trạng nhiệm vụ.")
    return redirect("web:plan_detail", pk=task.plan_id)


@login_required
def plan_create_view(request):
    units = units_where(request, Action.RECORD)
    if not units:
        raise PermissionDenied("Bạn chưa được phân công lập kế hoạch ở đơn vị nào.")
    documents = document_list(user=request.user, kind=DocumentKind.KE_HOACH)[:300]
    parents = plan_list(user=request.user)[:300]
    form = PlanForm(
        request.POST or None, units=units, documents=documents, parents=parents, channels=channel_list()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = next(u for u in units if u.pk == data["unit"])
        try:
            with transaction.atomic():
                plan = plan_create(
                    actor=request.user,
                    unit=unit,
                    title=data["title"],
                    year_from=data["year_from"],
                    year_to=data["year_to"],
                    document=documents.model.objects.filter(pk=data["document"]).first()
                    if data["document"]
                    else None,
                    parents=Plan.objects.filter(pk__in=[p.pk for p in parents if p.pk in data["parents"]]),
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
