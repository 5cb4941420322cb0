"""The ranking annex of a CCHC scoring round (kết quả chấm điểm, xếp hạng): one row per unit with
its self-assessed and appraised totals, rank and class, then one column per criterion's final points."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .rows import AnnexHeading
from .sheet import Col, Sheet


@dataclass(frozen=True)
class RankedUnit:
    unit: str
    self_total: Decimal
    final_total: Decimal
    rank: int | None
    band: str
    state: str
    criteria: dict[str, Decimal] = field(default_factory=dict)  # criterion code → final points


def scoring_ranking_xlsx(
    *,
    heading: AnnexHeading,
    title: str,
    maximum: Decimal,
    criteria: list[tuple[str, Decimal]],
    rows: list[RankedUnit],
) -> bytes:
    """Kết quả chấm điểm: ``criteria`` are (code, max points) of the leaf criteria, in order."""
    cols = [
        Col("STT", 6, "int"),
        Col("Cơ quan, đơn vị", 36),
        Col("Tự chấm", 10, "num", "Tổng điểm"),
        Col("Thẩm định", 10, "num", "Tổng điểm"),
        Col("Xếp hạng", 9, "int"),
        Col("Xếp loại", 12),
        Col("Tình trạng", 18),
    ]
    cols += [
        Col(f"{code} (tối đa {top.normalize():f})", 10, "num", "Điểm thẩm định từng tiêu chí")
        for code, top in criteria
    ]
    sheet = Sheet("Phụ lục", title, heading, cols, landscape=True)
    for i, r in enumerate(rows, start=1):
        sheet.add(
            [i, r.unit, float(r.self_total), float(r.final_total), r.rank, r.band, r.state]
            + [float(r.criteria.get(code, Decimal(0))) for code, _ in criteria]
        )
    sheet.note(
        f"Ghi chú: điểm tối đa {maximum.normalize():f}; điểm thẩm định là điểm dùng để xếp hạng, xếp loại."
    )
    return sheet.finish()
