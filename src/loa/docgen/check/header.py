"""Header rules: Quốc hiệu, Tiêu ngữ, "Số: …", the place–date line and the kind name."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Final

from loa.nd30 import layout as nd30
from loa.nd30.kinds import ALL_KINDS, kind_by_abbr

from .reading import _Par
from .rules import _CheckerBase, _flat_tone, _fmt_pt, _runs_in_span, _segment_starts, _segments, _where

# Kind names as printed, for the kinds whose symbol carries an abbreviation (Phụ lục III).
_ALL_KIND_NAMES: Final = frozenset(kind.upper_name for kind in ALL_KINDS if kind.abbr is not None)

_HEADER_SCAN: Final = 40  # paragraphs searched for the header block

_NUMBER_RE = re.compile(r"^\s*Số\s*:\s*(?P<rest>.*)$", re.DOTALL)
_NUMBER_NO_COLON_RE = re.compile(r"^\s*Số\s+\d+\s*/")
_SYMBOL_RE = re.compile(r"^(\d{4}/)?[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9&][A-Za-zĐđ0-9&]*)+$")
_DATE_RE = re.compile(
    r"(?P<place>[^,\n\t]*?)\s*(?P<comma>,?)\s*ngày\b\s*(?P<d>[0-9]*)[\s.…_]*"
    r"tháng\s*(?P<m>[0-9]*)[\s.…_]*năm\s*(?P<y>[0-9]*)",
    re.IGNORECASE,
)
_MOTTO_RE = re.compile(r"độc\s*lập\W*tự\s*do\W*hạnh\s*phúc", re.IGNORECASE)


class _HeaderRules(_CheckerBase):
    # ------------------------------------------------------------------------------- header

    def header_pars(self) -> list[_Par]:
        return self.pars[:_HEADER_SCAN]

    def national_name_and_motto(self) -> None:
        target = _flat_tone(nd30.NATIONAL_NAME)
        qh = None
        for par in self.header_pars():
            pos = _flat_tone(par.text).find(target)
            if pos < 0:
                pos = _flat_tone(par.flat).find(target)
                if pos >= 0:
                    qh = (par, par.flat, pos)
                    break
            else:
                qh = (par, par.text, pos)
                break
        if qh is None:
            self.add("nd30.national_name", f"Thiếu Quốc hiệu “{nd30.NATIONAL_NAME}”.", "Phần đầu văn bản")
        else:
            par, text, pos = qh
            written = text[pos : pos + len(nd30.NATIONAL_NAME)]
            if written != written.upper():
                self.add(
                    "nd30.national_name", f"Quốc hiệu phải viết in hoa: “{nd30.NATIONAL_NAME}”.", _where(par)
                )
            self.style(par, pos, pos + len(written), "Quốc hiệu", (12, 13), bold=True)

        motto = None
        for par in self.header_pars():
            m = _MOTTO_RE.search(par.text)
            if m:
                motto = (par, m)
                break
        if motto is None:
            self.add("nd30.motto", f"Thiếu Tiêu ngữ “{nd30.MOTTO}”.", "Phần đầu văn bản")
            return
        par, m = motto
        if " ".join(m.group(0).split()) != nd30.MOTTO:
            self.add(
                "nd30.motto",
                f"Tiêu ngữ viết là “{' '.join(m.group(0).split())}”; phải là “{nd30.MOTTO}” "
                "(chữ đầu mỗi cụm viết hoa, giữa các cụm có gạch nối và cách chữ).",
                _where(par),
            )
        self.style(par, m.start(), m.end(), "Tiêu ngữ", (13, 14), bold=True)

    def style(
        self,
        par: _Par,
        start: int,
        end: int,
        what: str,
        sizes: tuple[float, float],
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        runs = _runs_in_span(par, start, end)
        if not runs:
            return
        layers = [self.styles.rpr_layers(par.el, r.el) for r in runs]
        if bold and not all(self.styles.toggle(x, "b") for x in layers):
            self.add("nd30.header_style", f"{what} phải in đậm.", _where(par))
        if italic and not all(self.styles.toggle(x, "i") for x in layers):
            self.add("nd30.header_style", f"{what} phải in nghiêng.", _where(par))
        sizes_found = {self.styles.size(x) for x in layers}
        low, high = sizes
        off = sorted(s for s in sizes_found if not low <= s <= high)
        if off:
            self.add(
                "nd30.header_style",
                f"{what} cỡ chữ {_fmt_pt(off[0])}; quy định {low:.0f}–{high:.0f}.",
                _where(par),
            )

    def number(self) -> str | None:
        """Check "Số: …" and return the symbol part after the number ("BC-VHTT"), if any."""
        for par in self.header_pars():
            for segment in _segments(par.text):
                if _NUMBER_NO_COLON_RE.match(segment):
                    self.header_end = max(self.header_end, par.index)
                    self.add("nd30.symbol", "Sau chữ “Số” phải có dấu hai chấm (“Số: …”).", _where(par))
                    return self._number_parts(par, segment.split(None, 1)[1])
            m = _NUMBER_RE.match(par.text)
            if m:
                self.header_end = max(self.header_end, par.index)
                return self._number_parts(par, m.group("rest"))
        self.add("nd30.number_missing", "Không tìm thấy số, ký hiệu văn bản (“Số: …/…”).", "Phần đầu văn bản")
        return None

    def _number_parts(self, par: _Par, rest: str) -> str | None:
        rest = rest.split("\t")[0].split("\n")[0]
        m = re.match(r"^(?P<num>\d*)(?P<gap>\s*)/(?P<tail>.*)$", rest.strip())
        if not m:
            self.add("nd30.symbol", "Số, ký hiệu không đúng dạng “Số: 05/BC-ABC”.", _where(par))
            return None
        num, gap, tail = m.group("num"), m.group("gap"), m.group("tail")
        tail = re.split(r"\s{3,}", tail.strip())[0]
        if num and len(num) == 1:
            self.add(
                "nd30.number_zero",
                f"Số “{num}” nhỏ hơn 10 phải ghi thêm số 0 phía trước (0{num}).",
                _where(par),
            )
        if (num and gap) or re.search(r"\s", tail) or tail != tail.strip():
            self.add(
                "nd30.symbol",
                f"Ký hiệu “{num}{gap}/{tail}” có dấu cách; số và ký hiệu phải viết liền, không có dấu cách.",
                _where(par),
            )
        compact = "".join(tail.split())
        if compact and not _SYMBOL_RE.match(compact):
            self.add(
                "nd30.symbol",
                f"Ký hiệu “{compact}” không đúng dạng (ví dụ “BC-VHTT”, “UBND-VX”).",
                _where(par),
            )
        return compact or None

    def date_line(self) -> None:
        for par in self.header_pars():
            for pos in _segment_starts(par.text):
                m = _DATE_RE.match(par.text, pos)
                if m:
                    self.header_end = max(self.header_end, par.index)
                    self._date_parts(par, m)
                    self.style(par, m.start(), m.end(), "Địa danh và ngày tháng", (13, 14), italic=True)
                    return
        self.add(
            "nd30.date_missing",
            "Không tìm thấy dòng địa danh và thời gian ban hành (“…, ngày … tháng … năm …”).",
            "Phần đầu văn bản",
        )

    def _date_parts(self, par: _Par, m: re.Match[str]) -> None:
        where = _where(par)
        if not m.group("place").strip():
            self.add("nd30.date_format", "Thiếu địa danh trước ngày tháng.", where)
        elif not m.group("comma"):
            self.add("nd30.date_format", "Thiếu dấu phẩy sau địa danh (“Hà Nội, ngày …”).", where)
        day, month, year = m.group("d"), m.group("m"), m.group("y")
        if day:
            if len(day) == 1:
                self.add(
                    "nd30.date_format",
                    f"Ngày “{day}” phải ghi “0{day}” (ngày dưới 10 có số 0 phía trước).",
                    where,
                )
            elif len(day) > 2 or not 1 <= int(day) <= 31:
                self.add("nd30.date_format", f"Ngày “{day}” không hợp lệ.", where)
        if month:
            value = int(month)
            if not 1 <= value <= 12:
                self.add("nd30.date_format", f"Tháng “{month}” không hợp lệ.", where)
            elif value <= 2 and month != f"0{value}":
                self.add(
                    "nd30.date_format",
                    f"Tháng “{month}” phải ghi “0{value}” (tháng 1 và 2 có số 0 phía trước).",
                    where,
                )
            elif value >= 3 and month != str(value):
                self.add(
                    "nd30.date_format",
                    f"Tháng “{month}” phải ghi “{value}” (chỉ tháng 1, 2 có số 0 phía trước).",
                    where,
                )
        if year and len(year) != 4:
            self.add("nd30.date_format", f"Năm “{year}” phải ghi đủ bốn chữ số.", where)
        if day and month and year and len(year) == 4:
            try:
                dt.date(int(year), int(month), int(day))
            except ValueError:
                self.add("nd30.date_format", f"Ngày {day} tháng {month} năm {year} không có thật.", where)

    def kind_name(self, symbol: str | None) -> None:
        abbr = None
        if symbol:
            abbr = re.sub(r"^\d{4}/", "", symbol).split("-")[0]
        kind = kind_by_abbr(abbr) if abbr else None
        expected = kind.upper_name if kind else None
        if symbol and expected is None:
            # A công văn: no kind name, the subject "V/v …" stands under the number.
            if not any(par.flat.casefold().startswith("v/v") for par in self.header_pars()):
                self.add(
                    "nd30.kind_name", "Công văn thiếu trích yếu “V/v …” dưới số, ký hiệu.", "Phần đầu văn bản"
                )
            return
        for par in self.header_pars():
            flat_upper = unicodedata.normalize("NFC", par.flat.upper())
            candidates = {expected} if expected else _ALL_KIND_NAMES
            if flat_upper in candidates:
                if par.flat != flat_upper:
                    self.add(
                        "nd30.kind_name", f"Tên loại văn bản phải viết in hoa: “{flat_upper}”.", _where(par)
                    )
                return
        if expected:
            self.add(
                "nd30.kind_name", f"Thiếu tên loại văn bản “{expected}” (ký hiệu {abbr}).", "Phần đầu văn bản"
            )
        elif not any(par.flat.casefold().startswith("v/v") for par in self.header_pars()):
            self.add(
                "nd30.kind_name", "Không tìm thấy tên loại văn bản (ví dụ “BÁO CÁO”).", "Phần đầu văn bản"
            )
