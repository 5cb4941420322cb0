"""Loa's proposal of every unit's scores in a round, from the work it recorded, with the evidence.

For all the units of a round at once, in a fixed number of queries whatever their number (a
province's 3,500 communes and departments cost the same queries as a town's twelve):

- the **accepted year report** of each unit (the reporting cycle, ADR 0017/0018): its figures as
  frozen when it was sent (targets and results per channel) and the units they counted — a unit's
  score reads what it reported and the coordinator accepted, never figures that moved since;
- for a unit with no accepted year report, **live statistics**: its subtree over the year (two
  queries for all units, :func:`~loa.organizations.selectors.unit_subtrees`), activities summed per
  unit and channel (one query), the chosen plans and their targets (two queries), said so in the
  note ("số liệu trực tiếp", not yet reported);
- every **request** of the year addressed to the unit (the completeness table's rows) for timeliness;
- the unit's **plans** of the year and their documents (plan issued by a date; evidence);
- the **activities** of the year with their evidence (links and files), the evidence of the
  channel criteria.

:func:`gather_facts` returns, per unit, the pure :class:`~loa.scoring.rules.UnitFacts` the rules
read and the evidence items; :func:`proposals_for` applies the rules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from loa.activities.models import Activity
from loa.organizations.selectors import unit_subtrees
from loa.plans.models import Channel, Plan, Target
from loa.reporting.models import Submission
from loa.reporting.transitions import RECEIVED_STATES, SubmissionState
from loa.scoring.rules import ChannelFact, CriterionSpec, Proposal, RequestFact, UnitFacts, propose

_RECEIVED = {s.value for s in RECEIVED_STATES}


@dataclass
class UnitEvidence:
    """What can prove a unit's scores: its plan documents, its sent reports, its activities."""

    plans: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Gathered:
    facts: UnitFacts
    evidence: UnitEvidence


