"""A unit's dashboard for a period: targets vs actual per channel, charts and their XLSX data, live."""

from __future__ import annotations

import datetime as dt
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from loa.activities.selectors import activity_latest_year, activity_list
from loa.activities.stats import counted_unit_ids, stats_table, year_to_date_start
from loa.activities.stats_breakdowns import IMPORTED
from loa.core.errors import DomainError
from loa.core.exports import xlsx_row
from loa.core.periods import Period, parse_period
from loa.core.vn import group_number
from loa.organizations.access import Action, can
from loa.organizations.lineage import sources_phrase, split_notes, successors_of
from loa.organizations.selectors import unit_children, unit_subtree_ids
from loa.reporting.cycle_selectors import due_for
from loa.web import charts
from loa.web.access import unit_access
from loa.web.views.common import unit_for_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Chart kind in the URL → file name (Vietnamese without diacritics) and sheet title.
CHART_FILES = {
    "kenh": ("chi-tieu-va-thuc-hien", "Chỉ tiêu và thực hiện"),
    "thang": ("xu-huong-theo-thang", "Theo tháng"),
    "don-vi": ("xep-hang-don-vi", "Xếp hạng đơn vị"),
}


def _period(request, unit, unit_ids: set[int]) -> tuple[Period, str | None]:  # type: ignore[no-untyped-def]
    """The period asked for, else the last year with work of the unit or the units ever below it,
    within the unit's lifetime (a dissolved town opens on its last working year, not on one where
    it no longer exists and counts nothing)."""
    raw = request.GET.get("ky", "").strip()
    if raw:
        try:
            return parse_period(raw), None
        except DomainError as exc:
            error = exc.message
    else:
        error = None
    year = activity_latest_year(user=request.user, unit_ids=unit_ids, until=unit.valid_to) or (
        unit.valid_to.year if unit.valid_to else dt.date.today().year
    )
    return parse_period(str(year)), error


# How far back "so sánh với" offers years: the two-tier reform's predecessors and a few plans' span.
COMPARE_YEARS_BACK = 10


def _compare_year(request, period: Period) -> tuple[int | None, str | None]:  # type: ignore[no-untyped-def]
    """The earlier year asked for in ``so_sanh`` (None: the year before), and a message when the
    value cannot be used (then the year before is shown)."""
    raw = request.GET.get("so_sanh", "").strip()
    if not raw or raw == str(period.year - 1):
        return None, None
    if not raw.isdigit() or len(raw) != 4:
        return None, f"Năm so sánh «{raw[:20]}» không hợp lệ: chọn một năm trước {period.year}."
    year = int(raw)
    if year >= period.year:
        return None, f"Năm so sánh phải trước năm {period.year} của kỳ đang xem, không phải {year}."
    return year, None


def _dashboard_data(request, code: str) -> dict:
    """Everything the dashboard and its downloads show: one place, so they cannot disagree."""
    unit = unit_for_view(request, code)
    has_children = unit_children(unit=unit).exists()
    # A unit with units below (a town, a province) is mostly read as a whole: subtree by default.
    subtree = request.GET.get("cap_duoi", "1" if has_children else "0") == "1"
    all_ids = unit_subtree_ids(unit_ids=[unit.id])
    period, period_error = _period(request, unit, all_ids)
    compare_year, compare_error = _compare_year(request, period)
    # Lineage: a period (or its "cùng kỳ") before the unit existed counts the units it succeeded.
    common = {"user": request.user, "unit": unit, "period": period, "subtree": subtree, "lineage": True}
    by_channel = stats_table(**common, by="channel", compare_year=compare_year)
    by_month = stats_table(**common, by="month", compare_year=compare_year)
    ranking = None
    if has_children:
        rows = stats_table(**(common | {"subtree": True}), by="unit", with_previous=False).rows[1:]
        ranking = sorted(rows, key=lambda r: (r.completion is None, -(r.completion or 0), -r.actual, r.name))
    return {
        "unit": unit,
        "period": period,
        "period_error": period_error,
        "compare_year": compare_year,
        "compare_error": compare_error,
        "compare_label": by_channel.compare_label,
        "compare_choices": list(range(period.year - 1, period.year - 1 - COMPARE_YEARS_BACK, -1)),
        "start": by_channel.start,
        "end": by_channel.end,
        "subtree": subtree,
        "has_children": has_children,
        "all_ids": all_ids,
        "by_channel": by_channel,
        "by_month": by_month,
        "ranking": ranking,
        "sources_phrase": sources_phrase(by_channel.sources),
        "previous_sources_phrase": sources_phrase(by_channel.previous_sources),
        # A predecessor split between several successors counts whole for each: say so (ADR 0029).
        "split_notes": split_notes(sources=by_channel.sources + by_channel.previous_sources),
        "imported": by_channel.total_imported or sum(r.previous_imported for r in by_channel.rows),
        # Lũy kế: a period shorter than the plan year is also measured from the year's start.
        "to_date_start": year_to_date_start(period, by_channel.window_mode),
        # Where a dissolved unit's work went; linked only where the user may open the successor.
        "successors": [
            (s, can(request.user, Action.VIEW, s.successor))
            for s in (successors_of(unit=unit) if unit.valid_to else [])
        ],
    }


