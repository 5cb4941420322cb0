"""Writes of CCHC scoring: store a criteria set, open a round (Loa proposes every unit's scores),
the officer's confirmation or override, the leader's submission, the appraisal, closing (ranking and
classes). Publishing is in :mod:`loa.scoring.publishing`.

One service per step, atomic, checked with :func:`~loa.organizations.access.require`, audited; steps
move an assessment only as :mod:`loa.scoring.transitions` allows. Who may act:

- storing a criteria set: coordinators (Nội vụ) of the province or above (``COORDINATE``);
- opening, returning, appraising, closing: coordinators of the round's unit or above (``COORDINATE``);
- confirming or overriding a criterion: who records the unit's work (``RECORD``: its officer);
- submitting the self-assessment: the unit's leader (``APPROVE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from loa.core import vn
from loa.core.actors import user_of
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, NotFound, ValidationError
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_ancestor_ids, unit_get, unit_subtree_ids
from loa.scoring.models import Assessment, CriteriaSet, Criterion, Score, ScoringRound
from loa.scoring.proposing import evidence_count, gather_facts, proposals_for
from loa.scoring.rules import Band, CriterionSpec, SetSpec, band_for, fmt, points, ranks, set_problems
from loa.scoring.transitions import AssessmentState, RoundState, Step, round_transition_for, transition_for

# --- Criteria sets ------------------------------------------------------------------------------


def criteria_set_spec(criteria_set: CriteriaSet) -> SetSpec:
    """The stored set as a :class:`SetSpec` (for export and for the rules)."""
    rows = list(criteria_set.criteria.order_by("position"))
    children: dict[int | None, list[Criterion]] = {}
    for c in rows:
        children.setdefault(c.parent_id, []).append(c)

    def spec(c: Criterion) -> CriterionSpec:
        kids = children.get(c.pk, [])
        return CriterionSpec(
            code=c.code,
            name=c.name,
            max_points=c.max_points,
            rule=c.rule if not kids else "manual",
            params=c.params if not kids else {},
            evidence=c.evidence,
            children=tuple(spec(k) for k in kids),
        )

    return SetSpec(
        code=criteria_set.code,
        name=criteria_set.name,
        province=criteria_set.province.code,
        year=criteria_set.year,
        unit_kinds=tuple(criteria_set.unit_kinds),
        total=criteria_set.total_points,
        criteria=tuple(spec(c) for c in children.get(None, [])),
        bands=tuple(Band(b["label"], Decimal(str(b["min_percent"]))) for b in criteria_set.bands),
        source=criteria_set.source,
    )


def _refuse(problems: list[str], code: str) -> None:
    if problems:
        raise ValidationError("Bộ tiêu chí không hợp lệ: " + " ".join(problems), code=code, problems=problems)


@transaction.atomic
def criteria_set_store(*, actor: Any, spec: SetSpec, replace: bool = False) -> CriteriaSet:
    """Store a criteria set (refused, with every problem listed, when its points do not add up).

    ``replace`` rewrites a set of the same code that no round uses yet."""
    _refuse(set_problems(spec), "scoring.set_invalid")
    province = unit_get(code=spec.province)
    require(actor, Action.COORDINATE, province)
    existing = CriteriaSet.objects.select_for_update().filter(code=spec.code).first()
    if existing is not None:
        if not replace:
            raise Conflict(f"Đã có bộ tiêu chí mã “{spec.code}”.", code="scoring.set_exists")
        if existing.rounds.exists():
            raise Conflict(
                f"Bộ tiêu chí “{spec.code}” đã được dùng trong đợt chấm điểm, không thay được: hãy nhập với mã mới.",
                code="scoring.set_in_use",
            )
        existing.delete()
    criteria_set = CriteriaSet.objects.create(
        code=spec.code,
        name=vn.collapse_ws(vn.nfc(spec.name)),
        province=province,
        year=spec.year,
        unit_kinds=list(spec.unit_kinds),
        total_points=spec.total,
        bands=[{"label": vn.nfc(b.label), "min_percent": float(b.min_percent)} for b in spec.bands],
        source=vn.nfc(spec.source),
    )
    made: dict[str, Criterion] = {}
    for position, (c, parent) in enumerate(spec.walk()):
        made[c.code] = Criterion.objects.create(
            criteria_set=criteria_set,
            parent=made[parent] if parent else None,
            code=c.code,
            name=vn.collapse_ws(vn.nfc(c.name)),
            max_points=c.max_points,
            rule=c.rule if not c.children else "manual",
            params=c.params if not c.children else {},
            evidence=vn.nfc(c.evidence),
            position=position,
        )
    after = snapshot(criteria_set)
    after["criteria"] = [c.code for c, _ in spec.walk()]
    audit_record(
        actor=actor, verb="criteria_set.store", target=criteria_set, unit_id=province.pk, after=after
    )
    return criteria_set


def set_in_force(*, unit: Unit, year: int, code: str | None = None) -> CriteriaSet:
    """The set that scores ``unit`` for ``year``: the one named ``code``, else the newest set of the
    year issued by a province the unit sits (or sat) under, for the unit's kind."""
    if code:
        found = CriteriaSet.objects.select_related("province").filter(code=code).first()
        if found is None:
            raise NotFound(f"Không có bộ tiêu chí mã “{code}”.", code="scoring.set_not_found")
        return found
    above = unit_ancestor_ids(unit_ids=[unit.pk]) | {unit.pk}
    for candidate in (
        CriteriaSet.objects.select_related("province")
        .filter(year=year, province_id__in=above)
        .order_by("-created_at", "-id")
    ):
        if not candidate.unit_kinds or unit.kind in candidate.unit_kinds:
            return candidate
    raise NotFound(
        f"Chưa có bộ tiêu chí chấm điểm năm {year} áp dụng cho {unit.name}.", code="scoring.no_set_in_force"
    )


