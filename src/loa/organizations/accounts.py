"""Accounts (tài khoản) and roles (phân công): create, grant, revoke, change role, deactivate.

Every write is atomic, checked and audited. Who may do it (ADR 0024):

- a role in a unit is granted or revoked by whoever may organize that unit
  (:data:`Action.ORGANIZE`: its administrators and Nội vụ coordinators, and those above it);
  the administrator role itself only by an administrator (:data:`Action.MANAGE`);
- an account as a whole (its name, e-mail, invitation, deactivation) is handled by whoever
  organizes *every* unit the person ever held a role in, so a commune's coordinator never locks
  out a province official; an account with no role, or a superuser's, by superusers only.

A membership counts from ``valid_from`` to ``valid_to`` inclusive; revoking "from 01/07" sets
``valid_to`` to 30/06, and the row stays as history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from loa.core import vn
from loa.core.actors import require_actor
from loa.core.audit import audit_record, snapshot
from loa.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from loa.organizations.access import Action, can, forget, require, sees_everything
from loa.organizations.models import Membership, Role, Unit

ROLE_WORDS = {
    # What a person may type in an import file or a form, folded (no case, no diacritics).
    **{vn.fold(label): value for value, label in Role.choices},
    **{value: value for value in Role.values},
    "can bo": Role.OFFICER,
    "can bo dau moi": Role.OFFICER,
    "lanh dao": Role.LEADER,
    "noi vu": Role.COORDINATOR,
    "dieu phoi": Role.COORDINATOR,
    "can bo noi vu": Role.COORDINATOR,
    "van thu": Role.CLERK,
    "quan tri": Role.ADMIN,
}


def role_parse(text: str) -> Role | None:
    """The role named by ``text`` ("Văn thư", "van thu", "clerk"), or None."""
    found = ROLE_WORDS.get(vn.fold(vn.collapse_ws(text or "")))
    return Role(found) if found else None


def split_full_name(full_name: str) -> tuple[str, str]:
    """("Lê Thị", "Hoa") for "Lê Thị Hoa": family and middle names, then the given name, so
    ``get_full_name()`` gives the name back in Vietnamese order."""
    family, _, given = vn.collapse_ws(vn.nfc(full_name)).rpartition(" ")
    return family, given


def _today() -> dt.date:
    return timezone.localdate()


def _dates_problem(valid_from: dt.date | None, valid_to: dt.date | None) -> str | None:
    if valid_from and valid_to and valid_to < valid_from:
        return f"Ngày kết thúc ({valid_to:%d/%m/%Y}) trước ngày bắt đầu ({valid_from:%d/%m/%Y})."
    return None


def _require_role_grant(actor: Any, unit: Unit, role: Role) -> None:
    require(actor, Action.ORGANIZE, unit)
    if role is Role.ADMIN and not can(actor, Action.MANAGE, unit):
        raise PermissionDenied(
            "Chỉ quản trị viên mới giao được vai trò Quản trị.", code="access.admin_role_denied"
        )


def account_manageable(actor: Any, user: Any) -> bool:
    """Whether ``actor`` may handle ``user``'s account as a whole (see the module's rules)."""
    require_actor(actor)
    if sees_everything(actor):
        return True
    if user.is_superuser:
        return False
    unit_ids = set(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
    return bool(unit_ids) and all(can(actor, Action.ORGANIZE, uid) for uid in unit_ids)


def account_unit_id(user: Any) -> int | None:
    """The unit an event on ``user``'s account is filed under in the audit log, so the coordinators
    who manage the person read it: the unit of their current role (the latest one when none is
    current); ``None`` for an account with no role."""
    today = _today()
    memberships = list(Membership.objects.filter(user=user).values_list("unit_id", "valid_from", "valid_to"))
    current = [m for m in memberships if (m[1] is None or m[1] <= today) and (m[2] is None or m[2] >= today)]
    pool = current or memberships
    if not pool:
        return None
    return max(pool, key=lambda m: (m[1] or dt.date.min, m[0]))[0]


def require_account_manageable(actor: Any, user: Any) -> None:
    if not account_manageable(actor, user):
        raise PermissionDenied(
            f"Tài khoản “{user.username}” có vai trò ở đơn vị ngoài phạm vi quản lý của bạn.",
            code="access.account_denied",
        )


def identity_problems(*, username: str, email: str, exclude_pk: int | None = None) -> dict[str, str]:
    """Field → Vietnamese message for a username or e-mail that is malformed or already taken
    (compared without case: "Hoa.Le" and "hoa.le" are one person)."""
    User = get_user_model()
    problems: dict[str, str] = {}
    if not username:
        problems["username"] = "Nhập tên đăng nhập."
    else:
        try:
            UnicodeUsernameValidator()(username)
            if len(username) > 150:
                raise DjangoValidationError("too long")
        except DjangoValidationError:
            problems["username"] = (
                f"Tên đăng nhập “{username}” không hợp lệ: chỉ dùng chữ, số và các dấu . @ + - _ (tối đa 150 ký tự)."
            )
        else:
            taken = User.objects.filter(username__iexact=username).exclude(pk=exclude_pk)
            if taken.exists():
                problems["username"] = f"Tên đăng nhập “{username}” đã có người dùng."
    if email:
        try:
            validate_email(email)
        except DjangoValidationError:
            problems["email"] = f"Thư điện tử “{email}” không hợp lệ."
        else:
            if User.objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists():
                problems["email"] = f"Thư điện tử “{email}” đã dùng cho tài khoản khác."
    return problems


@transaction.atomic
def membership_grant(
    *,
    actor: Any,
    user: Any,
    unit: Unit,
    role: Role | str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Membership:
    """Give ``user`` the ``role`` in ``unit`` from ``valid_from`` to ``valid_to`` (open when empty).

    Idempotent: a membership of the same role already covering the period is returned as it is.
    One that overlaps it only in part is a :class:`Conflict` (revoke it first, or pick other dates).
    """
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(f"Không có vai trò “{role}”.", code="memberships.unknown_role") from None
    _require_role_grant(actor, unit, role)
    problem = _dates_problem(valid_from, valid_to)
    if problem:
        raise ValidationError(problem, code="memberships.dates_reversed", fields={"valid_to": problem})
    same = Membership.objects.filter(user=user, unit=unit, role=role)
    overlapping = same.filter(
        (Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)) if valid_from else Q(),
        (Q(valid_from__isnull=True) | Q(valid_from__lte=valid_to)) if valid_to else Q(),
    )
    for existing in overlapping:
        covers_start = existing.valid_from is None or (
            valid_from is not None and existing.valid_from <= valid_from
        )
        covers_end = existing.valid_to is None or (valid_to is not None and existing.valid_to >= valid_to)
        if covers_start and covers_end:
            return existing
        raise Conflict(
            f"{user.username} đã có vai trò {role.label} ở {unit.name} trong một phần thời gian này "
            f"({_period(existing)}); thu hồi phân công đó hoặc chọn ngày khác.",
            code="memberships.overlap",
        )
    membership = Membership.objects.create(
        user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to
    )
    audit_record(
        actor=actor, verb="membership.grant", target=membership, unit_id=unit.pk, after=snapshot(membership)
    )
    forget(user)
    return membership


def _period(m: Membership) -> str:
    start = f"từ {m.valid_from:%d/%m/%Y}" if m.valid_from else "từ trước"
    end = f"đến {m.valid_to:%d/%m/%Y}" if m.valid_to else "đến nay"
    return f"{start} {end}"


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership, on: dt.date) -> Membership | None:
    """End ``membership`` from ``on``: it counts up to the day before. A membership that had not
    started by ``on`` is removed (it never counted). Returns the membership kept, or None."""
    membership = Membership.objects.select_for_update().select_related("unit", "user").get(pk=membership.pk)
    require(actor, Action.ORGANIZE, membership.unit)
    if membership.role == Role.ADMIN and not can(actor, Action.MANAGE, membership.unit):
        raise PermissionDenied(
            "Chỉ quản trị viên mới thu hồi được vai trò Quản trị.", code="access.admin_role_denied"
        )
    if membership.valid_to is not None and membership.valid_to < on:
        message = f"Phân công này đã kết thúc ngày {membership.valid_to:%d/%m/%Y}."
        raise ValidationError(message, code="memberships.already_ended", fields={"on": message})
    before = snapshot(membership)
    forget(membership.user)
    if membership.valid_from is not None and membership.valid_from >= on:
        audit_record(
            actor=actor,
            verb="membership.revoke",
            target=membership,
            unit_id=membership.unit_id,
            before=before,
        )
        membership.delete()
        return None
    membership.valid_to = on - dt.timedelta(days=1)
    membership.save(update_fields=["valid_to", "updated_at"])
    audit_record(
        actor=actor,
        verb="membership.revoke",
        target=membership,
        unit_id=membership.unit_id,
        before=before,
        after=snapshot(membership),
    )
    return membership


@transaction.atomic
def membership_change_role(
    *, actor: Any, membership: Membership, role: Role | str, on: dt.date
) -> Membership:
    """From ``on``, ``membership``'s person holds ``role`` instead in the same unit (the old role
    ends the day before; the new one runs to the old one's end)."""
    try:
        role = Role(role)
    except ValueError:
        raise ValidationError(f"Không có vai trò “{role}”.", code="memberships.unknown_role") from None
    if role == membership.role:
        message = f"{membership.user.username} đã có vai trò {role.label} ở {membership.unit.name}."
        raise ValidationError(message, code="memberships.same_role", fields={"role": message})
    end = membership.valid_to
    user, unit = membership.user, membership.unit
    membership_revoke(actor=actor, membership=membership, on=on)
    return membership_grant(actor=actor, user=user, unit=unit, role=role, valid_from=on, valid_to=end)


