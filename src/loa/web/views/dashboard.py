"""A unit's dashboard for a period: targets vs actual per channel, live."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from loa.activities.selectors import activity_latest_year, activity_list, channel_figures
from loa.core.errors import DomainError
from loa.core.periods import Period, parse_period
from loa.organizations.access import Action, can
from loa.organizations.selectors import unit_children, unit_subtree_ids
from loa.web.views.common import unit_for_view


def _period(request, unit_ids: set[int]) -> tuple[Period, str | None]:
    raw = request.GET.get("ky", "").strip()
    if raw:
        try:
            return parse_period(raw), None
        except DomainError as exc:
            error = exc.message
    else:
        error = None
    year = activity_latest_year(unit_ids=unit_ids) or dt.date.today().year
    return parse_period(str(year)), error


@login_required
def unit_dashboard(request, code: str):
    unit = unit_for_view(request, code)
    has_children = unit_children(unit=unit).exists()
    # A unit with units below (a town, a province) is mostly read as a whole: subtree by default.
    subtree = request.GET.get("cap_duoi", "1" if has_children else "0") == "1"
    all_ids = unit_subtree_ids(unit_ids=[unit.id])
    unit_ids = all_ids if subtree else {unit.id}
    period, period_error = _period(request, all_ids)
    start, end = period.window()
    figures = channel_figures(unit=unit, start=start, end=end, year=period.year, subtree=subtree)
    context = {
        "unit": unit,
        "period": period,
        "period_error": period_error,
        "start": start,
        "end": end,
        "subtree": subtree,
        "figures": figures,
        "total_actual": sum(f.actual for f in figures),
        "can_record": can(request.user, Action.RECORD, unit),
        "has_children": has_children,
        "year_choices": list(range(dt.date.today().year, 2019, -1)),
    }
    if request.htmx and request.GET.get("phan") == "so-lieu":
        return render(request, "loa/units/_figures.html", context)
    context["recent"] = activity_list(user=request.user, unit_ids=unit_ids, start=start, end=end)[:10]
    return render(request, "loa/units/dashboard.html", context)
