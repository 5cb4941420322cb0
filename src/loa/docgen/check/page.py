"""Page rules: A4 portrait, margins, and Times New Roman in every run (headers and footers too)."""

from __future__ import annotations

from typing import Final

from loa.nd30 import layout as nd30

from .reading import _Par, _paragraphs
from .rules import _CheckerBase, _fmt_mm, _mm, _where

_TOLERANCE_MM: Final = 0.3


class _PageRules(_CheckerBase):
    # ----------------------------------------------------------------------------- page setup

    def page(self) -> None:
        for i, section in enumerate(self.doc.sections, start=1):
            where = f"Phần {i} (section) của văn bản"
            width, height = _mm(section.page_width), _mm(section.page_height)
            landscape = False
            if width is not None and height is not None:
                portrait_a4 = abs(width - nd30.PAGE_WIDTH_MM) <= 1 and abs(height - nd30.PAGE_HEIGHT_MM) <= 1
                landscape = abs(width - nd30.PAGE_HEIGHT_MM) <= 1 and abs(height - nd30.PAGE_WIDTH_MM) <= 1
                if not (portrait_a4 or landscape):
                    self.add(
                        "nd30.page_size",
                        f"Khổ giấy {_fmt_mm(width)} × {_fmt_mm(height)} mm, không phải A4 (210 × 297 mm).",
                        where,
                    )
                if landscape and i == 1:
                    self.add(
                        "nd30.orientation",
                        "Trang đầu trình bày khổ ngang; văn bản trình bày theo chiều dài khổ A4, "
                        "khổ ngang chỉ dùng cho phụ lục, bảng biểu.",
                        where,
                    )
            margins = {
                "top": _mm(section.top_margin),
                "bottom": _mm(section.bottom_margin),
                "left": _mm(section.left_margin),
                "right": _mm(section.right_margin),
            }
            self.margins(margins, landscape, where)

    def margins(self, margins: dict[str, float | None], landscape: bool, where: str) -> None:
        names = {"top": "Lề trên", "bottom": "Lề dưới", "left": "Lề trái", "right": "Lề phải"}

        def bad(mapping: dict[str, str]) -> list[str]:
            out = []
            for side, rule_side in mapping.items():
                value = margins[side]
                low, high = nd30.MARGIN_RANGES_MM[rule_side]
                if value is not None and not (low - _TOLERANCE_MM <= value <= high + _TOLERANCE_MM):
                    out.append(side)
            return out

        direct = {"top": "top", "bottom": "bottom", "left": "left", "right": "right"}
        wrong = bad(direct)
        if wrong and landscape:
            # A turned page may keep the portrait margins on the turned sides.
            for turned in (
                {"top": "left", "right": "top", "bottom": "right", "left": "bottom"},
                {"top": "right", "right": "bottom", "bottom": "left", "left": "top"},
            ):
                if not bad(turned):
                    return
        for side in wrong:
            low, high = nd30.MARGIN_RANGES_MM[side]
            value = margins[side]
            assert value is not None
            self.add(
                "nd30.margins",
                f"{names[side]} {_fmt_mm(value)} mm; Nghị định 30 quy định {low:.0f}–{high:.0f} mm.",
                where,
            )

    # ---------------------------------------------------------------------------------- fonts

    def fonts(self) -> None:
        found: dict[str, tuple[int, str]] = {}
        sources: list[tuple[list[_Par], str | None]] = [(self.pars, None)]
        for rel in self.doc.part.rels.values():
            if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
                continue
            part_name = "Đầu trang" if rel.reltype.endswith("/header") else "Chân trang"
            sources.append((_paragraphs(rel.target_part.element), part_name))
        for pars, label in sources:
            for par in pars:
                for run in par.runs:
                    if not run.text.strip():
                        continue
                    layers = self.styles.rpr_layers(par.el, run.el)
                    slots = []
                    if any(ord(c) < 128 and not c.isspace() for c in run.text):
                        slots.append("ascii")
                    if any(ord(c) >= 128 for c in run.text):
                        slots.append("hAnsi")
                    names = {self.styles.font(layers, slot) for slot in slots}
                    for name in names:
                        if name and name.strip().casefold() != nd30.FONT_NAME.casefold():
                            count, where = found.get(name, (0, label or _where(par)))
                            found[name] = (count + 1, where)
        for name, (count, where) in found.items():
            self.add(
                "nd30.font",
                f"Phông chữ “{name}” ({count} đoạn chữ); văn bản phải dùng phông Times New Roman.",
                where,
            )