def sets_available(*, unit: Unit, year: int) -> list[CriteriaSet]:
    """Every set of ``year`` issued by the unit or a province it sits (or sat) under."""
    above = unit_ancestor_ids(unit_ids=[unit.pk]) | {unit.pk}
    return list(
        CriteriaSet.objects.select_related("province")
        .filter(year=year, province_id__in=above)
        .order_by("code")
    )


def set_leaves(criteria_set: CriteriaSet) -> list[tuple[Criterion, CriterionSpec]]:
    """The leaf criteria (those scored), in order, with their specs."""
    rows = list(criteria_set.criteria.order_by("position"))
    parents = {c.parent_id for c in rows}
    return [
        (c, CriterionSpec(code=c.code, name=c.name, max_points=c.max_points, rule=c.rule, params=c.params))
        for c in rows
        if c.pk not in parents
    ]


# --- Rounds -------------------------------------------------------------------------------------


def round_units_default(*, criteria_set: CriteriaSet, coordinator_unit: Unit) -> list[Unit]:
    """The units below ``coordinator_unit`` at the end of the set's year, of the kinds the set scores."""
    end = dt.date(criteria_set.year, 12, 31)
    ids = unit_subtree_ids(unit_ids=[coordinator_unit.pk], on=end) - {coordinator_unit.pk}
    alive = (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=end)
    )
    qs = Unit.objects.filter(alive, pk__in=ids)
    if criteria_set.unit_kinds:
        qs = qs.filter(kind__in=criteria_set.unit_kinds)
    return list(qs.order_by("name"))


def _assess(scoring_round: ScoringRound, units: list[Unit]) -> list[Assessment]:
    """Create each unit's assessment with Loa's proposals (bulk, totals computed before writing: a
    fixed number of queries, no per-row updates)."""
    criteria_set = scoring_round.criteria_set
    leaves = set_leaves(criteria_set)
    gathered = gather_facts(unit_ids=[u.pk for u in units], year=criteria_set.year)
    assessments, proposed = [], []
    for unit in units:
        found = gathered[unit.pk]
        proposals = proposals_for([spec for _, spec in leaves], found)
        total = sum((p.points for _, p, _ in proposals), Decimal(0))
        assessments.append(
            Assessment(
                round=scoring_round,
                unit=unit,
                figures_from=found.facts.figures_from[:300],
                proposed_total=total,
                self_total=total,
                final_total=total,
            )
        )
        proposed.append(proposals)
    made = Assessment.objects.bulk_create(assessments, batch_size=2000)
    if any(a.pk is None for a in made):  # backends that return no ids from bulk_create
        by_unit = {a.unit_id: a for a in scoring_round.assessments.all()}
        made = [by_unit[u.pk] for u in units]
    Score.objects.bulk_create(
        [
            Score(assessment=a, criterion=criterion, proposed=p.points, note=p.note, evidence=items)
            for a, proposals in zip(made, proposed, strict=True)
            for (criterion, _), (_, p, items) in zip(leaves, proposals, strict=True)
        ],
        batch_size=2000,
    )
    return made


