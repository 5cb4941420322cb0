"""Write the town's 2022 year (:mod:`loa.demo.year_data`) through the services: every unit's plan,
targets and tasks, its recorded work, the acknowledgements of the monthly orientations, the reports
in their states (one issued: 297/BC-VHTT) and the portal's feed with drafts waiting.

Deterministic: one ``random.Random(2022)`` drawn in a fixed order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import zoneinfo

from loa.activities.feeds import feed_parse, feed_register, feed_store
from loa.activities.services import activity_record
from loa.activities.transfers import transfer_create
from loa.core.actors import SYSTEM_DEMO
from loa.core.periods import parse_period
from loa.demo import year_data as Y
from loa.docgen.render_docx import render_docx
from loa.ingest.registered import registered_citations
from loa.organizations.models import Unit
from loa.plans.models import Channel, ContentArea, Orientation, Plan
from loa.plans.services import orientation_acknowledge, plan_create, target_set, task_add
from loa.reporting.drafting import build_unit_report
from loa.reporting.models import Report, ReportStatus
from loa.reporting.services import (
    report_approve,
    report_issue,
    report_open,
    report_return,
    report_submit,
)

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
FOUNDING_REPORT_DATE = dt.date(2022, 10, 21)


@dataclasses.dataclass
class Year:
    """What the year is written with: the units by code, the catalogues, the plans already made."""

    units: dict[str, Unit]
    channels: dict[str, Channel]
    areas: dict[str, ContentArea]
    plans: dict[str, Plan]
    rng: random.Random = dataclasses.field(default_factory=lambda: random.Random(Y.SEED))

    def record(self, unit: str, day: dt.date, channel: str, title: str, qty: int, areas, **extra) -> None:
        activity_record(
            actor=SYSTEM_DEMO,
            unit=self.units[unit],
            date=day,
            channel=self.channels[channel],
            title=title,
            quantity=qty,
            areas=[self.areas[a] for a in areas],
            **extra,
        )


def load_year(year: Year, orientations: list[Orientation]) -> None:
    """Plans, tasks, activities and acknowledgements of every unit of the 2022 town."""
    town_plan = year.plans["huongtra"]
    for code, (title, targets) in Y.OFFICE_PLANS.items():
        year.plans[code] = _plan(year, code, title, targets, parent=town_plan)
    for code in Y.DILIGENCE:
        place = _place(year.units[code])
        targets = Y.WARD_TARGETS if code.startswith("phuong-") else Y.COMMUNE_TARGETS
        year.plans[code] = _plan(
            year, code, f"Kế hoạch tuyên truyền CCHC năm 2022 của UBND {place}", targets, parent=town_plan
        )
    for plan_unit, title, owner, deadline, status in Y.TASKS:
        task_add(
            actor=SYSTEM_DEMO,
            plan=year.plans[plan_unit],
            title=title,
            owner_unit=year.units[owner],
            deadline=deadline,
            status=status,
        )
    for code, diligence in Y.DILIGENCE.items():
        for (title, deadline), status in zip(Y.COMMUNE_TASKS, Y.TASK_STATES[diligence], strict=True):
            task_add(
                actor=SYSTEM_DEMO,
                plan=year.plans[code],
                title=title,
                owner_unit=year.units[code],
                deadline=deadline,
                status=status,
            )
    for unit, day, channel, title, qty, areas, reach, url in Y.OFFICE_ACTIVITIES:
        year.record(unit, day, channel, title, qty, areas, reach=reach, evidence_url=url)
    acknowledged = _acknowledge(year, orientations)
    for code, diligence in Y.DILIGENCE.items():
        _commune_year(year, code, diligence, acknowledged)
    # Báo cáo 297/BC-VHTT: the panels went to the Trung tâm VH-TT-TT in the middle of the year.
    giver, receiver, channel, day, subject = Y.PANEL_TRANSFER
    transfer_create(
        actor=SYSTEM_DEMO,
        from_unit=year.units[giver],
        to_unit=year.units[receiver],
        channel=Channel.objects.get(code=channel),
        valid_from=day,
        subject=subject,
    )


def _plan(year: Year, code: str, title: str, targets: dict[str, int], *, parent: Plan) -> Plan:
    plan = plan_create(
        actor=SYSTEM_DEMO, unit=year.units[code], title=title, year_from=2022, parents=[parent]
    )
    for channel, qty in targets.items():
        target_set(actor=SYSTEM_DEMO, plan=plan, channel=year.channels[channel], quantity=qty)
    return plan


def _day(month: int, low: int, high: int, rng: random.Random) -> dt.date:
    """A day of ``month`` 2022 between ``low`` and ``high``; in December before the 15th, when the
    reporting year (Nghị định 09: 15/12 to 14/12) closes."""
    if month == 12:
        low, high = min(low, 10), min(high, 13)
    return dt.date(2022, month, rng.randint(low, high))


def _place(unit: Unit) -> str:
    """ "phường Tứ Hạ" from "Ủy ban nhân dân phường Tứ Hạ"."""
    return unit.name.removeprefix("Ủy ban nhân dân ")


def _acknowledge(year: Year, orientations: list[Orientation]) -> dict[tuple[int, str], Orientation]:
    """Most recipients acknowledge within days; the less diligent late or never (xã Hương Bình not
    at all after its officer left in July). Returns the (month, unit code) acknowledged."""
    done: dict[tuple[int, str], Orientation] = {}
    for orientation in orientations:
        month = orientation.month.month
        sent = dt.datetime(2022, month, 5, 8, 0, tzinfo=VN)
        for recipient in orientation.recipients.order_by("code"):
            diligence = Y.DILIGENCE.get(recipient.code, 2)
            draw = year.rng.random()
            if recipient.code == "xa-huong-binh" and month >= 7:
                continue
            if diligence == 2 or (diligence == 1 and draw < 0.85):
                delay = dt.timedelta(days=year.rng.randint(0, 4), hours=year.rng.randint(0, 8))
            elif diligence == 1 or draw < 0.55:
                delay = dt.timedelta(days=year.rng.randint(12, 35), hours=year.rng.randint(0, 8))
            else:
                continue
            orientation_acknowledge(
                actor=SYSTEM_DEMO, orientation=orientation, unit=recipient, at=sent + delay
            )
            done[(month, recipient.code)] = orientation
    return done


def _commune_year(
    year: Year, code: str, diligence: int, acknowledged: dict[tuple[int, str], Orientation]
) -> None:
    """A commune's or ward's year: monthly broadcasts answering the orientation it acknowledged,
    quarterly village meetings, banners, TTHC postings, portal news, Zalo posts, the contest."""
    rng, place = year.rng, _place(year.units[code])
    ward = code.startswith("phuong-")
    for month in range(1, 13):
        theme, areas = Y.MONTH_THEMES[month - 1], Y.MONTH_AREAS[month - 1]
        year.record(
            code,
            _day(month, 12, 26, rng),
            "RADIO",
            f"Phát thanh chuyên mục CCHC tháng {month:02d}/2022 trên hệ thống truyền thanh {place}: {theme}",
            rng.randint(2, 4) + diligence,
            areas,
            orientation=acknowledged.get((month, code)),
        )
        if ward:
            year.record(
                code,
                _day(month, 3, 27, rng),
                "SOCIAL",
                f"Đăng tải thông tin CCHC tháng {month:02d}/2022 trên nhóm Zalo của {place}",
                rng.randint(0, 1) + max(diligence, 1),
                ("DIGITAL_GOVERNMENT",),
                reach=rng.randint(300, 1500),
            )
    for quarter in range(4 if diligence else 3):
        villages = diligence + 2 + rng.randint(0, 3)
        year.record(
            code,
            _day(3 * quarter + 3, 15, 28, rng),
            "MEETING",
            f"Lồng ghép tuyên truyền CCHC trong họp thôn, tổ dân phố quý {Y.QUARTERS[quarter]}/2022",
            villages,
            ("PROCEDURES",),
            reach=villages * rng.randint(25, 45),
        )
    banners = (
        (dt.date(2022, 2, 14), f"Treo băng rôn, khẩu hiệu tuyên truyền CCHC tại trụ sở UBND {place}"),
        (dt.date(2022, 8, 24), f"Làm mới băng rôn tuyên truyền CCHC dịp Quốc khánh 2/9 tại {place}"),
    )
    for day, title in banners[: 1 if diligence == 0 else 2]:
        year.record(code, day, "PANEL", title, 1, ("INSTITUTIONS",))
    for month in (3, 8)[: 1 if diligence == 0 else 2]:
        year.record(
            code,
            _day(month, 1, 10, rng),
            "TTHC_POSTING",
            f"Niêm yết, cập nhật TTHC tại Bộ phận tiếp nhận và trả kết quả UBND {place}",
            1,
            ("PROCEDURES",),
        )
    for month in sorted(rng.sample(range(1, 13), (2, 4, 5)[diligence])):
        year.record(
            code,
            _day(month, 5, 25, rng),
            "PORTAL",
            f"{place[0].upper()}{place[1:]} tuyên truyền {Y.MONTH_THEMES[month - 1]}",
            1,
            Y.MONTH_AREAS[month - 1],
            evidence_url=f"{Y.PORTAL}{code}-{month:02d}",
        )
    if diligence:
        year.record(
            code,
            dt.date(2022, 8, rng.randint(1, 20)),
            "CONTEST",
            "Vận động cán bộ, công chức và người dân tham gia Cuộc thi trực tuyến tìm hiểu CCHC năm 2022",
            1,
            ("INSTITUTIONS", "CIVIL_SERVICE"),
            reach=rng.randint(80, 400),
        )


def load_reports(units: dict[str, Unit]) -> None:
    """The 2022 reports of the units other than Phòng VHTT, left at the step each unit reached."""
    for code, (status, day, note) in Y.REPORTS_2022.items():
        report = report_open(actor=SYSTEM_DEMO, unit=units[code], period="2022", report_date=day)
        if status == ReportStatus.DRAFT:
            continue
        report = report_submit(actor=SYSTEM_DEMO, report=report)
        if status == ReportStatus.APPROVED:
            report_approve(actor=SYSTEM_DEMO, report=report, note=note)
        elif status == ReportStatus.RETURNED:
            report_return(actor=SYSTEM_DEMO, report=report, reason=note)


def issue_founding_report(unit: Unit) -> Report:
    """Báo cáo 297/BC-VHTT: drafted from the data, submitted, approved, numbered from the register."""
    report = report_open(actor=SYSTEM_DEMO, unit=unit, period="2022", report_date=FOUNDING_REPORT_DATE)
    report = report_submit(actor=SYSTEM_DEMO, report=report)
    report = report_approve(actor=SYSTEM_DEMO, report=report, note="Đồng ý, trình ký ban hành.")
    draft = build_unit_report(
        user=SYSTEM_DEMO,
        unit=unit,
        period=parse_period("2022"),
        report_date=FOUNDING_REPORT_DATE,
        narrative=report.narrative,
    )
    doc = draft.document
    text = "\n".join(
        [*doc.legal_bases, *(b.text for b in doc.blocks if isinstance(getattr(b, "text", None), str))]
    )
    return report_issue(
        actor=SYSTEM_DEMO,
        report=report,
        subject=doc.subject,
        signer_name=doc.signature.name if doc.signature else "",
        render=lambda number: render_docx(dataclasses.replace(doc, number=number)),
        cites=registered_citations(text=text, user=SYSTEM_DEMO),
    )


def load_feed(unit: Unit) -> None:
    """The town portal's CCHC feed, with its newest items waiting as drafts (read from the demo's
    own RSS text: ``loa demo`` never goes on the network)."""
    feed = feed_register(actor=SYSTEM_DEMO, unit=unit, url=Y.FEED_URL, title=Y.FEED_TITLE)
    feed_store(actor=SYSTEM_DEMO, feed=feed, entries=feed_parse(Y.feed_rss(), url=Y.FEED_URL))
