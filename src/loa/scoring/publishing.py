"""Publishing a closed round: the result report (Báo cáo kết quả chấm điểm chỉ số CCHC) in the
Nghị định 30 format, numbered from the coordinating unit's outgoing register like every document it
issues, its DOCX kept on the document (the PDF made by the worker, as for reports), and the ranking
annex as XLSX kept on the round."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, ValidationError
from loa.docgen.render_docx import render_docx
from loa.docgen.tasks import document_pdf_later
from loa.docgen.xlsx.rows import AnnexHeading
from loa.docgen.xlsx.scoring import RankedUnit, scoring_ranking_xlsx
from loa.documents.models import Direction
from loa.documents.services import document_create, document_issue
from loa.nd30.spec import Authority, Heading, OfficialDocument, Paragraph, Signature, Table
from loa.organizations.access import Action, require
from loa.organizations.selectors import unit_parent
from loa.reporting.drafting.wording import short_name
from loa.scoring.models import Assessment, Score, ScoringRound
from loa.scoring.rules import fmt
from loa.scoring.services import set_leaves
from loa.scoring.transitions import ASSESSMENT_LABELS, AssessmentState, RoundState, round_transition_for


def ranking(scoring_round: ScoringRound) -> list[Assessment]:
    """The round's assessments by rank, then unit name (two queries)."""
    return list(
        scoring_round.assessments.select_related("unit").order_by("rank", "-final_total", "unit__name")
    )


def _criteria_points(scoring_round: ScoringRound) -> dict[int, dict[str, Decimal]]:
    out: dict[int, dict[str, Decimal]] = {}
    for a_id, code, proposed, own, appraised in Score.objects.filter(
        assessment__round=scoring_round
    ).values_list("assessment_id", "criterion__code", "proposed", "self_score", "appraised"):
        out.setdefault(a_id, {})[code] = (
            appraised if appraised is not None else own if own is not None else proposed
        )
    return out


def ranking_xlsx(scoring_round: ScoringRound, *, reference: str | None = None) -> bytes:
    """The ranking annex of a closed round."""
    criteria_set = scoring_round.criteria_set
    per = _criteria_points(scoring_round)
    rows = [
        RankedUnit(
            unit=a.unit.name,
            self_total=a.self_total,
            final_total=a.final_total,
            rank=a.rank,
            band=a.band,
            state=ASSESSMENT_LABELS[AssessmentState(a.state)],
            criteria=per.get(a.pk, {}),
        )
        for a in ranking(scoring_round)
    ]
    return scoring_ranking_xlsx(
        heading=AnnexHeading(
            unit_name=scoring_round.coordinator_unit.name,
            period=f"Năm {criteria_set.year}",
            reference=reference,
        ),
        title=f"Kết quả chấm điểm, xếp hạng chỉ số CCHC năm {criteria_set.year}",
        maximum=criteria_set.total_points,
        criteria=[(c.code, c.max_points) for c, _ in set_leaves(criteria_set)],
        rows=rows,
    )


