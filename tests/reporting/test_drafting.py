"""The drafted report's content: true to its period, complete per channel, one figure per value.

Issue 8, items 3, 6 and 8: a report on 2022 reads the same whatever day it is dated; a report dated
before its period ends counts up to its date and says so; section 2 has a sentence for every channel
with activity, written from the channel catalogue; a town reports its subtree as the dashboard does;
a quarter shows progress to date (lũy kế) against the annual target.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from loa.activities.selectors import channel_figures
from loa.activities.services import activity_record
from loa.activities.stats import stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.nd30.spec import Heading, Paragraph
from loa.reporting.drafting import build_unit_report

D = dt.date


def _draft(unit, period: str, day: dt.date, **kw):
    return build_unit_report(user=SYSTEM_CLI, unit=unit, period=parse_period(period), report_date=day, **kw)


def _text(draft) -> str:
    return "\n".join(b.text for b in draft.document.blocks)


def _part(draft, key: str) -> str:
    return next(p.text for p in draft.parts if p.key == key)


def _symbols(text: str) -> list[str]:
    return re.findall(r"\d+[-/][A-ZĐ]+(?:[-/][A-ZĐ]+)*", text)


# (a) A 2022 report reads the same whatever day it is dated.


def test_a_2022_report_dated_in_2025_cites_the_same_documents_as_the_one_of_2022(demo_world):
    vhtt = demo_world["huongtra-vhtt"]
    in_2022 = _draft(vhtt, "2022", D(2022, 10, 21))
    in_2025 = _draft(vhtt, "2022", D(2025, 3, 10))
    cited = _symbols(_part(in_2022, "s1.directives"))
    assert "405/KH-UBND" in cited and "170/KH-UBND" in cited
    assert _symbols(_part(in_2025, "s1.directives")) == cited
    assert _part(in_2025, "opening") == _part(in_2022, "opening")
    # The office is named as it was during the period, in the text and in the closing.
    assert "Phòng Văn hoá và Thông tin thị xã Hương Trà" in _part(in_2025, "closing")


def test_the_letterhead_is_the_issuer_as_it_stands_on_the_report_date(demo_world):
    """The document is issued on its date: the office's governing body on that day heads it; an
    Ủy ban nhân dân heads its own documents (no governing-body line, ND30 practice)."""
    vhtt = demo_world["huongtra-vhtt"]
    assert _draft(vhtt, "2022", D(2025, 3, 10)).document.parent_body == "UBND thị xã Hương Trà"
    town = demo_world["huongtra"]
    for day in (D(2022, 10, 21), D(2025, 3, 10)):
        doc = _draft(town, "2022", day).document
        assert doc.parent_body is None and doc.issuer == "Ủy ban nhân dân thị xã Hương Trà"


def test_a_town_does_not_call_its_own_decision_a_directive_from_above(demo_world):
    directives = _part(_draft(demo_world["huongtra"], "2022", D(2022, 12, 31)), "s1.directives")
    assert "1406/QĐ-UBND" in directives and "của cấp trên" not in directives
    office = _part(_draft(demo_world["huongtra-vhtt"], "2022", D(2022, 12, 31)), "s1.directives")
    assert office.startswith("Quán triệt các văn bản chỉ đạo của cấp trên như:")


def test_a_report_dated_after_the_unit_ceased_is_flagged(demo_world):
    draft = _draft(demo_world["huongtra-vhtt"], "2022", D(2025, 8, 1))
    assert any("30/06/2025" in w and "ngày báo cáo" in w.lower() for w in draft.warnings)


# (b) A report dated before its period ends counts up to its date and says so.


@pytest.fixture
def november_post(demo_world, channels):
    return activity_record(
        actor=SYSTEM_CLI,
        unit=demo_world["huongtra-vhtt"],
        date=D(2022, 11, 15),
        channel=channels["PORTAL"],
        title="Tin CCHC tháng 11 (sau ngày báo cáo 21/10)",
    )


def test_a_report_dated_21_10_counts_up_to_that_day_and_says_so(demo_world, november_post):
    vhtt = demo_world["huongtra-vhtt"]
    early = _draft(vhtt, "2022", D(2022, 10, 21))
    text = _text(early)
    assert "tính đến ngày 21/10/2022" in text
    assert "Tin, bài trên Cổng/Trang thông tin điện tử: 02 tin, bài" in text
    assert {f.channel: f.actual for f in early.figures}["PORTAL"] == 2

    late = _draft(vhtt, "2022", D(2022, 12, 20))
    assert "tính đến ngày" not in _text(late)
    assert "Tin, bài trên Cổng/Trang thông tin điện tử: 03 tin, bài" in _text(late)


# (c) Every channel with activity has its sentence, from the catalogue.


def test_every_channel_with_activity_has_a_section_2_sentence_from_the_catalogue(demo_world, channels):
    from loa.plans.models import Channel, ChannelGroup

    vhtt = demo_world["huongtra-vhtt"]
    podcast = Channel.objects.create(
        code="PODCAST",
        name="Podcast về CCHC",
        measure="số",
        group=ChannelGroup.ONLINE,
        report_sentence="Sản xuất {số lượng} {đơn vị tính} podcast giới thiệu thủ tục hành chính",
    )
    plain = Channel.objects.create(
        code="ZALO_OA", name="Tin nhắn Zalo OA", measure="tin nhắn", group="online"
    )
    for channel, qty in ((podcast, 3), (plain, 250), (channels["LEAFLET"], 500), (channels["TALK"], 1)):
        activity_record(
            actor=SYSTEM_CLI,
            unit=vhtt,
            date=D(2022, 6, 1),
            channel=channel,
            title=f"Hoạt động {channel.code}",
            quantity=qty,
        )
    draft = _draft(vhtt, "2022", D(2022, 12, 31))
    active = [f for f in draft.figures if f.actual]
    keys = {p.key for p in draft.parts}
    for f in active:
        if f.channel == "ORIENTATION":  # written under "Công tác chỉ đạo điều hành"
            assert "s1.orientations" in keys
            continue
        assert f"s2.{f.channel}" in keys, f.channel
    assert _part(draft, "s2.PODCAST") == "Sản xuất 03 số podcast giới thiệu thủ tục hành chính."
    assert _part(draft, "s2.ZALO_OA") == "Tuyên truyền CCHC qua hình thức tin nhắn Zalo OA (250 tin nhắn)."
    assert "500 tờ" in _part(draft, "s2.LEAFLET")
    assert "02 tin, bài" in _part(draft, "s2.PORTAL")
    assert "01 cụm pano" in _part(draft, "s2.PANEL")
    assert "đối thoại" in _part(draft, "s2.TALK")


def test_the_seeded_channels_all_have_a_report_sentence(channels):
    for channel in channels.values():
        assert channel.report_sentence, channel.code
        assert "{số lượng}" in channel.report_sentence, channel.code


def test_a_dialogue_with_citizens_is_not_written_as_an_office_meeting(demo_world):
    draft = _draft(demo_world["phuong-huong-tra"], "2026", D(2026, 10, 21))
    text = _text(draft)
    assert "sinh hoạt chi bộ của cơ quan" not in text
    assert "đối thoại" in _part(draft, "s2.TALK")


# Wording a clerk would not sign.


def test_the_last_statistics_item_ends_with_a_full_stop(demo_world):
    blocks = _draft(demo_world["huongtra-vhtt"], "2022", D(2022, 10, 21)).document.blocks
    items = [b for b in blocks if isinstance(b, Paragraph) and b.style == "plus"]
    assert all(b.text.endswith(";") for b in items[:-1])
    assert items[-1].text.endswith(".")


def test_no_heading_is_left_empty_and_headings_are_numbered_in_order(demo_world, make_unit):
    unit = make_unit("Phòng Thử nghiệm", abbr="PTN", place_name="Huế")
    for draft in (
        _draft(unit, "2024", D(2024, 12, 31)),
        _draft(demo_world["phuong-huong-tra"], "2026", D(2026, 10, 21)),
    ):
        blocks = draft.document.blocks
        headings = [i for i, b in enumerate(blocks) if isinstance(b, Heading)]
        assert [blocks[i].label for i in headings] == [str(n) for n in range(1, len(headings) + 1)]
        for i in headings:
            assert i + 1 < len(blocks) and not isinstance(blocks[i + 1], Heading), blocks[i].text


def test_a_ward_with_a_plan_quotes_it_and_is_not_told_it_has_none(demo_world):
    draft = _draft(demo_world["phuong-huong-tra"], "2026", D(2026, 10, 21))
    assert not any("chưa có kế hoạch" in w for w in draft.warnings)
    assert "Kế hoạch tuyên truyền CCHC phường Hương Trà năm 2026" in _part(draft, "s1.plan")


def test_an_ubnd_reports_under_its_own_name_and_signs_on_behalf_of_the_committee(demo_world):
    draft = _draft(demo_world["phuong-huong-tra"], "2026", D(2026, 10, 21))
    opening = _part(draft, "opening")
    assert "UBND phường Hương Trà báo cáo" in opening
    assert "thành phố Huế báo cáo" not in opening
    sig = draft.document.signature
    assert sig.lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert sig.name == ""
    assert any("người ký" in w for w in draft.warnings)


def test_the_signer_is_the_units_leader_when_loa_knows_one(demo_world, make_user):
    ward = demo_world["phuong-huong-tra"]
    make_user(ward, "leader", first_name="Trần Văn", last_name="Hùng")
    draft = _draft(ward, "2026", D(2026, 10, 21))
    assert draft.document.signature.name == "Trần Văn Hùng"
    assert not any("người ký" in w for w in draft.warnings)


# (d) The town reports its subtree, with the dashboard's and `loa stats --subtree`'s figures.


def test_the_town_report_counts_the_units_below_like_the_dashboard(demo_world):
    town = demo_world["huongtra"]
    draft = _draft(town, "2022", D(2022, 12, 31))
    stats = stats_table(user=SYSTEM_CLI, unit=town, period=parse_period("2022"), subtree=True)
    assert [(r.key, r.target, r.actual) for r in stats.rows] == [
        (f.channel, f.target, f.actual) for f in draft.figures
    ]
    assert sum(f.actual for f in draft.figures) > 0
    text = _text(draft)
    assert "chưa ghi nhận hoạt động" not in text
    assert not any("Chưa có hoạt động" in w for w in draft.warnings)
    radio = next(f for f in draft.figures if f.channel == "RADIO")
    assert f"Phát thanh, truyền thanh cơ sở: {radio.actual} lượt phát" in text


def test_a_city_without_its_own_plan_says_its_targets_are_its_units_added_up(demo_world):
    draft = _draft(demo_world["ubnd-hue"], "2026", D(2026, 10, 21))
    assert draft.subtree
    text = _text(draft)
    assert (
        "Bài đăng trên mạng xã hội (Facebook, Zalo): 04 bài đăng (tổng chỉ tiêu kế hoạch của các đơn vị: 24"
        in text
    )
    assert "(chỉ tiêu kế hoạch:" not in text
    assert any("chưa có kế hoạch" in w for w in draft.warnings)


# (e) A quarter shows progress to date against the annual target, labelled as such.


def test_a_quarter_report_shows_progress_to_date_labelled_luy_ke(demo_world):
    town = demo_world["huongtra"]
    draft = _draft(town, "2022-Q4", D(2022, 12, 31))
    q4 = {f.channel: f for f in draft.figures}
    start, end = parse_period("2022-Q4").window()
    year_start = parse_period("2022").window()[0]
    ytd = {
        f.channel: f
        for f in channel_figures(
            user=SYSTEM_CLI, unit=town, start=year_start, end=end, year=2022, subtree=True
        )
    }
    assert start > year_start
    radio_q4, radio_ytd = q4["RADIO"], ytd["RADIO"]
    assert radio_ytd.actual > radio_q4.actual > 0 and radio_ytd.target == 500
    text = _text(draft)
    assert (
        f"Phát thanh, truyền thanh cơ sở: trong kỳ {radio_q4.actual} lượt phát; lũy kế từ đầu năm "
        f"{radio_ytd.actual} lượt phát (chỉ tiêu kế hoạch năm: 500 lượt phát, đạt {radio_ytd.percent}%)"
    ) in text
    # Never a quarter's work as a share of the year's target.
    assert f"đạt {radio_q4.percent}%" not in text


def test_large_quantities_are_grouped_the_vietnamese_way(demo_world, channels):
    vhtt = demo_world["huongtra-vhtt"]
    activity_record(
        actor=SYSTEM_CLI,
        unit=vhtt,
        date=D(2022, 6, 1),
        channel=channels["LEAFLET"],
        title="Phát tờ rơi về dịch vụ công trực tuyến",
        quantity=5000,
    )
    text = _text(_draft(vhtt, "2022", D(2022, 12, 20)))
    assert "(5.000 tờ)" in text and "Tờ rơi, tờ gấp, sổ tay: 5.000 tờ" in text
    assert "5000" not in text
