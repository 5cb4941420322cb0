"""The demo's 2022 town year: every unit planned and worked, orientations acknowledged (or not),
one report issued through the register, the others at the step each unit reached, and a feed."""

import datetime as dt

import pytest

from loa.activities.coverage import Coverage, orientation_coverage
from loa.activities.models import DraftActivity, DraftStatus, Feed
from loa.activities.selectors import channel_figures
from loa.core.actors import SYSTEM_CLI, SYSTEM_DEMO
from loa.core.models import AuditEvent
from loa.demo.data import COMMUNES_2022
from loa.plans.models import OrientationRecipient, Plan
from loa.reporting.models import Report, ReportStatus

TOWN_2022 = ["huongtra", "huongtra-vhtt", "huongtra-noivu", "huongtra-ttvhtt", "huongtra-tthcc"] + [
    c for c, _ in COMMUNES_2022
]
YEAR = (dt.date(2021, 12, 15), dt.date(2022, 12, 14))  # the reporting year 2022 (Nghị định 09)


@pytest.mark.parametrize("code", TOWN_2022)
def test_every_unit_of_the_town_has_a_2022_plan_with_targets_tasks_and_activities(demo_world, code):
    plan = Plan.objects.get(unit__code=code, year_from=2022, year_to=2022)
    assert plan.targets.count() >= 4
    assert plan.tasks.count() >= 3
    unit = demo_world[code]
    figures = channel_figures(user=SYSTEM_CLI, unit=unit, start=YEAR[0], end=YEAR[1], year=2022)
    assert sum(f.actual for f in figures) >= 4
    assert unit.activities.filter(date__range=YEAR).dates("date", "month").count() >= (
        10 if code in dict(COMMUNES_2022) else 1
    )


def test_phong_vhtt_keeps_the_figures_of_bao_cao_297(demo_world):
    figures = {
        f.channel: f.actual
        for f in channel_figures(
            user=SYSTEM_CLI, unit=demo_world["huongtra-vhtt"], start=YEAR[0], end=YEAR[1], year=2022
        )
    }
    assert figures["PORTAL"] == 2 and figures["PANEL"] == 1 and figures["ORIENTATION"] == 10


def test_communes_differ_some_meet_their_radio_target_and_some_fall_short(demo_world):
    radio = {
        code: next(
            f
            for f in channel_figures(
                user=SYSTEM_CLI, unit=demo_world[code], start=YEAR[0], end=YEAR[1], year=2022
            )
            if f.channel == "RADIO"
        )
        for code, _ in COMMUNES_2022
    }
    assert {f.target for f in radio.values()} == {48}
    assert radio["phuong-tu-ha"].actual >= 48 > radio["xa-huong-binh"].actual


def test_most_recipients_acknowledge_the_orientations_some_late_and_some_never(demo_world):
    rows = OrientationRecipient.objects.filter(orientation__unit__code="huongtra-vhtt")
    assert rows.count() == 10 * 13
    missing = rows.filter(acknowledged_at__isnull=True)
    assert 10 <= missing.count() <= 30
    assert set(
        missing.filter(unit__code="xa-huong-binh").values_list("orientation__month__month", flat=True)
    ) >= {
        7,
        8,
        9,
        10,
    }
    late = [
        r
        for r in rows.exclude(acknowledged_at=None)
        if (r.acknowledged_at.date() - r.orientation.month).days > 14
    ]
    assert late and len(late) < rows.count() // 4


def test_the_coordinator_sees_answered_acknowledged_and_pending_cells(demo_world):
    grid = orientation_coverage(user=SYSTEM_DEMO, unit=demo_world["huongtra-vhtt"], year=2022)
    cells = {c for row in grid for c in row.cells}
    assert {Coverage.ANSWERED, Coverage.PENDING} <= cells
    by_unit = {row.unit.code: row for row in grid}
    assert by_unit["phuong-tu-ha"].answered == 10 and by_unit["xa-huong-binh"].answered < 7


def test_one_report_is_issued_through_the_register_and_the_others_are_spread(demo_world):
    issued = Report.objects.get(status=ReportStatus.ISSUED)
    assert issued.unit.code == "huongtra-vhtt" and issued.period == "2022"
    assert issued.document.symbol == "297/BC-VHTT" and issued.document.issued_date == dt.date(2022, 10, 21)
    assert issued.document.file.name.endswith(".docx")
    assert AuditEvent.objects.filter(verb="report.issue", actor_name=SYSTEM_DEMO.name).count() == 1
    states = set(Report.objects.exclude(pk=issued.pk).values_list("status", flat=True))
    assert states == {
        ReportStatus.DRAFT,
        ReportStatus.SUBMITTED,
        ReportStatus.APPROVED,
        ReportStatus.RETURNED,
    }
    returned = Report.objects.get(status=ReportStatus.RETURNED)
    assert "Bổ sung" in returned.review_note


def test_without_the_issue_the_office_has_no_2022_report_yet(db):
    from loa.demo import demo_load

    demo_load(issue_report=False)
    assert not Report.objects.filter(unit__code="huongtra-vhtt").exists()
    assert Report.objects.count() == 8


def test_the_portal_feed_has_drafts_waiting_that_no_figure_counts(demo_world):
    feed = Feed.objects.get(unit__code="huongtra-vhtt")
    assert feed.url.startswith("https://") and feed.last_error == ""
    drafts = DraftActivity.objects.filter(feed=feed, status=DraftStatus.PENDING)
    assert drafts.count() == 3
    assert all(dt.date(2022, 11, 1) <= d.date <= dt.date(2022, 12, 31) for d in drafts)
