"""Criteria sets as data, and the rules that compute a criterion's points from recorded work. Pure
(no Django): a set is a :class:`SetSpec` (read from JSON or XLSX by :mod:`loa.scoring.formats`,
stored by the services), checked by :func:`set_problems`, and each leaf criterion's rule turns a
unit's :class:`UnitFacts` into a :class:`Proposal` — the points and, in Vietnamese, how they were
counted, so each proposed point traces to the work behind it.

Rule kinds (``params`` are checked per kind by :func:`params_problems`):

- ``plan_completion`` — the plan's targets met: ``full_percent`` (100) of the targets met → the
  maximum; from ``partial_from_percent`` (90) → max × targets met ÷ targets planned; below → 0
  (Xuân Lộc commune index, CV 244/PNV, criterion 4.1);
- ``channel_variety`` — ``groups``: each group of channels (``name``, ``channels``: catalogue
  codes, ``points``) used at least once in the year earns its points, capped at the maximum
  (criterion 4.2: screens 0.25, website/social 0.25, traditional forms 0.5);
- ``report_timeliness`` — from the completeness of the year's reporting requests: ``on_time``
  points when every report asked for arrived by its deadline, ``late`` when all arrived but some
  late, ``missing`` when one never arrived;
- ``plan_issued_by`` — the unit's plan for the year issued on or before ``by`` ("MM-DD" in the
  year before or of the set, ``year_offset`` 0 or -1) → the maximum, else 0;
- ``manual`` — no data: the officer scores it with an explanation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Final

RULES: Final[dict[str, str]] = {
    "plan_completion": "Mức độ hoàn thành chỉ tiêu kế hoạch",
    "channel_variety": "Mức độ đa dạng hình thức tuyên truyền",
    "report_timeliness": "Gửi báo cáo đúng hạn (theo tình hình gửi báo cáo)",
    "plan_issued_by": "Ban hành kế hoạch đúng thời hạn",
    "manual": "Chấm thủ công (không tính từ dữ liệu)",
}
DEFAULT_BANDS: Final = (
    ("Tốt", Decimal(90)),
    ("Khá", Decimal(80)),
    ("Trung bình", Decimal(65)),
    ("Yếu", Decimal(0)),
)
CENT = Decimal("0.01")


def points(value: Any) -> Decimal:
    """A number of points, two decimals (``ValueError`` when it is not a number)."""
    try:
        d = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValueError(f"“{value}” không phải là số điểm.") from None
    if not d.is_finite():
        raise ValueError(f"“{value}” không phải là số điểm.")
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal | None) -> str:
    """Points as a Vietnamese reads them: 0,75; 2; — for none."""
    if value is None:
        return "—"
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")
    return text.replace(".", ",")


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    name: str
    max_points: Decimal
    rule: str = "manual"
    params: dict[str, Any] = field(default_factory=dict)
    evidence: str = ""
    children: tuple[CriterionSpec, ...] = ()

    def leaves(self) -> list[CriterionSpec]:
        return [self] if not self.children else [leaf for c in self.children for leaf in c.leaves()]


@dataclass(frozen=True)
class Band:
    label: str
    min_percent: Decimal


@dataclass(frozen=True)
class SetSpec:
    """A criteria set (bộ tiêu chí): per province and year, for some kinds of unit."""

    code: str
    name: str
    province: str  # the province unit's code
    year: int
    unit_kinds: tuple[str, ...]
    total: Decimal
    criteria: tuple[CriterionSpec, ...]
    bands: tuple[Band, ...] = tuple(Band(label, m) for label, m in DEFAULT_BANDS)
    source: str = ""

    def walk(self) -> list[tuple[CriterionSpec, str | None]]:
        """Every criterion with its parent's code, parents first."""
        out: list[tuple[CriterionSpec, str | None]] = []

        def go(c: CriterionSpec, parent: str | None) -> None:
            out.append((c, parent))
            for child in c.children:
                go(child, c.code)

        for c in self.criteria:
            go(c, None)
        return out


def _number(params: dict[str, Any], key: str, problems: list[str], where: str, lo: float, hi: float) -> None:
    value = params.get(key)
    if not isinstance(value, int | float) or isinstance(value, bool) or not lo <= value <= hi:
        problems.append(
            f"{where}: tham số “{key}” phải là số từ {fmt(Decimal(str(lo)))} đến {fmt(Decimal(str(hi)))}."
        )