def _year_window(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _chosen_plans(rows: list[tuple[int, int, int, int]], root: int) -> list[int]:
    """Per unit its annual plan over a multi-year one; a root with a plan speaks for its subtree (the
    same choice as the statistics, so a score and the dashboard agree)."""
    chosen: dict[int, tuple[int, int]] = {}
    for plan_id, unit_id, y_from, y_to in rows:
        span = y_to - y_from
        if unit_id not in chosen or span < chosen[unit_id][1]:
            chosen[unit_id] = (plan_id, span)
    if root in chosen:
        return [chosen[root][0]]
    return [p for p, _ in chosen.values()]


def _live_channels(
    unit_ids: list[int], year: int
) -> tuple[dict[int, list[ChannelFact]], dict[int, set[int]]]:
    """Targets and results per channel of each unit's subtree over the year, for all units at once,
    and the subtrees counted."""
    if not unit_ids:
        return {}, {}
    start, end = _year_window(year)
    subtrees = unit_subtrees(roots=unit_ids, start=start, end=end)
    every = set().union(*subtrees.values()) if subtrees else set()
    done: dict[int, dict[int, int]] = defaultdict(dict)
    for unit_id, channel_id, total in (
        Activity.objects.filter(unit_id__in=every, date__gte=start, date__lte=end)
        .order_by()
        .values("unit_id", "channel_id")
        .annotate(total=Sum("quantity"))
        .values_list("unit_id", "channel_id", "total")
    ):
        done[unit_id][channel_id] = total
    plans: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for row in Plan.objects.filter(unit_id__in=every, year_from__lte=year, year_to__gte=year).values_list(
        "id", "unit_id", "year_from", "year_to"
    ):
        plans[row[1]].append(row)
    chosen = {
        root: _chosen_plans([r for uid in ids for r in plans.get(uid, [])], root)
        for root, ids in subtrees.items()
    }
    targets: dict[int, dict[int, int]] = defaultdict(dict)
    plan_ids = {p for ps in chosen.values() for p in ps}
    for plan_id, channel_id, total in (
        Target.objects.filter(plan_id__in=plan_ids, area__isnull=True)
        .order_by()
        .values("plan_id", "channel_id")
        .annotate(total=Sum("quantity"))
        .values_list("plan_id", "channel_id", "total")
    ):
        targets[plan_id][channel_id] = total
    channels = list(Channel.objects.order_by("sort_order", "code").values_list("id", "code", "name"))
    out: dict[int, list[ChannelFact]] = {}
    for root, ids in subtrees.items():
        actual: dict[int, int] = defaultdict(int)
        for uid in ids:
            for channel_id, total in done.get(uid, {}).items():
                actual[channel_id] += total
        target: dict[int, int] = defaultdict(int)
        for plan_id in chosen[root]:
            for channel_id, total in targets.get(plan_id, {}).items():
                target[channel_id] += total
        out[root] = [
            ChannelFact(code=code, name=name, target=target.get(cid), actual=actual.get(cid, 0))
            for cid, code, name in channels
            if cid in actual or cid in target
        ]
    return out, subtrees


def _file(name: str | None) -> str:
    return name or ""


def gather_facts(*, unit_ids: list[int], year: int) -> dict[int, Gathered]:
    """Facts and evidence of each unit for ``year`` (see the module docstring for the queries)."""
    start, end = _year_window(year)
    accepted: dict[int, dict[str, Any]] = {}
    requests: dict[int, list[RequestFact]] = defaultdict(list)
    evidence: dict[int, UnitEvidence] = defaultdict(UnitEvidence)
    rows = (
        Submission.objects.filter(unit_id__in=unit_ids, request__period__startswith=str(year))
        .order_by("unit_id", "request__deadline", "id")
        .values(
            "unit_id",
            "state",
            "submitted_on",
            "figures",
            "request__period",
            "request__deadline",
            "report__document_id",
            "report__document__symbol",
            "report__document__issued_date",
            "report__document__file",
            "report__document__pdf",
        )
    )
    for r in rows:
        period = r["request__period"]
        if not (period == str(year) or period.startswith(f"{year}-")):
            continue
        received = r["state"] in _RECEIVED
        requests[r["unit_id"]].append(
            RequestFact(
                period=period,
                deadline=r["request__deadline"],
                received=received,
                submitted_on=r["submitted_on"],
            )
        )
        if received and r["report__document_id"]:
            evidence[r["unit_id"]].reports.append(
                {
                    "kind": "report",
                    "id": r["report__document_id"],
                    "label": f"Báo cáo số {r['report__document__symbol']} (kỳ {period})",
                    "date": str(r["report__document__issued_date"] or ""),
                    "file": _file(r["report__document__pdf"] or r["report__document__file"]),
                    "url": "",
                }
            )
        if period == str(year) and r["state"] == SubmissionState.ACCEPTED.value:
            accepted[r["unit_id"]] = r
    live, counted = _live_channels([u for u in unit_ids if u not in accepted], year)
    facts_channels: dict[int, list[ChannelFact]] = {}
    sources: dict[int, str] = {}
    for uid in unit_ids:
        if uid in accepted:
            frozen = accepted[uid]["figures"] or {}
            facts_channels[uid] = [
                ChannelFact(
                    code=c["code"], name=c["name"], target=c.get("target"), actual=int(c.get("actual") or 0)
                )
                for c in frozen.get("channels", [])
            ]
            counted[uid] = set(frozen.get("units") or [uid])
            symbol = accepted[uid]["report__document__symbol"]
            sources[uid] = (
                f"báo cáo năm {year}{' số ' + symbol if symbol else ''} đã được tiếp nhận (số liệu chốt khi gửi)"
            )
        else:
            facts_channels[uid] = live.get(uid, [])
            sources[uid] = f"số liệu trực tiếp năm {year} (chưa có báo cáo năm được tiếp nhận)"
    plan_dates: dict[int, list[dt.date | None]] = defaultdict(list)
    for p in Plan.objects.filter(unit_id__in=unit_ids, year_from__lte=year, year_to__gte=year).values(
        "id",
        "unit_id",
        "title",
        "document_id",
        "document__symbol",
        "document__issued_date",
        "document__file",
        "document__pdf",
    ):
        plan_dates[p["unit_id"]].append(p["document__issued_date"])
        label = f"Kế hoạch số {p['document__symbol']}" if p["document__symbol"] else p["title"]
        evidence[p["unit_id"]].plans.append(
            {
                "kind": "plan",
                "id": p["document_id"] or p["id"],
                "document": bool(p["document_id"]),
                "label": f"{label}"
                + (f" ngày {p['document__issued_date']:%d/%m/%Y}" if p["document__issued_date"] else ""),
                "date": str(p["document__issued_date"] or ""),
                "file": _file(p["document__pdf"] or p["document__file"]),
                "url": "",
            }
        )
    owner: dict[int, list[int]] = defaultdict(list)
    for uid, ids in counted.items():
        for member in ids:
            owner[member].append(uid)
    for a in (
        Activity.objects.filter(unit_id__in=list(owner), date__gte=start, date__lte=end)
        .order_by("date", "id")
        .values("id", "unit_id", "date", "title", "channel__code", "evidence_url", "evidence_file")
    ):
        item = {
            "kind": "activity",
            "id": a["id"],
            "label": a["title"],
            "date": a["date"].isoformat(),
            "channel": a["channel__code"],
            "file": _file(a["evidence_file"]),
            "url": a["evidence_url"],
        }
        for uid in owner[a["unit_id"]]:
            evidence[uid].activities.append(item)
    return {
        uid: Gathered(
            facts=UnitFacts(
                year=year,
                channels=tuple(facts_channels[uid]),
                figures_from=sources[uid],
                requests=tuple(requests.get(uid, [])),
                plan_dates=tuple(plan_dates.get(uid, [])),
            ),
            evidence=evidence[uid],
        )
        for uid in unit_ids
    }


def evidence_for(
    criterion: CriterionSpec, proposal: Proposal, evidence: UnitEvidence
) -> list[dict[str, Any]]:
    """The items that prove ``criterion``'s proposal: the plan and the reports for plan completion and
    timeliness, the plan for its issue date, the activities (with links or files) of the channels
    that earned points for variety."""
    if criterion.rule == "plan_completion":
        return [*evidence.plans, *evidence.reports]
    if criterion.rule == "plan_issued_by":
        return list(evidence.plans)
    if criterion.rule == "report_timeliness":
        return list(evidence.reports)
    if criterion.rule == "channel_variety":
        codes = set(proposal.channels)
        return [a for a in evidence.activities if a["channel"] in codes and (a["url"] or a["file"])]
    return []


def evidence_count(items: list[dict[str, Any]]) -> int:
    """How many items can be shown to the appraisal team (a file or a link)."""
    return sum(
        1 for i in items if i.get("file") or i.get("url") or i.get("document") or i.get("kind") == "report"
    )


def proposals_for(
    leaves: list[CriterionSpec], gathered: Gathered
) -> list[tuple[CriterionSpec, Proposal, list[dict[str, Any]]]]:
    """Each leaf's proposal and its evidence for one unit."""
    out = []
    for leaf in leaves:
        proposal = propose(leaf, gathered.facts)
        out.append((leaf, proposal, evidence_for(leaf, proposal, gathered.evidence)))
    return out


def total(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0))
