"""CCHC scoring in the browser ("Chấm điểm CCHC"): the section's home (rounds the user runs, the
self-assessments of the user's units, the criteria sets), opening a round, a round's ranking with
its close and publish buttons, and a unit's self-assessment page where the officer confirms or
overrides, the leader submits and the coordinator's team appraises. Every write goes through
:mod:`loa.scoring.services` (or :mod:`loa.scoring.publishing`)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.core.vn import parse_vn_date
from loa.organizations.access import Action, can, units_for
from loa.organizations.models import Role, Unit
from loa.scoring.evidence import evidence_pack
from loa.scoring.formats import set_to_json, set_to_xlsx
from loa.scoring.models import Assessment, CriteriaSet, Score
from loa.scoring.publishing import ranking, ranking_xlsx, round_publish
from loa.scoring.selectors import (
    assessment_get,
    assessment_lines,
    assessment_steps,
    assessments_for,
    criteria_sets_for,
    round_get,
    rounds_for,
)
from loa.scoring.services import (
    assessment_appraise,
    assessment_return,
    assessment_submit,
    criteria_set_spec,
    round_close,
    round_open,
    round_units_default,
    score_adjust,
    score_save,
    sets_available,
)
from loa.web.access import login_only, object_access, some_unit_access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOT_COORDINATOR = "Chỉ cán bộ Nội vụ (điều phối) mới mở và theo dõi đợt chấm điểm CCHC."


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_only
def scoring_index(request):
    """Rounds the user runs, the user's units' self-assessments, the criteria sets."""
    return render(
        request,
        "loa/scoring/index.html",
        {
            "rounds": list(rounds_for(user=request.user)[:100]),
            "assessments": list(assessments_for(user=request.user)[:100]),
            "sets": list(criteria_sets_for(user=request.user)[:100]),
            "can_open": units_for(request.user, Action.COORDINATE).exists(),
        },
    )


def _coordinated_units(user) -> list[Unit]:  # type: ignore[no-untyped-def]
    if user.is_superuser:
        qs = Unit.objects.filter(child_links__isnull=False).distinct()
    else:
        qs = Unit.objects.filter(
            memberships__user=user, memberships__role__in=[Role.COORDINATOR, Role.ADMIN]
        ).distinct()
    return list(qs.order_by("name")[:500])


@some_unit_access(Action.COORDINATE, message=NOT_COORDINATOR)
def scoring_round_open(request):
    """ "Mở đợt chấm điểm": the coordinating unit, the year and set, the due date, the units."""
    source = request.POST if request.method == "POST" else request.GET
    choices = _coordinated_units(request.user)
    context: dict = {"choices": choices, "values": source, "errors": {}}
    code = source.get("don_vi") or (choices[0].code if choices else "")
    unit = next((u for u in choices if u.code == code), None)
    try:
        year = int(source.get("nam") or dt.date.today().year)
    except ValueError:
        year = dt.date.today().year
        context["errors"]["nam"] = "Năm phải là số, ví dụ 2022."
    sets = sets_available(unit=unit, year=year) if unit else []
    chosen_set = next((s for s in sets if s.code == source.get("bo")), sets[0] if sets else None)
    candidates = (
        round_units_default(criteria_set=chosen_set, coordinator_unit=unit) if unit and chosen_set else []
    )
    context.update(unit=unit, year=year, sets=sets, chosen_set=chosen_set, candidates=candidates)
    if request.method != "POST" or unit is None:
        return render(request, "loa/scoring/open.html", context)
    if chosen_set is None:
        context["errors"]["form"] = f"Chưa có bộ tiêu chí năm {year} áp dụng cho {unit.name}."
        return render(request, "loa/scoring/open.html", context, status=400)
    due = parse_vn_date(source.get("han", ""))
    if due is None:
        context["errors"]["han"] = "Nhập hạn nộp tự đánh giá theo dạng dd/mm/yyyy, ví dụ 20/12/2022."
        return render(request, "loa/scoring/open.html", context, status=400)
    opens = parse_vn_date(source.get("mo", "")) or min(dt.date.today(), due)
    codes = set(source.getlist("don_vi_cham"))
    try:
        opened = round_open(
            actor=request.user,
            criteria_set=chosen_set,
            coordinator_unit=unit,
            due_on=due,
            opens_on=opens,
            units=[u for u in candidates if u.code in codes],
            title=source.get("ten", ""),
        )
    except DomainError as exc:
        context["errors"]["form"] = exc.message
        return render(request, "loa/scoring/open.html", context, status=400)
    messages.success(
        request, f"Đã mở đợt «{opened.title}»; Loa đã đề xuất điểm cho {opened.assessments.count()} đơn vị."
    )
    return redirect("web:scoring_round_detail", pk=opened.pk)


def _round(request, pk: int):  # type: ignore[no-untyped-def]
    try:
        return round_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None


@object_access("round")
def scoring_round_detail(request, pk: int):
    """The round's units: totals (proposed, self, appraised), state, rank and class; the buttons."""
    scoring_round = _round(request, pk)
    return render(
        request,
        "loa/scoring/round.html",
        {
            "round": scoring_round,
            "rows": ranking(scoring_round),
            "can_coordinate": can(request.user, Action.COORDINATE, scoring_round.coordinator_unit_id),
            "can_publish": can(request.user, Action.ISSUE, scoring_round.coordinator_unit_id),
        },
    )


@object_access("round", Action.COORDINATE, denied=403)
@require_POST
def scoring_round_close(request, pk: int):
    scoring_round = _round(request, pk)
    try:
        round_close(actor=request.user, scoring_round=scoring_round)
        messages.success(request, "Đã kết thúc đợt chấm điểm; các đơn vị đã được xếp hạng, xếp loại.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:scoring_round_detail", pk=pk)


