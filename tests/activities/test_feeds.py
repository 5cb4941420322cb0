"""Feeds: RSS and Atom served by a real local HTTP server become drafts, once; failures are explained."""

import datetime as dt
import http.server
import threading
import time

import pytest

from loa.activities.feeds import draft_confirm, draft_discard, feed_register, feeds_pull
from loa.activities.models import Activity, DraftActivity, DraftStatus, Feed, Source
from loa.activities.selectors import activity_list, channel_figures
from loa.core.errors import PermissionDenied

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cổng TTĐT</title>
<item><title>Hội nghị tuyên truyền cải cách hành chính</title><link>https://huongtra.vn/tin/1</link>
<pubDate>Fri, 21 Oct 2022 08:00:00 +0700</pubDate></item>
<item><title>Bộ phận một cửa phục vụ người dân</title><link>https://huongtra.vn/tin/2</link>
<pubDate>Sat, 22 Oct 2022 09:30:00 +0700</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin CCHC</title>
<entry><title>Chuyển đổi số trong thủ tục hành chính</title><link href="https://huongtra.vn/tin/3"/>
<updated>2022-11-02T10:00:00Z</updated></entry>
</feed>"""

HTML = "<!DOCTYPE html><html><body>Trang chủ</body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/missing":
            self.send_error(404)
            return
        body, kind = {
            "/rss": (RSS, "application/rss+xml"),
            "/atom": (ATOM, "application/atom+xml"),
            "/html": (HTML, "text/html; charset=utf-8"),
            "/broken": ("<rss><channel><item>", "application/xml"),
            "/slow": (RSS, "application/rss+xml"),
        }[self.path]
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up waiting (the timeout test)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa thử", code="vh-feed")


@pytest.fixture
def officer(make_user, unit):
    return make_user(unit, "officer")


def test_rss_and_atom_items_become_drafts_once(server, unit, officer, channels):
    feed_register(actor=officer, unit=unit, url=f"{server}/rss")
    feed_register(actor=officer, unit=unit, url=f"{server}/atom")
    result = feeds_pull(timeout=5)
    assert (result.feeds, result.created, result.failed) == (2, 3, 0)
    drafts = {d.evidence_url: d for d in DraftActivity.objects.all()}
    assert drafts["https://huongtra.vn/tin/1"].date == dt.date(2022, 10, 21)
    assert drafts["https://huongtra.vn/tin/3"].title == "Chuyển đổi số trong thủ tục hành chính"
    assert feeds_pull(timeout=5).created == 0  # the same links are not drafted twice
    assert all(f.last_error == "" and f.last_pulled_at for f in Feed.objects.all())


def test_drafts_are_not_counted_until_confirmed(server, unit, officer, channels):
    feed_register(actor=officer, unit=unit, url=f"{server}/rss")
    feeds_pull(timeout=5)

    def figures():
        return channel_figures(unit=unit, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31), year=2022)

    assert figures() == [] and not activity_list(user=officer).exists()
    first, second = DraftActivity.objects.order_by("date")
    activity = draft_confirm(actor=officer, pk=first.pk)
    assert activity.source == Source.FEED and activity.channel.code == "PORTAL"
    assert activity.evidence_url == "https://huongtra.vn/tin/1"
    draft_discard(actor=officer, pk=second.pk)
    assert [f.actual for f in figures()] == [1]
    assert DraftActivity.objects.get(pk=second.pk).status == DraftStatus.DISCARDED
    feeds_pull(timeout=5)
    assert DraftActivity.objects.filter(status=DraftStatus.PENDING).count() == 0


def test_an_item_already_recorded_by_hand_is_not_drafted(server, unit, officer, channels):
    from loa.activities.services import activity_record

    activity_record(
        actor=officer,
        unit=unit,
        date=dt.date(2022, 10, 21),
        channel=channels["PORTAL"],
        title="Hội nghị",
        evidence_url="https://huongtra.vn/tin/1",
    )
    feed_register(actor=officer, unit=unit, url=f"{server}/rss")
    assert feeds_pull(timeout=5).created == 1
    assert Activity.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/html", "trang web (HTML)"),
        ("/broken", "không phải XML hợp lệ"),
        ("/missing", "HTTP 404"),
        ("/slow", "Quá thời gian chờ"),
    ],
)
def test_a_failing_feed_keeps_its_reason_in_vietnamese(server, unit, officer, path, words):
    feed = feed_register(actor=officer, unit=unit, url=f"{server}{path}")
    result = feeds_pull(timeout=0.5)
    assert result.failed == 1 and result.created == 0
    feed.refresh_from_db()
    assert words in feed.last_error and feed.last_pulled_at is not None


def test_only_officers_of_the_unit_confirm_its_drafts(server, unit, officer, make_unit, make_user):
    feed_register(actor=officer, unit=unit, url=f"{server}/rss")
    feeds_pull(timeout=5)
    stranger = make_user(make_unit(), "officer")
    with pytest.raises(PermissionDenied):
        draft_confirm(actor=stranger, pk=DraftActivity.objects.first().pk)


def test_a_feed_address_that_is_not_http_is_never_opened(unit, officer):
    feed = Feed.objects.create(unit=unit, url="file:///etc/passwd")
    assert feeds_pull(timeout=1).failed == 1
    feed.refresh_from_db()
    assert "http://" in feed.last_error
