"""A unit's communication report (Báo cáo công tác tuyên truyền CCHC) drafted from its data.

Drafting belongs to the reporting use-case, above ``docgen``: it reads the registry, plans and
activities through their selectors and hands ``docgen``'s renderers a plain :class:`OfficialDocument`
(and the annex rows); no ORM object goes further. ``sources`` reads the letterhead, signature,
plan and directives; ``wording`` holds the phrasing helpers. The wording follows
how an office writes the report (tests/fixtures/examples/docs/000.txt; the report-structure notes, §2): the plan
implemented, direction (plans issued, orientations sent, documents studied), the communication work
by channel and content area, the statistics against targets, and the closing.

A report is true to its period, whatever day it is dated:

- its text (the unit's name and place, the plans and directive documents it cites) comes from the
  hierarchy and documents in force during the period, not on the report's date;
- its figures count the period's window up to the report's date, and say so when that is before the
  window closes ("tính đến ngày 21/10/2022");
- a unit with units below it during the period reports the whole subtree, as its dashboard does;
- a period shorter than a year shows progress to date against the annual target (lũy kế từ đầu năm);
- the letterhead and signature are the issuer's on the report's date: the document is issued then.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from loa.activities.comparison import Comparison, channel_comparison, channel_imported
from loa.activities.models import Activity
from loa.activities.selectors import ChannelFigure, channel_figures
from loa.activities.transfers import transfer_sentence, transfers_in_period
from loa.core.periods import Period, PeriodKind
from loa.core.vn import screen_date
from loa.docgen.xlsx import ChannelResult
from loa.nd30.spec import Heading, OfficialDocument, Paragraph
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_parent, unit_subtree_ids
from loa.plans.catalogue import report_sentence
from loa.plans.codes import ORIENTATION as _ORIENTATION
from loa.plans.models import Channel, Orientation
from loa.reporting.drafting.comparing import comparison_sentence, previous_suffix, with_imported
from loa.reporting.drafting.sources import _LOCAL_GOVERNMENT, _directives, _signature, _unit_plan
from loa.reporting.drafting.wording import _cchc, _cite, _lower_first, _place_suffix, _qty, short_name

# The channel whose work is written under "Công tác chỉ đạo điều hành" (with the orientations sent)
# is ``_ORIENTATION``, not a line of section 2. Every other channel's sentence comes from the catalogue.
_PART_OF_A_YEAR = {PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.MONTH}


@dataclass(frozen=True)
class EditablePart:
    """A paragraph the officer may reword: key in ``Report.narrative``, label, Loa's draft, the text used."""

    key: str
    label: str
    drafted: str
    text: str

    @property
    def edited(self) -> bool:
        return self.text != self.drafted


@dataclass
class ReportDraft:
    """The drafted document, the figures behind it, the editable paragraphs and warnings (Vietnamese)."""

    document: OfficialDocument
    figures: list[ChannelFigure]
    warnings: list[str] = field(default_factory=list)
    parts: list[EditablePart] = field(default_factory=list)
    # Progress from the start of the year (lũy kế) for a period shorter than a year, else None.
    to_date: list[ChannelFigure] | None = None
    # The last day counted: the window's end, or the report's date when that comes first.
    counted_to: dt.date | None = None
    # True when the figures add up the units below (a town, a province), as its dashboard does.
    subtree: bool = False
    # "Cùng kỳ năm trước": the same span a year earlier, through lineage, with imported figures.
    comparison: Comparison | None = None


def annex_rows(draft: ReportDraft) -> list[ChannelResult]:
    """Biểu 01 rows of the report: the period's figure, progress from the start of the year, and
    the same span a year earlier (cùng kỳ năm trước)."""
    in_period = {f.channel: f for f in draft.figures}
    before = draft.comparison.values if draft.comparison is not None else None

    def previous(code: str) -> int | None:
        return None if before is None else before.get(code, 0)

    if draft.to_date is None:
        return [
            ChannelResult(
                channel=f.name, unit=f.measure, planned=f.target, done=f.actual, previous=previous(f.channel)
            )
            for f in draft.figures
        ]
    return [
        ChannelResult(
            channel=y.name,
            unit=y.measure,
            planned=y.target,
            done=in_period[y.channel].actual if y.channel in in_period else 0,
            cumulative=y.actual,
            previous=previous(y.channel),
        )
        for y in draft.to_date
    ]


