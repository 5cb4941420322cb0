"""Monthly orientations (định hướng tuyên truyền): send, list sent with acknowledgements, list
received with the "Đã nhận" button, and coverage per unit and month."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from loa.activities.coverage import COVERAGE_LABELS, orientation_coverage
from loa.core.errors import DomainError
from loa.organizations.access import Action, can
from loa.plans.selectors import (
    orientation_get,
    orientation_received_list,
    orientation_recipient_choices,
    orientation_sent_list,
)
from loa.plans.services import orientation_acknowledge, orientation_send
from loa.web.access import login_only, unit_access
from loa.web.forms import OrientationForm
from loa.web.views.common import form_error, unit_for_view, units_where, year_param


@login_only
def orientation_home(request):
    """Entry point from the menu: the user's units, each with its sent and received orientations.

    Units working today come first; dissolved ones (the three-tier history) follow, marked with
    the day they ended, so a coordinator finds today's units without reading the old ones.
    """
    today = dt.date.today()
    units = units_where(request, Action.VIEW)[:200]
    current = [u for u in units if u.valid_to is None or u.valid_to >= today]
    ended = [u for u in units if u.valid_to is not None and u.valid_to < today]
    return render(
        request,
        "loa/orientations/home.html",
        {
            "rows": [(u, False) for u in current] + [(u, True) for u in ended],
        },
    )


@unit_access()
def orientation_sent(request, code: str):
    unit = unit_for_view(request, code)
    year = year_param(request)
    orientations = orientation_sent_list(user=request.user, unit=unit, year=year)
    return render(
        request,
        "loa/orientations/sent.html",
        {
            "unit": unit,
            "orientations": orientations,
            "year": year,
            "can_send": _may_send(request, unit),
        },
    )


def _send_date(unit) -> dt.date:
    """The day whose hierarchy decides the recipients: today, or the last day of a dissolved unit."""
    today = dt.date.today()
    return today if unit.valid_to is None or unit.valid_to >= today else unit.valid_to


def _may_send(request, unit) -> bool:
    """The "+ Gửi định hướng" button: for those who record in the unit, when it has units to orient."""
    return can(request.user, Action.RECORD, unit) and bool(
        orientation_recipient_choices(user=request.user, unit=unit, on=_send_date(unit))
    )


@unit_access(Action.RECORD, denied=403, message="Bạn không được giao gửi định hướng của đơn vị này.")
def orientation_send_view(request, code: str):
    unit = unit_for_view(request, code)
    if not can(request.user, Action.RECORD, unit):
        raise PermissionDenied("Bạn không được giao gửi định hướng của đơn vị này.")
    today = dt.date.today()
    on = _send_date(unit)
    choices = orientation_recipient_choices(user=request.user, unit=unit, on=on)
    form = OrientationForm(request.POST or None, units=choices, initial={"month": today.replace(day=1)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wanted = set(data["recipients"])
        try:
            orientation_send(
                actor=request.user,
                unit=unit,
                month=data["month"],
                topics=data["topics"],
                recipients=[u for u in choices if u.pk in wanted],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã gửi định hướng tuyên truyền.")
            return redirect("web:orientation_sent", code=unit.code)
    return render(request, "loa/orientations/form.html", {"unit": unit, "form": form})


@unit_access()
def orientation_received(request, code: str):
    unit = unit_for_view(request, code)
    rows = orientation_received_list(user=request.user, unit=unit)
    return render(
        request,
        "loa/orientations/received.html",
        {"unit": unit, "rows": rows, "can_ack": can(request.user, Action.RECORD, unit)},
    )


@unit_access()
def orientation_acknowledge_view(request, code: str, pk: int):
    """The recipient unit's "Đã nhận" (POST)."""
    unit = unit_for_view(request, code)
    try:
        orientation = orientation_get(user=request.user, unit=unit, pk=pk)
    except DomainError:
        raise Http404 from None
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        recipient = orientation_acknowledge(actor=request.user, orientation=orientation, unit=unit)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:orientation_received", code=unit.code)
    if request.htmx:
        return render(request, "loa/orientations/_ack.html", {"r": recipient, "unit": unit, "can_ack": True})
    messages.success(request, "Đã xác nhận nhận định hướng.")
    return redirect("web:orientation_received", code=unit.code)


@unit_access()
def orientation_coverage_view(request, code: str):
    unit = unit_for_view(request, code)
    year = year_param(request)
    if year is None:
        latest = orientation_sent_list(user=request.user, unit=unit).values_list("month", flat=True).first()
        year = latest.year if latest else dt.date.today().year
    rows = orientation_coverage(user=request.user, unit=unit, year=year)
    return render(
        request,
        "loa/orientations/coverage.html",
        {"unit": unit, "year": year, "rows": rows, "months": range(1, 13), "labels": COVERAGE_LABELS},
    )
