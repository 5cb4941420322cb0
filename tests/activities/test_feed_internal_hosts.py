"""Feed addresses pointing at internal hosts are refused (issue #11, hole 6): private, loopback,
link-local and other non-public addresses, whether typed, reached through DNS or through a
redirect; the error kept on the feed reveals neither ports nor internal details."""

from __future__ import annotations

import http.server
import threading

import pytest

from loa.activities.feeds import feed_register, feeds_pull
from loa.activities.models import DraftActivity, Feed
from loa.core.errors import ValidationError

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Noi bo</title>
<item><title>Tin noi bo</title><link>https://huongtra.vn/tin/1</link></item></channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        Handler.seen.append(self.path)
        if self.path == "/chuyen":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_address[1]}/rss")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(RSS)

    def log_message(self, *args):
        pass


@pytest.fixture
def internal():
    Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def unit(make_unit):
    return make_unit("Phòng Văn hóa thử", code="vh-ssrf")


@pytest.fixture
def officer(make_user, unit):
    return make_user(unit, "officer")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/rss",
        "http://localhost/rss",
        "http://LOCALHOST./rss",
        "http://10.1.2.3/rss",
        "http://192.168.1.1/rss",
        "http://172.16.0.9/rss",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/rss",
        "http://0.0.0.0/rss",
        "http://[::1]/rss",
        "http://[fe80::1]/rss",
        "http://[::ffff:127.0.0.1]/rss",
        "http://2130706433/rss",
        "http://0x7f.1/rss",
        "http://017700000001/rss",
    ],
)
def test_registering_a_feed_on_an_internal_address_is_refused(unit, officer, url):
    with pytest.raises(ValidationError) as err:
        feed_register(actor=officer, unit=unit, url=url)
    assert err.value.code == "feeds.internal_host"
    assert "nội bộ" in err.value.message
    assert not Feed.objects.exists()


def _pull_error(feed) -> str:
    result = feeds_pull(timeout=5)
    feed.refresh_from_db()
    assert result.failed == 1 and not DraftActivity.objects.exists()
    return feed.last_error


def test_a_stored_feed_on_an_internal_host_is_never_fetched_and_its_error_says_nothing_of_it(unit, internal):
    port = internal
    feed = Feed.objects.create(unit=unit, url=f"http://127.0.0.1:{port}/rss")  # written around the service
    error = _pull_error(feed)
    assert Handler.seen == []
    assert "nội bộ" in error and str(port) not in error and "127.0.0.1" not in error


def test_a_host_name_resolving_to_an_internal_address_is_refused_after_resolution(unit, internal):
    feed = Feed.objects.create(unit=unit, url=f"http://localhost.:{internal}/rss")
    assert "nội bộ" in _pull_error(feed)
    assert Handler.seen == []


def test_a_redirect_to_an_internal_host_is_refused(unit, internal, settings):
    # The intranet portal 127.0.0.1 is allowed by name; its redirect to "localhost" is not.
    settings.LOA_FEEDS_PRIVATE_HOSTS = ["127.0.0.1"]
    feed = Feed.objects.create(unit=unit, url=f"http://127.0.0.1:{internal}/chuyen")
    error = _pull_error(feed)
    assert Handler.seen == ["/chuyen"]
    assert "nội bộ" in error and str(internal) not in error


def test_an_intranet_portal_allowed_by_the_administrator_is_read(unit, officer, internal, settings, channels):
    settings.LOA_FEEDS_PRIVATE_HOSTS = ["127.0.0.1"]
    feed_register(actor=officer, unit=unit, url=f"http://127.0.0.1:{internal}/rss")
    assert feeds_pull(timeout=5).created == 1


def test_a_machine_name_resolving_to_an_internal_address_is_refused_at_connection(unit):
    """No literal address and no "localhost" in the URL: only the connected peer's address tells."""
    import socket

    name = socket.gethostname()
    assert name and name.lower() != "localhost"
    Handler.seen = []
    httpd = http.server.ThreadingHTTPServer(("0.0.0.0", 0), Handler)  # the name's address, whichever
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        feed = Feed.objects.create(unit=unit, url=f"http://{name}:{httpd.server_address[1]}/rss")
        error = _pull_error(feed)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert Handler.seen == []
    assert "nội bộ" in error and name not in error
