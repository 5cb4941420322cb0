"""The rules that turn a unit's recorded year into points, and the checks a criteria set must pass
(pure: no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from loa.scoring.formats import set_from_dict
from loa.scoring.rules import (
    Band,
    ChannelFact,
    CriterionSpec,
    RequestFact,
    UnitFacts,
    band_for,
    fmt,
    params_problems,
    points,
    propose,
    ranks,
    set_problems,
)

D = Decimal
PLAN = CriterionSpec(
    "4.1",
    "Mức độ thực hiện kế hoạch",
    D(1),
    "plan_completion",
    {"full_percent": 100, "partial_from_percent": 80},
)
VARIETY = CriterionSpec(
    "4.2",
    "Đa dạng hình thức",
    D(1),
    "channel_variety",
    {
        "groups": [
            {"name": "Màn hình", "channels": ["LED"], "points": 0.25},
            {"name": "Trang tin, mạng xã hội", "channels": ["PORTAL", "SOCIAL"], "points": 0.25},
            {"name": "Truyền thống", "channels": ["MEETING", "LEAFLET"], "points": 0.5},
        ]
    },
)


def facts(**kw):
    return UnitFacts(year=2022, figures_from="báo cáo năm", **kw)


def channels(*rows):
    return tuple(ChannelFact(code, code, target, actual) for code, target, actual in rows)


def test_all_targets_met_earns_the_maximum():
    got = propose(PLAN, facts(channels=channels(("PORTAL", 4, 5), ("MEETING", 2, 2), ("LED", None, 3))))
    assert got.points == D(1)
    assert "Đạt 2/2 chỉ tiêu" in got.note
    assert set(got.channels) == {"PORTAL", "MEETING"}


def test_between_the_thresholds_earns_targets_met_over_planned():
    """Xuân Lộc 4.1: 4 of 5 targets met → 0.8 (here with the partial band from 80 %)."""
    rows = channels(("A", 1, 1), ("B", 1, 1), ("C", 1, 1), ("D", 1, 1), ("E", 10, 9))
    got = propose(PLAN, facts(channels=rows))
    assert got.points == D("0.80")
    assert "chưa đạt: E 9/10" in got.note


def test_below_the_partial_threshold_earns_nothing():
    got = propose(PLAN, facts(channels=channels(("A", 1, 1), ("B", 2, 1))))
    assert got.points == D(0)
    assert "dưới 80 %" in got.note


def test_no_targets_earns_nothing_and_says_why():
    got = propose(PLAN, facts(channels=channels(("PORTAL", None, 12))))
    assert got.points == 0 and "Không có chỉ tiêu" in got.note


def test_variety_adds_the_points_of_each_group_used():
    got = propose(VARIETY, facts(channels=channels(("PORTAL", None, 3), ("MEETING", 2, 1), ("LED", None, 0))))
    assert got.points == D("0.75")
    assert "Màn hình (chưa có hoạt động)" in got.note
    assert set(got.channels) == {"PORTAL", "MEETING"}


def test_variety_is_capped_at_the_criterion_maximum():
    small = CriterionSpec("x", "x", D("0.5"), "channel_variety", VARIETY.params)
    got = propose(small, facts(channels=channels(("PORTAL", None, 3), ("MEETING", None, 1))))
    assert got.points == D("0.5")


TIMELY = CriterionSpec("1.2", "Báo cáo", D(1), "report_timeliness", {"on_time": 1, "late": 0.5, "missing": 0})


def request(received=True, on=dt.date(2022, 12, 10), period="2022"):
    return RequestFact(period=period, deadline=dt.date(2022, 12, 15), received=received, submitted_on=on)


@pytest.mark.parametrize(
    ("requests", "expected", "says"),
    [
        ((request(), request(period="2022-H1")), D(1), "đều đúng hạn"),
        ((request(), request(on=dt.date(2022, 12, 20), period="2022-H1")), D("0.5"), "1 báo cáo trễ hạn"),
        ((request(), request(received=False, on=None, period="2022-Q3")), D(0), "kỳ 2022-Q3"),
        ((), D(0), "không được yêu cầu"),
    ],
)
def test_timeliness_comes_from_the_completeness_of_the_years_requests(requests, expected, says):
    got = propose(TIMELY, facts(requests=requests))
    assert got.points == expected and says in got.note


ISSUED = CriterionSpec("1.1", "Kế hoạch", D(1), "plan_issued_by", {"by": "01-31"})


def test_a_plan_issued_by_the_date_earns_the_maximum():
    assert propose(ISSUED, facts(plan_dates=(dt.date(2022, 1, 13),))).points == D(1)
    late = propose(ISSUED, facts(plan_dates=(dt.date(2022, 2, 1),)))
    assert late.points == 0 and "sau hạn 31/01/2022" in late.note
    assert propose(ISSUED, facts(plan_dates=(None,))).points == 0


def test_a_set_whose_points_do_not_add_up_is_refused():
    spec = set_from_dict(
        {
            "code": "bo-thu",
            "name": "Bộ thử",
            "province": "tinh",
            "year": 2022,
            "total": 3,
            "criteria": [
                {
                    "code": "4",
                    "name": "Tuyên truyền",
                    "max": 2,
                    "children": [
                        {
                            "code": "4.1",
                            "name": "Kế hoạch",
                            "max": 1,
                            "rule": "plan_completion",
                            "params": PLAN.params,
                        },
                        {"code": "4.2", "name": "Khác", "max": "0,5", "rule": "manual"},
                    ],
                }
            ],
        }
    )
    problems = set_problems(spec)
    assert any("Tiêu chí 4: điểm tối đa 2 nhưng các tiêu chí thành phần cộng lại 1,5" in p for p in problems)
    assert any("Tổng điểm của bộ tiêu chí là 3 nhưng các tiêu chí cộng lại 2" in p for p in problems)


@pytest.mark.parametrize(
    ("rule", "params", "says"),
    [
        ("plan_completion", {"full_percent": 100}, "partial_from_percent"),
        ("plan_completion", {"full_percent": 90, "partial_from_percent": 95}, "không được lớn hơn"),
        ("channel_variety", {"groups": []}, "groups"),
        (
            "channel_variety",
            {"groups": [{"name": "A", "channels": ["LED"], "points": 0.25}]},
            "chưa đạt điểm tối đa",
        ),
        ("report_timeliness", {"on_time": 2, "late": 0, "missing": 0}, "on_time"),
        ("plan_issued_by", {"by": "31/01"}, "MM-DD"),
        ("khong-co", {}, "không có"),
    ],
)
def test_rule_parameters_are_checked_per_rule_kind(rule, params, says):
    problems = params_problems(rule, params, D(1))
    assert problems and says in " ".join(problems)


def test_bands_and_ranks():
    bands = (Band("Tốt", D(90)), Band("Khá", D(80)), Band("Trung bình", D(65)), Band("Yếu", D(0)))
    assert band_for(D("4.5"), D(5), bands) == "Tốt"
    assert band_for(D("4.49"), D(5), bands) == "Khá"
    assert band_for(D(0), D(5), bands) == "Yếu"
    assert ranks([D(3), D(5), D(3), D(1)]) == [2, 1, 2, 4]


def test_points_read_vietnamese_decimals_and_print_them_back():
    assert points("0,75") == D("0.75")
    assert fmt(D("0.75")) == "0,75" and fmt(D("2.00")) == "2" and fmt(D("0.50")) == "0,5"
    with pytest.raises(ValueError):
        points("hai")
