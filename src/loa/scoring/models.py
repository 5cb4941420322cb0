"""CCHC-index scoring (chấm điểm chỉ số CCHC): criteria sets as data, rounds of self-assessment and
appraisal, and each unit's scores with the evidence behind them (ADR 0025)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from loa.core.models import TimeStamped
from loa.documents.models import Document
from loa.organizations.models import Unit
from loa.scoring.rules import RULES
from loa.scoring.transitions import ASSESSMENT_LABELS, ROUND_LABELS, AssessmentState, RoundState

_POINTS = {"max_digits": 7, "decimal_places": 2}


class CriteriaSet(TimeStamped):
    """A province's index (bộ tiêu chí) for one year and some kinds of unit: a tree of criteria with
    maximum points, a rule each, and the bands (xếp loại) a total falls in. Stored only when its
    points add up (:func:`loa.scoring.rules.set_problems`)."""

    code = models.SlugField("mã bộ tiêu chí", max_length=64, unique=True)
    name = models.CharField("tên bộ tiêu chí", max_length=300)
    province = models.ForeignKey(
        Unit, related_name="criteria_sets", on_delete=models.PROTECT, verbose_name="tỉnh ban hành"
    )
    year = models.PositiveSmallIntegerField("năm áp dụng")
    unit_kinds = models.JSONField("loại đơn vị được chấm", default=list)
    total_points = models.DecimalField("tổng điểm", **_POINTS)
    bands = models.JSONField("mức xếp loại", default=list)
    source = models.CharField("căn cứ", max_length=500, blank=True)

    class Meta:
        verbose_name = "bộ tiêu chí chấm điểm"
        verbose_name_plural = "bộ tiêu chí chấm điểm"
        ordering = ["-year", "name"]
        indexes = [models.Index(fields=["province", "year"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class Criterion(models.Model):
    """One criterion (tiêu chí) of a set; a leaf has a rule and its parameters, a parent's maximum is
    the sum of its children's."""

    criteria_set = models.ForeignKey(
        CriteriaSet, related_name="criteria", on_delete=models.CASCADE, verbose_name="bộ tiêu chí"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.CASCADE,
        verbose_name="tiêu chí cha",
    )
    code = models.CharField("mã", max_length=32)
    name = models.CharField("tên tiêu chí", max_length=500)
    max_points = models.DecimalField("điểm tối đa", **_POINTS)
    rule = models.CharField("cách chấm", max_length=32, choices=list(RULES.items()), default="manual")
    params = models.JSONField("tham số", default=dict, blank=True)
    evidence = models.TextField("tài liệu kiểm chứng", blank=True)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["criteria_set", "position"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "code"], name="criterion_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringRound(TimeStamped):
    """A year's round (đợt chấm điểm): the coordinator's units self-assess against the set, the
    coordinator's team appraises, the round closes with a ranking and is published."""

    criteria_set = models.ForeignKey(
        CriteriaSet, related_name="rounds", on_delete=models.PROTECT, verbose_name="bộ tiêu chí"
    )
    coordinator_unit = models.ForeignKey(
        Unit, related_name="scoring_rounds", on_delete=models.PROTECT, verbose_name="đơn vị tổ chức chấm"
    )
    title = models.CharField("tên đợt", max_length=300)
    opens_on = models.DateField("ngày mở")
    due_on = models.DateField("hạn nộp tự đánh giá")
    status = models.CharField(
        "tình trạng",
        max_length=16,
        choices=[(s.value, ROUND_LABELS[s]) for s in RoundState],
        default=RoundState.OPEN.value,
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="báo cáo kết quả",
    )
    annex = models.FileField("phụ lục xếp hạng (XLSX)", upload_to="scoring/%Y/", blank=True)

    class Meta:
        verbose_name = "đợt chấm điểm"
        verbose_name_plural = "đợt chấm điểm"
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundState.OPEN


class Assessment(TimeStamped):
    """One unit's self-assessment in a round, with the totals kept up to date by the services."""

    round = models.ForeignKey(
        ScoringRound, related_name="assessments", on_delete=models.CASCADE, verbose_name="đợt chấm điểm"
    )
    unit = models.ForeignKey(
        Unit, related_name="assessments", on_delete=models.PROTECT, verbose_name="đơn vị"
    )
    state = models.CharField(
        "tình trạng",
        max_length=16,
        choices=[(s.value, ASSESSMENT_LABELS[s]) for s in AssessmentState],
        default=AssessmentState.DRAFT.value,
    )
    figures_from = models.CharField("nguồn số liệu", max_length=300, blank=True)
    proposed_total = models.DecimalField("điểm Loa đề xuất", default=Decimal(0), **_POINTS)
    self_total = models.DecimalField("điểm tự chấm", default=Decimal(0), **_POINTS)
    final_total = models.DecimalField("điểm thẩm định", default=Decimal(0), **_POINTS)
    rank = models.PositiveIntegerField("xếp hạng", null=True, blank=True)
    band = models.CharField("xếp loại", max_length=32, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    appraised_at = models.DateTimeField("thẩm định lúc", null=True, blank=True)

    class Meta:
        verbose_name = "bản tự đánh giá"
        verbose_name_plural = "bản tự đánh giá"
        ordering = ["round", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="assessment_one_per_unit")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.round}"

    @property
    def state_label(self) -> str:
        return ASSESSMENT_LABELS[AssessmentState(self.state)]


class Score(models.Model):
    """One leaf criterion of a unit's assessment: Loa's proposal (how it was counted, the evidence),
    the unit's own score and explanation, and the appraisal with its reason — all kept."""

    assessment = models.ForeignKey(Assessment, related_name="scores", on_delete=models.CASCADE)
    criterion = models.ForeignKey(Criterion, related_name="scores", on_delete=models.PROTECT)
    proposed = models.DecimalField("điểm Loa đề xuất", **_POINTS)
    note = models.TextField("cách tính", blank=True)
    evidence = models.JSONField("minh chứng", default=list, blank=True)
    self_score = models.DecimalField("điểm tự chấm", null=True, blank=True, **_POINTS)
    explanation = models.TextField("giải trình", blank=True)
    appraised = models.DecimalField("điểm thẩm định", null=True, blank=True, **_POINTS)
    appraisal_reason = models.TextField("lý do điều chỉnh", blank=True)

    class Meta:
        verbose_name = "điểm tiêu chí"
        verbose_name_plural = "điểm tiêu chí"
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_one_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.current}"

    @property
    def unit_score(self) -> Decimal:
        """The unit's score: its own when confirmed or overridden, else Loa's proposal."""
        return self.proposed if self.self_score is None else self.self_score

    @property
    def current(self) -> Decimal:
        """The score that counts: the appraisal's when there is one, else the unit's."""
        return self.unit_score if self.appraised is None else self.appraised
