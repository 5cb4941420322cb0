"""The reporting cycle's transition table: which step moves a submission from which state, and who
may take it. Pure (no Django): the services read it, the web shows the buttons it allows, and a test
walks it.

    expected ──submit──▶ submitted ──accept──▶ accepted
                             │
                          return (reason)
                             ▼
                          returned ──resubmit──▶ resubmitted ──accept──▶ accepted
                                                      │
                                                   return ──▶ returned …

``expected``: the unit is asked for a report and has not sent one. ``submitted`` /
``resubmitted``: the unit sent its issued report (figures frozen at that moment). ``returned``: the
coordinator sent it back with a reason (the unit may correct and issue a replacement).
``accepted``: the coordinator took it; it counts in the consolidated report.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class SubmissionState(StrEnum):
    EXPECTED = "expected"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"


STATE_LABELS: Final[dict[SubmissionState, str]] = {
    SubmissionState.EXPECTED: "Chưa gửi",
    SubmissionState.SUBMITTED: "Đã gửi, chờ tiếp nhận",
    SubmissionState.RETURNED: "Bị trả lại",
    SubmissionState.RESUBMITTED: "Đã gửi lại, chờ tiếp nhận",
    SubmissionState.ACCEPTED: "Đã tiếp nhận",
}


class Step(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    RESUBMIT = "resubmit"
    ACCEPT = "accept"


class Side(StrEnum):
    """Who takes a step: the reporting unit (its leader or clerk sends the issued report) or the
    coordinator of the requesting unit."""

    UNIT = "unit"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Transition:
    step: Step
    source: SubmissionState
    target: SubmissionState
    side: Side
    label: str  # the button's Vietnamese text


TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(Step.SUBMIT, SubmissionState.EXPECTED, SubmissionState.SUBMITTED, Side.UNIT, "Gửi báo cáo"),
    Transition(Step.RETURN, SubmissionState.SUBMITTED, SubmissionState.RETURNED, Side.COORDINATOR, "Trả lại"),
    Transition(
        Step.ACCEPT, SubmissionState.SUBMITTED, SubmissionState.ACCEPTED, Side.COORDINATOR, "Tiếp nhận"
    ),
    Transition(
        Step.RESUBMIT, SubmissionState.RETURNED, SubmissionState.RESUBMITTED, Side.UNIT, "Gửi lại báo cáo"
    ),
    Transition(
        Step.RETURN, SubmissionState.RESUBMITTED, SubmissionState.RETURNED, Side.COORDINATOR, "Trả lại"
    ),
    Transition(
        Step.ACCEPT, SubmissionState.RESUBMITTED, SubmissionState.ACCEPTED, Side.COORDINATOR, "Tiếp nhận"
    ),
)

# States in which the unit's report has arrived (counted as received on the completeness page).
RECEIVED_STATES: Final = frozenset(
    {SubmissionState.SUBMITTED, SubmissionState.RESUBMITTED, SubmissionState.ACCEPTED}
)
# States in which the submitted window's activities are locked for the unit.
LOCKING_STATES: Final = RECEIVED_STATES


def transition_for(state: SubmissionState | str, step: Step | str) -> Transition | None:
    """The transition ``step`` takes from ``state``, or ``None`` when the step is not allowed there."""
    state, step = SubmissionState(state), Step(step)
    for t in TRANSITIONS:
        if t.source is state and t.step is step:
            return t
    return None


def steps_from(state: SubmissionState | str, side: Side | str) -> list[Transition]:
    """The steps ``side`` may take from ``state`` (the buttons a page shows)."""
    state, side = SubmissionState(state), Side(side)
    return [t for t in TRANSITIONS if t.source is state and t.side is side]