# Sections the officer writes (not drafted from data): key → (heading, form label).
FREE_SECTIONS = {
    "assessment": ("Đánh giá chung:", "Đánh giá chung (ưu điểm, hạn chế, nguyên nhân)"),
    "next": ("Phương hướng, nhiệm vụ kỳ tới:", "Phương hướng, nhiệm vụ kỳ tới"),
}


def build_unit_report(
    *,
    user: Any,
    unit: Unit,
    period: Period,
    report_date: dt.date,
    window: str | None = None,
    narrative: dict[str, str] | None = None,
    figures: list[ChannelFigure] | None = None,
    figures_note: str = "",
    previous: dict[str, Any] | None = None,
) -> ReportDraft:
    """Draft the unit's report for ``period``, dated ``report_date``, for ``user`` (refused unless
    they may see ``unit``; the report counts the unit's whole subtree, as its own figures).

    Figures count the period's window up to ``report_date`` when that comes first. ``narrative``
    holds the officer's wording by paragraph key (see ``ReportDraft.parts``); a key not there keeps
    Loa's draft. Figures (section 3) are never editable: they come from the data.

    ``figures`` replaces the live count (a consolidated report shows the figures frozen in the
    accepted submissions, :mod:`loa.reporting.consolidation`): then no live activity is read for
    the figures or the content areas, and ``figures_note`` heads section 3 (where they come from);
    ``previous`` is then the frozen "cùng kỳ" (:meth:`Comparison.as_dict`), if any.

    Live figures add what figures imported from old reports add above the records, and compare
    with the same span a year earlier read through lineage (ADR 0029).
    """
    warnings: list[str] = []
    narrative = narrative or {}
    mode = window or period.default_window()
    start, window_end = period.window(mode)  # type: ignore[arg-type]
    end = min(window_end, report_date)
    if report_date < start:
        warnings.append(
            f"Ngày báo cáo {screen_date(report_date)} trước khi kỳ báo cáo bắt đầu "
            f"({screen_date(start)}): báo cáo chưa có số liệu nào."
        )
    if not unit.is_active_on(report_date):
        life = f"{screen_date(unit.valid_from) if unit.valid_from else '…'}–" + (
            screen_date(unit.valid_to) if unit.valid_to else "nay"
        )
        warnings.append(
            f"Ngày báo cáo {screen_date(report_date)} nằm ngoài thời gian hoạt động của đơn vị ({life}): "
            "đơn vị không thể ban hành văn bản vào ngày này; hãy chọn ngày báo cáo trong thời gian đó."
        )
    # A day of the period on which the unit existed: its place in the hierarchy during the period.
    during = max(start, min(end, unit.valid_to or end))
    unit_ids = unit_subtree_ids(unit_ids=[unit.pk], start=start, end=max(start, end))
    subtree = len(unit_ids) > 1
    frozen = figures is not None
    if figures is None:
        figures = channel_figures(
            user=user, unit=unit, start=start, end=end, year=period.year, subtree=subtree
        )
    to_date = None
    comparison = Comparison.from_dict(previous) if frozen and previous else None
    if not frozen:
        known = {"user": user, "unit": unit, "end": max(start, end), "subtree": subtree, "mode": mode}
        figures = with_imported(figures, channel_imported(period=period, **known))  # type: ignore[arg-type]
        comparison = channel_comparison(period=period, **known)  # type: ignore[arg-type]
    if comparison is not None and not any(comparison.values.values()):
        comparison = None  # nothing recorded or imported a year before: nothing to compare with
    if comparison is not None:
        # A channel worked only in the year before still has its line (0 this period).
        listed = {f.channel for f in figures}
        figures = with_imported(figures, {c: 0 for c in comparison.values if c not in listed})
    if period.kind in _PART_OF_A_YEAR and not frozen:
        year = Period(kind=PeriodKind.YEAR, year=period.year)
        year_start = year.window(mode)[0]  # type: ignore[arg-type]
        to_date = with_imported(
            channel_figures(
                user=user, unit=unit, start=year_start, end=end, year=period.year, subtree=subtree
            ),
            channel_imported(period=year, **known),  # type: ignore[arg-type]
        )

    plan = _unit_plan(unit, period.year)
    parent_plans = list(plan.parents.select_related("document__issuer_unit")) if plan else []
    implemented = next((p.document for p in parent_plans if p.document_id), None)
    local_government = unit.kind in _LOCAL_GOVERNMENT
    period_parent = unit_parent(unit=unit, on=during)
    if local_government:
        # "UBND phường Hương Trà": the body's own name says where it is.
        actor = unit_full = short_name(unit.name)
    else:
        # "Phòng Văn hoá và Thông tin" of "thị xã Hương Trà", where it sat during the period.
        actor, suffix = unit.name, _place_suffix(period_parent)
        unit_full = f"{actor} {suffix}" if suffix and suffix.casefold() not in actor.casefold() else actor
    label = period.label_vi
    first = [False]
    parts: list[EditablePart] = []

    def para(into: list[Heading | Paragraph], key: str, part_label: str, drafted: str, style: str) -> None:
        text = narrative.get(key) or drafted
        parts.append(EditablePart(key=key, label=part_label, drafted=drafted, text=text))
        into.append(Paragraph(text, style))

    def free(key: str, part_label: str) -> str:
        text = narrative.get(key, "")
        parts.append(EditablePart(key=key, label=part_label, drafted="", text=text))
        return text

    opening: list[Heading | Paragraph] = []
    intro = f"{unit_full} báo cáo công tác tuyên truyền cải cách hành chính {label}, với những nội dung sau:"
    if implemented is not None:
        intro = f"Thực hiện {_cite(implemented)} về việc {_lower_first(implemented.subject)}. {intro}"
    para(opening, "opening", "Mở đầu", _cchc(intro, first), "body")

    # 1. Direction: the plan issued, orientations sent, documents studied.
    direction: list[Heading | Paragraph] = []
    whose = "của các cơ quan, đơn vị, địa phương trực thuộc" if subtree else "của đơn vị"
    if plan is not None:
        if plan.document_id:
            doc = plan.document
            done = f"đã ban hành {_cite(doc, short=True)} về việc {_lower_first(doc.subject)}"
        else:
            title = plan.title.strip()
            done = (
                f"đã xây dựng {title if title.casefold().startswith('kế hoạch') else f'kế hoạch “{title}”'}"
            )
            warnings.append(
                "Kế hoạch của đơn vị chưa gắn văn bản (số, ngày ban hành) trong Loa: báo cáo chỉ nêu tên "
                "kế hoạch."
            )
        drafted = (
            f"{actor} {done}. Qua đó, xác định rõ trách nhiệm, đối tượng và nội dung tuyên truyền cải "
            f"cách hành chính {whose}."
        )
        para(direction, "s1.plan", "Kế hoạch đã ban hành", _cchc(drafted, first), "dash")
    else:
        warnings.append("Đơn vị chưa có kế hoạch tuyên truyền CCHC cho kỳ này trong Loa.")
    orientations = list(
        Orientation.objects.filter(unit=unit, month__gte=start.replace(day=1), month__lte=end).order_by(
            "month"
        )
    )
    sentences = dict(
        Channel.objects.filter(code__in=[f.channel for f in figures]).values_list("code", "report_sentence")
    )

    def sentence(f: ChannelFigure) -> str:
        text = report_sentence(
            template=sentences.get(f.channel, ""), name=f.name, measure=f.measure, quantity=_qty(f.actual)
        )
        return text + "."

    if orientations:
        months = (
            f"từ tháng {orientations[0].month:%m} đến tháng {orientations[-1].month:%m/%Y}"
            if len(orientations) > 1
            else f"tháng {orientations[0].month:%m/%Y}"
        )
        drafted = (
            "Lãnh đạo đơn vị đã chỉ đạo bộ phận tuyên truyền thực hiện định hướng tuyên truyền hàng tháng "
            f"({_qty(len(orientations))} kỳ, {months}) gửi đến các cơ quan, đơn vị và các xã, phường."
        )
        para(direction, "s1.orientations", "Định hướng tuyên truyền", drafted, "dash")
    else:
        issued = next((f for f in figures if f.channel == _ORIENTATION and f.actual), None)
        if issued is not None:
            para(direction, "s1.orientations", issued.name, sentence(issued), "dash")
    issued_by = min(report_date, period.window("calendar")[1])
    directives = [
        d
        for d in _directives(plan, period.year, unit, start, max(start, end), issued_by)
        if not (plan and d.pk == plan.document_id)
    ]
    if directives:
        drafted = (
            # The unit's own earlier documents (a town's 5-year CCHC plan) are not "của cấp trên".
            (
                "Quán triệt các văn bản chỉ đạo của cấp trên như: "
                if all(d.issuer_unit_id != unit.pk for d in directives)
                else "Quán triệt, triển khai các văn bản chỉ đạo như: "
            )
            + "; ".join(f"{_cite(d)} về {_lower_first(d.subject)}" for d in directives)
            + "; đồng thời lồng ghép tuyên truyền về CCHC trong các buổi họp cơ quan, chi bộ."
        )
        para(direction, "s1.directives", "Văn bản chỉ đạo đã quán triệt", _cchc(drafted, first), "dash")

    # 2. Communication work: one sentence per channel with activity, from the channel catalogue.
    work: list[Heading | Paragraph] = []
    for f in figures:
        if f.actual and f.channel != _ORIENTATION:
            para(work, f"s2.{f.channel}", f.name, _cchc(sentence(f), first), "dash")
    # Work handed over or taken over during the period (chuyển giao nhiệm vụ), said by both units.
    for transfer in transfers_in_period(user=user, unit=unit, start=start, end=end):
        para(
            work,
            f"s2.transfer.{transfer.pk}",
            "Chuyển giao nhiệm vụ",
            transfer_sentence(transfer, unit=unit),
            "dash",
        )
    acts = Activity.objects.filter(unit_id__in=unit_ids, date__gte=start, date__lte=end)
    area_count: Counter[str] = Counter(
        () if frozen else (name for name in acts.values_list("areas__name", flat=True) if name is not None)
    )
    if area_count:
        listed = "; ".join(
            f"{_lower_first(name)} ({_qty(n)} hoạt động)" for name, n in area_count.most_common()
        )
        para(
            work,
            "s2.areas",
            "Nội dung tuyên truyền",
            f"Nội dung tuyên truyền tập trung vào: {listed}.",
            "dash",
        )
    if (not any(f.actual for f in figures)) if frozen else not acts.exists():
        warnings.append("Chưa có hoạt động nào được ghi nhận trong kỳ báo cáo.")
        who = "các cơ quan, đơn vị" if subtree else "đơn vị"
        work.append(Paragraph(f"Trong kỳ, {who} chưa ghi nhận hoạt động tuyên truyền CCHC nào.", "dash"))
    extra = free("s2.extra", "Công tác tuyên truyền khác (tự viết, mỗi dòng một ý)")
    work.extend(Paragraph(line.strip(), "dash") for line in extra.splitlines() if line.strip())

    # 3. Statistics against targets (data, not editable).
    statistics: list[Heading | Paragraph] = []
    if figures_note:
        statistics.append(Paragraph(figures_note))
    elif subtree:
        statistics.append(Paragraph("Số liệu tổng hợp gồm cả các cơ quan, đơn vị, địa phương trực thuộc."))
    # Without a plan of its own, a unit's subtree targets are its units' plans added up: say so.
    whose_targets = (
        "tổng chỉ tiêu kế hoạch của các đơn vị" if subtree and plan is None else "chỉ tiêu kế hoạch"
    )
    lines = _statistics_lines(figures, to_date, whose_targets, comparison)
    statistics.extend(
        Paragraph(line + (";" if i < len(lines) - 1 else "."), "plus") for i, line in enumerate(lines)
    )
    if not lines:
        statistics.append(Paragraph("Chưa có số liệu trong kỳ.", "plus"))
    compared = comparison_sentence(figures, comparison) if comparison is not None else ""
    if compared:
        para(statistics, "s3.comparison", "So sánh với cùng kỳ năm trước", compared, "body")
    as_of = f" (tính đến ngày {screen_date(end)})" if report_date < window_end else ""

    sections: list[tuple[str, list[Heading | Paragraph]]] = [
        ("Công tác chỉ đạo điều hành:", direction),
        ("Công tác tuyên truyền CCHC:", work),
        (f"Thống kê số lượng tin, bài, hoạt động tuyên truyền{as_of}:", statistics),
    ]
    # 4–5. What the officer writes: assessment and next period.
    for key, (heading, part_label) in FREE_SECTIONS.items():
        text = free(key, part_label)
        sections.append((heading, [Paragraph(line.strip()) for line in text.splitlines() if line.strip()]))
    blocks: list[Heading | Paragraph] = list(opening)
    number = 0
    for heading, content in sections:
        if content:  # never an empty heading; the others are numbered in order
            number += 1
            blocks.append(Heading(2, str(number), heading))
            blocks.extend(content)
    para(
        blocks,
        "closing",
        "Kết thúc",
        f"Trên đây là kết quả thực hiện công tác tuyên truyền CCHC {label} của {unit_full}.",
        "body",
    )

    signature = _signature(unit, report_date, local_government, warnings)
    if not unit.place_name:
        warnings.append("Đơn vị chưa khai báo địa danh; dòng ngày tháng thiếu địa danh (Nghị định 30).")
    recipients = tuple(unit.recipients_list())
    if not recipients:
        warnings.append("Đơn vị chưa khai báo nơi nhận báo cáo.")
    # The letterhead is the issuer's on the day it issues: its governing body then (ND30 Điều 8).
    issuer_parent = unit_parent(unit=unit, on=report_date) or period_parent
    document = OfficialDocument(
        kind="Báo cáo",
        kind_abbr="BC",
        issuer=unit.name,
        parent_body=short_name(issuer_parent.name) if issuer_parent and not local_government else None,
        code=f"BC-{unit.abbr}",
        number=None,
        place=unit.place_name or None,
        date=report_date,
        subject=f"Công tác tuyên truyền cải cách hành chính {label}",
        blocks=tuple(blocks),
        signature=signature,
        recipients=(*recipients, f"Lưu: VT, {unit.abbr}"),
    )
    return ReportDraft(
        document=document,
        figures=figures,
        warnings=warnings,
        parts=parts,
        to_date=to_date,
        counted_to=end,
        subtree=subtree,
        comparison=comparison,
    )


