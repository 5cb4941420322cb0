"""Reporting periods (kỳ báo cáo) and their ND09 / calendar data windows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loa.core.errors import ValidationError
from loa.core.periods import Period, PeriodKind, WindowMode, parse_period

MODES: tuple[WindowMode, ...] = ("calendar", "nd09")
years = st.integers(min_value=1901, max_value=2998)
modes = st.sampled_from(MODES)


@st.composite
def periods(draw: st.DrawFn, min_year: int = 1901) -> Period:
    kind = draw(st.sampled_from(list(PeriodKind)))
    year = draw(st.integers(min_value=min_year, max_value=2998))
    match kind:
        case PeriodKind.QUARTER:
            return Period(kind=kind, year=year, index=draw(st.integers(1, 4)))
        case PeriodKind.HALF:
            return Period(kind=kind, year=year, index=draw(st.integers(1, 2)))
        case PeriodKind.MONTH:
            return Period(kind=kind, year=year, index=draw(st.integers(1, 12)))
        case PeriodKind.RANGE:
            return Period(kind=kind, year=year, end_year=draw(st.integers(year + 1, min(year + 10, 2999))))
        case _:
            return Period(kind=kind, year=year)


def quarter(year: int, index: int) -> Period:
    return Period(kind=PeriodKind.QUARTER, year=year, index=index)


def month(year: int, index: int) -> Period:
    return Period(kind=PeriodKind.MONTH, year=year, index=index)


# --- codes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("2022", Period(kind=PeriodKind.YEAR, year=2022)),
        ("2022-Q1", Period(kind=PeriodKind.QUARTER, year=2022, index=1)),
        ("2022-H2", Period(kind=PeriodKind.HALF, year=2022, index=2)),
        ("2022-9M", Period(kind=PeriodKind.NINE_MONTHS, year=2022)),
        ("2022-03", Period(kind=PeriodKind.MONTH, year=2022, index=3)),
        ("2021-2025", Period(kind=PeriodKind.RANGE, year=2021, end_year=2025)),
    ],
)
def test_codes_parse_into_periods_and_print_back(code: str, expected: Period) -> None:
    assert parse_period(code) == expected
    assert str(expected) == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("2022-q1", "2022-Q1"),
        (" 2022 - h1 ", "2022-H1"),
        ("2022-9m", "2022-9M"),
        ("2022-3", "2022-03"),
        ("2021–2025", "2021-2025"),
    ],
)
def test_case_spaces_and_dash_style_do_not_matter(typed: str, code: str) -> None:
    assert str(parse_period(typed)) == code


@pytest.mark.parametrize(
    "code",
    [
        "",
        "22",
        "năm 2022",
        "2022-Q5",
        "2022-Q0",
        "2022-H3",
        "2022-13",
        "2022-00",
        "2022-6M",
        "2022/Q1",
        "2025-2021",
        "2022-2022",
        "Q1-2022",
        "0999",
        "2022-Q1-extra",
    ],
)
def test_bad_codes_are_refused_with_a_vietnamese_message(code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period(code)
    assert caught.value.code == "periods.invalid"
    assert caught.value.message  # a sentence for the user, never empty
    assert "Kỳ báo cáo" in caught.value.message or "phải" in caught.value.message


def test_a_malformed_code_message_shows_what_was_typed_and_the_accepted_forms() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period("2022/Q1")
    assert "2022/Q1" in caught.value.message
    assert "2022-H1" in caught.value.message


def test_an_out_of_range_quarter_says_which_quarters_exist() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period("2022-Q9")
    assert caught.value.message == "Quý phải từ 1 đến 4, không phải 9."


@pytest.mark.parametrize(
    "build",
    [
        lambda: Period(kind=PeriodKind.QUARTER, year=2022),
        lambda: Period(kind=PeriodKind.QUARTER, year=2022, index=5),
        lambda: Period(kind=PeriodKind.HALF, year=2022, index=0),
        lambda: Period(kind=PeriodKind.MONTH, year=2022, index=13),
        lambda: Period(kind=PeriodKind.YEAR, year=2022, index=1),
        lambda: Period(kind=PeriodKind.YEAR, year=2022, end_year=2023),
        lambda: Period(kind=PeriodKind.RANGE, year=2022),
        lambda: Period(kind=PeriodKind.YEAR, year=1800),
    ],
)
def test_impossible_periods_cannot_be_built(build: Callable[[], Period]) -> None:
    with pytest.raises(ValidationError):
        build()


def test_a_kind_given_as_text_is_stored_as_the_enum() -> None:
    period = Period(kind="quarter", year=2022, index=1)
    assert period.kind is PeriodKind.QUARTER


@given(periods())
def test_every_period_code_reads_back_as_the_same_period(period: Period) -> None:
    assert parse_period(str(period)) == period


# --- windows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2022-Q1", date(2021, 12, 15), date(2022, 3, 14)),
        ("2022-Q2", date(2022, 3, 15), date(2022, 6, 14)),
        ("2022-Q3", date(2022, 6, 15), date(2022, 9, 14)),
        ("2022-Q4", date(2022, 9, 15), date(2022, 12, 14)),
        ("2022-H1", date(2021, 12, 15), date(2022, 6, 14)),
        ("2022-H2", date(2022, 6, 15), date(2022, 12, 14)),
        ("2022-9M", date(2021, 12, 15), date(2022, 9, 14)),
        ("2022", date(2021, 12, 15), date(2022, 12, 14)),
        ("2022-01", date(2021, 12, 15), date(2022, 1, 14)),
        ("2022-03", date(2022, 2, 15), date(2022, 3, 14)),
    ],
)
def test_nd09_window_runs_from_the_15th_to_the_14th(code: str, start: date, end: date) -> None:
    assert parse_period(code).window("nd09") == (start, end)


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("2022-Q1", date(2022, 1, 1), date(2022, 3, 31)),
        ("2022-Q4", date(2022, 10, 1), date(2022, 12, 31)),
        ("2022-H1", date(2022, 1, 1), date(2022, 6, 30)),
        ("2022-H2", date(2022, 7, 1), date(2022, 12, 31)),
        ("2022-9M", date(2022, 1, 1), date(2022, 9, 30)),
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2021-2025", date(2021, 1, 1), date(2025, 12, 31)),
    ],
)
def test_calendar_window_uses_natural_dates(code: str, start: date, end: date) -> None:
    assert parse_period(code).window("calendar") == (start, end)


@pytest.mark.parametrize(
    ("code", "mode"),
    [
        ("2022", "nd09"),
        ("2022-Q1", "nd09"),
        ("2022-H1", "nd09"),
        ("2022-9M", "nd09"),
        ("2022-03", "calendar"),
        ("2021-2025", "calendar"),
    ],
)
def test_default_window_is_nd09_except_for_months_and_ranges(code: str, mode: WindowMode) -> None:
    period = parse_period(code)
    assert period.default_window() == mode
    assert period.window() == period.window(mode)


def test_an_unknown_window_mode_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_period("2022").window("fiscal")
    assert caught.value.code == "periods.invalid_mode"


@given(periods(), modes)
def test_a_window_never_ends_before_it_starts(period: Period, mode: WindowMode) -> None:
    start, end = period.window(mode)
    assert start < end


@given(periods())
def test_nd09_window_opens_on_the_15th_and_closes_on_the_14th(period: Period) -> None:
    start, end = period.window("nd09")
    assert (start.day, end.day) == (15, 14)


@given(periods())
def test_nd09_window_closes_in_the_last_month_of_the_calendar_window(period: Period) -> None:
    calendar_start, calendar_end = period.window("calendar")
    nd09_start, nd09_end = period.window("nd09")
    assert (nd09_end.year, nd09_end.month) == (calendar_end.year, calendar_end.month)
    assert nd09_start == (calendar_start - timedelta(days=1)).replace(day=15)


@given(years, modes)
def test_quarters_tile_their_year_without_gaps(year: int, mode: WindowMode) -> None:
    windows = [quarter(year, q).window(mode) for q in (1, 2, 3, 4)]
    for (_, end), (next_start, _) in pairwise(windows):
        assert next_start == end + timedelta(days=1)
    year_window = Period(kind=PeriodKind.YEAR, year=year).window(mode)
    assert (windows[0][0], windows[-1][1]) == year_window


@given(years, modes)
def test_months_tile_the_year_and_run_into_the_next(year: int, mode: WindowMode) -> None:
    windows = [month(year, m).window(mode) for m in range(1, 13)] + [month(year + 1, 1).window(mode)]
    for (_, end), (next_start, _) in pairwise(windows):
        assert next_start == end + timedelta(days=1)


@given(years, modes)
def test_halves_and_nine_months_line_up_with_quarters(year: int, mode: WindowMode) -> None:
    def window(code: str) -> tuple[date, date]:
        return parse_period(f"{year}{code}").window(mode)

    assert window("-H1") == (window("-Q1")[0], window("-Q2")[1])
    assert window("-H2") == (window("-Q3")[0], window("-Q4")[1])
    assert window("-9M") == (window("-Q1")[0], window("-Q3")[1])


# --- labels, previous year, months -------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2022", "năm 2022"),
        ("2022-Q1", "Quý I/2022"),
        ("2022-Q2", "Quý II/2022"),
        ("2022-Q3", "Quý III/2022"),
        ("2022-Q4", "Quý IV/2022"),
        ("2022-H1", "6 tháng đầu năm 2022"),
        ("2022-H2", "6 tháng cuối năm 2022"),
        ("2022-9M", "9 tháng năm 2022"),
        ("2022-03", "tháng 3/2022"),
        ("2022-11", "tháng 11/2022"),
        ("2021-2025", "giai đoạn 2021-2025"),
    ],
)
def test_label_is_the_name_reports_use(code: str, label: str) -> None:
    assert parse_period(code).label_vi == label


@pytest.mark.parametrize(
    ("code", "previous"),
    [
        ("2022-Q1", "2021-Q1"),
        ("2022", "2021"),
        ("2022-H2", "2021-H2"),
        ("2022-9M", "2021-9M"),
        ("2022-01", "2021-01"),
        ("2021-2025", "2020-2024"),
    ],
)
def test_previous_year_is_the_same_period_a_year_earlier(code: str, previous: str) -> None:
    assert str(parse_period(code).previous_year()) == previous


def test_there_is_no_year_before_the_first_one() -> None:
    with pytest.raises(ValidationError):
        Period(kind=PeriodKind.YEAR, year=1900).previous_year()


@given(periods(min_year=1902))
def test_previous_year_moves_every_month_back_one_year(period: Period) -> None:
    assert period.previous_year().months() == [(year - 1, m) for year, m in period.months()]


def test_months_of_a_quarter() -> None:
    assert parse_period("2022-Q2").months() == [(2022, 4), (2022, 5), (2022, 6)]


def test_months_of_a_range_cross_years() -> None:
    months = parse_period("2021-2022").months()
    assert len(months) == 24
    assert months[11:13] == [(2021, 12), (2022, 1)]


@pytest.mark.parametrize(
    ("code", "count"), [("2022", 12), ("2022-Q3", 3), ("2022-H1", 6), ("2022-9M", 9), ("2022-07", 1)]
)
def test_months_count_matches_the_kind(code: str, count: int) -> None:
    assert len(parse_period(code).months()) == count


@given(periods())
def test_months_span_exactly_the_calendar_window(period: Period) -> None:
    start, end = period.window("calendar")
    months = period.months()
    assert months[0] == (start.year, start.month)
    assert months[-1] == (end.year, end.month)
    assert months == sorted(set(months))
