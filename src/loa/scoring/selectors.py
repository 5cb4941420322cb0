"""Reads of CCHC scoring, scoped to the user: the rounds a coordinator runs, the self-assessments of
the user's units, one assessment's criteria lines, and a unit's proposed scores without a round
(``loa score``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from loa.core.errors import NotFound
from loa.organizations.access import Action, can, membership_in_force, units_for, visible_q
from loa.organizations.models import Membership, Unit
from loa.scoring.models import Assessment, CriteriaSet, Criterion, Score, ScoringRound
from loa.scoring.proposing import evidence_count, gather_facts, proposals_for
from loa.scoring.services import set_in_force, set_leaves
from loa.scoring.transitions import AssessmentState, Side, Transition, steps_from


def rounds_for(*, user: Any) -> QuerySet[ScoringRound]:
    """Rounds run by units the user coordinates or works in (the clerk who numbers the result
    report), newest first, with counts per state."""
    own = Membership.objects.filter(membership_in_force(_today()), user_id=getattr(user, "pk", None)).values(
        "unit_id"
    )
    return (
        ScoringRound.objects.filter(
            Q(coordinator_unit_id__in=units_for(user, Action.COORDINATE).values("id"))
            | Q(coordinator_unit_id__in=own)
        )
        .select_related("criteria_set", "coordinator_unit")
        .annotate(
            unit_count=Count("assessments"),
            submitted_count=Count("assessments", filter=~Q(assessments__state=AssessmentState.DRAFT.value)),
        )
    )


def has_scoring_work(*, user: Any) -> bool:
    """Whether a unit the user works in is scored in a round or runs one (the menu's question, for
    users who coordinate nothing): one query."""
    if not getattr(user, "is_authenticated", False):
        return False
    own = Membership.objects.filter(membership_in_force(_today()), user_id=user.pk).values("unit_id")
    return ScoringRound.objects.filter(
        Q(coordinator_unit_id__in=own) | Q(assessments__unit_id__in=own)
    ).exists()


def assessments_for(*, user: Any) -> QuerySet[Assessment]:
    """Self-assessments of the units the user works in (its memberships in force), newest round first."""
    if not getattr(user, "is_authenticated", False):
        return Assessment.objects.none()
    own = Membership.objects.filter(membership_in_force(_today()), user_id=user.pk).values("unit_id")
    return (
        Assessment.objects.filter(unit_id__in=own)
        .select_related("round__criteria_set", "unit")
        .order_by("-round__opens_on", "unit__name")
    )


def _today():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.localdate()


def criteria_sets_for(*, user: Any) -> QuerySet[CriteriaSet]:
    """Criteria sets are the province's published rules: every signed-in user may read them."""
    return CriteriaSet.objects.select_related("province").order_by("-year", "name")


def round_get(*, user: Any, pk: int) -> ScoringRound:
    found = (
        ScoringRound.objects.select_related("criteria_set__province", "coordinator_unit", "document")
        .filter(visible_q(user, "coordinator_unit_id"), pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(
            "Không tìm thấy đợt chấm điểm hoặc bạn không có quyền xem.", code="scoring.round_not_found"
        )
    return found


def assessment_get(*, user: Any, pk: int) -> Assessment:
    found = (
        Assessment.objects.select_related("round__criteria_set", "round__coordinator_unit", "unit")
        .filter(visible_q(user), pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(
            "Không tìm thấy bản tự đánh giá hoặc bạn không có quyền xem.", code="scoring.not_found"
        )
    return found


@dataclass(frozen=True)
class Line:
    """One line of an assessment's table: a parent criterion (a heading with its maximum) or a
    leaf with its score."""

    criterion: Criterion
    depth: int
    score: Score | None

    @property
    def evidence_count(self) -> int:
        return evidence_count(self.score.evidence) if self.score else 0


def assessment_lines(*, user: Any, assessment: Assessment) -> list[Line]:
    """The set's criteria in order, each leaf with the unit's score (two queries); refused
    (``NotFound``) for a user who does not see the assessed unit."""
    if not can(user, Action.VIEW, assessment.unit_id):
        raise NotFound(
            "Không tìm thấy bản tự đánh giá hoặc bạn không có quyền xem.", code="scoring.not_found"
        )
    criteria = list(assessment.round.criteria_set.criteria.order_by("position"))
    scores = {s.criterion_id: s for s in assessment.scores.all()}
    depth: dict[int, int] = {}
    lines = []
    for c in criteria:
        depth[c.pk] = depth[c.parent_id] + 1 if c.parent_id else 0
        lines.append(Line(criterion=c, depth=depth[c.pk], score=scores.get(c.pk)))
    return lines


def assessment_steps(*, user: Any, assessment: Assessment) -> dict[str, list[Transition]]:
    """The buttons the user may see on an assessment: by side (officer, leader, coordinator)."""
    if not assessment.round.is_open:
        return {}
    out: dict[str, list[Transition]] = {}
    if can(user, Action.RECORD, assessment.unit_id):
        out[Side.OFFICER] = steps_from(assessment.state, Side.OFFICER)
    if can(user, Action.APPROVE, assessment.unit_id):
        out[Side.LEADER] = steps_from(assessment.state, Side.LEADER)
    if can(user, Action.COORDINATE, assessment.round.coordinator_unit_id):
        out[Side.COORDINATOR] = steps_from(assessment.state, Side.COORDINATOR)
    return out


def unit_proposal(*, user: Any, unit: Unit, year: int, code: str | None = None) -> dict[str, Any]:
    """What Loa would propose for ``unit`` and ``year`` under the set in force (or ``code``), without
    opening a round: ``{"unit", "year", "set", "total", "max", "criteria": [...]}``."""
    if not can(user, Action.VIEW, unit):
        raise NotFound(f"Không có đơn vị “{unit.code}” hoặc bạn không có quyền xem.", code="units.not_found")
    criteria_set = set_in_force(unit=unit, year=year, code=code)
    leaves = set_leaves(criteria_set)
    gathered = gather_facts(unit_ids=[unit.pk], year=criteria_set.year)[unit.pk]
    rows = proposals_for([spec for _, spec in leaves], gathered)
    total = sum((p.points for _, p, _ in rows), Decimal(0))
    return {
        "unit": unit.code,
        "year": criteria_set.year,
        "set": criteria_set.code,
        "total": float(total),
        "max": float(criteria_set.total_points),
        "criteria": [
            {
                "code": spec.code,
                "name": spec.name,
                "max": float(spec.max_points),
                "proposed": float(p.points),
                "evidence": evidence_count(items),
                "explanation": p.note,
            }
            for spec, p, items in rows
        ],
    }
