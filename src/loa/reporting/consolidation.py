"""Consolidation (báo cáo tổng hợp): the coordinator unit's own report for a request's period, from
the ACCEPTED submissions only, their figures as frozen when each unit sent its report.

Rules (ADR 0017):

- **Only frozen figures.** Every figure is a sum of ``Submission.figures["channels"][…]["actual"]``
  (and ``target``); live activities are never read, so a unit editing an activity after sending
  moves nothing here.
- **A unit is never counted twice.** A unit's report counts its whole subtree (as its dashboard
  does). When a unit and a unit that sat above it during the period's window (the dated hierarchy)
  were both accepted, the upper one's figures already include the lower one's: the upper one counts,
  the lower one is listed in the annex with a note and left out of the totals. A unit moved from one
  parent to another during the period is "below" every parent it had during the window.
- **Sections are drafted from the units' reports.** The free sections (assessment, next period,
  other work) start as the units' own texts, one line per unit; the coordinator rewords them in the
  normal report page. The result is a normal :class:`Report` of the coordinator unit, issued through
  the normal workflow with its own register number, and itself submittable to the parent's request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from loa.activities.selectors import ChannelFigure
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict
from loa.core.periods import parse_period
from loa.organizations.access import Action, require
from loa.organizations.models import UnitLink
from loa.plans.models import Channel
from loa.reporting.dates import default_report_date
from loa.reporting.models import OPEN_STATUSES, Report, ReportRequest, ReportStatus, Submission
from loa.reporting.transitions import STATE_LABELS, SubmissionState

# Free sections of a unit report that the consolidation drafts from the units' own texts.
DRAFTED_SECTIONS = ("s2.extra", "assessment", "next")


@dataclass(frozen=True)
class UnitLine:
    """One accepted unit in the consolidation (a row of the Biểu 03 annex)."""

    unit_id: int
    unit_code: str
    unit_name: str
    state: str
    submitted_on: dt.date | None
    on_time: bool | None
    actual: dict[str, int]  # channel code → frozen figure
    counted: bool = True
    included_in: str = ""  # the unit above whose figures already include this one

    @property
    def label(self) -> str:
        return STATE_LABELS[SubmissionState(self.state)]

    @property
    def note(self) -> str:
        return f"Đã tính trong số liệu của {self.included_in}" if self.included_in else ""


@dataclass(frozen=True)
class ChannelTotal:
    code: str
    name: str
    measure: str
    target: int | None
    actual: int

    def as_figure(self) -> ChannelFigure:
        return ChannelFigure(
            channel=self.code, name=self.name, measure=self.measure, target=self.target, actual=self.actual
        )


@dataclass
class Consolidation:
    request: ReportRequest
    channels: list[ChannelTotal]
    units: list[UnitLine]
    narrative: dict[str, str] = field(default_factory=dict)

    @property
    def counted(self) -> list[UnitLine]:
        return [u for u in self.units if u.counted]

    def figures(self) -> list[ChannelFigure]:
        return [c.as_figure() for c in self.channels]

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": [{"channel": c.code, "name": c.name, "actual": c.actual} for c in self.channels],
            "units": [{"unit": u.unit_code, "status": u.state, "counted": u.counted} for u in self.units],
        }


NOTHING_ACCEPTED = (
    "Chưa có báo cáo nào được tiếp nhận cho yêu cầu này: hãy tiếp nhận báo cáo của các đơn vị trước khi "
    "tổng hợp."
)


def consolidation_of(*, request: ReportRequest) -> Consolidation:
    """Sum the accepted submissions' frozen figures (no access check: callers check ``COORDINATE``)."""
    subs = list(
        Submission.objects.filter(request=request, state=SubmissionState.ACCEPTED)
        .select_related("unit", "report")
        .order_by("unit__name", "unit_id")
    )
    start, end = parse_period(request.period).window(request.window or None)  # type: ignore[arg-type]
    accepted = {s.unit_id: s for s in subs}
    names = {s.unit_id: s.unit.name for s in subs}
    parents = _parents_during(set(accepted), start, end)
    covered: dict[int, str] = {}
    for s in subs:
        above = _above(s.unit_id, parents) & (set(accepted) - {s.unit_id})
        if above:
            covered[s.unit_id] = names[min(above, key=lambda uid: names[uid])]
    order = {
        code: i
        for i, code in enumerate(
            Channel.objects.order_by("sort_order", "name").values_list("code", flat=True)
        )
    }
    totals: dict[str, dict[str, Any]] = {}
    lines = []
    for s in subs:
        actual: dict[str, int] = {}
        counted = s.unit_id not in covered
        for ch in (s.figures or {}).get("channels", []):
            code = str(ch["code"])
            value = int(ch.get("actual") or 0)
            actual[code] = actual.get(code, 0) + value
            entry = totals.setdefault(
                code,
                {"name": ch.get("name", code), "measure": ch.get("unit", ""), "target": None, "actual": 0},
            )
            if counted:
                entry["actual"] += value
                if ch.get("target") is not None:
                    entry["target"] = (entry["target"] or 0) + int(ch["target"])
        lines.append(
            UnitLine(
                unit_id=s.unit_id,
                unit_code=s.unit.code,
                unit_name=s.unit.name,
                state=s.state,
                submitted_on=s.submitted_on,
                on_time=(s.submitted_on <= request.deadline) if s.submitted_on else None,
                actual=actual,
                counted=counted,
                included_in=covered.get(s.unit_id, ""),
            )
        )
    channels = [
        ChannelTotal(code=code, name=e["name"], measure=e["measure"], target=e["target"], actual=e["actual"])
        for code, e in sorted(totals.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    ]
    return Consolidation(request=request, channels=channels, units=lines, narrative=_drafted_sections(subs))


def _parents_during(unit_ids: set[int], start: dt.date, end: dt.date) -> dict[int, set[int]]:
    """child → the units it sat directly under at some time in ``start``–``end``, for the given units
    and every unit above them: one query per level of the hierarchy, not per unit."""
    parents: dict[int, set[int]] = {}
    frontier = set(unit_ids)
    while frontier:
        links = UnitLink.objects.filter(child_id__in=frontier, valid_from__lte=end).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=start)
        )
        found = list(links.values_list("child_id", "parent_id"))
        for child, parent in found:
            parents.setdefault(child, set()).add(parent)
        frontier = {parent for _, parent in found} - set(parents)
    return parents


