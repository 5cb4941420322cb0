"""News feeds (RSS, Atom) of a unit's portal: read them, turn new items into drafts to confirm.

Loa fetches a feed itself (http/https only, a timeout, at most 2 MB) and hands the bytes to
feedparser (ADR 0008), which never opens a URL here. Dates become the day in Viet Nam, titles NFC
text, and only http(s) links become evidence.

A published article is evidence of an activity (by default a "tin, bài trên Cổng thông tin": the
channel and content areas come from the feed, else from the catalogue's channel marked
``feed_default``); pulling the feed saves the officer from typing it, but an officer still confirms
each one (ADR 0005).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.sax
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import feedparser
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from loa.activities.models import Activity, DraftActivity, DraftStatus, Feed, Source
from loa.core import vn
from loa.core.actors import SYSTEM_FEEDS, require_actor
from loa.core.audit import audit_record, snapshot
from loa.core.errors import NotFound, ValidationError
from loa.organizations.access import Action, can, require, units_for
from loa.organizations.models import Unit
from loa.plans.models import Channel, ContentArea

MAX_FEED_BYTES = 2 * 1024 * 1024
VN_TIME = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_MARKUP = ("text/html", "application/xhtml+xml")
_HTML_PAGE = "Địa chỉ trả về một trang web (HTML), không phải nguồn tin RSS/Atom."
_BROKEN = "Nguồn tin không phải XML hợp lệ (RSS/Atom bị lỗi cấu trúc)."


class FeedError(ValidationError):
    """A feed could not be read; the message is what the unit's page shows as the last error."""

    code = "feeds.unreadable"


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link, title and publication date."""

    url: str
    title: str
    date: dt.date | None


def _local_day(parsed: time.struct_time | None, raw: str) -> dt.date | None:
    """The day in Viet Nam of a date feedparser read (it gives UTC), else a date written the Vietnamese
    way ("21/10/2022") that feedparser does not know, else None."""
    if parsed is not None:
        moment = dt.datetime(*parsed[:6], tzinfo=dt.UTC)
        return moment.astimezone(VN_TIME).date()
    return vn.parse_vn_date(raw) if raw else None


def _evidence_url(link: str) -> str:
    """``link`` if it is a web address (http or https with a host); "" otherwise.

    A feed is written by someone else: a ``javascript:`` or ``data:`` link would become a clickable
    evidence link in Loa, so such entries are never drafted.
    """
    link = link.strip()
    if not link or any(ch.isspace() or ord(ch) < 32 for ch in link):
        return ""
    try:
        parts = urllib.parse.urlsplit(link)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return link


def _title(entry: Any) -> str:
    """The entry's title as plain NFC text on one line (markup of HTML titles removed)."""
    text = entry.get("title") or ""
    if entry.get("title_detail", {}).get("type", "text/plain") in _MARKUP:
        text = html.unescape(strip_tags(text))
    return vn.collapse_ws(vn.nfc(text))


def feed_parse(data: bytes, *, url: str = "", content_type: str = "") -> list[FeedEntry]:
    """The entries of an RSS (0.9x, 1.0, 2.0) or Atom document, read by feedparser from ``data``.

    feedparser reads what it can of a slightly broken feed; :class:`FeedError` (in Vietnamese) when
    the bytes are an HTML page, unsafe XML, or nothing usable can be read. Relative links are
    resolved against ``url``; entries whose link is not an http(s) address are left out.
    """
    head = data[:512].lstrip().lower()
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        raise FeedError(_HTML_PAGE)
    try:  # entity expansion (billion laughs) and external entities: refused before feedparser runs
        ElementTree.fromstring(data)
    except DefusedXmlException:
        raise FeedError("Nguồn tin chứa nội dung XML không an toàn nên bị từ chối.") from None
    except ElementTree.ParseError:
        pass  # broken XML: feedparser's tolerant reader decides below
    headers = {"content-type": content_type or "application/xml"}
    if url:
        headers["content-location"] = url
    # A stream, never a string: feedparser would open a string that looks like a URL or a path.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    broken = bool(parsed.bozo) and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    if not parsed.version:
        if b"<html" in data[:4096].lower():  # an XHTML page behind an XML declaration
            raise FeedError(_HTML_PAGE)
        if broken:
            raise FeedError(_BROKEN)
        raise FeedError("Tệp XML không phải nguồn tin RSS hay Atom.")
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = _evidence_url(entry.get("link") or (entry.get("id", "") if entry.get("guidislink") else ""))
        title = _title(entry)
        if not link or not title:
            continue
        # dict.get: FeedParserDict.get maps missing keys to others (with a DeprecationWarning).
        parsed_date = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        raw_date = dict.get(entry, "published") or dict.get(entry, "updated") or ""
        entries.append(FeedEntry(url=link, title=title, date=_local_day(parsed_date, raw_date)))
    if broken and not entries:
        raise FeedError(_BROKEN)
    return entries


