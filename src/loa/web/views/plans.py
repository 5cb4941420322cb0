"""Plans: list, detail (targets against actual, tasks, cascade), creation with targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from loa.activities.selectors import channel_figures
from loa.core.errors import DomainError
from loa.core.periods import parse_period
from loa.documents.kinds import DocumentKind
from loa.documents.selectors import document_list
from loa.organizations.access import Action
from loa.plans.models import Plan
from loa.plans.selectors import channel_list, plan_get, plan_list
from loa.plans.services import plan_create, target_set
from loa.web.forms import PlanForm
from loa.web.views.common import form_error, units_where


@login_required
def plan_index(request):
    year = request.GET.get("nam", "").strip()
    plans = plan_list(user=request.user, year=int(year) if year.isdigit() else None).prefetch_related(
        "parents"
    )
    return render(request, "loa/plans/list.html", {"plans": plans, "year": year})


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
    return render(
        request,
        "loa/plans/detail.html",
        {
            "plan": plan,
            "targets": targets,
            "parents": visible.filter(children=plan),
            "children": visible.filter(parents=plan),
        },
    )


@login_required
def plan_create_view(request):
    units = units_where(request, Action.RECORD)
    if not units:
        raise Http404("Bạn chưa được phân công lập kế hoạch ở đơn vị nào.")
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