def result_document(scoring_round: ScoringRound, *, on: dt.date) -> OfficialDocument:
    """The result report as an :class:`OfficialDocument` (number given when issued)."""
    unit = scoring_round.coordinator_unit
    criteria_set = scoring_round.criteria_set
    rows = ranking(scoring_round)
    counts = Counter(a.band for a in rows)
    labels = [b["label"] for b in criteria_set.bands]
    parent = unit_parent(unit=unit, on=on)
    collective = unit.name.lower().startswith("ủy ban nhân dân")
    basis = f" ({criteria_set.source})" if criteria_set.source else ""
    blocks: list[Any] = [
        Heading(1, "I", "Tổ chức chấm điểm"),
        Paragraph(
            f"{unit.name} đã tổ chức cho {len(rows)} cơ quan, đơn vị tự đánh giá, chấm điểm chỉ số cải cách "
            f"hành chính năm {criteria_set.year} theo {criteria_set.name}{basis}, tối đa "
            f"{fmt(criteria_set.total_points)} điểm; điểm đề xuất được tính từ kế hoạch, báo cáo và hoạt động "
            "tuyên truyền đơn vị đã ghi nhận, kèm tài liệu kiểm chứng; tổ thẩm định đã xem xét từng tiêu chí."
        ),
        Heading(1, "II", "Kết quả xếp loại"),
        *[Paragraph(f"Loại {label}: {counts.get(label, 0)} đơn vị.", "dash") for label in labels],
        Heading(1, "III", "Bảng xếp hạng"),
        Table(
            header=("STT", "Cơ quan, đơn vị", "Tự chấm", "Thẩm định", "Xếp hạng", "Xếp loại"),
            rows=tuple(
                (str(i), a.unit.name, fmt(a.self_total), fmt(a.final_total), str(a.rank or ""), a.band)
                for i, a in enumerate(rows, start=1)
            ),
            widths_mm=(12, 70, 20, 22, 18, 24),
        ),
        Paragraph(
            f"Chi tiết điểm thẩm định từng tiêu chí của mỗi đơn vị tại phụ lục kèm theo. Trên đây là kết quả chấm "
            f"điểm chỉ số cải cách hành chính năm {criteria_set.year} của {unit.name}."
        ),
    ]
    return OfficialDocument(
        kind="Báo cáo",
        kind_abbr="BC",
        issuer=unit.name,
        parent_body=short_name(parent.name) if parent and not collective else None,
        code=f"BC-{unit.abbr}",
        number=None,
        place=unit.place_name or None,
        date=on,
        subject=f"Kết quả chấm điểm chỉ số cải cách hành chính năm {criteria_set.year}",
        blocks=tuple(blocks),
        signature=Signature(
            title=unit.leader_title.strip() or ("CHỦ TỊCH" if collective else "THỦ TRƯỞNG ĐƠN VỊ"),
            name=unit.leader_name.strip(),
            authority=Authority.ON_BEHALF if collective else None,
            on_behalf_of="ỦY BAN NHÂN DÂN" if collective else None,
        ),
        recipients=(*unit.recipients_list(), "Các cơ quan, đơn vị được chấm điểm", f"Lưu: VT, {unit.abbr}"),
    )


@transaction.atomic
def round_publish(*, actor: Any, scoring_round: ScoringRound, on: dt.date | None = None) -> ScoringRound:
    """Issue the result report of a closed round (a number from the coordinating unit's outgoing
    register: its leader or clerk, Nghị định 30 Điều 15) and keep the ranking annex."""
    require(actor, Action.ISSUE, scoring_round.coordinator_unit_id)
    scoring_round = (
        ScoringRound.objects.select_for_update()
        .select_related("criteria_set", "coordinator_unit")
        .get(pk=scoring_round.pk)
    )
    if round_transition_for(scoring_round.status, "publish") is None:
        if scoring_round.status == RoundState.PUBLISHED:
            raise Conflict("Kết quả đợt chấm điểm này đã được công bố.", code="scoring.published")
        raise Conflict(
            "Đợt chấm điểm chưa kết thúc: hãy kết thúc đợt (xếp hạng) trước khi công bố.",
            code="scoring.not_closed",
        )
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError("Ngày ban hành chưa đến.", code="scoring.future_date")
    draft = result_document(scoring_round, on=on)
    document = document_create(
        actor=actor,
        kind="BC",
        subject=draft.subject,
        issuer_unit=scoring_round.coordinator_unit,
        direction=Direction.OUTGOING,
        signer_name=draft.signature.name if draft.signature else "",
    )
    document = document_issue(actor=actor, document=document, issued_date=on)
    numbered = OfficialDocument(**{**draft.__dict__, "number": document.number})
    document.file.save(document.download_name("docx"), ContentFile(render_docx(numbered)), save=True)
    document_pdf_later(document)
    before = snapshot(scoring_round)
    annex = ranking_xlsx(
        scoring_round,
        reference=f"Kèm theo Báo cáo số {document.symbol} ngày {on:%d/%m/%Y} của {scoring_round.coordinator_unit.name}",
    )
    scoring_round.annex.save(
        f"phu-luc-xep-hang-{document.number}-{on:%Y}.xlsx", ContentFile(annex), save=False
    )
    scoring_round.document = document
    scoring_round.status = RoundState.PUBLISHED.value
    scoring_round.save()
    audit_record(
        actor=actor,
        verb="scoring_round.publish",
        target=scoring_round,
        unit_id=scoring_round.coordinator_unit_id,
        before=before,
        after=snapshot(scoring_round),
    )
    return scoring_round
