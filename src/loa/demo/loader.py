"""Load the demo world (:mod:`loa.demo.data`) and remove it again.

Everything is written through the services, as a user would, so the demo exercises the same code
paths as real work.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Q

from loa.activities.models import Activity, Source
from loa.activities.services import activity_record
from loa.core.actors import SYSTEM_DEMO
from loa.core.models import AuditEvent
from loa.demo.activity_data import ACTIVITIES_2022, ACTIVITIES_2026
from loa.demo.data import (
    CITATIONS,
    COMMUNES_2022,
    DEMO_PASSWORD,
    DOCUMENTS,
    MARKER_UNIT,
    OFFICIAL,
    ORIENTATIONS_2022,
    SUCCESSIONS,
    UNITS,
    USERS,
    VALID_FROM,
    D,
)
from loa.demo.scoring import load_scoring
from loa.demo.year import Year, issue_founding_report, load_feed, load_reports, load_year
from loa.documents.models import Citation, Direction, Document, Receipt, Register
from loa.documents.services import citation_add, document_create
from loa.organizations.accounts import membership_grant
from loa.organizations.lineage import succession_create
from loa.organizations.models import Membership, Role, Unit, UnitKind, UnitLink
from loa.organizations.services import unit_create, unit_link
from loa.plans.catalogue import install_catalogues
from loa.plans.models import Channel, ContentArea, Orientation, Plan, Task, Transfer
from loa.plans.services import orientation_send, plan_create, target_set
from loa.reporting.models import Report
from loa.scoring.models import Assessment, CriteriaSet, Score, ScoringRound

__all__ = ["DEMO_PASSWORD", "USERS", "demo_load", "demo_reset", "is_loaded"]


def is_loaded() -> bool:
    return Unit.objects.filter(code=MARKER_UNIT).exists()


def _demo_codes() -> set[str]:
    return {u[0] for u in UNITS} | {c for c, _ in COMMUNES_2022}


def _demo_units() -> models.QuerySet[Unit]:
    """The units the demo created: a demo code, and created by the demo loader (so a real unit that
    happens to use one of the demo's codes is never taken for the demo's)."""
    created = AuditEvent.objects.filter(
        verb="unit.create", target_type=Unit._meta.label_lower, actor_name=SYSTEM_DEMO.name
    ).values_list("target_id", flat=True)
    return Unit.objects.filter(code__in=_demo_codes(), pk__in=[int(pk) for pk in created])


def _demo_documents(units) -> models.QuerySet[Document]:
    """The demo's documents: those its units issued, numbered or received, and its external ones."""
    external = Q()
    for spec in DOCUMENTS:
        if spec.issuer.startswith("="):
            external |= Q(symbol=spec.symbol, issuer_text=spec.issuer[1:], issuer_unit__isnull=True)
    return Document.objects.filter(
        Q(issuer_unit__in=units)
        | Q(register__unit__in=units)
        | Q(receipts__register__unit__in=units)
        | external
    ).distinct()


@transaction.atomic
def demo_reset() -> None:
    """Remove what the demo wrote and nothing else: its units with what hangs on them (plans,
    activities, orientations, reports, feeds), its documents and its users. A unit, user, activity
    or document created outside the demo stays (its links to the demo's rows are removed). Audit
    records are never deleted; they keep the history of the removed rows (their actor becomes empty
    when the user goes)."""
    units = _demo_units()
    documents = list(_demo_documents(units).values_list("pk", flat=True))
    # Scoring first: its rounds keep the published report and its scores keep their criteria.
    rounds = ScoringRound.objects.filter(Q(coordinator_unit__in=units) | Q(criteria_set__province__in=units))
    Score.objects.filter(Q(assessment__round__in=rounds) | Q(assessment__unit__in=units)).delete()
    Assessment.objects.filter(Q(round__in=rounds) | Q(unit__in=units)).delete()
    rounds.delete()
    CriteriaSet.objects.filter(province__in=units).delete()
    Activity.objects.filter(unit__in=units).delete()
    Transfer.objects.filter(Q(from_unit__in=units) | Q(to_unit__in=units)).delete()
    Orientation.objects.filter(unit__in=units).delete()
    Task.objects.filter(Q(plan__unit__in=units) | Q(owner_unit__in=units)).delete()
    Plan.objects.filter(unit__in=units).delete()
    Report.objects.filter(unit__in=units).delete()
    Citation.objects.filter(Q(source__in=documents) | Q(target__in=documents)).delete()
    Receipt.objects.filter(Q(document__in=documents) | Q(register__unit__in=units)).delete()
    Document.objects.filter(pk__in=documents).delete()
    Register.objects.filter(unit__in=units).delete()
    Membership.objects.filter(unit__in=units).delete()
    UnitLink.objects.filter(Q(child__in=units) | Q(parent__in=units)).delete()
    units.delete()
    get_user_model().objects.filter(username__in=[u[0] for u in USERS]).delete()


