"""Responsibility transfers of a unit (chuyển giao nhiệm vụ): the list given and received, and the
form that hands a channel or a task to another unit of the same government."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render

from loa.activities.transfers import transfer_create, transfer_list, transfer_receivers
from loa.core.errors import DomainError
from loa.organizations.access import Action, can
from loa.plans.models import Task
from loa.plans.selectors import channel_list
from loa.web.access import unit_access
from loa.web.forms import TransferForm
from loa.web.views.common import form_error, unit_for_view


@unit_access()
def unit_transfers(request, code: str):
    """GET: the unit's transfers; POST (who records or coordinates for it): a new transfer."""
    unit = unit_for_view(request, code)
    may_give = can(request.user, Action.RECORD, unit) or can(request.user, Action.COORDINATE, unit)
    today = dt.date.today()
    on = today if unit.valid_to is None or unit.valid_to >= today else unit.valid_to
    form = None
    if may_give:
        channels = list(channel_list())
        tasks = list(Task.objects.filter(owner_unit=unit).exclude(status="cancelled").order_by("title"))
        receivers = transfer_receivers(unit=unit, on=on)
        form = TransferForm(
            request.POST if request.method == "POST" else None,
            channels=channels,
            tasks=tasks,
            receivers=receivers,
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                transfer = transfer_create(
                    actor=request.user,
                    from_unit=unit,
                    to_unit=next(u for u in receivers if u.pk == data["to_unit"]),
                    channel=next((c for c in channels if c.pk == data["channel"]), None),
                    task=next((t for t in tasks if t.pk == data["task"]), None),
                    valid_from=data["valid_from"],
                    subject=data["subject"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    f"Đã chuyển giao cho {transfer.to_unit.name} từ ngày {transfer.valid_from:%d/%m/%Y}"
                    f" (chuyển {transfer.target_moved} chỉ tiêu, {transfer.activities_moved} hoạt động).",
                )
                return redirect("web:unit_transfers", code=unit.code)
    elif request.method == "POST":
        messages.error(request, "Bạn không được giao chuyển giao nhiệm vụ của đơn vị này.")
        return redirect("web:unit_transfers", code=unit.code)
    return render(
        request,
        "loa/units/transfers.html",
        {"unit": unit, "transfers": transfer_list(user=request.user, unit=unit), "form": form},
    )