def _statistics_lines(
    figures: list[ChannelFigure],
    to_date: list[ChannelFigure] | None,
    targets: str,
    comparison: Comparison | None = None,
) -> list[str]:
    """Section 3 lines without their final punctuation. For a part of the year, the period's figure
    and the progress from the start of the year, which alone is measured against the annual target;
    with ``comparison``, the same span a year earlier."""
    before = comparison.values if comparison is not None else {}
    if to_date is None:
        lines = []
        for f in figures:
            if not (f.actual or f.target or before.get(f.channel)):
                continue
            line = f"{f.name}: {_qty(f.actual)} {f.measure}"
            if f.target:
                line += f" ({targets}: {_qty(f.target)} {f.measure}, đạt {f.percent}%)"
            lines.append(line + previous_suffix(f, comparison))
        return lines
    in_period = {f.channel: f.actual for f in figures}
    lines = []
    for y in to_date:
        if not (y.actual or y.target or before.get(y.channel)):
            continue
        line = (
            f"{y.name}: trong kỳ {_qty(in_period.get(y.channel, 0))} {y.measure}; "
            f"lũy kế từ đầu năm {_qty(y.actual)} {y.measure}"
        )
        if y.target:
            line += f" ({targets} năm: {_qty(y.target)} {y.measure}, đạt {y.percent}%)"
        lines.append(line + previous_suffix(replace(y, actual=in_period.get(y.channel, 0)), comparison))
    return lines
