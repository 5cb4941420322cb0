"""The scheduled feed pull: only due feeds are read, as the feeds system actor, and the next pull is queued."""

import datetime as dt
import http.server
import threading

import pytest
from django.test import override_settings
from django.utils import timezone

from loa.activities.feeds import feed_register, feeds_due
from loa.activities.models import DraftActivity, Feed
from loa.activities.tasks import feed_pull_schedule, pull_due_feeds
from loa.core.actors import SYSTEM_FEEDS
from loa.core.models import AuditEvent

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cổng TTĐT</title>
<item><title>Hội nghị tuyên truyền cải cách hành chính</title><link>https://huongtra.vn/tin/{n}</link>
<pubDate>Fri, 21 Oct 2022 08:00:00 +0700</pubDate></item>
</channel></rss>"""

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        data = RSS.format(n=self.path.strip("/")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def intranet_feed_server(settings):
    """The test feed server listens on loopback: allowed by name, as an administrator allows an
    intranet portal (LOA_FEEDS_PRIVATE_HOSTS); other internal hosts stay refused."""
    settings.LOA_FEEDS_PRIVATE_HOSTS = ["127.0.0.1"]


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def feeds(make_unit, make_user, server):
    unit = make_unit("Phòng Văn hóa thử", code="vh-lich")
    officer = make_user(unit, "officer")
    made = {
        name: feed_register(actor=officer, unit=unit, url=f"{server}/{name}") for name in ("1", "2", "3", "4")
    }
    now = timezone.now()
    Feed.objects.filter(pk=made["2"].pk).update(last_pulled_at=now - dt.timedelta(minutes=61))
    Feed.objects.filter(pk=made["3"].pk).update(last_pulled_at=now - dt.timedelta(minutes=10))
    Feed.objects.filter(pk=made["4"].pk).update(active=False)
    return made


def test_due_feeds_are_the_active_ones_never_pulled_or_pulled_an_interval_ago(feeds):
    due = {f.url.rsplit("/", 1)[1] for f in feeds_due(every=dt.timedelta(minutes=60))}
    assert due == {"1", "2"}


def test_the_scheduled_pull_reads_only_due_feeds_as_the_feeds_actor(feeds):
    result = pull_due_feeds.call()
    assert result == {"feeds": 2, "created": 2, "failed": 0}
    links = set(DraftActivity.objects.values_list("evidence_url", flat=True))
    assert links == {"https://huongtra.vn/tin/1", "https://huongtra.vn/tin/2"}
    names = set(AuditEvent.objects.filter(verb="feeds.pull").values_list("actor_name", flat=True))
    assert names == {SYSTEM_FEEDS.name}
    assert pull_due_feeds.call() == {"feeds": 0, "created": 0, "failed": 0}  # now nothing is due


def test_without_a_database_queue_no_schedule_is_kept(db):
    assert feed_pull_schedule() is False  # the immediate backend of the tests keeps nothing for later


@override_settings(TASKS=DB_TASKS, LOA_FEEDS_EVERY=60)
def test_a_pull_queues_the_next_one_an_interval_later_and_only_one_waits(feeds):
    from django_tasks_db.models import DBTaskResult

    assert feed_pull_schedule() is True
    assert feed_pull_schedule() is False  # one is already waiting
    waiting = DBTaskResult.objects.get()
    assert waiting.task_path == "loa.activities.tasks.pull_due_feeds" and waiting.status == "READY"
    waiting.delete()
    before = timezone.now()
    pull_due_feeds.call()
    following = DBTaskResult.objects.get(status="READY")
    assert before + dt.timedelta(minutes=59) < following.run_after < timezone.now() + dt.timedelta(minutes=61)


@override_settings(TASKS=DB_TASKS, LOA_FEEDS_EVERY=0)
def test_feeds_every_zero_turns_the_schedule_off(db):
    assert feed_pull_schedule() is False