def _official(code: str) -> dict[str, str]:
    official = OFFICIAL.get(code)
    return {"official_code": official[0], "admin_type": official[1]} if official else {}


@transaction.atomic
def demo_load(*, issue_report: bool = True) -> dict[str, int]:
    """Load the demo world (the caller checked :func:`is_loaded`). Returns counts for the message.

    ``issue_report=False`` stops the year before the clerk numbered Báo cáo 297/BC-VHTT: Phòng VHTT
    has no 2022 report yet (where the tests of the drafting and issuing workflow start).
    """
    units: dict[str, Unit] = {}
    for code, name, abbr, kind, place, ltitle, lname, parent, lfrom, lto, valid_to in UNITS:
        units[code] = unit_create(
            actor=SYSTEM_DEMO,
            name=name,
            code=code,
            abbr=abbr,
            kind=kind,
            place_name=place,
            leader_title=ltitle,
            leader_name=lname,
            valid_to=valid_to,
            valid_from=VALID_FROM.get(code),
            parent=units[parent] if parent else None,
            linked_from=lfrom,
            linked_to=lto,
            **_official(code),
        )
    # The restructurings: Hương Trà under thành phố Huế for the first half of 2025.
    unit_link(
        actor=SYSTEM_DEMO,
        child=units["huongtra"],
        parent=units["ubnd-hue"],
        valid_from=D(2025, 1, 1),
        valid_to=D(2025, 6, 30),
    )
    for code, name in COMMUNES_2022:
        units[code] = unit_create(
            actor=SYSTEM_DEMO,
            name=name,
            code=code,
            abbr="UBND",
            kind=UnitKind.COMMUNE,
            place_name=name.split(" ", 5)[-1],
            leader_title="CHỦ TỊCH",
            valid_to=D(2025, 6, 30),
            parent=units["huongtra"],
            linked_from=D(2021, 5, 1),
            linked_to=D(2025, 6, 30),
            **_official(code),
        )
    for old, new, day, kind in SUCCESSIONS:
        succession_create(
            actor=SYSTEM_DEMO, predecessor=units[old], successor=units[new], date=day, kind=kind
        )
    vhtt = units["huongtra-vhtt"]
    vhtt.report_recipients = "Phòng Nội vụ thị xã"
    vhtt.save(update_fields=["report_recipients"])

    docs: dict[str, Document] = {}
    for spec in DOCUMENTS:
        own = not spec.issuer.startswith("=")
        docs[spec.key] = document_create(
            actor=SYSTEM_DEMO,
            kind=spec.kind,
            subject=spec.subject,
            symbol=spec.symbol,
            issued_date=spec.date,
            issuer_unit=units[spec.issuer] if own else None,
            issuer_text="" if own else spec.issuer[1:],
            direction=Direction.OUTGOING if spec.issuer == "huongtra-vhtt" else Direction.EXTERNAL,
        )
    for src, dst, rel in CITATIONS:
        citation_add(actor=SYSTEM_DEMO, source=docs[src], target=docs[dst], relation=rel)
    # Numbers 01–296 of 2022 were given on paper before the office moved to Loa (the register
    # already knows 07/KH-VHTT, registered above).
    Register.objects.update_or_create(
        unit=vhtt, year=2022, direction=Direction.OUTGOING, defaults={"last_number": 296}
    )

    install_catalogues(Channel, ContentArea)  # normally present from the migration; cheap to ensure
    ch = {c.code: c for c in Channel.objects.all()}
    ar = {a.code: a for a in ContentArea.objects.all()}
    p405 = plan_create(
        actor=SYSTEM_DEMO,
        unit=units["ubnd-tth"],
        title="Kế hoạch tuyên truyền CCHC tỉnh năm 2022",
        year_from=2022,
        document=docs["kh405"],
    )
    p4757 = plan_create(
        actor=SYSTEM_DEMO,
        unit=units["huongtra"],
        title="Kế hoạch tuyên truyền CCHC thị xã Hương Trà năm 2022",
        year_from=2022,
        document=docs["kh4757"],
        parents=[p405],
    )
    p07 = plan_create(
        actor=SYSTEM_DEMO,
        unit=vhtt,
        title="Kế hoạch tuyên truyền CCHC năm 2022 của Phòng Văn hoá và Thông tin",
        year_from=2022,
        document=docs["kh07"],
        parents=[p4757],
    )
    for plan, targets in (
        (p405, {"PORTAL": 300, "PRESS": 60, "RADIO": 500, "PANEL": 40, "TRAINING": 10, "CONTEST": 1}),
        # The town's plan speaks for the whole town: its offices, communes and wards.
        (
            p4757,
            {
                "ORIENTATION": 12,
                "PORTAL": 40,
                "RADIO": 500,
                "SOCIAL": 60,
                "LED": 24,
                "PANEL": 20,
                "TTHC_POSTING": 24,
                "MEETING": 180,
                "LEAFLET": 1000,
                "TRAINING": 2,
            },
        ),
        (p07, {"ORIENTATION": 12, "PORTAL": 4, "PANEL": 1, "MEETING": 4, "TTHC_POSTING": 2, "TRAINING": 1}),
    ):
        for code, qty in targets.items():
            target_set(actor=SYSTEM_DEMO, plan=plan, channel=ch[code], quantity=qty)

    recipients = [units[c] for c, _ in COMMUNES_2022] + [units["huongtra-ttvhtt"], units["huongtra-tthcc"]]
    orientations = []
    for month, topics, areas in ORIENTATIONS_2022:
        sent = D(2022, month, 5)
        orientation = orientation_send(
            actor=SYSTEM_DEMO, unit=vhtt, month=sent, topics=topics, recipients=recipients
        )
        orientations.append(orientation)
        activity_record(
            actor=SYSTEM_DEMO,
            unit=vhtt,
            date=sent,
            channel=ch["ORIENTATION"],
            title=f"Định hướng tuyên truyền CCHC tháng {month:02d}/2022",
            quantity=1,
            areas=[ar[a] for a in areas],
            description=topics,
            orientation=orientation,
            source=Source.ORIENTATION,
        )
    for unit_code, day, channel, title, qty, areas, reach, url in ACTIVITIES_2022 + ACTIVITIES_2026:
        activity_record(
            actor=SYSTEM_DEMO,
            unit=units[unit_code],
            date=day,
            channel=ch[channel],
            title=title,
            quantity=qty,
            areas=[ar[a] for a in areas],
            reach=reach,
            evidence_url=url,
        )
    year = Year(units=units, channels=ch, areas=ar, plans={"huongtra": p4757, "huongtra-vhtt": p07})
    load_year(year, orientations)
    load_reports(units)
    if issue_report:
        issue_founding_report(vhtt)
    load_feed(vhtt)
    load_scoring(units)
    p2026 = plan_create(
        actor=SYSTEM_DEMO,
        unit=units["phuong-huong-tra"],
        title="Kế hoạch tuyên truyền CCHC phường Hương Trà năm 2026",
        year_from=2026,
    )
    for code, qty in {"PORTAL": 12, "SOCIAL": 24, "MEETING": 4, "RADIO": 48}.items():
        target_set(actor=SYSTEM_DEMO, plan=p2026, channel=ch[code], quantity=qty)

    user_model = get_user_model()
    # One hash for the shared password: hashing is slow by design, and eight hashes of the same
    # password were most of the load's time.
    password = make_password(DEMO_PASSWORD)
    for username, full_name, unit_code, role in USERS:
        # Vietnamese order: family and middle names first, given name last ("Lê Thị Hoa").
        family, _, given = full_name.rpartition(" ")
        user = user_model.objects.create_user(username=username, first_name=family, last_name=given)
        user.password = password
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.save(update_fields=["password", "is_staff", "is_superuser"])
        membership_grant(actor=SYSTEM_DEMO, user=user, unit=units[unit_code], role=role)
    return {
        "units": len(units),
        "documents": _demo_documents(units.values()).count(),
        "activities": Activity.objects.filter(unit__in=units.values()).count(),
        "users": len(USERS),
    }