def ended_note(day: dt.date) -> str:
    """ "đã giải thể/sáp nhập từ 01/07/2025" for a unit whose last day was ``day``."""
    return f"đã giải thể/sáp nhập từ {day + dt.timedelta(days=1):%d/%m/%Y}"


def _channel_bar(r) -> charts.Bar:  # type: ignore[no-untyped-def]
    """A channel's bar: against the annual target, the year to date when the period is shorter."""
    if r.target and r.to_date is not None:
        return charts.Bar(
            key=r.key,
            label=r.name,
            value=r.to_date,
            target=r.target,
            text=f"Lũy kế {group_number(r.to_date)}/{group_number(r.target)} ({r.percent}%)",
        )
    return charts.Bar(
        key=r.key,
        label=r.name,
        value=r.actual,
        target=r.target,
        text=f"{group_number(r.actual)}/{group_number(r.target)} ({r.percent}%)"
        if r.target
        else f"{group_number(r.actual)} (không có chỉ tiêu)",
    )


def _charts(data: dict) -> dict:
    label = data["period"].label_vi
    ch = charts.hbar_chart(
        "bieu-do-kenh",
        f"Chỉ tiêu và thực hiện theo hình thức — {label}",
        [_channel_bar(r) for r in data["by_channel"].rows],
        actual_label="Thực hiện" if data["to_date_start"] is None else "Lũy kế",
    )
    # An imported figure of a quarter or a year has no month. It stays off the monthly axis (a bar
    # or a point there would set the scale and read as a thirteenth month) and is said under it.
    months = [r for r in data["by_month"].rows if r.key != IMPORTED]
    unmonthed = next((r for r in data["by_month"].rows if r.key == IMPORTED), None)
    mo = charts.month_chart(
        "bieu-do-thang",
        f"Số hoạt động theo tháng — {label}, so với {data['compare_label'].lower()}",
        [f"T{int(r.key[-2:])}" if len(months) <= 12 else r.name for r in months],
        [r.actual for r in months],
        [r.previous for r in months],
        previous_label=data["compare_label"],
    )
    rk = None
    if data["ranking"] is not None:
        rk = charts.hbar_chart(
            "bieu-do-don-vi",
            f"Xếp hạng đơn vị trực thuộc theo mức hoàn thành kế hoạch — {label}",
            [
                charts.Bar(
                    key=r.key,
                    label=r.name + (f" ({ended_note(r.ended)})" if r.ended else ""),
                    value=r.completion or 0,
                    target=None,
                    text=(f"{r.completion}%" if r.completion is not None else "chưa có chỉ tiêu")
                    + f" · {r.actual} hoạt động"
                    + (f" · {group_number(r.imported)} số liệu nhập từ báo cáo cũ" if r.imported else ""),
                    href=reverse("web:unit_dashboard", args=[r.key]) + f"?ky={data['period'].code}",
                )
                for r in data["ranking"]
            ],
        )
    return {"chart_channels": ch, "chart_months": mo, "chart_ranking": rk, "months_unmonthed": unmonthed}