@transaction.atomic
def round_open(
    *,
    actor: Any,
    criteria_set: CriteriaSet,
    coordinator_unit: Unit,
    due_on: dt.date,
    opens_on: dt.date | None = None,
    units: Iterable[Unit] | None = None,
    title: str = "",
) -> ScoringRound:
    """Open a self-assessment round for ``units`` (default :func:`round_units_default`); Loa proposes
    each unit's scores with their evidence at once."""
    require(actor, Action.COORDINATE, coordinator_unit)
    opens_on = opens_on or timezone.localdate()
    if due_on < opens_on:
        message = f"Hạn nộp tự đánh giá {due_on:%d/%m/%Y} trước ngày mở đợt {opens_on:%d/%m/%Y}."
        raise ValidationError(message, code="scoring.due_before_open", fields={"due_on": message})
    above = unit_ancestor_ids(unit_ids=[coordinator_unit.pk]) | {coordinator_unit.pk}
    if criteria_set.province_id not in above:
        message = (
            f"Bộ tiêu chí “{criteria_set.name}” của {criteria_set.province.name} không áp dụng cho "
            f"{coordinator_unit.name}."
        )
        raise ValidationError(message, code="scoring.set_elsewhere", fields={"criteria_set": message})
    if units is None:
        chosen = round_units_default(criteria_set=criteria_set, coordinator_unit=coordinator_unit)
    else:
        chosen = list(dict.fromkeys(units))
        allowed = unit_subtree_ids(unit_ids=[coordinator_unit.pk]) - {coordinator_unit.pk}
        outside = [u.name for u in chosen if u.pk not in allowed]
        if outside:
            message = f"Đơn vị không trực thuộc {coordinator_unit.name}, không chấm điểm được: {', '.join(outside)}."
            raise ValidationError(message, code="scoring.outside_subtree", fields={"units": message})
    if not chosen:
        message = f"{coordinator_unit.name} không có đơn vị trực thuộc nào được chấm theo bộ tiêu chí này."
        raise ValidationError(message, code="scoring.no_units", fields={"units": message})
    scoring_round = ScoringRound.objects.create(
        criteria_set=criteria_set,
        coordinator_unit=coordinator_unit,
        title=vn.collapse_ws(vn.nfc(title))
        or f"Chấm điểm chỉ số CCHC năm {criteria_set.year} — {criteria_set.name}",
        opens_on=opens_on,
        due_on=due_on,
        opened_by=user_of(actor),
    )
    _assess(scoring_round, chosen)
    after = snapshot(scoring_round)
    after["units"] = [u.code for u in chosen]
    audit_record(
        actor=actor, verb="scoring_round.open", target=scoring_round, unit_id=coordinator_unit.pk, after=after
    )
    return scoring_round


def _require_open(scoring_round: ScoringRound) -> None:
    if scoring_round.status != RoundState.OPEN:
        raise Conflict(
            f"Đợt chấm điểm “{scoring_round.title}” đã kết thúc: không sửa điểm được nữa.",
            code="scoring.round_closed",
        )


def _locked_assessment(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("round__coordinator_unit", "round__criteria_set", "unit")
        .get(pk=assessment.pk)
    )


def _step(assessment: Assessment, step: Step, refusal: str) -> AssessmentState:
    transition = transition_for(assessment.state, step)
    if transition is None:
        raise Conflict(refusal, code=f"scoring.{step.value}_refused", state=assessment.state)
    return transition.target


def _value(raw: Any, score: Score) -> Decimal:
    try:
        value = points(raw)
    except ValueError:
        message = f"Nhập điểm bằng số, ví dụ 0,75 (tiêu chí {score.criterion.code})."
        raise ValidationError(message, code="scoring.not_a_number", fields={"value": message}) from None
    top = score.criterion.max_points
    if value < 0 or value > top:
        message = (
            f"Điểm tiêu chí {score.criterion.code} phải từ 0 đến {fmt(top)} (điểm tối đa); "
            f"không nhận {fmt(value)}."
        )
        raise ValidationError(message, code="scoring.out_of_range", fields={"value": message})
    return value