def _download(url: str, *, timeout: float) -> tuple[bytes, str]:
    """The body of ``url`` (at most 2 MB) and its Content-Type; :class:`FeedError` in Vietnamese."""
    if not url.lower().startswith(("http://", "https://")):
        # urllib would also open file:// and ftp:// addresses typed in the admin.
        raise FeedError("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://.")
    request = urllib.request.Request(url, headers={"User-Agent": "Loa/1.0 (+feeds)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            data = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FeedError(f"Máy chủ trả lỗi HTTP {exc.code} khi lấy nguồn tin.") from None
    except TimeoutError:
        raise FeedError(f"Quá thời gian chờ ({timeout:g} giây): máy chủ nguồn tin không trả lời.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FeedError(
                f"Quá thời gian chờ ({timeout:g} giây): máy chủ nguồn tin không trả lời."
            ) from None
        raise FeedError("Không kết nối được tới máy chủ nguồn tin.") from None
    except (ValueError, OSError):
        raise FeedError("Không kết nối được tới máy chủ nguồn tin.") from None
    if len(data) > MAX_FEED_BYTES:
        raise FeedError("Nguồn tin lớn hơn 2 MB nên không được đọc.")
    if "html" in content_type.lower() and "xml" not in content_type.lower():
        raise FeedError(_HTML_PAGE)
    return data, content_type


def feed_fetch(url: str, *, timeout: float = 10) -> bytes:
    """The body of ``url`` (at most 2 MB); :class:`FeedError` in Vietnamese for what went wrong."""
    return _download(url, timeout=timeout)[0]


def feed_read(url: str, *, timeout: float = 10) -> list[FeedEntry]:
    """Fetch ``url`` ourselves (limits above), then let feedparser read the bytes."""
    data, content_type = _download(url, timeout=timeout)
    return feed_parse(data, url=url, content_type=content_type)


@dataclass
class PullResult:
    """What one pull did: feeds read, drafts created, feeds that failed (with their message)."""

    feeds: int = 0
    created: int = 0
    failed: int = 0


def feeds_pull(*, actor: Any = SYSTEM_FEEDS, timeout: float = 10, feeds: Any = None) -> PullResult:
    """Read every active feed of the units where ``actor`` may record and add its new items as
    drafts of their unit (the hourly pull runs as :data:`SYSTEM_FEEDS`, which reads them all).

    An item is new when no activity of the unit and no draft (pending, confirmed or discarded) has
    its link. Each feed's result (``last_pulled_at``, ``last_error``) is saved even when it fails.
    """
    require_actor(actor)
    if feeds is None:
        feeds = Feed.objects.filter(active=True, unit__in=units_for(actor, Action.RECORD)).select_related(
            "unit"
        )
    else:
        feeds = [feed for feed in feeds if can(actor, Action.RECORD, feed.unit_id)]
    result = PullResult()
    for feed in feeds:
        result.feeds += 1
        try:
            entries = feed_read(feed.url, timeout=timeout)
        except FeedError as exc:
            result.failed += 1
            Feed.objects.filter(pk=feed.pk).update(
                last_pulled_at=timezone.now(), last_error=exc.message[:500]
            )
            continue
        result.created += feed_store(actor=actor, feed=feed, entries=entries)
    return result


def feeds_due(*, every: dt.timedelta, now: dt.datetime | None = None) -> Any:
    """Active feeds never pulled, or last pulled ``every`` ago or longer (the scheduled pull's share)."""
    since = (now or timezone.now()) - every
    return (
        Feed.objects.filter(active=True)
        .filter(Q(last_pulled_at__isnull=True) | Q(last_pulled_at__lte=since))
        .select_related("unit")
    )


@transaction.atomic
def feed_store(*, actor: Any, feed: Feed, entries: list[FeedEntry]) -> int:
    """Add the entries of ``feed`` that are new as drafts of its unit; the number added.

    An entry is new when no activity of the unit and no draft (pending, confirmed or discarded) has
    its link. The feed's ``last_pulled_at`` is set and its ``last_error`` cleared.
    """
    urls = {e.url for e in entries}
    known = set(
        Activity.objects.filter(unit_id=feed.unit_id, evidence_url__in=urls).values_list(
            "evidence_url", flat=True
        )
    ) | set(
        DraftActivity.objects.filter(unit_id=feed.unit_id, evidence_url__in=urls).values_list(
            "evidence_url", flat=True
        )
    )
    today = timezone.localdate()
    new = []
    for e in entries:
        if e.url in known or len(e.url) > 500:
            continue
        known.add(e.url)
        new.append(
            DraftActivity(
                feed=feed,
                unit_id=feed.unit_id,
                date=min(e.date or today, today),
                title=e.title[:500],
                evidence_url=e.url,
            )
        )
    DraftActivity.objects.bulk_create(new)
    Feed.objects.filter(pk=feed.pk).update(last_pulled_at=timezone.now(), last_error="")
    if new:
        audit_record(
            actor=actor, verb="feeds.pull", target=feed, unit_id=feed.unit_id, after={"created": len(new)}
        )
    return len(new)


@transaction.atomic
def feed_register(
    *,
    actor: Any,
    unit: Unit,
    url: str,
    title: str = "",
    channel: Channel | None = None,
    areas: Iterable[ContentArea] = (),
) -> Feed:
    """Add a feed address to ``unit`` (officers of the unit); it is read at the next hourly pull.

    Its confirmed items are counted in ``channel`` (None: the catalogue's default for feeds, see
    :func:`feed_channel`) and tagged with ``areas``.
    """
    require(actor, Action.RECORD, unit)
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ValidationError(
            "Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://.",
            code="feeds.invalid_url",
            fields={"url": "Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://."},
        )
    if Feed.objects.filter(unit=unit, url=url).exists():
        raise ValidationError(
            "Đơn vị đã có nguồn tin này.",
            code="feeds.duplicate",
            fields={"url": "Đơn vị đã có nguồn tin này."},
        )
    feed = Feed.objects.create(unit=unit, url=url, title=vn.collapse_ws(vn.nfc(title)), channel=channel)
    feed.areas.set(areas)
    audit_record(actor=actor, verb="feed.register", target=feed, unit_id=unit.pk, after=snapshot(feed))
    return feed


def feed_list(*, user: Any, unit: Unit) -> list[Feed]:
    """The feeds of ``unit``, if the user may see it."""
    if not can(user, Action.VIEW, unit):
        return []
    return list(Feed.objects.filter(unit=unit).order_by("url"))


def feed_channel(feed: Feed) -> Channel:
    """The channel a confirmed item of ``feed`` counts in: the feed's own, else the catalogue's default."""
    if feed.channel_id is not None:
        return feed.channel  # type: ignore[return-value]
    channel = Channel.objects.filter(feed_default=True).first()
    if channel is None:
        raise ValidationError(
            "Danh mục hình thức tuyên truyền chưa có hình thức mặc định cho tin từ RSS: "
            "quản trị viên cần đánh dấu một hình thức, hoặc chọn hình thức cho nguồn tin.",
            code="feeds.no_channel",
        )
    return channel


def draft_list(*, user: Any, unit: Unit) -> list[DraftActivity]:
    """Drafts of ``unit`` waiting for confirmation, newest first (empty if the user may not see it)."""
    if not can(user, Action.VIEW, unit):
        return []
    return list(DraftActivity.objects.filter(unit=unit, status=DraftStatus.PENDING).select_related("feed"))


def _pending(*, actor: Any, pk: int) -> DraftActivity:
    draft = DraftActivity.objects.select_for_update().filter(pk=pk, status=DraftStatus.PENDING).first()
    if draft is None:
        raise NotFound("Không tìm thấy tin chờ xác nhận.", code="feeds.draft_not_found")
    require(actor, Action.RECORD, draft.unit_id)
    return draft


@transaction.atomic
def draft_confirm(*, actor: Any, pk: int) -> Activity:
    """Make a draft a counted activity (1 item in the feed's channel and areas, source FEED)."""
    from loa.activities.services import activity_record

    draft = _pending(actor=actor, pk=pk)
    before = snapshot(draft)
    activity = activity_record(
        actor=actor,
        unit=draft.unit,
        date=draft.date,
        channel=feed_channel(draft.feed),
        areas=list(draft.feed.areas.all()),
        title=draft.title,
        evidence_url=draft.evidence_url,
        source=Source.FEED,
    )
    draft.status = DraftStatus.CONFIRMED
    draft.activity = activity
    draft.save(update_fields=["status", "activity", "updated_at"])
    audit_record(
        actor=actor,
        verb="draft.confirm",
        target=draft,
        unit_id=draft.unit_id,
        before=before,
        after=snapshot(draft),
    )
    return activity


@transaction.atomic
def draft_discard(*, actor: Any, pk: int) -> DraftActivity:
    """Set a draft aside: it is not an activity, and the next pull will not bring it back."""
    draft = _pending(actor=actor, pk=pk)
    before = snapshot(draft)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        verb="draft.discard",
        target=draft,
        unit_id=draft.unit_id,
        before=before,
        after=snapshot(draft),
    )
    return draft
