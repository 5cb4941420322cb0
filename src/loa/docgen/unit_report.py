"""A unit's communication report (Báo cáo công tác tuyên truyền CCHC) drafted from its data.

This module is docgen's edge: it reads the registry, plans and activities through their selectors and
hands the renderer a plain :class:`OfficialDocument`; no ORM object goes further. The wording follows
how an office writes the report (../shared/examples/docs/000.txt, report-structure.md §2): the plan
implemented, direction (plans issued, orientations sent, documents studied), the communication work
by channel and content area, the statistics against targets, and the closing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from loa.activities.models import Activity
from loa.activities.selectors import ChannelFigure, channel_figures
from loa.core.periods import Period
from loa.docgen.spec import Heading, OfficialDocument, Paragraph, Signature
from loa.documents.models import Document
from loa.organizations.models import Unit
from loa.organizations.selectors import unit_parent
from loa.plans.models import Orientation, Plan

# How a clerk words each channel's line under "Công tác tuyên truyền CCHC" ({n} = quantity, {m} = measure).
_CHANNEL_SENTENCES = {
    "MEETING": "Đưa thông tin về CCHC vào {n} {m} họp định kỳ, sinh hoạt chi bộ của cơ quan",
    "TTHC_POSTING": "Niêm yết công khai, đầy đủ, thường xuyên cập nhật TTHC mới ban hành hoặc được sửa đổi, bổ sung ({n} {m})",
    "REVIEW": "Tăng cường công tác rà soát, kiểm soát TTHC ({n} {m} rà soát)",
    "INSPECTION": "Tăng cường kiểm tra, giám sát việc thực hiện công tác CCHC ({n} {m} kiểm tra)",
    "TRAINING": "Tham gia đầy đủ các lớp tập huấn do cấp trên tổ chức ({n} {m})",
    "RADIO": "Tuyên truyền trên hệ thống truyền thanh ({n} {m})",
    "LED": "Trình chiếu nội dung tuyên truyền CCHC trên màn hình LED ({n} {m})",
    "SOCIAL": "Đăng tải thông tin CCHC trên mạng xã hội ({n} {m})",
}
# Channels reported under "Công tác chỉ đạo điều hành" or as statistics, not as a line of section 2.
_DIRECTION_ONLY = {"ORIENTATION"}
_ABBREVIATIONS = (("Ủy ban nhân dân", "UBND"), ("Uỷ ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"))


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


# Sections the officer writes (not drafted from data): key → (heading, form label).
FREE_SECTIONS = {
    "assessment": ("Đánh giá chung:", "Đánh giá chung (ưu điểm, hạn chế, nguyên nhân)"),
    "next": ("Phương hướng, nhiệm vụ kỳ tới:", "Phương hướng, nhiệm vụ kỳ tới"),
}


def short_name(name: str) -> str:
    """ "Ủy ban nhân dân thị xã Hương Trà" → "UBND thị xã Hương Trà" (abbreviations ND30 allows)."""
    for long, short in _ABBREVIATIONS:
        name = re.sub(re.escape(long), short, name, flags=re.IGNORECASE)
    return name


def _qty(n: int) -> str:
    return f"{n:02d}" if 0 <= n < 10 else str(n)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _cite(doc: Document, *, short: bool = False) -> str:
    """Full citation on first mention ("Kế hoạch số 4757/KH-UBND ngày 27/12/2021 của UBND thị xã…")."""
    parts = [doc.get_kind_display()]
    if doc.symbol:
        parts.append(f"số {doc.symbol}")
    if doc.issued_date:
        parts.append(f"ngày {doc.issued_date.day:02d}/{doc.issued_date.month:02d}/{doc.issued_date.year}")
    if not short and doc.issuer_name:
        parts.append(f"của {short_name(doc.issuer_name)}")
    return " ".join(parts)


def _cchc(text: str, first_done: list[bool]) -> str:
    """Spell "cải cách hành chính (CCHC)" at the first mention in the report, then "CCHC"."""
    pattern = re.compile(r"cải cách hành chính(\s*\(CCHC\))?", flags=re.IGNORECASE)

    def repl(match: re.Match[str]) -> str:
        if first_done[0]:
            return "CCHC"
        first_done[0] = True
        return f"{match.group(0).split('(')[0].rstrip()} (CCHC)"

    return pattern.sub(repl, text)


def _unit_plan(unit: Unit, year: int) -> Plan | None:
    return (
        Plan.objects.filter(unit=unit, year_from__lte=year, year_to__gte=year)
        .select_related("document__issuer_unit")
        .order_by("year_to", "-year_from")
        .first()
    )


def _directives(plan: Plan | None, year: int, unit: Unit, report_date: dt.date) -> list[Document]:
    """Documents the unit studied: those its plan cites (and theirs, two steps up), and the plans
    its parent bodies issued for the year."""
    found: dict[int, Document] = {}
    if plan and plan.document_id:
        frontier = [plan.document_id]
        for _ in range(3):
            targets = list(
                Document.objects.filter(cited_by__source_id__in=frontier)
                .select_related("issuer_unit")
                .distinct()
            )
            for d in targets:
                found.setdefault(d.pk, d)
            frontier = [d.pk for d in targets]
    ancestors = []
    current = unit
    while (parent := unit_parent(unit=current, on=report_date)) is not None and len(ancestors) < 4:
        ancestors.append(parent.pk)
        current = parent
    for d in Document.objects.filter(
        issuer_unit_id__in=ancestors, kind="KH", issued_date__year=year
    ).select_related("issuer_unit"):
        found.setdefault(d.pk, d)
    order = {"KH": 0, "QĐ": 1, "NQ": 2}
    return sorted(found.values(), key=lambda d: (order.get(d.kind, 9), d.issued_date or dt.date.min))


def build_unit_report(
    *,
    unit: Unit,
    period: Period,
    report_date: dt.date,
    window: str | None = None,
    narrative: dict[str, str] | None = None,
) -> ReportDraft:
    """Draft the unit's report for ``period`` as of ``report_date`` (figures up to the period's end).

    ``narrative`` holds the officer's wording by paragraph key (see ``ReportDraft.parts``); a key not
    there keeps Loa's draft. Figures (section 3) are never editable: they come from the data.
    """
    warnings: list[str] = []
    narrative = narrative or {}
    start, end = period.window(window or period.default_window())
    figures = channel_figures(unit=unit, start=start, end=end, year=period.year)
    plan = _unit_plan(unit, period.year)
    parent_plans = list(plan.parents.select_related("document__issuer_unit")) if plan else []
    implemented = next((p.document for p in parent_plans if p.document_id), None)
    parent = unit_parent(unit=unit, on=min(report_date, end))
    unit_name = unit.name
    unit_full = f"{unit_name} {_place_suffix(parent)}".strip()
    label = period.label_vi
    first = [False]
    blocks: list[Heading | Paragraph] = []
    parts: list[EditablePart] = []

    def para(key: str, part_label: str, drafted: str, style: str = "body") -> None:
        text = narrative.get(key) or drafted
        parts.append(EditablePart(key=key, label=part_label, drafted=drafted, text=text))
        blocks.append(Paragraph(text, style))

    def free(key: str, part_label: str) -> str:
        text = narrative.get(key, "")
        parts.append(EditablePart(key=key, label=part_label, drafted="", text=text))
        return text

    intro = f"{unit_full} báo cáo công tác tuyên truyền cải cách hành chính {label}, với những nội dung sau:"
    if implemented is not None:
        intro = f"Thực hiện {_cite(implemented)} về việc {_lower_first(implemented.subject)}. {intro}"
    para("opening", "Mở đầu", _cchc(intro, first))

    # 1. Direction.
    blocks.append(Heading(2, "1", "Công tác chỉ đạo điều hành:"))
    if plan and plan.document_id:
        doc = plan.document
        drafted = (
            f"{unit_name} đã ban hành {_cite(doc, short=True)} về việc {_lower_first(doc.subject)}. Qua đó, "
            "xác định rõ trách nhiệm, đối tượng và nội dung tuyên truyền cải cách hành chính của đơn vị."
        )
        para("s1.plan", "Kế hoạch đã ban hành", _cchc(drafted, first), "dash")
    else:
        warnings.append("Đơn vị chưa có kế hoạch tuyên truyền CCHC cho kỳ này trong Loa.")
    orientations = list(
        Orientation.objects.filter(unit=unit, month__gte=start.replace(day=1), month__lte=end).order_by(
            "month"
        )
    )
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
        para("s1.orientations", "Định hướng tuyên truyền", drafted, "dash")
    directives = [
        d
        for d in _directives(plan, period.year, unit, report_date)
        if not (plan and d.pk == plan.document_id)
    ]
    if directives:
        drafted = (
            "Quán triệt các văn bản chỉ đạo của cấp trên như: "
            + "; ".join(f"{_cite(d)} về {_lower_first(d.subject)}" for d in directives)
            + "; đồng thời lồng ghép tuyên truyền về CCHC trong các buổi họp cơ quan, chi bộ."
        )
        para("s1.directives", "Văn bản chỉ đạo đã quán triệt", _cchc(drafted, first), "dash")

    # 2. Communication work, by channel and content area.
    blocks.append(Heading(2, "2", "Công tác tuyên truyền CCHC:"))
    acts = (
        Activity.objects.filter(unit=unit, date__gte=start, date__lte=end)
        .select_related("channel")
        .prefetch_related("areas")
    )
    area_count: Counter[str] = Counter()
    for a in acts:
        for area in a.areas.all():
            area_count[area.name] += 1
    for f in figures:
        template = _CHANNEL_SENTENCES.get(f.channel)
        if template and f.channel not in _DIRECTION_ONLY and f.actual:
            para(f"s2.{f.channel}", f.name, template.format(n=_qty(f.actual), m=f.measure) + ".", "dash")
    if area_count:
        listed = "; ".join(
            f"{_lower_first(name)} ({_qty(n)} hoạt động)" for name, n in area_count.most_common()
        )
        para("s2.areas", "Nội dung tuyên truyền", f"Nội dung tuyên truyền tập trung vào: {listed}.", "dash")
    if not area_count and not acts.exists():
        warnings.append("Chưa có hoạt động nào được ghi nhận trong kỳ báo cáo.")
        blocks.append(Paragraph("Trong kỳ, đơn vị chưa ghi nhận hoạt động tuyên truyền CCHC nào.", "dash"))
    extra = free("s2.extra", "Công tác tuyên truyền khác (tự viết, mỗi dòng một ý)")
    blocks.extend(Paragraph(line.strip(), "dash") for line in extra.splitlines() if line.strip())

    # 3. Statistics against targets (data, not editable).
    blocks.append(Heading(2, "3", "Thống kê số lượng tin, bài, hoạt động tuyên truyền:"))
    counted = [f for f in figures if f.actual or f.target]
    for f in counted:
        line = f"{f.name}: {_qty(f.actual)} {f.measure}"
        if f.target:
            line += f" (chỉ tiêu kế hoạch: {_qty(f.target)} {f.measure}, đạt {f.percent}%)"
        blocks.append(Paragraph(line + ";", "plus"))
    if not counted:
        blocks.append(Paragraph("Chưa có số liệu trong kỳ.", "plus"))

    # 4–5. What the officer writes: assessment and next period.
    number = 4
    for key, (heading, part_label) in FREE_SECTIONS.items():
        text = free(key, part_label)
        if text:
            blocks.append(Heading(2, str(number), heading))
            blocks.extend(Paragraph(line.strip()) for line in text.splitlines() if line.strip())
            number += 1
    para(
        "closing",
        "Kết thúc",
        f"Trên đây là kết quả thực hiện công tác tuyên truyền CCHC {label} của {unit_full}.",
    )

    if unit.leader_title and unit.leader_name:
        signature = Signature(title=unit.leader_title, name=unit.leader_name)
    else:
        warnings.append("Đơn vị chưa khai báo chức vụ và họ tên người ký; khối chữ ký để trống.")
        signature = Signature(title=unit.leader_title or "THỦ TRƯỞNG ĐƠN VỊ", name="")
    if not unit.place_name:
        warnings.append("Đơn vị chưa khai báo địa danh; dòng ngày tháng thiếu địa danh (Nghị định 30).")
    recipients = tuple(unit.recipients_list())
    if not recipients:
        warnings.append("Đơn vị chưa khai báo nơi nhận báo cáo.")
    document = OfficialDocument(
        kind="Báo cáo",
        kind_abbr="BC",
        issuer=unit_name,
        parent_body=short_name(parent.name) if parent else None,
        code=f"BC-{unit.abbr}",
        number=None,
        place=unit.place_name or None,
        date=report_date,
        subject=f"Công tác tuyên truyền cải cách hành chính {label}",
        blocks=tuple(blocks),
        signature=signature,
        recipients=(*recipients, f"Lưu: VT, {unit.abbr}"),
    )
    return ReportDraft(document=document, figures=figures, warnings=warnings, parts=parts)


def _place_suffix(parent: Unit | None) -> str:
    """ "thị xã Hương Trà" from the parent "Ủy ban nhân dân thị xã Hương Trà" (how the unit is named in text)."""
    if parent is None:
        return ""
    name = short_name(parent.name)
    return name[5:] if name.startswith("UBND ") else ""