def params_problems(rule: str, params: Any, max_points: Decimal, where: str = "Tiêu chí") -> list[str]:
    """What is wrong with a rule's parameters (Vietnamese), empty when they are right."""
    if rule not in RULES:
        return [f"{where}: cách chấm “{rule}” không có (chọn: {', '.join(RULES)})."]
    if not isinstance(params, dict):
        return [f"{where}: tham số phải là một bảng khoá–giá trị (JSON object)."]
    problems: list[str] = []
    top = float(max_points)
    if rule == "plan_completion":
        _number(params, "full_percent", problems, where, 0, 100)
        _number(params, "partial_from_percent", problems, where, 0, 100)
        if not problems and params["partial_from_percent"] > params["full_percent"]:
            problems.append(f"{where}: “partial_from_percent” không được lớn hơn “full_percent”.")
    elif rule == "channel_variety":
        groups = params.get("groups")
        if not isinstance(groups, list) or not groups:
            return [f"{where}: cần danh sách nhóm hình thức “groups” (tên, mã hình thức, điểm)."]
        total = Decimal(0)
        for i, g in enumerate(groups, start=1):
            ok = (
                isinstance(g, dict)
                and isinstance(g.get("name"), str)
                and g["name"].strip()
                and isinstance(g.get("channels"), list)
                and g["channels"]
                and all(isinstance(c, str) and c for c in g["channels"])
                and isinstance(g.get("points"), int | float)
                and not isinstance(g.get("points"), bool)
                and g["points"] > 0
            )
            if not ok:
                problems.append(f"{where}: nhóm {i} cần “name”, “channels” (mã hình thức) và “points” > 0.")
            else:
                total += points(g["points"])
        if not problems and total < max_points:
            problems.append(
                f"{where}: các nhóm hình thức cộng lại {fmt(total)} điểm, chưa đạt điểm tối đa {fmt(max_points)}."
            )
    elif rule == "report_timeliness":
        for key in ("on_time", "late", "missing"):
            _number(params, key, problems, where, 0, top)
    elif rule == "plan_issued_by":
        by = params.get("by")
        try:
            dt.date(2000, int(str(by)[:2]), int(str(by)[3:5]))
            assert len(str(by)) == 5 and str(by)[2] == "-"
        except (ValueError, AssertionError):
            problems.append(f"{where}: tham số “by” phải là ngày dạng MM-DD, ví dụ 01-31.")
        if params.get("year_offset", 0) not in (0, -1):
            problems.append(f"{where}: “year_offset” chỉ là 0 (cùng năm) hoặc -1 (năm trước).")
    return problems


def set_problems(spec: SetSpec) -> list[str]:
    """Everything wrong with a set, in Vietnamese: points that do not add up, duplicate codes, bad
    rules or parameters, bands out of order. Empty when the set may be stored."""
    problems: list[str] = []
    if not spec.code.strip() or not spec.name.strip():
        problems.append("Bộ tiêu chí cần mã và tên.")
    if not 2000 <= spec.year <= 2100:
        problems.append(f"Năm áp dụng {spec.year} không hợp lệ.")
    if not spec.criteria:
        problems.append("Bộ tiêu chí chưa có tiêu chí nào.")
    seen: set[str] = set()
    for c, _parent in spec.walk():
        where = f"Tiêu chí {c.code}"
        if not c.code.strip():
            problems.append(f"Tiêu chí “{c.name}” chưa có mã.")
        if c.code in seen:
            problems.append(f"Mã tiêu chí {c.code} bị trùng.")
        seen.add(c.code)
        if c.max_points <= 0:
            problems.append(f"{where}: điểm tối đa phải lớn hơn 0.")
        if c.children:
            total = sum((k.max_points for k in c.children), Decimal(0))
            if total != c.max_points:
                problems.append(
                    f"{where}: điểm tối đa {fmt(c.max_points)} nhưng các tiêu chí thành phần cộng lại "
                    f"{fmt(total)} — điểm không khớp."
                )
        else:
            problems.extend(params_problems(c.rule, c.params, c.max_points, where))
    total = sum((c.max_points for c in spec.criteria), Decimal(0))
    if total != spec.total:
        problems.append(
            f"Tổng điểm của bộ tiêu chí là {fmt(spec.total)} nhưng các tiêu chí cộng lại {fmt(total)} — "
            "điểm không khớp."
        )
    mins = [b.min_percent for b in spec.bands]
    if not spec.bands or mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        problems.append(
            "Các mức xếp loại phải xếp từ cao xuống thấp, mỗi mức một ngưỡng % khác nhau, mức cuối từ 0 %."
        )
    return problems


# --- Facts about a unit, and the proposals --------------------------------------------------------


@dataclass(frozen=True)
class ChannelFact:
    code: str
    name: str
    target: int | None
    actual: int


@dataclass(frozen=True)
class RequestFact:
    period: str
    deadline: dt.date
    received: bool
    submitted_on: dt.date | None


@dataclass(frozen=True)
class UnitFacts:
    """What Loa knows of a unit's year, gathered for every unit of a round in a fixed number of
    queries (:mod:`loa.scoring.proposing`). ``figures_from`` says where the channel figures come from:
    the frozen figures of the accepted year report (its symbol), or live statistics."""

    year: int
    channels: tuple[ChannelFact, ...] = ()
    figures_from: str = ""
    requests: tuple[RequestFact, ...] = ()
    plan_dates: tuple[dt.date | None, ...] = ()


@dataclass(frozen=True)
class Proposal:
    points: Decimal
    note: str
    channels: tuple[str, ...] = ()  # the channel codes whose activities are this criterion's evidence