@object_access("round", Action.ISSUE, denied=403)
@require_POST
def scoring_round_publish(request, pk: int):
    scoring_round = _round(request, pk)
    try:
        published = round_publish(actor=request.user, scoring_round=scoring_round)
        assert published.document is not None
        messages.success(request, f"Đã ban hành báo cáo kết quả số {published.document.symbol}.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:scoring_round_detail", pk=pk)


@object_access("round")
def scoring_round_annex(request, pk: int):
    """The ranking as XLSX (the published annex once issued)."""
    scoring_round = _round(request, pk)
    if scoring_round.annex:
        with scoring_round.annex.open("rb") as handle:
            data = handle.read()
    else:
        data = ranking_xlsx(scoring_round)
    return _download(data, f"xep-hang-cham-diem-{scoring_round.criteria_set.year}-{pk}.xlsx", XLSX)


@object_access("round")
def scoring_set_export(request, pk: int, fmt: str):
    """The round's criteria set as JSON or XLSX."""
    scoring_round = _round(request, pk)
    spec = criteria_set_spec(
        CriteriaSet.objects.select_related("province").get(pk=scoring_round.criteria_set_id)
    )
    if fmt == "json":
        return _download(set_to_json(spec), f"{spec.code}.json", "application/json")
    if fmt == "xlsx":
        return _download(set_to_xlsx(spec), f"{spec.code}.xlsx", XLSX)
    raise Http404("Định dạng không hỗ trợ (json, xlsx).")


def _assessment(request, pk: int) -> Assessment:
    try:
        return assessment_get(user=request.user, pk=pk)
    except DomainError:
        raise Http404 from None


@object_access("assessment")
def scoring_assessment(request, pk: int):
    """A unit's self-assessment: each criterion with Loa's proposal and how it was counted, the
    evidence, the unit's score and explanation, the appraisal and its reason."""
    assessment = _assessment(request, pk)
    steps = assessment_steps(user=request.user, assessment=assessment)
    lines = assessment_lines(user=request.user, assessment=assessment)
    return render(
        request,
        "loa/scoring/assessment.html",
        {
            "a": assessment,
            "lines": lines,
            # The header says whose totals these are: before anyone changes a score they are Loa's.
            "self_scored": any(line.score and line.score.self_score is not None for line in lines),
            "appraising": any(line.score and line.score.appraised is not None for line in lines),
            "officer_steps": steps.get("officer", []),
            "leader_steps": steps.get("leader", []),
            "coordinator_steps": steps.get("coordinator", []),
        },
    )


def _score(request, assessment: Assessment) -> Score | None:  # type: ignore[no-untyped-def]
    score = (
        Score.objects.select_related("criterion", "assessment__round", "assessment__unit")
        .filter(assessment=assessment, criterion__code=request.POST.get("tieu_chi", ""))
        .first()
    )
    if score is None:
        messages.error(request, "Chọn tiêu chí trong bản tự đánh giá.")
    return score


@object_access("assessment", Action.RECORD, denied=403)
@require_POST
def scoring_score_save(request, pk: int):
    """The officer confirms or overrides one criterion (explanation when required)."""
    assessment = _assessment(request, pk)
    score = _score(request, assessment)
    if score is not None:
        try:
            score_save(
                actor=request.user,
                score=score,
                value=request.POST.get("diem", ""),
                explanation=request.POST.get("giai_trinh", ""),
            )
            messages.success(request, f"Đã lưu điểm tự chấm tiêu chí {score.criterion.code}.")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("web:scoring_assessment", pk=pk)


@object_access("assessment", Action.APPROVE, denied=403)
@require_POST
def scoring_assessment_submit(request, pk: int):
    assessment = _assessment(request, pk)
    try:
        assessment_submit(actor=request.user, assessment=assessment)
        messages.success(request, "Đã nộp bản tự đánh giá cho tổ thẩm định.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:scoring_assessment", pk=pk)


@object_access("assessment", Action.COORDINATE, denied=403)
@require_POST
def scoring_appraise(request, pk: int):
    """The appraisal team adjusts one criterion (with a reason), or finishes the appraisal."""
    assessment = _assessment(request, pk)
    try:
        if request.POST.get("buoc") == "appraise":
            assessment_appraise(actor=request.user, assessment=assessment)
            messages.success(request, f"Đã hoàn thành thẩm định bản tự đánh giá của {assessment.unit.name}.")
        else:
            score = _score(request, assessment)
            if score is not None:
                score_adjust(
                    actor=request.user,
                    score=score,
                    value=request.POST.get("diem", ""),
                    reason=request.POST.get("ly_do", ""),
                )
                messages.success(request, f"Đã lưu điểm thẩm định tiêu chí {score.criterion.code}.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:scoring_assessment", pk=pk)


@object_access("assessment", Action.COORDINATE, denied=403)
@require_POST
def scoring_assessment_return(request, pk: int):
    assessment = _assessment(request, pk)
    try:
        assessment_return(actor=request.user, assessment=assessment, reason=request.POST.get("ly_do", ""))
        messages.success(request, f"Đã trả lại bản tự đánh giá của {assessment.unit.name}.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("web:scoring_assessment", pk=pk)


@object_access("assessment")
def scoring_evidence(request, pk: int):
    """The evidence pack: one ZIP with a table of contents (criterion → files and links)."""
    assessment = _assessment(request, pk)
    name, data = evidence_pack(user=request.user, assessment=assessment)
    return _download(data, name, "application/zip")
