"""The reporting cycle's transition table."""

from __future__ import annotations

from loa.reporting.transitions import (
    RECEIVED_STATES,
    TRANSITIONS,
    Side,
    Step,
    SubmissionState,
    steps_from,
    transition_for,
)


def test_every_state_but_accepted_has_a_way_forward_and_accepted_is_final():
    sources = {t.source for t in TRANSITIONS}
    assert sources == set(SubmissionState) - {SubmissionState.ACCEPTED}
    assert steps_from(SubmissionState.ACCEPTED, Side.UNIT) == []
    assert steps_from(SubmissionState.ACCEPTED, Side.COORDINATOR) == []


def test_the_unit_sends_and_the_coordinator_decides():
    assert [t.step for t in steps_from("expected", "unit")] == [Step.SUBMIT]
    assert steps_from("expected", "coordinator") == []
    assert {t.step for t in steps_from("submitted", "coordinator")} == {Step.RETURN, Step.ACCEPT}
    assert [t.step for t in steps_from("returned", "unit")] == [Step.RESUBMIT]


def test_a_draft_cannot_be_accepted_and_a_returned_report_must_be_sent_again():
    assert transition_for("expected", "accept") is None
    assert transition_for("returned", "accept") is None
    again = transition_for("returned", "resubmit")
    assert again is not None and again.target is SubmissionState.RESUBMITTED
    assert SubmissionState.RETURNED not in RECEIVED_STATES
    assert SubmissionState.RESUBMITTED in RECEIVED_STATES
