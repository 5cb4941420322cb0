"""Django admin for administrators: a window on the records, never a way around the services.

Records that Loa's services write (and audit) are read-only here; an admin page that does change
something calls the service with the signed-in administrator as the actor.
"""

from django.contrib import admin

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
    list_display = ["at", "actor_name", "verb", "target_repr"]
    list_filter = ["verb", "target_type"]
    search_fields = ["target_repr", "verb"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