def _above(unit_id: int, parents: dict[int, set[int]]) -> set[int]:
    seen: set[int] = set()
    todo = list(parents.get(unit_id, ()))
    while todo:
        uid = todo.pop()
        if uid not in seen:
            seen.add(uid)
            todo.extend(parents.get(uid, ()))
    return seen


def _drafted_sections(subs: list[Submission]) -> dict[str, str]:
    """The free sections of the coordinator's report, drafted from the units' own: "Unit: text"."""
    drafted: dict[str, list[str]] = {key: [] for key in DRAFTED_SECTIONS}
    for s in subs:
        narrative = s.report.narrative if s.report is not None else {}
        for key in DRAFTED_SECTIONS:
            text = " ".join(str(narrative.get(key) or "").split())
            if text:
                drafted[key].append(f"{s.unit.name}: {text}")
    return {key: "\n".join(lines) for key, lines in drafted.items() if lines}


def frozen_figures_for(report: Report) -> tuple[list[ChannelFigure], str] | None:
    """For a consolidated report, the figures its document shows (summed from the accepted
    submissions) and the line that says where they come from; ``None`` for any other report."""
    request = ReportRequest.objects.filter(consolidated_report=report).order_by("-id").first()
    if request is None:
        return None
    found = consolidation_of(request=request)
    note = (
        f"Số liệu tổng hợp từ báo cáo của {len(found.counted):02d} cơ quan, đơn vị, địa phương "
        "đã được tiếp nhận (số liệu chốt khi các đơn vị gửi báo cáo)."
    )
    return found.figures(), note


