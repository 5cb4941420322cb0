"""Feeds: RSS and Atom served by a real local HTTP server become drafts, once; failures are explained."""

import datetime as dt
import http.server
import threading
import time
import unicodedata

import pytest

from loa.activities.feeds import (
    FeedError,
    draft_confirm,
    draft_discard,
    feed_parse,
    feed_register,
    feeds_pull,
)
from loa.activities.models import Activity, DraftActivity, DraftStatus, Feed, Source
from loa.activities.selectors import activity_list, channel_figures
from loa.core.actors import SYSTEM_CLI
from loa.core.errors import PermissionDenied, ValidationError
from loa.plans.models import Channel

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
            "/javascript": (
                RSS.replace("https://huongtra.vn/tin/1", "javascript:alert(1)"),
                "application/xml",
            ),
            "/not-a-feed": ("<?xml version='1.0'?><bang><dong>1</dong></bang>", "text/xml; charset=utf-8"),
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
        return channel_figures(
            user=SYSTEM_CLI, unit=unit, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31), year=2022
        )

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


# feed_parse reads bytes with feedparser: the variants portals publish, and what Loa refuses.

RSS_VARIANTS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Cổng</title>
<item><title><![CDATA[Tập huấn <b>một cửa</b>]]></title><link>/tin/4</link>
<dc:date>2022-10-20T23:30:00Z</dc:date></item>
<item><title>Tin   nhiều\n dòng</title><guid isPermaLink="true">https://huongtra.vn/tin/5</guid>
<pubDate>23/10/2022</pubDate></item>
<item><title>Không có liên kết</title></item>
</channel></rss>"""

RSS_10 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<item rdf:about="https://huongtra.vn/tin/6"><title>Bản tin RSS 1.0</title>
<link>https://huongtra.vn/tin/6</link><dc:date>2022-10-21</dc:date></item></rdf:RDF>"""

