from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction

from loa.core import vn
from loa.core.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from loa.organizations.accounts import membership_grant
from loa.organizations.models import Membership, Unit, UnitLink


class ParentLinkInline(ReadOnlyInline):
    model = UnitLink
    fk_name = "child"


class MembershipInline(ReadOnlyInline):
    model = Membership


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "abbr", "kind", "place_name"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "search_key"]
    inlines = [ParentLinkInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Roles are granted here through ``membership_grant`` (checked and audited under the signed-in
    administrator); a granted role is neither edited nor deleted from the admin: it is revoked
    from a date on the onboarding screen ("Quản lý đơn vị, tài khoản")."""

    list_display = ["user", "unit", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    fields = ["user", "unit", "role", "valid_from", "valid_to"]

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        granted = membership_grant(
            actor=request.user,
            user=obj.user,
            unit=obj.unit,
            role=obj.role,
            valid_from=obj.valid_from,
            valid_to=obj.valid_to,
        )
        obj.pk = granted.pk
        obj.created_at, obj.updated_at = granted.created_at, granted.updated_at


# Users: one "Họ và tên" field, as Vietnamese forms ask for a name. It is stored in Django's two
# name fields with the given name (tên) last: "Lê Thị Hoa" → first_name "Lê Thị", last_name "Hoa",
# so ``get_full_name()`` ("first last") gives the name back in Vietnamese order and sorting by
# last_name sorts by tên, as Vietnamese lists do.


def split_full_name(full_name: str) -> tuple[str, str]:
    """("Lê Thị", "Hoa") for "Lê Thị Hoa": family and middle names, then the given name."""
    family, _, given = vn.collapse_ws(vn.nfc(full_name)).rpartition(" ")
    return family, given


class _FullNameMixin(forms.ModelForm):
    full_name = forms.CharField(label="Họ và tên", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["full_name"].initial = self.instance.get_full_name()

    def save(self, commit=True):
        user = super().save(commit=False)
        user.first_name, user.last_name = split_full_name(self.cleaned_data.get("full_name") or "")
        if commit:
            user.save()
            self.save_m2m()
        return user


class LoaUserChangeForm(_FullNameMixin, UserChangeForm):
    pass


class LoaUserCreationForm(_FullNameMixin, AdminUserCreationForm):
    pass


_User = get_user_model()
if admin.site.is_registered(_User):
    admin.site.unregister(_User)


@admin.register(_User)
class LoaUserAdmin(AuditedAdmin, UserAdmin):
    """Users: every add, change (password included: a fingerprint, never the hash) and delete is
    audited under the signed-in administrator."""

    form = LoaUserChangeForm
    add_form = LoaUserCreationForm
    list_display = ["username", "full_name_display", "email", "is_staff"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("full_name", "email")}),
        (
            "Quyền",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Thời gian", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "password1", "password2")}),
    )

    @admin.display(description="Họ và tên", ordering="last_name")
    def full_name_display(self, obj) -> str:
        return obj.get_full_name()

    def user_change_password(self, request, id, form_url=""):
        # The password form saves outside save_model: keep the values before, audited in log_change.
        with transaction.atomic():
            if request.method == "POST":
                user = self.get_object(request, id)
                if user is not None:
                    self._pending(request)[(user._meta.label_lower, str(user.pk))] = self._before(user)
            return super().user_change_password(request, id, form_url)


if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class LoaGroupAdmin(AuditedAdmin, GroupAdmin):
    """Groups of permissions (for the admin pages only): audited like the users."""
