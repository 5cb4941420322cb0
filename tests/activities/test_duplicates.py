"""Exact duplicates: one definition (same unit, date, channel, and same title or same link) used by
the services, the Excel import and the web; an import skips them unless explicitly kept."""

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest

from loa.activities.importers.xlsx import activities_import
from loa.activities.models import Activity
from loa.activities.selectors import activity_duplicate, evidence_url_key, title_match_key
from loa.activities.services import activity_record, activity_update
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import Conflict

DAY = dt.date(2022, 10, 21)


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa trùng", code="vh-trung")


def record(unit, channel, title="Tin bài về một cửa", day=DAY, url="", **kw):
    return activity_record(
        actor=SYSTEM_CLI, unit=unit, date=day, channel=channel, title=title, evidence_url=url, **kw
    )


def workbook(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Hoạt động"
    ws.append(
        ["Ngày thực hiện", "Hình thức tuyên truyền", "Tên hoạt động", "Số lượng", "Đường dẫn minh chứng"]
    )
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_titles_match_after_nfc_casefold_and_whitespace_but_accents_still_count():
    nfd = unicodedata.normalize("NFD", "Tin bài về Một cửa")
    assert title_match_key(nfd) == title_match_key("  TIN   BÀI về một CỬA ")
    assert title_match_key("Hòa giải") != title_match_key("Hoa giai")


def test_links_match_whatever_the_scheme_www_case_of_host_fragment_or_final_slash():
    a = evidence_url_key("https://www.HuongTra.gov.vn/tin/1/#binh-luan")
    assert a == evidence_url_key("http://huongtra.gov.vn/tin/1")
    assert a != evidence_url_key("https://huongtra.gov.vn/tin/2")
    assert evidence_url_key("https://x.vn/a?id=1") != evidence_url_key("https://x.vn/a?id=2")
    assert evidence_url_key("   ") == ""


def test_recording_the_same_activity_twice_is_refused_with_the_one_already_recorded(unit, channels):
    first = record(unit, channels["PORTAL"])
    with pytest.raises(Conflict) as caught:
        record(unit, channels["PORTAL"], title=unicodedata.normalize("NFD", "TIN BÀI  về một cửa"))
    assert caught.value.code == "activities.duplicate"
    assert caught.value.context["duplicate_id"] == first.pk
    assert "21/10/2022" in caught.value.message
    assert Activity.objects.count() == 1


def test_the_same_link_on_the_same_day_and_channel_is_a_duplicate_whatever_the_title(unit, channels):
    record(unit, channels["PORTAL"], url="https://x.vn/tin/1")
    with pytest.raises(Conflict):
        record(unit, channels["PORTAL"], title="Tên khác hẳn", url="http://www.x.vn/tin/1/")


def test_another_day_channel_or_unit_is_not_a_duplicate(unit, channels, make_unit):
    record(unit, channels["PORTAL"])
    record(unit, channels["PORTAL"], day=DAY - dt.timedelta(days=1))
    record(unit, channels["RADIO"])
    record(make_unit(), channels["PORTAL"])
    assert Activity.objects.count() == 4


def test_an_explicitly_confirmed_duplicate_is_saved(unit, channels):
    record(unit, channels["PORTAL"])
    record(unit, channels["PORTAL"], allow_duplicate=True)
    assert Activity.objects.filter(unit=unit).count() == 2


def test_an_edit_that_makes_a_duplicate_is_refused_but_other_edits_of_a_kept_pair_are_not(
    unit, channels, make_user
):
    officer = make_user(unit, "officer")
    record(unit, channels["PORTAL"])
    other = record(unit, channels["PORTAL"], title="Bài khác")
    with pytest.raises(Conflict):
        activity_update(actor=officer, activity=other, title="Tin bài về một cửa")
    kept = record(unit, channels["PORTAL"], allow_duplicate=True)
    activity_update(actor=officer, activity=kept, quantity=3)
    assert Activity.objects.get(pk=kept.pk).quantity == 3


def test_the_selector_ignores_the_activity_itself(unit, channels):
    a = record(unit, channels["PORTAL"])
    kwargs = {"user": SYSTEM_CLI, "unit": unit, "date": DAY, "channel": channels["PORTAL"], "title": a.title}
    assert activity_duplicate(**kwargs) == a
    assert activity_duplicate(**kwargs, exclude_pk=a.pk) is None


def test_importing_the_same_file_twice_skips_every_row_the_second_time(unit, channels):
    data = workbook(
        [
            ["21/10/2022", "PORTAL", "Tin bài một", 2, "https://x.vn/1"],
            ["22/10/2022", "RADIO", "Phát thanh hai", 2, ""],
        ]
    )
    assert activities_import(actor=SYSTEM_CLI, unit=unit, data=data).created == 2
    again = activities_import(actor=SYSTEM_CLI, unit=unit, data=data)
    assert (again.created, again.problems) == (0, [])
    assert [(d.row, d.activity.title) for d in again.duplicates] == [
        (2, "Tin bài một"),
        (3, "Phát thanh hai"),
    ]
    assert again.duplicates[0].reason == "Trùng với hoạt động đã ghi nhận ngày 21/10/2022"
    assert Activity.objects.filter(unit=unit).count() == 2


def test_rows_repeated_inside_one_file_count_once(unit, channels):
    data = workbook(
        [
            ["21/10/2022", "PORTAL", "Tin bài một", 1, ""],
            ["21/10/2022", "PORTAL", "tin bài  MỘT", 1, ""],
            ["21/10/2022", "PORTAL", "Tin bài mới", 1, ""],
        ]
    )
    result = activities_import(actor=SYSTEM_CLI, unit=unit, data=data)
    assert result.created == 2
    assert [(d.row, d.same_row, d.reason) for d in result.duplicates] == [
        (3, 2, "Trùng với dòng 2 trong tệp")
    ]


def test_duplicates_are_imported_only_when_explicitly_kept(unit, channels):
    data = workbook([["21/10/2022", "PORTAL", "Tin bài một", 1, ""]])
    activities_import(actor=SYSTEM_CLI, unit=unit, data=data)
    result = activities_import(actor=SYSTEM_CLI, unit=unit, data=data, keep_duplicates=True)
    assert result.created == 1 and len(result.duplicates) == 1 and result.kept_duplicates
    assert Activity.objects.filter(unit=unit).count() == 2


def test_a_dry_run_lists_the_duplicates_and_saves_nothing(unit, channels):
    data = workbook([["21/10/2022", "PORTAL", "Tin bài một", 1, ""]])
    activities_import(actor=SYSTEM_CLI, unit=unit, data=data)
    result = activities_import(actor=SYSTEM_CLI, unit=unit, data=data, dry_run=True, keep_duplicates=True)
    assert result.created == 0 and len(result.duplicates) == 1
    assert Activity.objects.count() == 1