def _retotal(assessment: Assessment) -> None:
    scores = list(assessment.scores.select_related("criterion"))
    assessment.self_total = sum((s.unit_score for s in scores), Decimal(0))
    assessment.final_total = sum((s.current for s in scores), Decimal(0))
    assessment.save(update_fields=["self_total", "final_total", "updated_at"])


def _score_for_update(score: Score) -> tuple[Score, Assessment]:
    assessment = _locked_assessment(score.assessment)
    fresh = Score.objects.select_related("criterion").get(pk=score.pk)
    return fresh, assessment


@transaction.atomic
def score_save(*, actor: Any, score: Score, value: Any, explanation: str = "") -> Score:
    """The officer confirms Loa's proposal (same value) or overrides it. An explanation is required
    when overriding and when the criterion has no evidence attached."""
    require(actor, Action.RECORD, score.assessment.unit_id)
    score, assessment = _score_for_update(score)
    _require_open(assessment.round)
    _step(assessment, Step.SCORE, "Bản tự đánh giá đã nộp: chỉ sửa được khi bị trả lại.")
    new = _value(value, score)
    explanation = vn.collapse_ws(vn.nfc(explanation or ""))
    if not explanation and new != score.proposed:
        message = (
            f"Điểm tiêu chí {score.criterion.code} khác điểm Loa đề xuất ({fmt(score.proposed)}): "
            "cần ghi giải trình."
        )
        raise ValidationError(message, code="scoring.explanation_required", fields={"explanation": message})
    if not explanation and evidence_count(score.evidence) == 0:
        message = f"Tiêu chí {score.criterion.code} chưa có minh chứng trong Loa: cần ghi giải trình."
        raise ValidationError(message, code="scoring.explanation_required", fields={"explanation": message})
    return _set_score(actor, assessment, score, "score.self", self_score=new, explanation=explanation)


@transaction.atomic
def assessment_submit(*, actor: Any, assessment: Assessment) -> Assessment:
    """The unit's leader sends the self-assessment to the appraisal team."""
    require(actor, Action.APPROVE, assessment.unit_id)
    assessment = _locked_assessment(assessment)
    _require_open(assessment.round)
    target = _step(assessment, Step.SUBMIT, "Bản tự đánh giá đã được nộp.")
    before = snapshot(assessment)
    assessment.state = target.value
    assessment.submitted_by = user_of(actor)
    assessment.submitted_at = timezone.now()
    assessment.save()
    audit_record(
        actor=actor,
        verb="assessment.submit",
        target=assessment,
        unit_id=assessment.unit_id,
        before=before,
        after=snapshot(assessment),
    )
    return assessment


@transaction.atomic
def assessment_return(*, actor: Any, assessment: Assessment, reason: str) -> Assessment:
    """The coordinator sends a submitted self-assessment back, with a reason."""
    require(actor, Action.COORDINATE, assessment.round.coordinator_unit_id)
    reason = vn.collapse_ws(vn.nfc(reason or ""))
    if not reason:
        message = "Cần ghi lý do trả lại để đơn vị biết cần chấm lại gì."
        raise ValidationError(message, code="scoring.reason_required", fields={"reason": message})
    assessment = _locked_assessment(assessment)
    _require_open(assessment.round)
    target = _step(assessment, Step.RETURN, "Chỉ trả lại được bản tự đánh giá đã nộp, chưa thẩm định xong.")
    before = snapshot(assessment)
    assessment.state, assessment.return_reason = target.value, reason
    assessment.save()
    audit_record(
        actor=actor,
        verb="assessment.return",
        target=assessment,
        unit_id=assessment.unit_id,
        before=before,
        after=snapshot(assessment),
    )
    return assessment


