"""Figures of a past communication report, read for history (issue 14, item 4; ADR 0026).

``loa ingest REPORT --figures`` (and the import page's checkbox) reads a report such as Báo cáo
297/BC-VHTT: its unit (the issuer), its period (from the subject: "năm 2022") and the quantities
it states ("2 tin, bài", "01 cụm pano"). :func:`report_figures_preview` maps each quantity to a
channel of the catalogue and shows the result for confirmation; :func:`report_figures_commit`
registers the report and stores the confirmed figures as the unit's figures for that period,
marked as imported from it — all in one transaction, or nothing.

Mapping a quantity to a channel uses the catalogue only (no list of words in code): the unit of
measure against each channel's measure, and the words around the quantity against the words of
the channel's name ("tin, bài … cổng thông tin điện tử" → "Tin, bài trên Cổng/Trang thông tin điện
tử"). A quantity with no such evidence maps to no channel: the user chooses one or leaves it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from loa.activities.history import FigureRow, historical_figures_store
from loa.activities.models import HistoricalFigure
from loa.core import vn
from loa.core.errors import ValidationError
from loa.core.periods import Period, parse_period
from loa.ingest.parse import Extraction
from loa.ingest.services import CommitResult, ingest_commit, issuer_fold
from loa.organizations.access import Action, require
from loa.organizations.models import Unit
from loa.plans.models import Channel

__all__ = [
    "FigureProposal",
    "ReportFigures",
    "map_channel",
    "period_of_record",
    "report_figures_commit",
    "report_figures_preview",
    "report_figures_store",
]

# Words of channel names that say nothing about the channel ("Tin, bài trên Cổng…").
_STOP = frozenset(
    "tren trong cac va cua ve cho voi theo tai bang cchc tuyen truyen hinh thuc khac so luong "
    "duoc da thuc hien nam thang ky cong tac phong thi xa huyen tinh".split()
)
_WORD_RE = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return [w for w in _WORD_RE.findall(vn.fold(text)) if w not in _STOP and len(w) > 1]


@dataclass
class FigureProposal:
    """One quantity of the report and the channel it maps to (``None``: no channel fits)."""

    phrase: str
    quantity: int
    unit: str
    channel: Channel | None
    score: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "phrase": self.phrase,
            "quantity": self.quantity,
            "unit": self.unit,
            "channel": self.channel.code if self.channel else None,
            "channel_name": self.channel.name if self.channel else None,
            "message": None
            if self.channel
            else f"Số liệu «{self.quantity} {self.unit}» không khớp hình thức tuyên truyền nào: "
            "chọn hình thức hoặc bỏ dòng này.",
        }


@dataclass
class ReportFigures:
    """What a report gives for history: its unit, its period and the proposed figures."""

    unit: Unit
    period: Period
    proposals: list[FigureProposal] = field(default_factory=list)
    symbol: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit.code,
            "unit_name": self.unit.name,
            "period": self.period.code,
            "period_label": self.period.label_vi,
            "document": self.symbol,
            "figures": [p.as_dict() for p in self.proposals],
        }


def map_channel(phrase: str, unit: str, channels: Sequence[Channel]) -> tuple[Channel | None, int]:
    """The channel a quantity "``phrase``" counted in ``unit`` belongs to, and the evidence score.

    The unit of measure equal to a channel's measure counts 3, a word of it shared with the measure
    1; each word of the phrase shared with the channel's name counts 1 (2 for the rarer words that
    only one channel's name has). The best channel needs a score of at least 3; ties go to the
    catalogue's order.
    """
    unit_fold = vn.fold(unit)
    unit_words = set(_words(unit)) | {w for w in _WORD_RE.findall(unit_fold) if len(w) > 1}
    text_words = set(_words(phrase)) | unit_words
    name_words = {c.pk: set(_words(c.name)) for c in channels}
    frequency: dict[str, int] = {}
    for words in name_words.values():
        for w in words:
            frequency[w] = frequency.get(w, 0) + 1
    best: tuple[int, int] = (0, 0)
    chosen: Channel | None = None
    for order, channel in enumerate(channels):
        measure = vn.fold(channel.measure)
        score = 3 if measure == unit_fold else len(unit_words & set(_WORD_RE.findall(measure)))
        score += sum(2 if frequency.get(w) == 1 else 1 for w in text_words & name_words[channel.pk])
        if score > best[0]:
            best, chosen = (score, -order), channel
    if best[0] < 3:
        return None, best[0]
    return chosen, best[0]


_PERIOD_CODES = {
    "year": lambda p: f"{p['year']}",
    "half": lambda p: f"{p['year']}-H{p['half']}",
    "quarter": lambda p: f"{p['year']}-Q{p['quarter']}",
    "months": lambda p: f"{p['year']}-{p['months']}M",
}


def period_of_record(record: Mapping[str, Any]) -> Period:
    """The period a report covers, from its record; refused when it has none Loa counts in."""
    value = record.get("period")
    if not value:
        raise ValidationError(
            "Không xác định được kỳ của báo cáo (năm, 6 tháng, quý…) từ trích yếu: không nhập được số liệu.",
            code="history.no_period",
        )
    make = _PERIOD_CODES.get(value.get("kind"))
    if make is None:
        raise ValidationError(
            "Báo cáo nhiều năm hoặc theo năm học: Loa chỉ nhập số liệu theo năm, 6 tháng, quý hoặc số tháng.",
            code="history.period_kind",
        )
    period = parse_period(make(value))
    if period.window("calendar")[1] >= dt.date.today():
        raise ValidationError(
            f"Kỳ {period.label_vi} chưa kết thúc: số liệu của kỳ này được ghi nhận qua hoạt động.",
            code="history.period_open",
        )
    return period


def _report_unit(record: Mapping[str, Any], unit: Unit | None) -> Unit:
    issuer = vn.collapse_ws(vn.nfc(record.get("issuer") or ""))
    key = issuer_fold(issuer)
    if unit is not None:
        if key and key != issuer_fold(unit.name):
            raise ValidationError(
                f"Báo cáo của «{issuer}», không phải của «{unit.name}»: không nhập số liệu vào đơn vị này.",
                code="history.unit_mismatch",
            )
        return unit
    matches = [u for u in Unit.objects.all() if key and issuer_fold(u.name) == key]
    parent = issuer_fold(record.get("parent_issuer") or "")
    if len(matches) > 1 and parent:
        matches = [u for u in matches if u.parent_id and issuer_fold(u.parent.name) == parent] or matches
    if len(matches) != 1:
        raise ValidationError(
            f"Không xác định được đơn vị «{issuer or 'không rõ'}» trong Loa: chọn đơn vị của báo cáo.",
            code="history.unit_unknown",
        )
    return matches[0]


def report_figures_preview(
    *, user: Any, extraction: Extraction | Mapping[str, Any], unit: Unit | None = None
) -> ReportFigures:
    """The report's unit, period and figures mapped to channels, for the user to confirm.

    ``extraction`` is the parser's result or a (corrected) record. Refused, with a Vietnamese
    message, for a text that is not an administrative document, a document that is not a report, a
    report with no period, and a report of another unit than ``unit``. Nothing is written.
    """
    record = extraction.record if isinstance(extraction, Extraction) else extraction
    if (not record.get("doc_type") and not record.get("issuer")) or (
        isinstance(extraction, Extraction) and extraction.document is None
    ):
        raise ValidationError(
            "Văn bản này không phải văn bản hành chính (không thấy loại văn bản và cơ quan ban hành).",
            code="history.not_a_document",
        )
    if vn.fold(record.get("doc_type") or "") != "bao cao":
        raise ValidationError(
            f"Chỉ nhập số liệu từ báo cáo; văn bản này là {record.get('doc_type') or 'văn bản không rõ loại'}.",
            code="history.not_a_report",
        )
    the_unit = _report_unit(record, unit)
    require(user, Action.VIEW, the_unit)
    period = period_of_record(record)
    channels = list(Channel.objects.filter(active=True).order_by("sort_order", "code"))
    proposals = []
    for stat in record.get("statistics") or []:
        quantity = stat.get("quantity")
        if not isinstance(quantity, int | float) or quantity < 1 or int(quantity) != quantity:
            continue
        channel, score = map_channel(f"{stat.get('what') or ''}", stat.get("unit") or "", channels)
        proposals.append(
            FigureProposal(
                phrase=stat.get("what") or "",
                quantity=int(quantity),
                unit=stat.get("unit") or "",
                channel=channel,
                score=score,
            )
        )
    if not proposals:
        raise ValidationError(
            "Không thấy số liệu nào (số lượng kèm đơn vị tính) trong báo cáo.", code="history.no_figures"
        )
    return ReportFigures(unit=the_unit, period=period, proposals=proposals, symbol=record.get("symbol"))


#: A choice for one proposal: a channel code, or ``None`` to leave the figure out; with a quantity.
Choice = tuple[str | None, int]


@transaction.atomic
def report_figures_commit(
    *,
    actor: Any,
    extraction: Extraction,
    unit: Unit | None = None,
    choices: Sequence[Choice] | None = None,
    skip_unmapped: bool = False,
    file: Any = None,
) -> tuple[CommitResult, ReportFigures, list[HistoricalFigure]]:
    """Register the report and store its confirmed figures as its unit's figures for its period.

    ``choices`` (one per proposal, in order) are the user's corrections: a channel code or ``None``
    (leave out), and the quantity. Without them the proposals stand; a figure mapped to no channel
    is then refused unless ``skip_unmapped``. Figures of one channel are added together. All or
    nothing: an error leaves neither the document nor any figure registered.
    """
    preview = report_figures_preview(user=actor, extraction=extraction, unit=unit)
    rows = _confirmed_rows(actor, preview, choices, skip_unmapped)
    result = ingest_commit(actor=actor, extractions=[extraction], issuer_unit=preview.unit, files=[file])
    document = (result.created + result.completed + result.merged)[0]
    figures = historical_figures_store(
        actor=actor, unit=preview.unit, period=preview.period, source_document=document, rows=rows
    )
    return result, preview, figures


def report_figures_store(
    *,
    actor: Any,
    record: Mapping[str, Any],
    document: Any,
    unit: Unit | None = None,
    choices: Sequence[Choice] | None = None,
    skip_unmapped: bool = False,
) -> list[HistoricalFigure]:
    """Store the confirmed figures of a report already registered as ``document`` (the import page
    registers a batch, then the figures of its reports, in one transaction: see ``batch_commit``)."""
    preview = report_figures_preview(user=actor, extraction=record, unit=unit)
    rows = _confirmed_rows(actor, preview, choices, skip_unmapped)
    return historical_figures_store(
        actor=actor, unit=preview.unit, period=preview.period, source_document=document, rows=rows
    )


def _confirmed_rows(
    actor: Any, preview: ReportFigures, choices: Sequence[Choice] | None, skip_unmapped: bool
) -> list[FigureRow]:
    require(actor, Action.RECORD, preview.unit)
    by_code = {c.code: c for c in Channel.objects.filter(active=True)}
    if choices is not None and len(choices) != len(preview.proposals):
        raise ValidationError(
            "Bảng xác nhận số liệu không khớp với báo cáo: mở lại báo cáo.", code="history.stale"
        )
    totals: dict[str, tuple[Channel, int, list[str]]] = {}
    for i, proposal in enumerate(preview.proposals):
        if choices is not None:
            code, quantity = choices[i]
        else:
            code, quantity = (proposal.channel.code if proposal.channel else None), proposal.quantity
        if code is None:
            if choices is None and not skip_unmapped:
                raise ValidationError(proposal.as_dict()["message"], code="history.unmapped")
            continue
        channel = by_code.get(code)
        if channel is None:
            raise ValidationError(f"Không có hình thức tuyên truyền mã «{code}».", code="history.channel")
        if quantity is None or quantity < 1:
            raise ValidationError(
                f"Số lượng của «{proposal.phrase or channel.name}» phải từ 1 trở lên.",
                code="history.quantity",
            )
        _, total, phrases = totals.get(code, (channel, 0, []))
        totals[code] = (
            channel,
            total + quantity,
            [*phrases, f"{quantity} {proposal.unit}: {proposal.phrase}"],
        )
    if not totals:
        raise ValidationError("Không còn số liệu nào để nhập sau khi bỏ các dòng.", code="history.empty")
    return [FigureRow(channel=c, quantity=q, phrase="; ".join(p)) for c, q, p in totals.values()]