ATOM_VARIANTS = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title>
<entry><title type="html">&lt;em&gt;Đối thoại&lt;/em&gt; với doanh nghiệp &amp;amp; người dân</title>
<link rel="enclosure" href="https://huongtra.vn/anh.jpg"/><link rel="alternate" href="https://huongtra.vn/tin/7"/>
<published>2022-10-21T20:00:00Z</published><updated>2022-12-01T00:00:00Z</updated></entry>
</feed>"""


def test_rss_variants_relative_links_guids_and_vietnamese_dates():
    entries = feed_parse(RSS_VARIANTS.encode(), url="https://huongtra.vn/rss")
    assert [(e.url, e.title, e.date) for e in entries] == [
        # 23:30 UTC on the 20th is already the 21st in Viet Nam.
        ("https://huongtra.vn/tin/4", "Tập huấn một cửa", dt.date(2022, 10, 21)),
        ("https://huongtra.vn/tin/5", "Tin nhiều dòng", dt.date(2022, 10, 23)),
    ]


def test_rss_1_0_is_read():
    (entry,) = feed_parse(RSS_10.encode())
    assert (entry.url, entry.title, entry.date) == (
        "https://huongtra.vn/tin/6",
        "Bản tin RSS 1.0",
        dt.date(2022, 10, 21),
    )


def test_atom_html_title_alternate_link_and_published_day_in_viet_nam():
    (entry,) = feed_parse(ATOM_VARIANTS.encode())
    assert entry.url == "https://huongtra.vn/tin/7"
    assert entry.title == "Đối thoại với doanh nghiệp & người dân"
    assert entry.date == dt.date(2022, 10, 22)  # 20:00 UTC is 03:00 the next day in Hà Nội


def test_titles_are_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Tuyên truyền cải cách hành chính")
    rss = RSS.replace("Hội nghị tuyên truyền cải cách hành chính", decomposed)
    assert feed_parse(rss.encode())[0].title == unicodedata.normalize("NFC", decomposed)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://huongtra.vn/tin",
    ],
)
def test_links_that_are_not_web_addresses_are_refused(link):
    rss = RSS.replace("https://huongtra.vn/tin/1", link.replace("&", "&amp;"))
    assert [e.url for e in feed_parse(rss.encode())] == ["https://huongtra.vn/tin/2"]
    atom = ATOM_VARIANTS.replace("https://huongtra.vn/tin/7", link.replace("&", "&amp;"))
    assert feed_parse(atom.encode()) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ("<rss><channel><item>", "không phải XML hợp lệ"),
        ("tin tức hôm nay", "không phải XML hợp lệ"),
        ("<?xml version='1.0'?><danh-sach><tin>1</tin></danh-sach>", "không phải nguồn tin RSS hay Atom"),
        ("<html><head><title>Cổng</title></head><body></body></html>", "trang web (HTML)"),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            '<rss version="2.0"><channel><item><title>&b;</title><link>https://x.vn/1</link></item>'
            "</channel></rss>",
            "không an toàn",
        ),
    ],
)
def test_malformed_feeds_are_refused_with_a_vietnamese_reason(data, words):
    with pytest.raises(FeedError) as caught:
        feed_parse(data.encode())
    assert words in caught.value.message


def test_a_tolerable_slip_in_a_feed_does_not_lose_its_items():
    # An HTML entity XML does not define: strict XML fails, feedparser still reads the items.
    rss = RSS.replace("Bộ phận một cửa", "Bộ phận&nbsp;một cửa")
    assert [e.title for e in feed_parse(rss.encode())][1] == "Bộ phận một cửa phục vụ người dân"


def test_feedparser_never_opens_a_url_or_a_file_itself(server, tmp_path):
    # Handed a string, feedparser would fetch a URL or open a file and read the feed there.
    saved = tmp_path / "feed.xml"
    saved.write_text(RSS, encoding="utf-8")
    for data in (f"{server}/rss".encode(), str(saved).encode()):
        with pytest.raises(FeedError):
            feed_parse(data)


def test_a_feed_with_a_javascript_link_drafts_only_the_web_addresses(server, unit, officer, channels):
    feed = feed_register(actor=officer, unit=unit, url=f"{server}/javascript")
    assert feeds_pull(timeout=5).created == 1
    assert list(DraftActivity.objects.values_list("evidence_url", flat=True)) == ["https://huongtra.vn/tin/2"]
    feed.refresh_from_db()
    assert feed.last_error == ""


def test_a_malformed_feed_keeps_a_vietnamese_error_and_drafts_nothing(server, unit, officer):
    feed = feed_register(actor=officer, unit=unit, url=f"{server}/not-a-feed")
    result = feeds_pull(timeout=5)
    assert (result.failed, result.created) == (1, 0)
    feed.refresh_from_db()
    assert feed.last_error == "Tệp XML không phải nguồn tin RSS hay Atom."
    assert not DraftActivity.objects.exists()


def _draft(feed, n=1):
    return DraftActivity.objects.create(
        feed=feed,
        unit=feed.unit,
        date=dt.date(2022, 10, 20 + n),
        title=f"Tin {n}",
        evidence_url=f"https://vh.vn/{n}",
    )


def test_a_confirmed_item_takes_the_feeds_channel_and_content_areas(unit, officer, channels, areas):
    feed = feed_register(
        actor=officer,
        unit=unit,
        url="https://vh.vn/rss",
        channel=channels["SOCIAL"],
        areas=[areas["PROCEDURES"], areas["DIGITAL_GOVERNMENT"]],
    )
    activity = draft_confirm(actor=officer, pk=_draft(feed).pk)
    assert activity.channel.code == "SOCIAL"
    assert sorted(a.code for a in activity.areas.all()) == ["DIGITAL_GOVERNMENT", "PROCEDURES"]


def test_a_feed_without_a_channel_follows_the_catalogues_default(unit, officer, channels):
    feed = feed_register(actor=officer, unit=unit, url="https://vh.vn/rss")
    assert feed.channel is None
    assert draft_confirm(actor=officer, pk=_draft(feed, 1).pk).channel.code == "PORTAL"
    # An administrator moves the default in the catalogue: no code names the feeds' channel.
    Channel.objects.filter(feed_default=True).update(feed_default=False)
    Channel.objects.filter(code="BULLETIN").update(feed_default=True)
    assert draft_confirm(actor=officer, pk=_draft(feed, 2).pk).channel.code == "BULLETIN"


def test_without_a_default_channel_confirming_explains_what_to_set(unit, officer, channels):
    feed = feed_register(actor=officer, unit=unit, url="https://vh.vn/rss")
    draft = _draft(feed)
    Channel.objects.update(feed_default=False)
    with pytest.raises(ValidationError) as exc:
        draft_confirm(actor=officer, pk=draft.pk)
    assert exc.value.code == "feeds.no_channel" and "mặc định cho tin từ RSS" in exc.value.message
    assert DraftActivity.objects.get(pk=draft.pk).status == DraftStatus.PENDING
