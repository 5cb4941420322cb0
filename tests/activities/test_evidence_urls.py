"""Evidence links are web addresses only (issue #11, hole 8): a ``javascript:`` or ``data:`` link,
typed, sent by a client or read from a feed, is never stored as an activity's or a draft's evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.activities.feeds import FeedEntry, draft_confirm, feed_register, feed_store
from loa.activities.models import Activity, DraftActivity
from loa.activities.services import activity_record, activity_update
from loa.core.errors import ValidationError

BAD = [
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/a",
    "http://",
    "https://exa mple.org/",
]


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa thử", code="vh-url")


@pytest.fixture
def officer(make_user, unit):
    return make_user(unit, "officer")


@pytest.mark.parametrize("url", BAD)
def test_recording_an_activity_with_a_non_web_link_is_refused(unit, officer, channels, url):
    with pytest.raises(ValidationError) as err:
        activity_record(
            actor=officer,
            unit=unit,
            date=dt.date.today(),
            channel=channels["PORTAL"],
            title="Tin",
            evidence_url=url,
        )
    assert err.value.code == "activities.evidence_url"
    assert "http://" in err.value.message
    assert not Activity.objects.exists()


def test_editing_an_activity_to_a_javascript_link_is_refused(unit, officer, channels):
    activity = activity_record(
        actor=officer,
        unit=unit,
        date=dt.date.today(),
        channel=channels["PORTAL"],
        title="Tin",
        evidence_url="https://huongtra.vn/tin/1",
    )
    with pytest.raises(ValidationError):
        activity_update(actor=officer, activity=activity, evidence_url="javascript:alert(1)")
    activity.refresh_from_db()
    assert activity.evidence_url == "https://huongtra.vn/tin/1"


def test_feed_entries_with_non_web_links_are_never_drafted(unit, officer, channels):
    feed = feed_register(actor=officer, unit=unit, url="https://huongtra.vn/rss")
    entries = [FeedEntry(url=u, title=f"Tin {i}", date=None) for i, u in enumerate(BAD)]
    entries.append(FeedEntry(url="https://huongtra.vn/tin/2", title="Tin tốt", date=None))
    assert feed_store(actor=officer, feed=feed, entries=entries) == 1
    assert list(DraftActivity.objects.values_list("evidence_url", flat=True)) == ["https://huongtra.vn/tin/2"]


def test_a_draft_stored_before_the_rule_cannot_be_confirmed_with_its_javascript_link(unit, officer, channels):
    feed = feed_register(actor=officer, unit=unit, url="https://huongtra.vn/rss")
    draft = DraftActivity.objects.create(
        feed=feed, unit=unit, title="Tin cũ", evidence_url="javascript:alert(1)", date=dt.date.today()
    )
    with pytest.raises(ValidationError):
        draft_confirm(actor=officer, pk=draft.pk)
    assert not Activity.objects.exists()
