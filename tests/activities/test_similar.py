"""activity_similar: the same work recorded by another unit is flagged, never blocked."""

import datetime as dt

from loa.activities.selectors import activity_similar
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_CLI


def record(unit, channels, title, day, url=""):
    return activity_record(
        actor=SYSTEM_CLI, unit=unit, date=day, channel=channels["PORTAL"], title=title, evidence_url=url
    )


def test_same_link_same_folded_title_or_nearly_same_title_is_similar(make_unit, channels):
    a, b = make_unit(), make_unit()
    theirs = record(
        a, channels, "Hội nghị tuyên truyền CCHC năm 2022", dt.date(2022, 10, 1), "https://x.vn/1"
    )
    assert (
        activity_similar(
            user=SYSTEM_CLI,
            activity_or_fields={
                "title": "Khác hẳn",
                "date": dt.date(2020, 1, 1),
                "evidence_url": "https://x.vn/1",
            },
            exclude_unit=b,
        )
        == theirs
    )
    assert (
        activity_similar(
            user=SYSTEM_CLI,
            activity_or_fields={
                "title": "HOI NGHI tuyen truyen cchc nam 2022",
                "date": dt.date(2022, 10, 20),
            },
            exclude_unit=b,
        )
        == theirs
    )
    assert (
        activity_similar(
            user=SYSTEM_CLI,
            activity_or_fields={"title": "Hội nghị tuyên truyền CCHC năm 2022.", "date": dt.date(2022, 9, 5)},
            exclude_unit=b,
        )
        == theirs
    )


def test_own_unit_far_dates_and_different_titles_are_not_similar(make_unit, channels):
    a, b = make_unit(), make_unit()
    mine = record(a, channels, "Hội nghị tuyên truyền CCHC năm 2022", dt.date(2022, 10, 1))
    assert activity_similar(user=SYSTEM_CLI, activity_or_fields=mine, exclude_unit=a) is None
    assert (
        activity_similar(
            user=SYSTEM_CLI,
            activity_or_fields={"title": mine.title, "date": dt.date(2022, 12, 31)},
            exclude_unit=b,
        )
        is None
    )
    assert (
        activity_similar(
            user=SYSTEM_CLI, activity_or_fields={"title": "Pa nô cổ động", "date": mine.date}, exclude_unit=b
        )
        is None
    )


def test_with_a_user_only_units_that_user_may_see_are_searched(make_unit, make_user, channels):
    mine, hidden, parent = make_unit(), make_unit(), make_unit()
    sibling = make_unit(parent=parent)
    record(hidden, channels, "Hội nghị đối thoại CCHC", dt.date(2022, 10, 1), "https://x.vn/9")
    officer = make_user(mine, "officer")
    fields = {
        "title": "Hội nghị đối thoại CCHC",
        "date": dt.date(2022, 10, 2),
        "evidence_url": "https://x.vn/9",
    }
    assert activity_similar(activity_or_fields=fields, exclude_unit=mine, user=officer) is None
    assert activity_similar(user=SYSTEM_CLI, activity_or_fields=fields, exclude_unit=mine) is not None
    theirs = record(sibling, channels, "Hội nghị đối thoại CCHC", dt.date(2022, 10, 3))
    coordinator = make_user(parent, "coordinator")
    assert activity_similar(activity_or_fields=fields, exclude_unit=mine, user=coordinator) == theirs
