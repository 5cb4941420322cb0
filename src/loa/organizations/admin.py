from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction

from loa.core import vn
from loa.core.admin import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from loa.core.errors import DomainError
from loa.organizations.accounts import membership_grant
from loa.organizations.lineage import succession_create, succession_delete, succession_problem
from loa.organizations.models import Membership, Unit, UnitLink, UnitSuccession


class ParentLinkInline(ReadOnlyInline):
    model = UnitLink
    fk_name = "child"


class MembershipInline(ReadOnlyInline):
    model = Membership


class PredecessorInline(ReadOnlyInline):
    model = UnitSuccession
    fk_name = "successor"
    verbose_name_plural = "đơn vị tiền thân"


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "official_code", "admin_type", "kind", "place_name"]
    list_filter = ["kind", "admin_type"]
    search_fields = ["name", "code", "official_code", "search_key"]
    inlines = [ParentLinkInline, PredecessorInline, MembershipInline]


class SuccessionForm(forms.ModelForm):
    """Checks a new lineage link as the service will, so a refusal shows beside the form."""

    # dd/mm/yyyy as written in Vietnam (Django's defaults would read 01/07/2025 as 7 January).
    date = forms.DateField(label="Từ ngày", input_formats=["%d/%m/%Y", "%Y-%m-%d"])

    class Meta:
        model = UnitSuccession
        fields = ["predecessor", "successor", "date", "kind"]

    def clean(self):
        data = super().clean()
        pred, succ, day = data.get("predecessor"), data.get("successor"), data.get("date")
        if pred and succ and day:
            problem = succession_problem(predecessor=pred, successor=succ, date=day)
            if problem:
                raise forms.ValidationError(problem)
        return data


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(ReadOnlyAdmin):
    """Lineage links are added and removed here through ``succession_create``/``succession_delete``
    (checked and audited under the signed-in administrator); never edited in place."""

    form = SuccessionForm
    list_display = ["predecessor", "successor", "kind", "date"]
    list_filter = ["kind", "date"]
    search_fields = [
        "predecessor__name",
        "successor__name",
        "predecessor__official_code",
        "successor__official_code",
    ]
    autocomplete_fields = ["predecessor", "successor"]

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        try:
            row = succession_create(
                actor=request.user,
                predecessor=obj.predecessor,
                successor=obj.successor,
                date=obj.date,
                kind=obj.kind,
            )
        except DomainError as exc:  # raced with another change since the form was checked
            raise forms.ValidationError(exc.message) from None
        obj.pk = row.pk

    def delete_model(self, request, obj):
        succession_delete(actor=request.user, succession=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            succession_delete(actor=request.user, succession=obj)


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
