"""Criteria sets in and out of JSON and XLSX, and the two sets shipped with Loa."""

import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from loa.core.errors import ValidationError
from loa.scoring.formats import set_from_json, set_from_xlsx, set_to_json, set_to_xlsx
from loa.scoring.rules import set_problems
from loa.scoring.shipped import shipped_specs


def test_the_shipped_sets_add_up_and_follow_the_xuan_loc_example():
    commune, department = shipped_specs()
    assert set_problems(commune) == [] and set_problems(department) == []
    four = next(c for c in commune.criteria if c.code == "4")
    assert four.max_points == Decimal(2)
    assert [(c.code, c.rule) for c in four.children] == [
        ("4.1", "plan_completion"),
        ("4.2", "channel_variety"),
    ]
    groups = four.children[1].params["groups"]
    assert [g["points"] for g in groups] == [0.25, 0.25, 0.5]
    assert commune.unit_kinds == ("commune",) and department.unit_kinds == ("department",)


@pytest.mark.parametrize("spec", shipped_specs(), ids=lambda s: s.code)
def test_json_and_xlsx_round_trip(spec):
    assert set_from_json(set_to_json(spec)) == spec
    assert set_from_xlsx(set_to_xlsx(spec)) == spec


def test_the_xlsx_lists_one_criterion_a_row_with_its_parent():
    wb = load_workbook(io.BytesIO(set_to_xlsx(shipped_specs()[0])))
    rows = list(wb["Tiêu chí"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Mã", "Mã tiêu chí cha", "Tên tiêu chí", "Điểm tối đa")
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["4.1"][1] == "4" and by_code["4.1"][4] == "plan_completion"
    assert json.loads(by_code["4.2"][5])["groups"][2]["points"] == 0.5


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"{khong phai json", "không đọc được"),
        (b"[]", "đối tượng JSON"),
        (b'{"code": "x"}', "thiếu"),
        (
            b'{"code": "x", "name": "x", "province": "p", "year": 2022, "total": "hai", "criteria": []}',
            "không hợp lệ",
        ),
    ],
)
def test_unreadable_json_is_refused_in_vietnamese(data, says):
    with pytest.raises(ValidationError) as caught:
        set_from_json(data)
    assert says in caught.value.message


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(ValidationError) as caught:
        set_from_xlsx(b"PK not really")
    assert "Excel" in caught.value.message


def test_a_child_before_its_parent_is_refused_with_its_row():
    spec = shipped_specs()[0]
    wb = load_workbook(io.BytesIO(set_to_xlsx(spec)))
    wb["Tiêu chí"]["B3"] = "9"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ValidationError) as caught:
        set_from_xlsx(out.getvalue())
    assert "Dòng 3" in caught.value.message
