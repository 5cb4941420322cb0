"""The report's "cùng kỳ năm trước" (issue 12 item 2, issue 14 item 4, ADR 0029): read through
lineage, counting imported figures as the dashboard does, editable, in the Biểu 01 annex, and
frozen with the submission so that a sent report never changes."""

from __future__ import annotations

import datetime as dt

import pytest

from loa.activities.history import FigureRow, historical_figures_store
from loa.activities.models import Activity
from loa.activities.stats import stats_table
from loa.core.actors import SYSTEM_CLI
from loa.core.periods import parse_period
from loa.documents.services import document_create
from loa.organizations.models import Unit
from loa.plans.models import Channel
from loa.reporting.cycle import freeze_figures
from loa.reporting.drafting import annex_rows, build_unit_report
from loa.reporting.models import Report, ReportRequest, ReportStatus

D = dt.date


def _draft(code: str, period: str, day: dt.date, **kw):
    unit = Unit.objects.get(code=code)
    return build_unit_report(user=SYSTEM_CLI, unit=unit, period=parse_period(period), report_date=day, **kw)


def _part(draft, key: str) -> str:
    return next(p.text for p in draft.parts if p.key == key)


def _import(code: str, period: str, figures: dict[str, int], symbol: str) -> None:
    unit = Unit.objects.get(code=code)
    doc = document_create(
        actor=SYSTEM_CLI,
        kind="BC",
        subject="Báo cáo công tác tuyên truyền CCHC",
        issuer_unit=unit,
        symbol=symbol,
        issued_date=parse_period(period).window("calendar")[1],
        direction="outgoing",
    )
    historical_figures_store(
        actor=SYSTEM_CLI,
        unit=unit,
        period=parse_period(period),
        source_document=doc,
        rows=[FigureRow(channel=Channel.objects.get(code=c), quantity=q) for c, q in figures.items()],
    )


def test_a_ward_compares_with_the_communes_it_came_from_and_names_them(demo_world):
    """Phường Hương Trà's 2023 report (it did not exist then either) is compared with 2022 — the
    work of phường Tứ Hạ, Hương Văn… before the merger — and says whose work that was."""
    draft = _draft("phuong-huong-tra", "2023", D(2023, 12, 31))
    dashboard = stats_table(
        user=SYSTEM_CLI,
        unit=Unit.objects.get(code="phuong-huong-tra"),
        period=parse_period("2023"),
        lineage=True,
    )
    assert draft.comparison is not None and draft.comparison.year == 2022
    assert draft.comparison.values == {r.key: r.previous for r in dashboard.rows if r.previous}
    assert draft.comparison.values  # the predecessors worked in 2022
    label = draft.comparison.label
    assert label.startswith("cùng kỳ năm 2022 (số liệu của ") and label.endswith(" trước sắp xếp)")
    assert "phường Tứ Hạ" in label and "Ủy ban nhân dân" not in label
    sentence = _part(draft, "s3.comparison")
    assert sentence.startswith(f"So với {label}: ")
    assert "giảm" in sentence  # nothing recorded in 2023 yet
    # The officer may reword it like any drafted paragraph.
    edited = _draft("phuong-huong-tra", "2023", D(2023, 12, 31), narrative={"s3.comparison": "Tự viết."})
    assert "Tự viết." in [b.text for b in edited.document.blocks]


def test_imported_figures_count_in_the_report_and_its_comparison(demo_world):
    """Phòng VHTT imports its 2021 report: the 2022 report compares with those figures (the larger
    of imported and recorded), line by line and in Biểu 01; a 2021 report counts them as its own."""
    _import("huongtra-vhtt", "2021", {"PORTAL": 18, "RADIO": 60}, "190/BC-VHTT")
    draft = _draft("huongtra-vhtt", "2022", D(2022, 12, 31))
    assert draft.comparison is not None
    recorded_2021 = sum(
        a.quantity
        for a in Activity.objects.filter(unit__code="huongtra-vhtt", date__year=2021, channel__code="PORTAL")
    )
    assert draft.comparison.values["PORTAL"] == max(18, recorded_2021)
    assert draft.comparison.values["RADIO"] >= 60
    lines = [b.text for b in draft.document.blocks]
    assert any(f"cùng kỳ năm 2021: {max(18, recorded_2021)} tin" in line for line in lines), lines
    annex = {r.channel: r for r in annex_rows(draft)}
    portal = next(f for f in draft.figures if f.channel == "PORTAL")
    assert annex[portal.name].previous == draft.comparison.values["PORTAL"]
    own = _draft("huongtra-vhtt", "2021", D(2021, 12, 31))
    assert {f.channel: f.actual for f in own.figures}["RADIO"] >= 60
    # Nothing recorded or imported for 2020: no comparison, no lines of zeros.
    assert own.comparison is None
    assert not any("cùng kỳ" in b.text for b in own.document.blocks)


@pytest.mark.django_db
def test_the_submission_freezes_the_comparison(demo_world):
    """Figures imported after the report was sent do not move what it froze (the report of
    21/10/2022 compares with 01/01–21/10/2021: a Q1 figure counts, the whole year's would not)."""
    report = Report.objects.filter(
        unit__code="huongtra-vhtt", period="2022", status=ReportStatus.ISSUED
    ).first()
    assert report is not None
    request = ReportRequest(period="2022", window="")
    frozen = freeze_figures(actor=SYSTEM_CLI, request=request, report=report)
    assert frozen["previous"]["year"] == 2021
    before = dict(frozen["previous"]["values"])
    _import("huongtra-vhtt", "2021-Q1", {"MEETING": 40}, "191/BC-VHTT")
    assert freeze_figures(actor=SYSTEM_CLI, request=request, report=report)["previous"]["values"] != before
    assert frozen["previous"]["values"] == before
    # The consolidated report of a request reads the frozen comparison back.
    from loa.activities.comparison import Comparison

    assert Comparison.from_dict(frozen["previous"]).values == before


def test_the_comparison_paragraph_counts_the_changes_and_names_the_largest():
    """Every figure is on its own line already: the paragraph sums up, naming at most three changes
    per direction, the largest first."""
    from loa.activities.comparison import Comparison
    from loa.activities.selectors import ChannelFigure
    from loa.reporting.drafting.comparing import comparison_sentence

    def fig(code: str, actual: int) -> ChannelFigure:
        return ChannelFigure(
            channel=code, name=f"Hình thức {code}", measure="lượt", target=None, actual=actual
        )

    figures = [fig("A", 10), fig("B", 1), fig("C", 0), fig("D", 0), fig("E", 0), fig("F", 5), fig("G", 0)]
    before = {"A": 4, "B": 1, "C": 7, "D": 2, "E": 30, "F": 0, "G": 1}
    import datetime as dt

    compared = Comparison(year=2022, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31), values=before)
    sentence = comparison_sentence(figures, compared)
    assert sentence == (
        "So với cùng kỳ năm 2022: 2 hình thức tăng (hình thức A tăng 06 lượt, hình thức F tăng 05 lượt); "
        "4 hình thức giảm (hình thức E giảm 30 lượt, hình thức C giảm 07 lượt, hình thức D giảm 02 lượt "
        "và 1 hình thức khác); 1 hình thức bằng cùng kỳ."
    )