def frozen_previous_for(report: Report) -> dict[str, Any] | None:
    """For a consolidated report, the "cùng kỳ" of the accepted units added up from their frozen
    figures (:meth:`loa.activities.comparison.Comparison.as_dict`); ``None`` for any other report,
    or when a counted unit sent no comparison (a submission frozen before comparisons existed)."""
    request = ReportRequest.objects.filter(consolidated_report=report).order_by("-id").first()
    if request is None:
        return None
    found = consolidation_of(request=request)
    by_unit = {
        s.unit_id: (s.figures or {}).get("previous")
        for s in Submission.objects.filter(request=request, state=SubmissionState.ACCEPTED)
    }
    frozen = [by_unit.get(u.unit_id) for u in found.counted]
    if not frozen or any(f is None for f in frozen):
        return None
    values: dict[str, int] = {}
    imported: dict[str, int] = {}
    for f in frozen:
        assert f is not None
        for code, n in f.get("values", {}).items():
            values[code] = values.get(code, 0) + int(n)
        for code, n in f.get("imported", {}).items():
            imported[code] = imported.get(code, 0) + int(n)
    first = frozen[0]
    assert first is not None
    return {
        "year": first["year"],
        "start": min(str(f["start"]) for f in frozen if f),
        "end": max(str(f["end"]) for f in frozen if f),
        "values": values,
        "imported": imported,
        "predecessors": "",
        "splits": [],
    }


@transaction.atomic
def consolidate(*, actor: Any, request: ReportRequest, report_date: dt.date | None = None) -> Report:
    """Draft (or bring up to date) the coordinator unit's consolidated report for the request.

    The report is a draft of the coordinator unit for the request's period, linked by
    ``request.consolidated_report``. Drafted sections fill only what the coordinator has not
    written yet. Refused when no submission is accepted, or when the unit's report for the period
    is already issued.
    """
    require(actor, Action.COORDINATE, request.coordinator_unit_id)
    request = ReportRequest.objects.select_for_update().select_related("coordinator_unit").get(pk=request.pk)
    found = consolidation_of(request=request)
    if not found.units:
        raise Conflict(NOTHING_ACCEPTED, code="requests.nothing_accepted")
    unit = request.coordinator_unit
    report = request.consolidated_report
    if report is None or report.status not in OPEN_STATUSES:
        report = Report.objects.filter(unit=unit, period=request.period, status__in=OPEN_STATUSES).first()
    if report is None:
        if Report.objects.filter(unit=unit, period=request.period, status=ReportStatus.ISSUED).exists():
            raise Conflict(
                "Đơn vị đã ban hành báo cáo kỳ này; muốn tổng hợp lại, hãy mở báo cáo thay thế trước.",
                code="requests.consolidated_issued",
            )
        report = Report.objects.create(
            unit=unit,
            period=request.period,
            window=request.window,
            report_date=report_date or default_report_date(unit=unit, period=parse_period(request.period)),
            created_by=user_of(actor),
        )
        audit_record(actor=actor, verb="report.open", target=report, unit_id=unit.pk, after=snapshot(report))
    before = snapshot(report)
    if report.is_editable:
        drafted = {k: v for k, v in found.narrative.items() if not report.narrative.get(k)}
        if drafted or (report_date and report_date != report.report_date):
            report.narrative = {**report.narrative, **drafted}
            if report_date:
                report.report_date = report_date
            report.save()
    request_before = snapshot(request)
    request.consolidated_report = report
    request.save(update_fields=["consolidated_report", "updated_at"])
    audit_record(
        actor=actor,
        verb="request.consolidate",
        target=request,
        unit_id=unit.pk,
        before={**request_before, "report": before},
        after={**snapshot(request), "report": snapshot(report), "units": len(found.counted)},
    )
    return report
