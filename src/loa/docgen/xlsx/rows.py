"""The rows each annex takes: plain frozen dataclasses (or dicts with the same keys)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["AnnexHeading", "ArticleEntry", "ChannelResult", "ContentResult", "UnitSummary"]


@dataclass(frozen=True)
class AnnexHeading:
    """What the top of every annex sheet says: reporting unit, period and the "(Kèm theo …)" line."""

    unit_name: str
    period: str
    reference: str | None = None


@dataclass(frozen=True)
class ChannelResult:
    """Biểu 01 row: one channel (hình thức) with its unit of measure, target and results."""

    channel: str
    unit: str
    planned: float | None = None
    done: float = 0
    cumulative: float | None = None  # lũy kế từ đầu năm; the period's figure when not given
    previous: float | None = None  # cùng kỳ năm trước; blank when not compared
    evidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class ContentResult:
    """Biểu 02 row: one CCHC content area."""

    area: str
    articles: int = 0
    broadcasts: int = 0
    meetings: int = 0
    other: int = 0
    note: str = ""


@dataclass(frozen=True)
class UnitSummary:
    """Biểu 03 row: one reporting unit (agency, commune, ward) in the aggregate."""

    unit: str
    plan_ref: str = ""  # "07/KH-VHTT ngày 13/01/2022"; blank when the unit issued no plan
    tasks_planned: int = 0
    tasks_done: int = 0
    articles: int = 0
    broadcasts: int = 0
    panels: int = 0
    led: bool = False
    led_items: int = 0
    social_posts: int = 0
    meetings: int = 0
    meeting_attendees: int = 0
    contests: int = 0
    contest_participants: int = 0
    other: int = 0
    report_sent: dt.date | None = None
    self_score: float | None = None


@dataclass(frozen=True)
class ArticleEntry:
    """Biểu 04 row: one article, broadcast or post kept as evidence."""

    published: dt.date
    title: str
    channel: str
    area: str = ""
    link: str = ""
    author: str = ""
    note: str = ""
