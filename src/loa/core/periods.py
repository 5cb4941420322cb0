"""Reporting periods (kỳ báo cáo) and their data windows (thời gian chốt số liệu).

A period is what a report covers ("Quý I/2022"); its window is the span of dates whose data it
counts. Nghị định 09/2019/NĐ-CP (Điều 12) closes periodic figures on the 14th and opens the next
period on the 15th; some regimes use calendar dates instead. Both windows are offered here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Final, Literal

from loa.core.errors import ValidationError

__all__ = ["Period", "PeriodKind", "WindowMode", "parse_period"]


class PeriodKind(StrEnum):
    """What span a periodic report covers."""

    YEAR = "year"  # hằng năm
    QUARTER = "quarter"  # hằng quý
    HALF = "half"  # 6 tháng (đầu năm / cuối năm)
    NINE_MONTHS = "nine_months"  # 9 tháng, used by some provinces
    MONTH = "month"  # hằng tháng
    RANGE = "range"  # giai đoạn of whole years, e.g. a 2021-2025 plan


type WindowMode = Literal["calendar", "nd09"]
"""How a period becomes dates: natural calendar dates, or the ND09 15th → 14th cut-off."""

_WINDOW_MODES: Final = frozenset({"calendar", "nd09"})

MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2999

# ND09 opens a period on the 15th of the month before it and closes it on the 14th of its last month.
_ND09_OPEN_DAY: Final = 15
_ND09_CLOSE_DAY: Final = 14

_ROMAN: Final = {1: "I", 2: "II", 3: "III", 4: "IV"}

_CODE_RE: Final = re.compile(
    r"(?P<year>\d{4})"
    r"(?:-(?:Q(?P<quarter>\d)|H(?P<half>\d)|(?P<nine>9M)|(?P<end_year>\d{4})|(?P<month>\d{1,2})))?"
)

_MSG_BAD_CODE: Final = (
    "Kỳ báo cáo «{value}» không hợp lệ. Hãy ghi theo dạng 2022 (năm), 2022-Q1 (quý), 2022-H1 "
    "(6 tháng), 2022-9M (9 tháng), 2022-03 (tháng) hoặc 2021-2025 (giai đoạn)."
)
_MSG_YEAR: Final = "Năm của kỳ báo cáo phải từ {low} đến {high}, không phải {value}."
_MSG_QUARTER: Final = "Quý phải từ 1 đến 4, không phải {value}."
_MSG_HALF: Final = "Kỳ 6 tháng phải là 1 (đầu năm) hoặc 2 (cuối năm), không phải {value}."
_MSG_MONTH: Final = "Tháng phải từ 1 đến 12, không phải {value}."
_MSG_NO_INDEX: Final = "Kỳ báo cáo loại này không có số thứ tự."
_MSG_RANGE: Final = "Giai đoạn phải kết thúc sau năm bắt đầu ({start}), không phải {value}."
_MSG_END_YEAR: Final = "Chỉ kỳ báo cáo theo giai đoạn mới có năm kết thúc."
_MSG_MODE: Final = "Cách tính kỳ «{value}» không hợp lệ: dùng «calendar» hoặc «nd09»."

_CODE: Final = "periods.invalid"

# Index bounds per kind; None means the kind takes no index.
_INDEX_RULES: Final[dict[PeriodKind, tuple[int, int, str] | None]] = {
    PeriodKind.YEAR: None,
    PeriodKind.NINE_MONTHS: None,
    PeriodKind.RANGE: None,
    PeriodKind.QUARTER: (1, 4, _MSG_QUARTER),
    PeriodKind.HALF: (1, 2, _MSG_HALF),
    PeriodKind.MONTH: (1, 12, _MSG_MONTH),
}


def _month_before(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


@dataclass(frozen=True, kw_only=True)
class Period:
    """A reporting period (kỳ báo cáo): a year, quarter, half, nine months, month or multi-year range.

    ``index`` is the quarter (1–4), half (1–2) or month (1–12); ``end_year`` closes a range.
    ``str(period)`` is its code ("2022-Q1"), which :func:`parse_period` reads back.
    """

    kind: PeriodKind
    year: int
    index: int | None = None
    end_year: int | None = None

    def __post_init__(self) -> None:
        try:
            kind = PeriodKind(self.kind)
        except ValueError:
            raise ValidationError(_MSG_BAD_CODE.format(value=self.kind), code=_CODE) from None
        # Frozen: store the enum member even when a plain string was given.
        object.__setattr__(self, "kind", kind)
        _check_year(self.year)
        rule = _INDEX_RULES[kind]
        if rule is None:
            if self.index is not None:
                raise ValidationError(_MSG_NO_INDEX, code=_CODE, index=self.index)
        else:
            low, high, message = rule
            if self.index is None or not low <= self.index <= high:
                raise ValidationError(message.format(value=self.index), code=_CODE, index=self.index)
        if kind is PeriodKind.RANGE:
            if self.end_year is None or self.end_year <= self.year:
                raise ValidationError(
                    _MSG_RANGE.format(start=self.year, value=self.end_year),
                    code=_CODE,
                    end_year=self.end_year,
                )
            _check_year(self.end_year)
        elif self.end_year is not None:
            raise ValidationError(_MSG_END_YEAR, code=_CODE, end_year=self.end_year)

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        """Short code used in URLs, files and the CLI: "2022", "2022-Q1", "2022-H2", "2022-9M", "2022-03"."""
        match self.kind:
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.index}"
            case PeriodKind.HALF:
                return f"{self.year}-H{self.index}"
            case PeriodKind.NINE_MONTHS:
                return f"{self.year}-9M"
            case PeriodKind.MONTH:
                return f"{self.year}-{self.index:02d}"
            case PeriodKind.RANGE:
                return f"{self.year}-{self.end_year}"
            case _:
                return str(self.year)

    @property
    def label_vi(self) -> str:
        """Name of the period as reports write it: "Quý I/2022", "6 tháng đầu năm 2022", "tháng 3/2022"."""
        match self.kind:
            case PeriodKind.QUARTER:
                return f"Quý {_ROMAN[self._index]}/{self.year}"
            case PeriodKind.HALF:
                part = "đầu" if self.index == 1 else "cuối"
                return f"6 tháng {part} năm {self.year}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng năm {self.year}"
            case PeriodKind.MONTH:
                return f"tháng {self.index}/{self.year}"
            case PeriodKind.RANGE:
                return f"giai đoạn {self.year}-{self.end_year}"
            case _:
                return f"năm {self.year}"

    @property
    def _index(self) -> int:
        # Validated in __post_init__ for the kinds that read it.
        assert self.index is not None
        return self.index

    def _month_span(self) -> tuple[int, int, int, int]:
        # First and last calendar month covered: (start year, start month, end year, end month).
        match self.kind:
            case PeriodKind.QUARTER:
                return self.year, 3 * self._index - 2, self.year, 3 * self._index
            case PeriodKind.HALF:
                return self.year, 6 * self._index - 5, self.year, 6 * self._index
            case PeriodKind.NINE_MONTHS:
                return self.year, 1, self.year, 9
            case PeriodKind.MONTH:
                return self.year, self._index, self.year, self._index
            case PeriodKind.RANGE:
                assert self.end_year is not None
                return self.year, 1, self.end_year, 12
            case _:
                return self.year, 1, self.year, 12

    def default_window(self) -> WindowMode:
        """The window a report for this period counts by default.

        Years, quarters, halves and nine months follow ND09 (15th → 14th), as the CCHC periodic
        reports to Sở/Bộ Nội vụ do. A month defaults to calendar dates: no CCHC regime asks for a
        monthly report, so months serve trends and charts, where "tháng 3" must mean 1–31/3 and the
        months of a year must add up to the calendar year. A range (giai đoạn) is a review whose
        cut-off ND09 leaves to the requesting body; whole calendar years are the usual reading.
        """
        if self.kind in (PeriodKind.MONTH, PeriodKind.RANGE):
            return "calendar"
        return "nd09"

    def window(self, mode: WindowMode | None = None) -> tuple[date, date]:
        """First and last day (both included) whose data the period counts.

        ``"calendar"``: natural dates (Quý I = 01/01 → 31/03). ``"nd09"``: from the 15th of the month
        before the period to the 14th of its last month (Quý I/2022 = 15/12/2021 → 14/03/2022).
        Without ``mode``, :meth:`default_window` decides.
        """
        chosen = self.default_window() if mode is None else mode
        if chosen not in _WINDOW_MODES:
            raise ValidationError(_MSG_MODE.format(value=chosen), code="periods.invalid_mode", mode=chosen)
        start_year, start_month, end_year, end_month = self._month_span()
        if chosen == "calendar":
            last_day = calendar.monthrange(end_year, end_month)[1]
            return date(start_year, start_month, 1), date(end_year, end_month, last_day)
        open_year, open_month = _month_before(start_year, start_month)
        return date(open_year, open_month, _ND09_OPEN_DAY), date(end_year, end_month, _ND09_CLOSE_DAY)

    def previous_year(self) -> Period:
        """The same period one year earlier (Quý I/2022 → Quý I/2021), for year-on-year comparison.

        A range moves as a whole: 2021-2025 → 2020-2024.
        """
        end_year = None if self.end_year is None else self.end_year - 1
        return replace(self, year=self.year - 1, end_year=end_year)

    def in_year(self, year: int) -> Period:
        """The same period in ``year`` (Quý I/2026 in 2022 → Quý I/2022), for comparing with any
        earlier year; a range moves as a whole, starting in ``year``."""
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(_MSG_YEAR.format(low=MIN_YEAR, high=MAX_YEAR, value=year), code=_CODE)
        end_year = None if self.end_year is None else self.end_year + (year - self.year)
        return replace(self, year=year, end_year=end_year)

    def months(self) -> list[tuple[int, int]]:
        """The calendar months the period covers, as (year, month), in order; for monthly trends."""
        start_year, start_month, end_year, end_month = self._month_span()
        first = start_year * 12 + start_month - 1
        last = end_year * 12 + end_month - 1
        return [(serial // 12, serial % 12 + 1) for serial in range(first, last + 1)]


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            _MSG_YEAR.format(low=MIN_YEAR, high=MAX_YEAR, value=year), code=_CODE, year=year
        )


def _clean_code(text: str) -> str:
    # People type "2022 - q1", "2021–2025" or "2022-h1": spacing, case and dash style carry no meaning.
    without_spaces = "".join(text.split())
    unified = re.sub(r"[\u2010-\u2015\u2212]", "-", without_spaces)
    return unified.upper()


def parse_period(text: str) -> Period:
    """The period named by a code: "2022", "2022-Q1", "2022-H1", "2022-9M", "2022-03", "2021-2025".

    Case, spaces and dash style are ignored. Raises :class:`ValidationError` (code
    ``periods.invalid``) with a Vietnamese message for anything else.
    """
    match = _CODE_RE.fullmatch(_clean_code(text))
    if match is None:
        raise ValidationError(_MSG_BAD_CODE.format(value=text), code=_CODE, value=text)
    year = int(match["year"])
    if match["quarter"] is not None:
        return Period(kind=PeriodKind.QUARTER, year=year, index=int(match["quarter"]))
    if match["half"] is not None:
        return Period(kind=PeriodKind.HALF, year=year, index=int(match["half"]))
    if match["nine"] is not None:
        return Period(kind=PeriodKind.NINE_MONTHS, year=year)
    if match["end_year"] is not None:
        return Period(kind=PeriodKind.RANGE, year=year, end_year=int(match["end_year"]))
    if match["month"] is not None:
        return Period(kind=PeriodKind.MONTH, year=year, index=int(match["month"]))
    return Period(kind=PeriodKind.YEAR, year=year)


def periods_of_year(year: int) -> list[Period]:
    """A year's periods in the order offices think of them: year, halves, nine months, quarters, months."""
    return [
        Period(kind=PeriodKind.YEAR, year=year),
        Period(kind=PeriodKind.HALF, year=year, index=1),
        Period(kind=PeriodKind.NINE_MONTHS, year=year),
        Period(kind=PeriodKind.HALF, year=year, index=2),
        *(Period(kind=PeriodKind.QUARTER, year=year, index=q) for q in range(1, 5)),
        *(Period(kind=PeriodKind.MONTH, year=year, index=m) for m in range(1, 13)),
    ]