@unit_access()
def unit_dashboard(request, code: str):
    data = _dashboard_data(request, code)
    unit, by_channel = data["unit"], data["by_channel"]
    context = {
        **data,
        **_charts(data),
        "figures": by_channel.rows,
        "can_record": can(request.user, Action.RECORD, unit),
        "query": f"ky={data['period'].code}&cap_duoi={1 if data['subtree'] else 0}"
        + (f"&so_sanh={data['compare_year']}" if data["compare_year"] else ""),
    }
    if request.htmx and request.GET.get("phan") == "so-lieu":
        return render(request, "loa/units/_figures.html", context)
    # The recent list shows what the figures count: the same units (dated subtree) and window.
    counted = counted_unit_ids(
        user=request.user,
        unit=unit,
        start=data["start"],
        end=data["end"],
        subtree=data["subtree"],
        lineage=True,
    )
    context["counted_ids"] = counted
    context["due"] = due_for(user=request.user)
    context["recent"] = activity_list(
        user=request.user, unit_ids=counted, start=data["start"], end=data["end"]
    ).order_by("-date", "-id")[:10]
    return render(request, "loa/units/dashboard.html", context)


@unit_access()
def unit_chart_xlsx(request, code: str):
    """The figures behind one dashboard chart (``?loai=kenh|thang|don-vi``) as an XLSX workbook."""
    kind = request.GET.get("loai", "kenh")
    if kind not in CHART_FILES:
        raise Http404("Không có biểu đồ này.")
    data = _dashboard_data(request, code)
    if kind == "don-vi" and data["ranking"] is None:
        raise Http404("Đơn vị không có đơn vị trực thuộc.")
    from openpyxl import Workbook

    stem, sheet_title = CHART_FILES[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    period = data["period"]
    ws.append(xlsx_row(ws, [f"{data['unit'].name} — {period.label_vi}"]))
    ws.append(xlsx_row(ws, [f"Số liệu từ {data['start']:%d/%m/%Y} đến {data['end']:%d/%m/%Y}"]))
    if kind == "kenh":
        ytd = data["to_date_start"]
        if ytd is None:
            ws.append(
                [
                    "Mã",
                    "Hình thức",
                    "Đơn vị tính",
                    "Chỉ tiêu",
                    "Thực hiện",
                    "Tỷ lệ (%)",
                    data["compare_label"],
                ]
            )
        else:
            ws.append(
                [
                    "Mã",
                    "Hình thức",
                    "Đơn vị tính",
                    "Chỉ tiêu năm",
                    "Thực hiện trong kỳ",
                    "Tỷ lệ lũy kế so với chỉ tiêu năm (%)",
                    data["compare_label"],
                    f"Lũy kế từ {ytd:%d/%m/%Y} đến {data['end']:%d/%m/%Y}",
                ]
            )
        if data["imported"]:
            ws.cell(row=ws.max_row, column=ws.max_column + 1, value="Trong đó nhập từ báo cáo cũ (kỳ này)")
            ws.cell(row=ws.max_row, column=ws.max_column + 1, value="Trong đó nhập từ báo cáo cũ (cùng kỳ)")
        for r in data["by_channel"].rows:
            line = [r.key, r.name, r.measure, r.target, r.actual, r.percent, r.previous]
            line = line if ytd is None else [*line, r.to_date]
            ws.append(xlsx_row(ws, [*line, r.imported, r.previous_imported] if data["imported"] else line))
    elif kind == "thang":
        ws.append(xlsx_row(ws, ["Tháng", "Số hoạt động", data["compare_label"]]))
        for r in data["by_month"].rows:
            ws.append(xlsx_row(ws, [r.name, r.actual, r.previous]))
    else:
        # Activities are counted, never quantities added across channels of different measures.
        ws.append(
            xlsx_row(
                ws,
                ["Mã", "Đơn vị", "Mức hoàn thành kế hoạch (%)", "Số hoạt động", "Số liệu nhập từ báo cáo cũ"],
            )
        )
        for r in data["ranking"]:
            ws.append(
                xlsx_row(
                    ws,
                    [
                        r.key,
                        r.name + (f" ({ended_note(r.ended)})" if r.ended else ""),
                        r.completion,
                        r.actual,
                        r.imported,
                    ],
                )
            )
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}-{data["unit"].code}-{period.code}.xlsx"'
    return response