@transaction.atomic
def account_create(
    *,
    actor: Any,
    username: str,
    full_name: str,
    email: str,
    unit: Unit,
    role: Role | str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    invite: bool = True,
) -> Any:
    """Create a person's account with one role in ``unit`` from ``valid_from``.

    The account has no usable password: the person sets one from the invitation, which is mailed
    after the commit when ``invite`` and an e-mail address are given.
    """
    username = vn.nfc(username or "").strip()
    email = (email or "").strip()
    full_name = vn.collapse_ws(vn.nfc(full_name or ""))
    parsed = role_parse(str(role)) if not isinstance(role, Role) else role
    if parsed is None:
        raise ValidationError(
            f"Không có vai trò “{role}”.", code="memberships.unknown_role", fields={"role": "Chọn vai trò."}
        )
    _require_role_grant(actor, unit, parsed)
    problems = identity_problems(username=username, email=email)
    if not full_name:
        problems["full_name"] = "Nhập họ và tên."
    dates = _dates_problem(valid_from, valid_to)
    if dates:
        problems["valid_to"] = dates
    if problems:
        raise ValidationError(next(iter(problems.values())), code="accounts.invalid", fields=problems)
    first, last = split_full_name(full_name)
    user = get_user_model().objects.create_user(
        username=username, email=email, first_name=first, last_name=last
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        verb="account.create",
        target=user,
        unit_id=unit.pk,
        after=snapshot(user, ["username", "email", "first_name", "last_name", "is_active"]),
    )
    membership_grant(actor=actor, user=user, unit=unit, role=parsed, valid_from=valid_from, valid_to=valid_to)
    if invite and email:
        from loa.organizations.invitations import invitation_send

        invitation_send(actor=actor, user=user)
    return user


