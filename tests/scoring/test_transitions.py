"""The transition tables of a self-assessment and a round."""

from loa.scoring.transitions import (
    ROUND_TRANSITIONS,
    TRANSITIONS,
    AssessmentState,
    RoundState,
    Side,
    Step,
    round_transition_for,
    steps_from,
    transition_for,
)


def test_the_officer_scores_only_a_draft_and_the_leader_submits_it():
    assert [t.step for t in steps_from(AssessmentState.DRAFT, Side.OFFICER)] == [Step.SCORE]
    assert [t.step for t in steps_from(AssessmentState.DRAFT, Side.LEADER)] == [Step.SUBMIT]
    assert steps_from(AssessmentState.SUBMITTED, Side.OFFICER) == []
    assert transition_for(AssessmentState.SUBMITTED, Step.SCORE) is None


def test_the_coordinator_appraises_what_was_submitted():
    steps = {t.step for t in steps_from(AssessmentState.SUBMITTED, Side.COORDINATOR)}
    assert steps == {Step.RETURN, Step.ADJUST, Step.APPRAISE}
    assert transition_for(AssessmentState.DRAFT, Step.ADJUST) is None
    assert transition_for(AssessmentState.SUBMITTED, Step.APPRAISE).target is AssessmentState.APPRAISED
    assert transition_for(AssessmentState.APPRAISED, Step.RETURN) is None


def test_every_state_is_reachable_and_labels_are_vietnamese():
    reached = {AssessmentState.DRAFT} | {t.target for t in TRANSITIONS}
    assert reached == set(AssessmentState)
    assert all(t.label and t.label[0].isupper() for t in TRANSITIONS)


def test_a_round_closes_once_then_publishes_once():
    assert [(t.source, t.target) for t in ROUND_TRANSITIONS] == [
        (RoundState.OPEN, RoundState.CLOSED),
        (RoundState.CLOSED, RoundState.PUBLISHED),
    ]
    assert round_transition_for(RoundState.OPEN, "publish") is None
    assert round_transition_for(RoundState.PUBLISHED, "close") is None
