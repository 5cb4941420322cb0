"""Onboarding in the browser ("Quản lý đơn vị, tài khoản"): the units one organizes, a unit's page
(units below it, move, close; its accounts and roles on the same screen), the bulk import of
accounts and the set-password page of an invitation. Every write goes through
``loa.organizations`` (services check access, audit, one transaction)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.organizations.access import Action, can
from loa.organizations.account_import import accounts_import, accounts_template
from loa.organizations.accounts import (
    account_create,
    account_deactivate,
    account_get,
    account_manageable,
    account_reactivate,
    membership_change_role,
    membership_get,
    membership_grant,
    membership_revoke,
)
from loa.organizations.invitations import invitation_days, invitation_send
from loa.organizations.models import Unit
from loa.organizations.selectors import (
    unit_children,
    unit_get,
    unit_memberships,
    unit_parent,
    units_organized_by,
)
from loa.organizations.services import unit_close, unit_code_suggest, unit_create, unit_move
from loa.web.access import public, some_unit_access, unit_access
from loa.web.forms_organize import (
    AccountCreateForm,
    AccountsImportForm,
    GrantForm,
    MembershipDateForm,
    UnitCloseForm,
    UnitCreateForm,
    UnitMoveForm,
)
from loa.web.views.common import form_error

NOT_ORGANIZER = (
    "Bạn chưa được giao quản lý đơn vị, tài khoản ở đơn vị nào (cần vai trò Quản trị hoặc Nội vụ)."
)
NOT_HERE = "Bạn không quản lý đơn vị này (cần vai trò Quản trị hoặc Nội vụ ở đơn vị này hoặc cấp trên)."
organizer = some_unit_access(Action.ORGANIZE, message=NOT_ORGANIZER)
unit_organizer = unit_access(Action.ORGANIZE, denied=403, message=NOT_HERE)


def _today() -> dt.date:
    return dt.date.today()


@organizer
def organize_index(request):
    """The units the user organizes, searchable by name or code."""
    search = request.GET.get("q", "").strip()
    units = units_organized_by(user=request.user, search=search)
    return render(
        request, "loa/organize/index.html", {"units": units[:300], "total": units.count(), "q": search}
    )


def _page(request, unit: Unit, status: int = 200, **forms: Any) -> HttpResponse:
    """The unit's organizing page, with any bound form that came back with errors."""
    today = _today()
    initial = {"valid_from": today, "on": today}
    parent = unit_parent(unit=unit, on=today)
    memberships = list(unit_memberships(user=request.user, unit=unit))
    for m in memberships:
        m.current = (m.valid_from is None or m.valid_from <= today) and (
            m.valid_to is None or m.valid_to >= today
        )
        m.ended = m.valid_to is not None and m.valid_to < today
        m.manageable = account_manageable(request.user, m.user)
    context = {
        "unit": unit,
        "parent": parent,
        "can_place": (parent is not None and can(request.user, Action.ORGANIZE, parent))
        or request.user.is_superuser,
        "children": unit_children(unit=unit, on=today),
        "memberships": memberships,
        "create_unit_form": forms.get("create_unit") or UnitCreateForm(initial=initial, prefix="dv"),
        "move_form": forms.get("move") or UnitMoveForm(initial=initial, prefix="chuyen"),
        # Suggestions only (a province holds thousands of units): any code the user organizes works.
        "parent_suggestions": units_organized_by(user=request.user).exclude(pk=unit.pk)[:300],
        "close_form": forms.get("close") or UnitCloseForm(initial=initial, prefix="kt"),
        "account_form": forms.get("account") or AccountCreateForm(initial=initial, prefix="tk"),
        "grant_form": forms.get("grant") or GrantForm(initial=initial, prefix="pc"),
        "today": today,
        "invitation_days": invitation_days(),
    }
    return render(request, "loa/organize/unit.html", context, status=status)


@unit_organizer
def organize_unit(request, code):
    """One unit: its place, the units below it, and its accounts and roles."""
    return _page(request, unit_get(code=code))


def _back(unit: Unit, anchor: str = "") -> HttpResponse:
    return redirect(reverse("web:organize_unit", args=[unit.code]) + (f"#{anchor}" if anchor else ""))