@transaction.atomic
def score_adjust(*, actor: Any, score: Score, value: Any, reason: str = "") -> Score:
    """The appraisal team sets a criterion's appraised score (the unit's score is kept beside it); a
    reason is required when it differs from the unit's."""
    require(actor, Action.COORDINATE, score.assessment.round.coordinator_unit_id)
    score, assessment = _score_for_update(score)
    _require_open(assessment.round)
    _step(assessment, Step.ADJUST, "Chỉ thẩm định được bản tự đánh giá đơn vị đã nộp.")
    new = _value(value, score)
    reason = vn.collapse_ws(vn.nfc(reason or ""))
    if not reason and new != score.unit_score:
        message = (
            f"Điểm thẩm định tiêu chí {score.criterion.code} khác điểm đơn vị tự chấm ({fmt(score.unit_score)}): "
            "cần ghi lý do điều chỉnh."
        )
        raise ValidationError(message, code="scoring.reason_required", fields={"reason": message})
    return _set_score(actor, assessment, score, "score.appraise", appraised=new, appraisal_reason=reason)


def _set_score(actor: Any, assessment: Assessment, score: Any, verb: str, **fields: Any) -> Any:
    """Write one criterion's score fields, re-total the assessment and audit the change."""
    before = snapshot(score)
    for name, value in fields.items():
        setattr(score, name, value)
    score.save(update_fields=list(fields))
    _retotal(assessment)
    audit_record(
        actor=actor, verb=verb, target=score, unit_id=assessment.unit_id, before=before, after=snapshot(score)
    )
    return score


@transaction.atomic
def assessment_appraise(*, actor: Any, assessment: Assessment) -> Assessment:
    """Finish the appraisal of a submitted self-assessment: criteria not adjusted keep the unit's score."""
    require(actor, Action.COORDINATE, assessment.round.coordinator_unit_id)
    assessment = _locked_assessment(assessment)
    _require_open(assessment.round)
    target = _step(assessment, Step.APPRAISE, "Chỉ hoàn thành thẩm định được bản tự đánh giá đã nộp.")
    before = snapshot(assessment)
    for score in assessment.scores.filter(appraised__isnull=True):
        score.appraised = score.unit_score
        score.save(update_fields=["appraised"])
    assessment.state = target.value
    assessment.appraised_by = user_of(actor)
    assessment.appraised_at = timezone.now()
    assessment.save()
    _retotal(assessment)
    audit_record(
        actor=actor,
        verb="assessment.appraise",
        target=assessment,
        unit_id=assessment.unit_id,
        before=before,
        after=snapshot(assessment),
    )
    return assessment


@transaction.atomic
def round_close(*, actor: Any, scoring_round: ScoringRound) -> ScoringRound:
    """Close the round: no score changes any more; every unit is ranked on its final total (the
    appraisal where given, else its own score, else Loa's proposal) and classed by the set's bands."""
    require(actor, Action.COORDINATE, scoring_round.coordinator_unit_id)
    scoring_round = (
        ScoringRound.objects.select_for_update().select_related("criteria_set").get(pk=scoring_round.pk)
    )
    if round_transition_for(scoring_round.status, "close") is None:
        raise Conflict("Đợt chấm điểm đã kết thúc.", code="scoring.round_closed")
    criteria_set = scoring_round.criteria_set
    bands = tuple(Band(b["label"], Decimal(str(b["min_percent"]))) for b in criteria_set.bands)
    assessments = list(scoring_round.assessments.order_by("unit__name"))
    by_assessment: dict[int, Decimal] = {a.pk: Decimal(0) for a in assessments}
    for a_id, proposed, own, appraised in Score.objects.filter(assessment__round=scoring_round).values_list(
        "assessment_id", "proposed", "self_score", "appraised"
    ):
        by_assessment[a_id] += appraised if appraised is not None else own if own is not None else proposed
    totals = [by_assessment[a.pk] for a in assessments]
    for a, rank, total in zip(assessments, ranks(totals), totals, strict=True):
        a.final_total, a.rank = total, rank
        a.band = band_for(total, criteria_set.total_points, bands)
    Assessment.objects.bulk_update(assessments, ["final_total", "rank", "band"], batch_size=2000)
    before = snapshot(scoring_round)
    scoring_round.status = RoundState.CLOSED.value
    scoring_round.closed_at = timezone.now()
    scoring_round.save()
    after = snapshot(scoring_round)
    after["ranking"] = [[a.unit_id, str(a.final_total), a.rank, a.band] for a in assessments]
    audit_record(
        actor=actor,
        verb="scoring_round.close",
        target=scoring_round,
        unit_id=scoring_round.coordinator_unit_id,
        before=before,
        after=after,
    )
    return scoring_round
