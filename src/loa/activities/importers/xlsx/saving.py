"""Saving a checked file into a unit's activities: one transaction, duplicates skipped, one audit row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from loa.activities.importers.xlsx.layout import (
    COLUMNS,
)
from loa.activities.importers.xlsx.reading import (
    CatalogueItem,
    ImportCheck,
    Problem,
    RowResult,
    activities_import_check,
)
from loa.core import vn
from loa.core.actors import user_of
from loa.core.budget import BudgetExceeded, budget_preload, report_progress, run_with_budget
from loa.core.errors import ValidationError

# Each file's child starts from a fork server that has already imported openpyxl and the check.
budget_preload("loa.activities.importers.xlsx.reading")

IMPORT_SECONDS = 120.0
IMPORT_MEMORY_MB = 1024


def checked_within_budget(
    data: bytes,
    *,
    channels: list[Any],
    areas: list[Any],
    progress: Callable[[int, int], None] | None = None,
) -> ImportCheck:
    """:func:`activities_import_check` in a fresh child process limited to ``LOA_IMPORT_SECONDS``
    seconds and ``LOA_IMPORT_MEMORY_MB`` MB (ADR 0021, 0028); a file needing more is refused in
    Vietnamese. The catalogues cross to the child as plain :class:`CatalogueItem`; the rows come
    back holding the given ``channels`` and ``areas`` again. ``progress`` receives
    ``(rows checked, rows in the sheet)`` while the child works."""
    from django.conf import settings

    seconds = float(getattr(settings, "LOA_IMPORT_SECONDS", IMPORT_SECONDS))
    memory = int(getattr(settings, "LOA_IMPORT_MEMORY_MB", IMPORT_MEMORY_MB))
    channel_of = {c.pk: c for c in channels}
    area_of = {a.pk: a for a in areas}
    try:
        result: ImportCheck = run_with_budget(
            activities_import_check,
            data,
            channels=[CatalogueItem.of(c) for c in channels],
            areas=[CatalogueItem.of(a) for a in areas],
            progress=report_progress,
            on_progress=progress,
            seconds=seconds,
            memory_mb=memory,
        )
    except BudgetExceeded as exc:
        raise ValidationError(exc.message, code="activities.import_too_complex", **exc.context) from None
    for row in result.rows:
        if row.channel is not None:
            row.channel = channel_of[row.channel.pk]
        row.areas = [area_of[a.pk] for a in row.areas]
    return result


@dataclass(frozen=True)
class Duplicate:
    """A row that repeats an activity already recorded (``activity``) or an earlier row of the file
    (``same_row``); see :class:`loa.activities.selectors.DuplicateFinder`."""

    row: int
    activity: Any = None
    same_row: int | None = None

    @property
    def reason(self) -> str:
        if self.activity is not None:
            return f"Trùng với hoạt động đã ghi nhận ngày {self.activity.date:%d/%m/%Y}"
        return f"Trùng với dòng {self.same_row} trong tệp"

    def __str__(self) -> str:
        ref = f" (mã {self.activity.pk})" if self.activity is not None else ""
        return f"Dòng {self.row}: {self.reason}{ref}."


@dataclass
class ImportResult:
    """What an import did: rows read, rows saved (0 when refused or a dry run), the problems, and
    the exact duplicates found (skipped unless ``kept_duplicates``)."""

    total: int
    created: int
    problems: list[Problem]
    dry_run: bool = False
    duplicates: list[Duplicate] = field(default_factory=list)
    kept_duplicates: bool = False

    @property
    def skipped(self) -> int:
        return self.total - self.created


def activities_import(
    *,
    actor: Any,
    unit: Any,
    data: bytes,
    only_valid: bool = False,
    dry_run: bool = False,
    keep_duplicates: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import a filled template into ``unit``'s activities, all or nothing (or only the valid rows).

    One transaction; nothing is saved when any row has a problem unless ``only_valid``. Rows get the
    same checks as :func:`loa.activities.services.activity_record` (a date inside the unit's
    lifetime included) and ``source=IMPORT``. Exact duplicates of activities already recorded, or
    of an earlier row of the same file, are not problems: they are listed and skipped, or saved
    too when the user explicitly asks (``keep_duplicates``). ``progress`` is told
    ``(rows checked, rows in the sheet)`` while the file is checked (the background import job
    shows it, :mod:`loa.activities.import_jobs`).

    Rows are saved with ``bulk_create`` (activities, then their content-area links) and the audit
    trail gets ONE ``activities.import`` row with the counts and the new ids instead of one row per
    activity: a 10,000-line file then takes seconds, not minutes, and the audit still answers "who
    added these, when, from which file". Per-activity history starts with the first edit.
    """
    from loa.activities.locks import lock_problem
    from loa.activities.models import Activity, Source
    from loa.activities.selectors import DuplicateFinder
    from loa.activities.services import _clean
    from loa.activities.transfers import transferred_message
    from loa.core.audit import audit_record
    from loa.organizations.access import Action, require
    from loa.organizations.lifetime import lifetime_problem
    from loa.plans.models import Channel, ContentArea, Transfer

    require(actor, Action.RECORD, unit)
    check = checked_within_budget(
        data,
        channels=list(Channel.objects.filter(active=True)),
        areas=list(ContentArea.objects.all()),
        progress=progress,
    )
    problems = list(check.problems)
    header_broken = any(p.row == 1 for p in problems)
    good: list[RowResult] = []
    locked: dict[dt.date, str | None] = {}  # one lock query per distinct date
    handed_over = {t.channel_id: t for t in Transfer.objects.filter(from_unit=unit, channel__isnull=False)}
    for row in check.valid_rows:
        try:
            row.title = _clean(title=row.title, quantity=row.quantity, date=row.date, reach=row.reach)
        except ValidationError as exc:
            for key, reason in (exc.context.get("fields") or {"title": exc.message}).items():
                problems.append(Problem(row=row.row, column=COLUMNS.get(key, key), reason=reason))
            row.valid = False
            continue
        if (reason := lifetime_problem(unit, row.date)) is not None:
            problems.append(Problem(row=row.row, column=COLUMNS["date"], reason=reason))
            row.valid = False
            continue
        transfer = handed_over.get(row.channel.pk)
        if transfer is not None and row.date >= transfer.valid_from:
            problems.append(
                Problem(row=row.row, column=COLUMNS["channel"], reason=transferred_message(transfer))
            )
            row.valid = False
            continue
        if row.date not in locked:
            locked[row.date] = lock_problem(unit.pk, row.date)
        if (reason := locked[row.date]) is not None:
            problems.append(Problem(row=row.row, column=COLUMNS["date"], reason=reason))
            row.valid = False
            continue
        good.append(row)
    problems.sort(key=lambda p: p.row)
    finder = DuplicateFinder(user=actor, unit=unit, dates=[r.date for r in good])
    duplicates: list[Duplicate] = []
    fresh: list[RowResult] = []
    for row in good:
        same = finder.see(
            row.row, date=row.date, channel_id=row.channel.pk, title=row.title, evidence_url=row.evidence_url
        )
        if same is not None:
            duplicates.append(
                Duplicate(row=row.row, same_row=same)
                if isinstance(same, int)
                else Duplicate(row=row.row, activity=same)
            )
        if same is None or keep_duplicates:
            fresh.append(row)
    good = fresh
    total = len(check.rows)
    outcome = {"problems": problems, "duplicates": duplicates, "kept_duplicates": keep_duplicates}
    if header_broken or dry_run or (problems and not only_valid) or not good:
        return ImportResult(total=total, created=0, dry_run=dry_run, **outcome)
    user = user_of(actor)
    with transaction.atomic():
        activities = Activity.objects.bulk_create(
            [
                Activity(
                    unit=unit,
                    date=r.date,
                    channel=r.channel,
                    title=r.title,
                    title_key=vn.fold(r.title)[:500],
                    description=r.description,
                    quantity=r.quantity,
                    reach=r.reach,
                    evidence_url=r.evidence_url,
                    source=Source.IMPORT,
                    created_by=user,
                )
                for r in good
            ],
            batch_size=2000,
        )
        through = Activity.areas.through
        links = [
            through(activity_id=a.pk, contentarea_id=area.pk)
            for a, r in zip(activities, good, strict=True)
            for area in r.areas
        ]
        through.objects.bulk_create(links, batch_size=5000)
        ids = [a.pk for a in activities]
        audit_record(
            actor=actor,
            verb="activities.import",
            target=unit,
            unit_id=unit.pk,
            after={
                "rows": total,
                "created": len(activities),
                "skipped": total - len(activities),
                "duplicates": len(duplicates),
                "kept_duplicates": keep_duplicates,
                "first_id": min(ids),
                "last_id": max(ids),
            },
        )
    return ImportResult(total=total, created=len(activities), **outcome)
