"""The scoring round's transition tables: a unit's self-assessment and the round itself. Pure (no
Django): the services read them, the web shows the buttons they allow, and a test walks them.

    Self-assessment (one per unit and round):

    draft ──submit (leader)──▶ submitted ──appraise (coordinator)──▶ appraised
      ▲                            │
      └────return (coordinator, reason)

    Round:  open ──close (coordinator)──▶ closed ──publish (leader / clerk of the coordinating unit)──▶ published

``draft``: Loa proposed each criterion's points; the unit's officer confirms or overrides them.
``submitted``: the leader sent the self-assessment; the coordinator's team appraises it criterion by
criterion (both scores kept). ``appraised``: the appraisal is finished. Closing the round ranks and
classes the units; publishing issues the result report with its number from the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class AssessmentState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPRAISED = "appraised"


ASSESSMENT_LABELS: Final[dict[AssessmentState, str]] = {
    AssessmentState.DRAFT: "Đang tự chấm",
    AssessmentState.SUBMITTED: "Đã nộp, chờ thẩm định",
    AssessmentState.APPRAISED: "Đã thẩm định",
}


class RoundState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    PUBLISHED = "published"


ROUND_LABELS: Final[dict[RoundState, str]] = {
    RoundState.OPEN: "Đang tự đánh giá, thẩm định",
    RoundState.CLOSED: "Đã kết thúc, đã xếp hạng",
    RoundState.PUBLISHED: "Đã công bố kết quả",
}


class Step(StrEnum):
    SCORE = "score"  # the officer confirms or overrides one criterion
    SUBMIT = "submit"
    RETURN = "return"
    ADJUST = "adjust"  # the appraisal team adjusts one criterion
    APPRAISE = "appraise"


class Side(StrEnum):
    """Who takes a step: the unit's officer, the unit's leader, or the coordinator of the round."""

    OFFICER = "officer"
    LEADER = "leader"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Transition:
    step: Step
    source: AssessmentState
    target: AssessmentState
    side: Side
    label: str  # the button's Vietnamese text


A = AssessmentState
TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(Step.SCORE, A.DRAFT, A.DRAFT, Side.OFFICER, "Lưu điểm tự chấm"),
    Transition(Step.SUBMIT, A.DRAFT, A.SUBMITTED, Side.LEADER, "Nộp bản tự đánh giá"),
    Transition(Step.RETURN, A.SUBMITTED, A.DRAFT, Side.COORDINATOR, "Trả lại để chấm lại"),
    Transition(Step.ADJUST, A.SUBMITTED, A.SUBMITTED, Side.COORDINATOR, "Lưu điểm thẩm định"),
    Transition(Step.ADJUST, A.APPRAISED, A.APPRAISED, Side.COORDINATOR, "Lưu điểm thẩm định"),
    Transition(Step.APPRAISE, A.SUBMITTED, A.APPRAISED, Side.COORDINATOR, "Hoàn thành thẩm định"),
)


@dataclass(frozen=True)
class RoundTransition:
    step: str
    source: RoundState
    target: RoundState
    label: str


ROUND_TRANSITIONS: Final[tuple[RoundTransition, ...]] = (
    RoundTransition("close", RoundState.OPEN, RoundState.CLOSED, "Kết thúc đợt, xếp hạng"),
    RoundTransition("publish", RoundState.CLOSED, RoundState.PUBLISHED, "Ban hành báo cáo kết quả"),
)


def transition_for(state: AssessmentState | str, step: Step | str) -> Transition | None:
    """The transition ``step`` takes from ``state``, or ``None`` when it is not allowed there."""
    state, step = AssessmentState(state), Step(step)
    return next((t for t in TRANSITIONS if t.source is state and t.step is step), None)


def steps_from(state: AssessmentState | str, side: Side | str) -> list[Transition]:
    """The steps ``side`` may take from ``state`` (the buttons a page shows)."""
    state, side = AssessmentState(state), Side(side)
    return [t for t in TRANSITIONS if t.source is state and t.side is side]


def round_transition_for(state: RoundState | str, step: str) -> RoundTransition | None:
    state = RoundState(state)
    return next((t for t in ROUND_TRANSITIONS if t.source is state and t.step == step), None)
