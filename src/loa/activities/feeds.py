"""News feeds (RSS 2.0, Atom) of a unit's portal: read them, turn new items into drafts to confirm.

A published article is evidence of a "tin, bài trên Cổng thông tin" activity; pulling the feed
saves the officer from typing it, but an officer still confirms each one (ADR 0005).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.db import transaction
from django.utils import timezone

from loa.activities.models import Activity, DraftActivity, DraftStatus, Feed, Source
from loa.core import vn
from loa.core.audit import audit_record, snapshot
from loa.core.errors import NotFound, ValidationError
from loa.organizations.access import Action, require, units_visible_to
from loa.organizations.models import Unit

MAX_FEED_BYTES = 2 * 1024 * 1024
FEED_CHANNEL = "PORTAL"
_ATOM = "{http://www.w3.org/2005/Atom}"


class FeedError(ValidationError):
    """A feed could not be read; the message is what the unit's page shows as the last error."""

    code = "feeds.unreadable"


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link, title and publication date."""

    url: str
    title: str
    date: dt.date | None


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    text = text.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()  # Atom: RFC 3339
    except ValueError:
        return vn.parse_vn_date(text)


def feed_parse(data: bytes) -> list[FeedEntry]:
    """The entries of an RSS 2.0 or Atom document; :class:`FeedError` for HTML or broken XML."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        raise FeedError("Địa chỉ trả về một trang web (HTML), không phải nguồn tin RSS/Atom.")
    try:
        root = ElementTree.fromstring(data)
    except DefusedXmlException:
        raise FeedError("Nguồn tin chứa nội dung XML không an toàn nên bị từ chối.") from None
    except ElementTree.ParseError:
        raise FeedError("Nguồn tin không phải XML hợp lệ (RSS/Atom bị lỗi cấu trúc).") from None
    entries: list[FeedEntry] = []
    if root.tag == "rss" or root.tag.endswith("RDF"):
        for item in root.iter("item"):
            link = (item.findtext("link") or item.findtext("guid") or "").strip()
            title = vn.collapse_ws(vn.nfc(item.findtext("title") or ""))
            date = _parse_date(
                item.findtext("pubDate") or item.findtext("{http://purl.org/dc/elements/1.1/}date")
            )
            if link and title:
                entries.append(FeedEntry(url=link, title=title, date=date))
    elif root.tag == f"{_ATOM}feed":
        for entry in root.iter(f"{_ATOM}entry"):
            link = ""
            for el in entry.findall(f"{_ATOM}link"):
                if el.get("rel", "alternate") == "alternate" and el.get("href"):
                    link = el.get("href", "").strip()
                    break
            title = vn.collapse_ws(
                vn.nfc(
                    "".join(entry.find(f"{_ATOM}title").itertext())
                    if entry.find(f"{_ATOM}title") is not None
                    else ""
                )
            )
            date = _parse_date(entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated"))
            if link and title:
                entries.append(FeedEntry(url=link, title=title, date=date))
    elif root.tag.lower() == "html" or root.tag.endswith("}html"):
        raise FeedError("Địa chỉ trả về một trang web (HTML), không phải nguồn tin RSS/Atom.")
    else:
        raise FeedError("Tệp XML không phải nguồn tin RSS 2.0 hay Atom.")
    return entries


def feed_fetch(url: str, *, timeout: float = 10) -> bytes:
    """The body of ``url`` (at most 2 MB); :class:`FeedError` in Vietnamese for what went wrong."""
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
        raise FeedError("Địa chỉ trả về một trang web (HTML), không phải nguồn tin RSS/Atom.")
    return data


@dataclass
class PullResult:
    """What one pull did: feeds read, drafts created, feeds that failed (with their message)."""

    feeds: int = 0
    created: int = 0
    failed: int = 0


def feeds_pull(*, timeout: float = 10, feeds: Any = None) -> PullResult:
    """Read every active feed and add its new items as drafts of their unit.

    An item is new when no activity of the unit and no draft (pending, confirmed or discarded) has
    its link. Each feed's result (``last_pulled_at``, ``last_error``) is saved even when it fails.
    """
    result = PullResult()
    for feed in feeds if feeds is not None else Feed.objects.filter(active=True).select_related("unit"):
        result.feeds += 1
        try:
            entries = feed_parse(feed_fetch(feed.url, timeout=timeout))
        except FeedError as exc:
            result.failed += 1
            Feed.objects.filter(pk=feed.pk).update(
                last_pulled_at=timezone.now(), last_error=exc.message[:500]
            )
            continue
        with transaction.atomic():
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
                    actor=None,
                    verb="feeds.pull",
                    target=feed,
                    unit_id=feed.unit_id,
                    after={"created": len(new)},
                )
        result.created += len(new)
    return result


@transaction.atomic
def feed_register(*, actor: Any, unit: Unit, url: str, title: str = "") -> Feed:
    """Add a feed address to ``unit`` (officers of the unit); it is read at the next hourly pull."""
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
    feed = Feed.objects.create(unit=unit, url=url, title=vn.collapse_ws(vn.nfc(title)))
    audit_record(actor=actor, verb="feed.register", target=feed, unit_id=unit.pk, after=snapshot(feed))
    return feed


def feed_list(*, user: Any, unit: Unit) -> list[Feed]:
    """The feeds of ``unit``, if the user may see it."""
    visible = units_visible_to(user)
    if visible is not None and unit.pk not in visible:
        return []
    return list(Feed.objects.filter(unit=unit).order_by("url"))


def draft_list(*, user: Any, unit: Unit) -> list[DraftActivity]:
    """Drafts of ``unit`` waiting for confirmation, newest first (empty if the user may not see it)."""
    visible = units_visible_to(user)
    if visible is not None and unit.pk not in visible:
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
    """Make a draft a counted activity (1 tin, bài on the portal, source FEED)."""
    from loa.activities.services import activity_record
    from loa.plans.models import Channel

    draft = _pending(actor=actor, pk=pk)
    activity = activity_record(
        actor=actor,
        unit=draft.unit,
        date=draft.date,
        channel=Channel.objects.get(code=FEED_CHANNEL),
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
        after={"activity": activity.pk},
    )
    return activity


@transaction.atomic
def draft_discard(*, actor: Any, pk: int) -> DraftActivity:
    """Set a draft aside: it is not an activity, and the next pull will not bring it back."""
    draft = _pending(actor=actor, pk=pk)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, verb="draft.discard", target=draft, unit_id=draft.unit_id)
    return draft
