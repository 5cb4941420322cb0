"""``loa score``, ``loa rounds open|close|publish`` and ``loa criteria``: the shapes the issue asks
for, in JSON and in Vietnamese, as the command line or ``--as`` a user."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.core.models import AuditEvent
from loa.scoring.models import CriteriaSet, ScoringRound


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_score_prints_the_shape_of_the_issue_for_the_set_in_force(demo_world):
    payload = json.loads(run("score", "xa-huong-toan", "2022", "--json"))
    assert set(payload) == {"unit", "year", "set", "total", "max", "criteria"}
    assert (payload["unit"], payload["year"], payload["set"], payload["max"]) == (
        "xa-huong-toan",
        2022,
        "tth-2022-cap-xa",
        5.0,
    )
    assert [c["code"] for c in payload["criteria"]] == ["1.1", "1.2", "4.1", "4.2", "5"]
    for c in payload["criteria"]:
        assert set(c) == {"code", "name", "max", "proposed", "evidence", "explanation"}
        assert 0 <= c["proposed"] <= c["max"]
    assert payload["total"] == sum(c["proposed"] for c in payload["criteria"])
    variety = next(c for c in payload["criteria"] if c["code"] == "4.2")
    assert variety["evidence"] > 0 and "Trang thông tin điện tử" in variety["explanation"]
    department = json.loads(run("score", "huongtra-vhtt", "2022", "--json"))
    assert department["set"] == "tth-2022-so-phong"
    text = run("score", "huongtra-vhtt", "2022", "--set", "tth-2022-so-phong")
    assert text.startswith("huongtra-vhtt — năm 2022 — bộ tiêu chí tth-2022-so-phong:")


def test_score_refuses_a_year_without_a_set_and_an_unknown_unit(demo_world):
    with pytest.raises(CommandError, match="Chưa có bộ tiêu chí chấm điểm năm 2019"):
        run("score", "huongtra-vhtt", "2019", "--json")
    with pytest.raises(CommandError, match="Không có đơn vị mã “khong-co”"):
        run("score", "khong-co", "2022")
    with pytest.raises(CommandError, match="không có quyền xem"):
        run("score", "huongtra-vhtt", "2022", "--as", "canbo.ttvhtt")


def test_rounds_open_close_publish(scoring_world, make_user):
    make_user(scoring_world["town"], "clerk", username="vanthu-tx")
    opened = json.loads(
        run(
            "rounds",
            "open",
            "tx-thu",
            "2022",
            "--due",
            "2022-12-20",
            "--opens",
            "2022-12-01",
            "--json",
            "--as",
            "noivu-tx",
        )
    )
    assert opened["set"] == "bo-thu-2022" and opened["due"] == "2022-12-20"
    assert [u["unit"] for u in opened["units"]] == ["tx-phuong", "tx-tp", "tx-vhtt"]
    assert {u["unit"]: u["proposed"] for u in opened["units"]}["tx-vhtt"] == 4.0
    with pytest.raises(CommandError, match="Bạn không có quyền"):
        run("rounds", "close", str(opened["id"]), "--as", "vhtt-canbo")
    closed = json.loads(run("rounds", "close", str(opened["id"]), "--json", "--as", "noivu-tx"))
    assert closed["status"] == "closed"
    assert closed["ranking"][0] == {"unit": "tx-vhtt", "total": 4.0, "rank": 1, "band": "Khá"}
    published = json.loads(run("rounds", "publish", str(opened["id"]), "--json", "--as", "vanthu-tx"))
    assert published["symbol"] == "01/BC-UBND" and published["status"] == "published"
    assert AuditEvent.objects.filter(verb="scoring_round.publish", actor_name="vanthu-tx").exists()
    with pytest.raises(CommandError, match="Không có đợt chấm điểm số 999"):
        run("rounds", "close", "999")


def test_rounds_open_refuses_a_bad_date(scoring_world):
    with pytest.raises(CommandError, match="không hợp lệ"):
        run("rounds", "open", "tx-thu", "2022", "--due", "20/12/2022")
    assert not ScoringRound.objects.exists()


def test_criteria_export_then_import_under_a_new_code(scoring_world, tmp_path):
    for ext in ("json", "xlsx"):
        path = tmp_path / f"bo.{ext}"
        run("criteria", "export", "bo-thu-2022", "--out", str(path))
        if ext == "json":
            data = json.loads(path.read_text())
            data["code"] = "bo-moi"
            path.write_text(json.dumps(data, ensure_ascii=False))
            payload = json.loads(run("criteria", "import", str(path), "--json"))
            assert payload == {"code": "bo-moi", "year": 2022, "total": 5.0}
        else:
            with pytest.raises(CommandError, match="Đã có bộ tiêu chí mã “bo-thu-2022”"):
                run("criteria", "import", str(path))
    listed = json.loads(run("criteria", "list", "--json"))
    assert {s["code"] for s in listed} == {"bo-thu-2022", "bo-moi"}


def test_criteria_import_refuses_a_set_whose_points_do_not_add_up(scoring_world, tmp_path):
    path = tmp_path / "sai.json"
    run("criteria", "export", "bo-thu-2022", "--out", str(path))
    data = json.loads(path.read_text())
    data["code"], data["total"] = "bo-sai", 7
    data["criteria"][0]["children"][0]["max"] = 2
    path.write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(CommandError) as caught:
        run("criteria", "import", str(path))
    assert "Tiêu chí 1: điểm tối đa 3 nhưng các tiêu chí thành phần cộng lại 4" in str(caught.value)
    assert "Tổng điểm của bộ tiêu chí là 7 nhưng các tiêu chí cộng lại 5" in str(caught.value)
    assert not CriteriaSet.objects.filter(code="bo-sai").exists()