@transaction.atomic
def account_deactivate(*, actor: Any, user: Any) -> Any:
    """Lock ``user`` out (no sign-in); roles and history stay for the record."""
    require_account_manageable(actor, user)
    if getattr(actor, "pk", None) == user.pk:
        raise ValidationError("Bạn không thể tự khoá tài khoản của mình.", code="accounts.self_deactivate")
    if not user.is_active:
        raise ValidationError(f"Tài khoản “{user.username}” đã bị khoá.", code="accounts.already_inactive")
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        verb="account.deactivate",
        target=user,
        unit_id=account_unit_id(user),
        before={"is_active": True},
        after={"is_active": False},
    )
    return user


@transaction.atomic
def account_reactivate(*, actor: Any, user: Any) -> Any:
    """Let a locked account sign in again."""
    require_account_manageable(actor, user)
    if user.is_active:
        raise ValidationError(f"Tài khoản “{user.username}” đang hoạt động.", code="accounts.already_active")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        verb="account.reactivate",
        target=user,
        unit_id=account_unit_id(user),
        before={"is_active": False},
        after={"is_active": True},
    )
    return user


def account_get(*, actor: Any, pk: int | str | None) -> Any:
    """The account ``pk`` if ``actor`` may handle it, else :class:`NotFound`."""
    user = get_user_model().objects.filter(pk=pk).first() if str(pk or "").isdigit() else None
    if user is None or not account_manageable(actor, user):
        raise NotFound("Không tìm thấy tài khoản.", code="accounts.not_found")
    return user


def membership_get(*, actor: Any, pk: int | str | None) -> Membership:
    """The membership ``pk`` if ``actor`` organizes its unit, else :class:`NotFound`."""
    found = (
        Membership.objects.select_related("user", "unit").filter(pk=pk).first()
        if str(pk or "").isdigit()
        else None
    )
    if found is None or not can(actor, Action.ORGANIZE, found.unit):
        raise NotFound("Không tìm thấy phân công.", code="memberships.not_found")
    return found