def _cap(value: Decimal, top: Decimal) -> Decimal:
    return max(Decimal(0), min(top, value)).quantize(CENT, rounding=ROUND_HALF_UP)


def propose(c: CriterionSpec, facts: UnitFacts) -> Proposal:
    """The points Loa proposes for leaf criterion ``c`` from ``facts``, and how it counted them."""
    top = c.max_points
    if c.rule == "plan_completion":
        targets = [f for f in facts.channels if f.target]
        if not targets:
            return Proposal(Decimal(0), "Không có chỉ tiêu kế hoạch nào trong năm để đối chiếu: 0 điểm.")
        met = [f for f in targets if f.actual >= (f.target or 0)]
        short = [f for f in targets if f.actual < (f.target or 0)]
        percent = Decimal(100 * len(met)) / len(targets)
        full = Decimal(str(c.params["full_percent"]))
        partial = Decimal(str(c.params["partial_from_percent"]))
        if percent >= full:
            value, how = top, "đạt mức tối đa"
        elif percent >= partial:
            value, how = top * len(met) / len(targets), f"{len(met)}/{len(targets)} × {fmt(top)}"
        else:
            value, how = Decimal(0), f"dưới {fmt(partial)} %: 0 điểm"
        missed = ", ".join(f"{f.name} {f.actual}/{f.target}" for f in short)
        note = (
            f"Đạt {len(met)}/{len(targets)} chỉ tiêu ({fmt(percent.quantize(CENT))} %), {how}"
            f"{'; chưa đạt: ' + missed if missed else ''}. Số liệu: {facts.figures_from}."
        )
        return Proposal(_cap(value, top), note, tuple(f.code for f in targets))
    if c.rule == "channel_variety":
        used = {f.code for f in facts.channels if f.actual > 0}
        earned, parts, codes = Decimal(0), [], []
        for g in c.params["groups"]:
            hit = [code for code in g["channels"] if code in used]
            if hit:
                earned += points(g["points"])
                codes.extend(hit)
                parts.append(f"{g['name']} (+{fmt(points(g['points']))})")
            else:
                parts.append(f"{g['name']} (chưa có hoạt động)")
        return Proposal(
            _cap(earned, top), "; ".join(parts) + f". Số liệu: {facts.figures_from}.", tuple(codes)
        )
    if c.rule == "report_timeliness":
        if not facts.requests:
            return Proposal(Decimal(0), "Năm này đơn vị không được yêu cầu báo cáo nào: chấm thủ công.")
        missing = [r for r in facts.requests if not r.received]
        late = [r for r in facts.requests if r.received and r.submitted_on and r.submitted_on > r.deadline]
        n = len(facts.requests)
        if missing:
            value = points(c.params["missing"])
            note = f"{len(missing)}/{n} báo cáo chưa gửi hoặc bị trả lại chưa gửi lại (kỳ {', '.join(r.period for r in missing)})."
        elif late:
            value = points(c.params["late"])
            note = f"Đã gửi đủ {n} báo cáo, {len(late)} báo cáo trễ hạn (kỳ {', '.join(r.period for r in late)})."
        else:
            value = points(c.params["on_time"])
            note = f"Đã gửi đủ {n} báo cáo, đều đúng hạn."
        return Proposal(_cap(value, top), note)
    if c.rule == "plan_issued_by":
        by = str(c.params["by"])
        deadline = dt.date(facts.year + int(c.params.get("year_offset", 0)), int(by[:2]), int(by[3:]))
        dates = sorted(d for d in facts.plan_dates if d is not None)
        if not dates:
            return Proposal(
                Decimal(0), f"Chưa có kế hoạch năm {facts.year} ban hành bằng văn bản trong Loa: 0 điểm."
            )
        first = dates[0]
        if first <= deadline:
            return Proposal(top, f"Kế hoạch ban hành ngày {first:%d/%m/%Y}, trong hạn {deadline:%d/%m/%Y}.")
        return Proposal(
            Decimal(0), f"Kế hoạch ban hành ngày {first:%d/%m/%Y}, sau hạn {deadline:%d/%m/%Y}: 0 điểm."
        )
    return Proposal(Decimal(0), "Tiêu chí chấm thủ công: cán bộ đầu mối tự chấm và ghi giải trình.")


def band_for(total: Decimal, maximum: Decimal, bands: tuple[Band, ...]) -> str:
    """The class (xếp loại) of ``total`` out of ``maximum``: the first band whose threshold it reaches."""
    percent = Decimal(100) * total / maximum if maximum else Decimal(0)
    for b in bands:
        if percent >= b.min_percent:
            return b.label
    return bands[-1].label if bands else ""


def ranks(totals: list[Decimal]) -> list[int]:
    """Competition ranking (1, 1, 3): equal totals share a rank; the order of ``totals`` is kept."""
    ordered = sorted(totals, reverse=True)
    return [ordered.index(t) + 1 for t in totals]
