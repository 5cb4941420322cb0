"""A round from opening to closing: Loa's proposals from the recorded work, the officer's override
with an explanation, the leader's submission, the appraisal (both scores kept), ranking and classes;
and every bad input refused with a Vietnamese message."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.scoring.models import Assessment, CriteriaSet, Score
from loa.scoring.services import (
    assessment_appraise,
    assessment_return,
    assessment_submit,
    criteria_set_store,
    round_close,
    round_open,
    score_adjust,
    score_save,
    set_in_force,
)
from loa.scoring.shipped import shipped_specs

D = Decimal


def score(assessment, code):
    return Score.objects.select_related("criterion", "assessment").get(
        assessment=assessment, criterion__code=code
    )


def test_opening_proposes_every_units_scores_from_its_recorded_work(opened):
    a = opened["a"]
    vhtt = {s.criterion.code: s for s in a["tx-vhtt"].scores.select_related("criterion")}
    # The accepted report's frozen figures (both targets met), not the live count (1 meeting of 2).
    assert vhtt["2.1"].proposed == D(1)
    assert "đã được tiếp nhận" in vhtt["2.1"].note and "Đạt 2/2 chỉ tiêu" in vhtt["2.1"].note
    assert vhtt["1.1"].proposed == D(1) and "10/01/2022" in vhtt["1.1"].note
    assert vhtt["1.2"].proposed == D(1)  # sent on 10/12, deadline 15/12
    assert vhtt["2.2"].proposed == D(1)  # portal (online) and a meeting (traditional)
    assert a["tx-vhtt"].proposed_total == D(4)
    # Each proposed point traces to its evidence: the plan, the report, the activities with proof.
    labels = [e["label"] for e in vhtt["2.2"].evidence]
    assert "Hội nghị quán triệt CCHC" in labels and "Tin cải cách hành chính số 1" in labels
    assert any(e["kind"] == "plan" and "05/KH-VHTT" in e["label"] for e in vhtt["2.1"].evidence)
    tp = {s.criterion.code: s for s in a["tx-tp"].scores.select_related("criterion")}
    assert tp["2.1"].proposed == D(1) and "số liệu trực tiếp" in tp["2.1"].note
    assert tp["1.2"].proposed == 0 and "chưa gửi" in tp["1.2"].note
    ward = {s.criterion.code: s for s in a["tx-phuong"].scores.select_related("criterion")}
    assert ward["1.2"].proposed == D("0.5")  # sent after the deadline
    assert AuditEvent.objects.filter(verb="scoring_round.open").count() == 1


def test_proposing_costs_the_same_queries_for_more_units(scoring_world, make_unit):
    from loa.organizations.models import UnitKind

    w = scoring_world

    def queries(units):
        with CaptureQueriesContext(connection) as ctx:
            round_open(
                actor=SYSTEM_CLI,
                criteria_set=w["set"],
                coordinator_unit=w["town"],
                due_on=dt.date(2022, 12, 20),
                opens_on=dt.date(2022, 12, 1),
                units=units,
            )
        return len(ctx.captured_queries)

    few = queries([w["vhtt"], w["tp"]])
    more = [make_unit(parent=w["town"], kind=UnitKind.COMMUNE) for _ in range(6)]
    assert queries([w["vhtt"], w["tp"], *more]) == few


def test_the_officer_overrides_with_an_explanation_and_confirms_a_proposal_with_evidence(opened):
    a = opened["a"]["tx-vhtt"]
    officer = opened["vhtt_officer"]
    with pytest.raises(ValidationError) as caught:
        score_save(actor=officer, score=score(a, "2.1"), value="0,5")
    assert caught.value.code == "scoring.explanation_required"
    assert "cần ghi giải trình" in caught.value.message
    score_save(actor=officer, score=score(a, "2.1"), value="0,5", explanation="Một hội nghị chưa có biên bản")
    score_save(actor=officer, score=score(a, "2.2"), value="1")  # confirmed as proposed: evidence attached
    s = score(a, "2.1")
    assert (s.proposed, s.self_score, s.explanation) == (D(1), D("0.5"), "Một hội nghị chưa có biên bản")
    a.refresh_from_db()
    assert a.self_total == D("3.5") and a.proposed_total == D(4)
    assert AuditEvent.objects.filter(verb="score.self").count() == 2


def test_a_criterion_without_evidence_needs_an_explanation_even_when_confirmed(opened):
    a = opened["a"]["tx-vhtt"]
    with pytest.raises(ValidationError) as caught:
        score_save(actor=opened["vhtt_officer"], score=score(a, "1.3"), value="0")
    assert "chưa có minh chứng" in caught.value.message
    score_save(actor=opened["vhtt_officer"], score=score(a, "1.3"), value="1", explanation="Đã kiểm tra 2 xã")
    assert score(a, "1.3").self_score == D(1)


@pytest.mark.parametrize(
    ("value", "code"),
    [("1,5", "scoring.out_of_range"), ("-1", "scoring.out_of_range"), ("một", "scoring.not_a_number")],
)
def test_a_score_above_its_maximum_or_below_zero_is_refused(opened, value, code):
    a = opened["a"]["tx-vhtt"]
    with pytest.raises(ValidationError) as caught:
        score_save(actor=opened["vhtt_officer"], score=score(a, "2.1"), value=value, explanation="Giải trình")
    assert caught.value.code == code
    assert "2.1" in caught.value.message
    assert score(a, "2.1").self_score is None


def test_only_the_units_own_people_score_and_only_its_leader_submits(opened):
    a = opened["a"]["tx-vhtt"]
    with pytest.raises(PermissionDenied):
        score_save(actor=opened["tp_officer"], score=score(a, "2.1"), value="1")
    with pytest.raises(PermissionDenied):
        assessment_submit(actor=opened["vhtt_officer"], assessment=a)
    assert assessment_submit(actor=opened["vhtt_leader"], assessment=a).state == "submitted"
    with pytest.raises(Conflict):
        score_save(actor=opened["vhtt_officer"], score=score(a, "2.1"), value="1")


def test_the_appraisal_keeps_both_scores_and_needs_a_reason_to_differ(opened):
    a = opened["a"]["tx-vhtt"]
    coordinator = opened["coordinator"]
    score_save(actor=opened["vhtt_officer"], score=score(a, "1.3"), value="1", explanation="Đã kiểm tra 2 xã")
    with pytest.raises(Conflict):
        score_adjust(actor=coordinator, score=score(a, "1.3"), value="0", reason="Chưa thấy biên bản")
    assessment_submit(actor=opened["vhtt_leader"], assessment=a)
    with pytest.raises(PermissionDenied):
        score_adjust(actor=opened["vhtt_leader"], score=score(a, "1.3"), value="0", reason="x")
    with pytest.raises(ValidationError) as caught:
        score_adjust(actor=coordinator, score=score(a, "1.3"), value="0,5")
    assert caught.value.code == "scoring.reason_required"
    score_adjust(actor=coordinator, score=score(a, "1.3"), value="0,5", reason="Chỉ có biên bản 1 xã")
    assessment_appraise(actor=coordinator, assessment=a)
    s = score(a, "1.3")
    assert (s.self_score, s.appraised, s.appraisal_reason) == (D(1), D("0.5"), "Chỉ có biên bản 1 xã")
    a.refresh_from_db()
    assert a.state == "appraised" and a.self_total == D(5) and a.final_total == D("4.5")
    assert score(a, "2.1").appraised == D(1)  # not adjusted: the unit's score stands


def test_returning_needs_a_reason_and_reopens_the_draft(opened):
    a = opened["a"]["tx-vhtt"]
    assessment_submit(actor=opened["vhtt_leader"], assessment=a)
    with pytest.raises(ValidationError):
        assessment_return(actor=opened["coordinator"], assessment=a, reason="  ")
    back = assessment_return(
        actor=opened["coordinator"], assessment=a, reason="Thiếu minh chứng tiêu chí 1.3"
    )
    assert back.state == "draft" and back.return_reason == "Thiếu minh chứng tiêu chí 1.3"


def test_closing_ranks_and_classes_then_refuses_any_edit(opened):
    a = opened["a"]
    coordinator = opened["coordinator"]
    with pytest.raises(PermissionDenied):
        round_close(actor=opened["vhtt_leader"], scoring_round=opened["round"])
    round_close(actor=coordinator, scoring_round=opened["round"])
    got = {x.unit.code: (x.final_total, x.rank, x.band) for x in Assessment.objects.select_related("unit")}
    assert got["tx-vhtt"] == (D(4), 1, "Khá")  # 80 %
    assert got["tx-tp"][1] == 2 and got["tx-phuong"][1] == 3
    assert got["tx-phuong"][2] == "Yếu"
    with pytest.raises(Conflict) as caught:
        score_save(actor=opened["vhtt_officer"], score=score(a["tx-vhtt"], "2.1"), value="1", explanation="x")
    assert caught.value.code == "scoring.round_closed" and "đã kết thúc" in caught.value.message
    with pytest.raises(Conflict):
        round_close(actor=coordinator, scoring_round=opened["round"])


def test_a_set_whose_points_do_not_add_up_is_not_stored(scoring_world):
    spec = shipped_specs()[1]
    bad = dataclasses.replace(spec, code="bo-sai", province="tinh-thu", total=D(6))
    with pytest.raises(ValidationError) as caught:
        criteria_set_store(actor=SYSTEM_CLI, spec=bad)
    assert "điểm không khớp" in caught.value.message
    assert not CriteriaSet.objects.filter(code="bo-sai").exists()


def test_a_set_in_use_cannot_be_replaced_and_the_set_in_force_follows_the_units_kind(opened):
    spec = dataclasses.replace(shipped_specs()[1], code="bo-thu-2022", province="tinh-thu")
    with pytest.raises(Conflict):
        criteria_set_store(actor=SYSTEM_CLI, spec=spec, replace=True)
    assert set_in_force(unit=opened["vhtt"], year=2022).code == "bo-thu-2022"
    with pytest.raises(Exception) as caught:
        set_in_force(unit=opened["vhtt"], year=2023)
    assert "Chưa có bộ tiêu chí chấm điểm năm 2023" in str(caught.value)


def test_opening_refuses_bad_dates_and_units_outside_the_subtree(scoring_world):
    w = scoring_world
    with pytest.raises(ValidationError) as caught:
        round_open(
            actor=w["coordinator"],
            criteria_set=w["set"],
            coordinator_unit=w["town"],
            opens_on=dt.date(2022, 12, 10),
            due_on=dt.date(2022, 12, 1),
        )
    assert "trước ngày mở đợt" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        round_open(
            actor=w["coordinator"],
            criteria_set=w["set"],
            coordinator_unit=w["town"],
            due_on=dt.date(2030, 1, 1),
            units=[w["other"]],
        )
    assert "không trực thuộc" in caught.value.message
    with pytest.raises(PermissionDenied):
        round_open(
            actor=w["vhtt_officer"],
            criteria_set=w["set"],
            coordinator_unit=w["town"],
            due_on=dt.date(2030, 1, 1),
        )
