"""Reading the audit log (nhật ký thao tác) back: which events belong to a record's history, and
each event told in Vietnamese — who, when, what was done, which fields changed from what to what.

Events keep whole snapshots ``before`` and ``after`` (ADR 0022); the fields that changed are worked
out here, when the event is read, so nothing is lost if a later reader needs more than the diff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from loa.core.actors import SYSTEM_CLI, SYSTEM_DEMO, SYSTEM_FEEDS, SYSTEM_WORKER
from loa.core.audit import SECRET_FIELDS
from loa.core.models import AuditEvent

VERBS: dict[str, str] = {
    "activity.record": "Ghi nhận hoạt động",
    "activity.update": "Sửa hoạt động",
    "activity.delete": "Xoá hoạt động",
    "activities.import": "Nhập hoạt động từ Excel",
    "draft.confirm": "Xác nhận tin thành hoạt động",
    "draft.discard": "Bỏ qua tin",
    "feed.register": "Thêm nguồn tin",
    "feeds.pull": "Lấy tin từ nguồn",
    "document.create": "Thêm văn bản",
    "document.complete": "Bổ sung văn bản",
    "document.issue": "Cấp số, ban hành văn bản",
    "document.pdf": "Tạo bản PDF",
    "document.receive": "Vào sổ văn bản đến",
    "citation.add": "Thêm trích dẫn",
    "ingest.commit": "Nhập văn bản có sẵn",
    "unit.create": "Tạo đơn vị",
    "unit.link": "Đặt đơn vị trực thuộc",
    "membership.grant": "Phân công vai trò",
    "plan.create": "Tạo kế hoạch",
    "plan.update": "Sửa kế hoạch",
    "plan.delete": "Xoá kế hoạch",
    "target.set": "Đặt chỉ tiêu",
    "target.delete": "Xoá chỉ tiêu",
    "task.add": "Thêm nhiệm vụ",
    "task.update": "Sửa nhiệm vụ",
    "task.status": "Đổi tình trạng nhiệm vụ",
    "task.delete": "Xoá nhiệm vụ",
    "orientation.send": "Gửi định hướng tuyên truyền",
    "orientation.acknowledge": "Xác nhận đã nhận định hướng",
    "report.open": "Tạo báo cáo",
    "report.edit": "Sửa báo cáo",
    "report.submit": "Trình duyệt báo cáo",
    "report.approve": "Duyệt báo cáo",
    "report.return": "Trả lại báo cáo",
    "report.issue": "Cấp số, ban hành báo cáo",
    "report.replaced": "Báo cáo bị thay thế",
    "request.open": "Mở yêu cầu báo cáo",
    "request.consolidate": "Tổng hợp báo cáo",
    "submission.submit": "Gửi báo cáo theo yêu cầu",
    "submission.resubmit": "Gửi lại báo cáo",
    "submission.return": "Trả lại báo cáo đã gửi",
    "submission.accept": "Chấp nhận báo cáo",
    "submission.lock_exception": "Cho phép sửa số liệu đã khoá",
    "reminders.notify": "Nhắc hạn báo cáo",
    "notices.email": "Gửi thư thông báo",
    "activity.transfer": "Chuyển hoạt động sang đơn vị nhận",
    "activities.import_job.create": "Tải tệp Excel hoạt động lên",
    "activities.import_job.only_valid": "Nhập các dòng hợp lệ của tệp Excel",
    "activities.import_job.retry": "Chạy lại lượt nhập Excel",
    "imports.sweep": "Dọn các lượt nhập Excel cũ",
    "history.import": "Nhập số liệu từ báo cáo cũ",
    "document.pdf_failed": "Không tạo được bản PDF",
    "document.pdf_retry": "Tạo lại bản PDF",
    "reporting.draft_pdf.create": "Tạo bản PDF của dự thảo báo cáo",
    "reporting.draft_pdf.retry": "Tạo lại bản PDF của dự thảo báo cáo",
    "reporting.draft_pdf.sweep": "Dọn các bản PDF dự thảo cũ",
    "unit.move": "Chuyển đơn vị trực thuộc",
    "unit.close": "Kết thúc hoạt động của đơn vị",
    "unit.import_official": "Nạp danh mục đơn vị hành chính",
    "unit.succession": "Thêm quan hệ kế thừa đơn vị",
    "unit.succession_delete": "Xoá quan hệ kế thừa đơn vị",
    "membership.revoke": "Thu hồi vai trò",
    "account.create": "Tạo tài khoản",
    "account.deactivate": "Khoá tài khoản",
    "account.reactivate": "Mở khoá tài khoản",
    "account.invite": "Gửi thư mời đặt mật khẩu",
    "token.create": "Tạo mã truy cập API",
    "token.revoke": "Thu hồi mã truy cập API",
    "transfer.create": "Chuyển giao nhiệm vụ",
    "target.transfer": "Chuyển chỉ tiêu theo chuyển giao",
    "task.transfer": "Chuyển nhiệm vụ theo chuyển giao",
    "criteria_set.store": "Lưu bộ tiêu chí chấm điểm",
    "scoring_round.open": "Mở đợt chấm điểm",
    "scoring_round.close": "Kết thúc đợt chấm điểm",
    "scoring_round.publish": "Công bố kết quả chấm điểm",
    "score.self": "Tự chấm điểm tiêu chí",
    "score.appraise": "Thẩm định điểm tiêu chí",
    "assessment.submit": "Nộp bản tự đánh giá",
    "assessment.return": "Trả lại bản tự đánh giá",
    "assessment.appraise": "Thẩm định bản tự đánh giá",
    "admin.add": "Thêm (trang quản trị)",
    "admin.change": "Sửa (trang quản trị)",
    "admin.delete": "Xoá (trang quản trị)",
}

SYSTEM_NAMES = {a.name: a.label for a in (SYSTEM_CLI, SYSTEM_DEMO, SYSTEM_FEEDS, SYSTEM_WORKER)}

# Bookkeeping columns that change on every save and tell a reader nothing.
_QUIET = {"updated_at", "created_at", "search_key", "title_key", "subject_key"}

# record kind → the kinds whose events also belong to its history, and the column naming it.
RELATED: dict[str, list[tuple[str, str]]] = {
    "plans.plan": [("plans.target", "plan_id"), ("plans.task", "plan_id")],
    "documents.document": [("documents.receipt", "document_id"), ("documents.citation", "source_id")],
    "reporting.reportrequest": [("reporting.submission", "request_id")],
    "organizations.unit": [("organizations.unitlink", "child_id"), ("organizations.membership", "unit_id")],
}


def verb_label(verb: str) -> str:
    return VERBS.get(verb, verb)


def actor_label(event: AuditEvent) -> str:
    """The person's full name (or username), or the system actor's Vietnamese name."""
    if event.actor_name in SYSTEM_NAMES:
        return SYSTEM_NAMES[event.actor_name]
    user = event.actor
    if user is not None:
        return user.get_full_name() or user.get_username()
    return event.actor_name or "—"


def history_q(target: models.Model) -> Q:
    """The events of ``target`` and of the records that belong to it (a plan's targets and tasks, a
    request's submissions, a document's receipts and citations, a unit's links and memberships)."""
    label = target._meta.label_lower
    q = Q(target_type=label, target_id=str(target.pk))
    for kind, column in RELATED.get(label, []):
        q |= Q(target_type=kind) & (
            Q(**{f"after__{column}": target.pk}) | Q(**{f"before__{column}": target.pk})
        )
    return q


def object_history(target: models.Model, *, limit: int = 50) -> list[AuditEvent]:
    """The latest events of ``target``'s history, newest first. The caller has already checked that
    the user sees ``target``: whoever sees a record sees its history."""
    return list(AuditEvent.objects.filter(history_q(target)).select_related("actor")[:limit])


@dataclass(frozen=True)
class Change:
    """One field of one event: its Vietnamese name, and its value before and after, as shown."""

    field: str
    label: str
    before: str
    after: str


# Columns whose name Django made up from the code (no Vietnamese verbose_name on the model).
FALLBACK_LABELS = {
    "created_by": "người tạo",
    "granted_by": "người cho phép",
    "password": "mật khẩu",
    "last_login": "lần đăng nhập gần nhất",
    "is_superuser": "quản trị hệ thống",
    "is_staff": "vào trang quản trị",
    "is_active": "đang hoạt động",
    "first_name": "họ và tên đệm",
    "last_name": "tên",
    "date_joined": "ngày tạo tài khoản",
    "username": "tên đăng nhập",
    "email": "thư điện tử",
}


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            return model._meta.get_field(name)  # type: ignore[return-value]
        except FieldDoesNotExist:
            continue
    return None


def _field_label(model: type[models.Model] | None, key: str) -> str:
    field = _field(model, key)
    name = key.removesuffix("_id")
    label = str(field.verbose_name) if field is not None and hasattr(field, "verbose_name") else ""
    if not label or label == name.replace("_", " "):
        return FALLBACK_LABELS.get(name, label or name.replace("_", " "))
    return label


def _shown_for(field: models.Field | None, key: str, value: Any, names: dict[tuple[Any, Any], str]) -> str:
    """A value as a reader wants it: a record's name rather than its id, a file's name rather than
    where it is stored, and never a password."""
    if key in SECRET_FIELDS:
        return "—" if value is None else "••••••"
    if value is None or value == "":
        return "—"
    if isinstance(field, models.FileField):
        return PurePosixPath(str(value)).name
    if isinstance(field, models.ForeignKey) and not isinstance(value, list | dict):
        related = field.related_model
        memo = (related, value)
        if memo not in names:
            found = related._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
            names[memo] = str(found) if found is not None else f"#{value}"
        return names[memo]
    if field is not None and getattr(field, "choices", None) and not isinstance(value, list | dict):
        return str(dict(field.flatchoices).get(value, value))  # type: ignore[attr-defined]
    return _shown(value)


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
            if len(value) >= 19 and value[10] == "T":
                moment = dt.datetime.fromisoformat(value)
                # Stored in UTC; read where the reader is (Vietnam time), as every screen shows it.
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                return moment.strftime("%d/%m/%Y %H:%M")
        except ValueError:
            pass
        return value if len(value) <= 200 else value[:199] + "…"
    return str(value)


def _model_of(event: AuditEvent) -> type[models.Model] | None:
    try:
        return apps.get_model(event.target_type)
    except (LookupError, ValueError):
        return None


def changed_keys(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """The keys whose value differs between the two snapshots (every key when one side is empty)."""
    before, after = before or {}, after or {}
    keys = list(after) + [k for k in before if k not in after]
    return [k for k in keys if k not in _QUIET and before.get(k) != after.get(k)]


def event_changes(event: AuditEvent, names: dict[tuple[Any, Any], str] | None = None) -> list[Change]:
    """What ``event`` changed, field by field, in Vietnamese (``names`` keeps the records already
    named, across the events of one page)."""
    model = _model_of(event)
    names = {} if names is None else names
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    changes = []
    for key in changed_keys(before, after):
        field = _field(model, key)
        changes.append(
            Change(
                key,
                _field_label(model, key),
                _shown_for(field, key, before.get(key), names),
                _shown_for(field, key, after.get(key), names),
            )
        )
    return changes


def kind_label(event: AuditEvent) -> str:
    model = _model_of(event)
    return str(model._meta.verbose_name) if model is not None else event.target_type


def events_as_dicts(events: QuerySet[AuditEvent] | list[AuditEvent]) -> list[dict[str, Any]]:
    """The events as plain data (for ``loa audit --json``): time, actor, verb, object and the changed
    fields with their values before and after."""
    out = []
    for e in events:
        keys = changed_keys(
            e.before if isinstance(e.before, dict) else None, e.after if isinstance(e.after, dict) else None
        )
        out.append(
            {
                "at": timezone.localtime(e.at).isoformat(),
                "actor": e.actor_name,
                "verb": e.verb,
                "verb_label": verb_label(e.verb),
                "object": {"type": e.target_type, "id": e.target_id, "repr": e.target_repr},
                "unit_id": e.unit_id,
                "before": {k: (e.before or {}).get(k) for k in keys}
                if isinstance(e.before, dict)
                else e.before,
                "after": {k: (e.after or {}).get(k) for k in keys} if isinstance(e.after, dict) else e.after,
            }
        )
    return out


@dataclass(frozen=True)
class EventView:
    """One event as a screen shows it."""

    event: AuditEvent
    actor: str
    verb: str
    kind: str
    changes: list[Change]


def event_view(event: AuditEvent, names: dict[tuple[Any, Any], str] | None = None) -> EventView:
    return EventView(
        event, actor_label(event), verb_label(event.verb), kind_label(event), event_changes(event, names)
    )


def event_views(events: Any) -> list[EventView]:
    """The events of one page, the records they name looked up together: one query per kind of
    record named (channels, units…), however many events the page shows."""
    events = list(events)
    names = _names_of(events)
    return [event_view(e, names) for e in events]


def _names_of(events: list[AuditEvent]) -> dict[tuple[Any, Any], str]:
    """(model, pk) → the record's name, for every record the changes of ``events`` refer to."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for event in events:
        model = _model_of(event)
        before = event.before if isinstance(event.before, dict) else {}
        after = event.after if isinstance(event.after, dict) else {}
        for key in changed_keys(before, after):
            field = _field(model, key)
            if not isinstance(field, models.ForeignKey) or key in SECRET_FIELDS:
                continue
            for value in (before.get(key), after.get(key)):
                if value not in (None, "") and not isinstance(value, list | dict):
                    wanted.setdefault(field.related_model, set()).add(value)  # type: ignore[arg-type]
    names: dict[tuple[Any, Any], str] = {}
    for related, pks in wanted.items():
        try:
            found = related._default_manager.in_bulk(list(pks))
        except (TypeError, ValueError):
            continue  # an unreadable id stays for the one-by-one lookup, which names it "#id"
        for pk in pks:
            names[(related, pk)] = str(found[pk]) if pk in found else f"#{pk}"
    return names