@require_POST
@unit_organizer
def organize_unit_create(request, code):
    """ "Thêm đơn vị trực thuộc"."""
    parent = unit_get(code=code)
    form = UnitCreateForm(request.POST, prefix="dv")
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = unit_create(
                actor=request.user,
                name=data["name"],
                code=data["code"] or unit_code_suggest(name=data["name"]),
                abbr=data["abbr"],
                kind=data["kind"],
                parent=parent,
                linked_from=data["valid_from"],
                valid_from=data["valid_from"],
                place_name=data["place_name"] or parent.place_name,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã thêm {created.name} (mã {created.code}) trực thuộc {parent.name}.")
            return _back(created)
    return _page(request, parent, 400, create_unit=form)


@require_POST
@unit_organizer
def organize_unit_move(request, code):
    """ "Chuyển đơn vị": under another unit from a date."""
    unit = unit_get(code=code)
    form = UnitMoveForm(request.POST, prefix="chuyen")
    if form.is_valid():
        try:
            parent = unit_get(code=form.cleaned_data["parent"].strip().lower())
            unit_move(actor=request.user, unit=unit, parent=parent, on=form.cleaned_data["on"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, f"Từ ngày {form.cleaned_data['on']:%d/%m/%Y}, {unit.name} trực thuộc {parent.name}."
            )
            return _back(unit)
    return _page(request, unit, 400, move=form)


@require_POST
@unit_organizer
def organize_unit_close(request, code):
    """ "Kết thúc hoạt động": the unit's last day."""
    unit = unit_get(code=code)
    form = UnitCloseForm(request.POST, prefix="kt")
    if form.is_valid():
        try:
            unit_close(actor=request.user, unit=unit, on=form.cleaned_data["on"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request, f"{unit.name} kết thúc hoạt động ngày {form.cleaned_data['on']:%d/%m/%Y}."
            )
            return _back(unit)
    return _page(request, unit, 400, close=form)


@require_POST
@unit_organizer
def organize_account_create(request, code):
    """ "Tạo tài khoản": a person with one role here; the invitation leaves after the commit."""
    unit = unit_get(code=code)
    form = AccountCreateForm(request.POST, prefix="tk")
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = account_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                unit=unit,
                role=data["role"],
                valid_from=data["valid_from"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            sent = f" Đã gửi thư mời đặt mật khẩu tới {user.email}." if user.email else ""
            messages.success(request, f"Đã tạo tài khoản {user.username} ({user.get_full_name()}).{sent}")
            return _back(unit, "tai-khoan")
    return _page(request, unit, 400, account=form)


@require_POST
@unit_organizer
def organize_grant(request, code):
    """ "Giao vai trò" to an existing account, from a date (to a date)."""
    unit = unit_get(code=code)
    form = GrantForm(request.POST, prefix="pc")
    if form.is_valid():
        data = form.cleaned_data
        user = get_user_model().objects.filter(username__iexact=data["username"].strip()).first()
        if user is None:
            form.add_error("username", f"Không có tài khoản “{data['username']}”.")
        else:
            try:
                membership_grant(
                    actor=request.user,
                    user=user,
                    unit=unit,
                    role=data["role"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                )
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, f"Đã giao vai trò cho {user.username} tại {unit.name}.")
                return _back(unit, "tai-khoan")
    return _page(request, unit, 400, grant=form)


def _membership_action(request, code: str, verb: str) -> HttpResponse:
    unit = unit_get(code=code)
    form = MembershipDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
        return _back(unit, "tai-khoan")
    try:
        membership = membership_get(actor=request.user, pk=form.cleaned_data["membership"])
        on = form.cleaned_data["on"]
        if verb == "revoke":
            membership_revoke(actor=request.user, membership=membership, on=on)
            messages.success(
                request,
                f"Đã thu hồi vai trò {membership.get_role_display()} của {membership.user.username} "
                f"từ ngày {on:%d/%m/%Y}.",
            )
        else:
            if not form.cleaned_data["role"]:
                messages.error(request, "Chọn vai trò mới.")
                return _back(unit, "tai-khoan")
            changed = membership_change_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"], on=on
            )
            messages.success(
                request,
                f"Từ ngày {on:%d/%m/%Y}, {membership.user.username} có vai trò {changed.get_role_display()}.",
            )
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(unit, "tai-khoan")


@require_POST
@unit_organizer
def organize_revoke(request, code):
    """ "Thu hồi" a role from a date."""
    return _membership_action(request, code, "revoke")


@require_POST
@unit_organizer
def organize_change_role(request, code):
    """ "Đổi vai trò" from a date."""
    return _membership_action(request, code, "change")


def _account_action(request, code: str, verb: str) -> HttpResponse:
    unit = unit_get(code=code)
    try:
        user = account_get(actor=request.user, pk=request.POST.get("user"))
        if verb == "deactivate":
            account_deactivate(actor=request.user, user=user)
            messages.success(request, f"Đã khoá tài khoản {user.username}: không đăng nhập được nữa.")
        elif verb == "reactivate":
            account_reactivate(actor=request.user, user=user)
            messages.success(request, f"Đã mở khoá tài khoản {user.username}.")
        else:
            invitation_send(actor=request.user, user=user)
            messages.success(request, f"Đã gửi lại thư mời tới {user.email}.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(unit, "tai-khoan")


@require_POST
@unit_organizer
def organize_deactivate(request, code):
    """ "Khoá tài khoản"."""
    return _account_action(request, code, "deactivate")


@require_POST
@unit_organizer
def organize_reactivate(request, code):
    """ "Mở khoá tài khoản"."""
    return _account_action(request, code, "reactivate")


@require_POST
@unit_organizer
def organize_invite(request, code):
    """ "Gửi lại thư mời"."""
    return _account_action(request, code, "invite")


@organizer
def accounts_template_download(request, fmt):
    """The accounts template, as ``.xlsx`` or ``.csv``."""
    if fmt not in ("xlsx", "csv"):
        raise Http404("Mẫu chỉ có dạng .xlsx hoặc .csv.")
    data = accounts_template(fmt=fmt)
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-tai-khoan.{fmt}"'
    return response


@organizer
def accounts_import_view(request):
    """Upload → check (every row, nothing written) → "Nhập" writes all rows or none.

    The checked file rides back in the confirmation form (base64): the server keeps nothing between
    the two steps and checks every row again before writing."""
    context: dict[str, Any] = {"form": AccountsImportForm(initial={"invite": True})}
    if request.method != "POST":
        return render(request, "loa/organize/import.html", context)
    confirm = request.POST.get("tep_da_kiem_tra")
    if confirm:
        try:
            data = base64.b64decode(confirm.encode("ascii"), validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            messages.error(request, "Tệp đã kiểm tra không còn đọc được; hãy chọn lại tệp.")
            return redirect("web:accounts_import")
        filename, invite = request.POST.get("ten_tep", ""), request.POST.get("invite") == "on"
    else:
        form = AccountsImportForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return render(request, "loa/organize/import.html", context, status=400)
        upload = form.cleaned_data["file"]
        data, filename, invite = upload.read(), upload.name, form.cleaned_data["invite"]
    try:
        result = accounts_import(
            actor=request.user, data=data, filename=filename, dry_run=not confirm, invite=invite
        )
    except DomainError as exc:
        context["error"] = exc.message
        return render(request, "loa/organize/import.html", context, status=400)
    if result.imported:
        messages.success(
            request,
            f"Đã nhập: {result.count('create')} tài khoản mới, "
            f"{result.count('create') + result.count('grant')} phân công mới, {result.count('same')} dòng đã có.",
        )
        return redirect("web:organize_index")
    context.update(
        result=result,
        encoded=base64.b64encode(data).decode("ascii") if not result.errors else "",
        filename=filename,
        invite=invite,
    )
    return render(request, "loa/organize/import.html", context, status=400 if result.errors else 200)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The invitation's page: set a password (the link expires, and works once)."""

    template_name = "loa/registration/password_set.html"
    success_url = reverse_lazy("web:login")
    reset_url_token = "mat-khau-moi"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request, "Đã đặt mật khẩu. Mời anh/chị đăng nhập bằng tên đăng nhập và mật khẩu mới."
        )
        return response


password_set = public(PasswordSetView.as_view())
