"""Django admin for administrators: a window on the records, never a way around the services.

Records that Loa's services write (and audit) are read-only here; an admin page that does change
something either calls the service with the signed-in administrator as the actor, or is an
:class:`AuditedAdmin`, which writes every add, change and delete to the audit log (ADR 0022).
"""

from typing import Any

from django.contrib import admin
from django.db import models, transaction

from loa.core.audit import audit_record, snapshot
from loa.core.models import AuditEvent

admin.site.site_header = "Quản trị Loa"
admin.site.site_title = "Quản trị Loa"
admin.site.index_title = "Quản trị hệ thống"


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: no add, change or delete (the services own the writes and their audit)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


_PENDING = "_loa_admin_audit"


def _key(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


class AuditedAdmin(admin.ModelAdmin):
    """An admin page that writes (catalogues, feeds, users): each add, change — the list's editable
    columns included — and delete leaves an audit row under the signed-in administrator, with the
    record's values before and after, in the same transaction as the write."""

    def _pending(self, request: Any) -> dict[tuple[str, str], Any]:
        if not hasattr(request, _PENDING):
            setattr(request, _PENDING, {})
        return getattr(request, _PENDING)

    def _before(self, obj: models.Model) -> dict[str, Any] | None:
        if obj.pk is None:
            return None
        stored = type(obj)._default_manager.filter(pk=obj.pk).first()
        return snapshot(stored, many=True) if stored is not None else None

    def _record(self, request: Any, obj: models.Model, verb: str, before: Any, after: Any) -> None:
        audit_record(
            actor=request.user,
            verb=verb,
            target=obj,
            unit_id=getattr(obj, "unit_id", None),
            before=before,
            after=after,
        )

    def save_model(self, request: Any, obj: models.Model, form: Any, change: bool) -> None:
        # The values before are read from the database: the form has already changed ``obj``.
        before = self._before(obj) if change else None
        super().save_model(request, obj, form, change)
        self._pending(request)[_key(obj)] = before

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = self._pending(request).pop(_key(obj), None)
        self._record(
            request, obj, "admin.change" if change else "admin.add", before, snapshot(obj, many=True)
        )

    def log_change(self, request: Any, obj: Any, message: Any) -> Any:
        # A change saved outside save_model (a user's password) is recorded here.
        pending = self._pending(request)
        if _key(obj) in pending:
            self._record(request, obj, "admin.change", pending.pop(_key(obj)), snapshot(obj, many=True))
        return super().log_change(request, obj, message)

    def delete_model(self, request: Any, obj: models.Model) -> None:
        with transaction.atomic():
            self._record(request, obj, "admin.delete", snapshot(obj, many=True), None)
            super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self._record(request, obj, "admin.delete", snapshot(obj, many=True), None)
            super().delete_queryset(request, queryset)


class ReadOnlyInline(admin.TabularInline):
    """A read-only table of related records on a read-only page."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit log, read only: no add, change or delete (the database refuses them too)."""

    list_display = ["at", "actor_name", "verb", "target_repr"]
    list_filter = ["verb", "target_type"]
    search_fields = ["target_repr", "verb"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
