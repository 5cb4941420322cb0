"""Accounts and dated roles: create, grant from a date, revoke from a date, change role, deactivate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from loa.core.errors import Conflict, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.organizations.access import Action, can
from loa.organizations.accounts import (
    account_create,
    account_deactivate,
    account_reactivate,
    membership_change_role,
    membership_grant,
    membership_revoke,
    role_parse,
)
from loa.organizations.models import Membership, Role, UnitKind

D = dt.date


@pytest.fixture
def tree(make_unit):
    province = make_unit("UBND tỉnh", kind=UnitKind.PROVINCE, code="tinh")
    town = make_unit("UBND thị xã", parent=province, kind=UnitKind.DISTRICT, code="thixa")
    other = make_unit("UBND huyện khác", parent=province, kind=UnitKind.DISTRICT, code="huyen")
    commune = make_unit("UBND xã Một", parent=town, kind=UnitKind.COMMUNE, code="xa-mot")
    return {"province": province, "town": town, "other": other, "commune": commune}


def test_a_coordinator_creates_an_account_with_a_role_from_a_date(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    user = account_create(
        actor=noivu,
        username="hoa.le",
        full_name="Lê  Thị Hoa",
        email="hoa.le@xamot.gov.vn",
        unit=tree["commune"],
        role="Cán bộ đầu mối",
        valid_from=D(2025, 7, 1),
        invite=False,
    )
    assert user.get_full_name() == "Lê Thị Hoa"
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.valid_from, membership.valid_to) == (
        Role.OFFICER,
        D(2025, 7, 1),
        None,
    )
    assert can(user, Action.RECORD, tree["commune"], on=D(2025, 7, 1))
    assert not can(user, Action.RECORD, tree["commune"], on=D(2025, 6, 30))
    assert set(AuditEvent.objects.filter(actor=noivu).values_list("verb", flat=True)) >= {
        "account.create",
        "membership.grant",
    }


@pytest.mark.parametrize(
    ("username", "email", "message"),
    [
        ("Canbo", "moi@x.vn", "Tên đăng nhập “Canbo” đã có người dùng"),
        ("moi", "CANBO@x.vn", "đã dùng cho tài khoản khác"),
        ("có dấu cách", "", "không hợp lệ"),
        ("moi", "khong-phai-thu", "không hợp lệ"),
    ],
)
def test_duplicate_or_malformed_usernames_and_emails_are_refused(tree, make_user, username, email, message):
    make_user(tree["commune"], username="canbo", email="canbo@x.vn")
    before = get_user_model().objects.count()
    with pytest.raises(ValidationError, match=message):
        account_create(
            actor=make_user(tree["town"], "admin"),
            username=username,
            full_name="Nguyễn Văn A",
            email=email,
            unit=tree["commune"],
            role=Role.OFFICER,
            invite=False,
        )
    assert get_user_model().objects.count() == before + 1  # only the admin made here


def test_unknown_roles_reversed_dates_and_the_admin_role_by_a_coordinator_are_refused(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    person = make_user(None)
    with pytest.raises(ValidationError, match="Không có vai trò"):
        membership_grant(actor=noivu, user=person, unit=tree["commune"], role="truong-thon")
    with pytest.raises(ValidationError, match="trước ngày bắt đầu"):
        membership_grant(
            actor=noivu,
            user=person,
            unit=tree["commune"],
            role=Role.OFFICER,
            valid_from=D(2025, 7, 1),
            valid_to=D(2025, 1, 1),
        )
    with pytest.raises(PermissionDenied, match="Chỉ quản trị viên"):
        membership_grant(actor=noivu, user=person, unit=tree["commune"], role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        membership_grant(actor=noivu, user=person, unit=tree["other"], role=Role.OFFICER)
    assert not Membership.objects.filter(user=person).exists()
    assert role_parse("van thu") == Role.CLERK and role_parse("LÃNH ĐẠO") == Role.LEADER


def test_revoking_from_a_date_ends_the_role_the_day_before_and_keeps_the_history(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    person = make_user(None)
    m = membership_grant(
        actor=noivu, user=person, unit=tree["commune"], role=Role.OFFICER, valid_from=D(2025, 1, 1)
    )
    membership_revoke(actor=noivu, membership=m, on=D(2025, 7, 1))
    m.refresh_from_db()
    assert m.valid_to == D(2025, 6, 30)
    assert can(person, Action.RECORD, tree["commune"], on=D(2025, 6, 30))
    assert not can(person, Action.RECORD, tree["commune"], on=D(2025, 7, 1))
    # The same role may come back later: a second row, the first kept.
    again = membership_grant(
        actor=noivu, user=person, unit=tree["commune"], role=Role.OFFICER, valid_from=D(2026, 1, 1)
    )
    assert again.pk != m.pk and Membership.objects.filter(user=person).count() == 2
    with pytest.raises(Conflict, match="trong một phần thời gian này"):
        membership_grant(
            actor=noivu, user=person, unit=tree["commune"], role=Role.OFFICER, valid_from=D(2025, 6, 1)
        )
    assert AuditEvent.objects.filter(verb="membership.revoke", target_id=str(m.pk)).exists()


def test_a_role_revoked_before_it_started_is_removed(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    person = make_user(None)
    m = membership_grant(
        actor=noivu, user=person, unit=tree["commune"], role=Role.OFFICER, valid_from=D(2026, 1, 1)
    )
    assert membership_revoke(actor=noivu, membership=m, on=D(2025, 12, 1)) is None
    assert not Membership.objects.filter(user=person).exists()


def test_changing_role_from_a_date_ends_the_old_and_starts_the_new(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    person = make_user(None)
    m = membership_grant(
        actor=noivu, user=person, unit=tree["commune"], role=Role.OFFICER, valid_from=D(2025, 1, 1)
    )
    new = membership_change_role(actor=noivu, membership=m, role=Role.LEADER, on=D(2025, 9, 1))
    assert (new.role, new.valid_from, new.valid_to) == (Role.LEADER, D(2025, 9, 1), None)
    assert can(person, Action.APPROVE, tree["commune"], on=D(2025, 9, 1))
    assert not can(person, Action.APPROVE, tree["commune"], on=D(2025, 8, 31))


def test_deactivating_an_account_needs_every_unit_of_the_person_in_ones_scope(tree, make_user):
    noivu = make_user(tree["town"], "coordinator")
    local = make_user(tree["commune"], "officer")
    wider = make_user(tree["commune"], "officer")
    membership_grant(
        actor=make_user(tree["province"], "admin"), user=wider, unit=tree["other"], role=Role.OFFICER
    )
    account_deactivate(actor=noivu, user=local)
    local.refresh_from_db()
    assert not local.is_active
    with pytest.raises(PermissionDenied, match="ngoài phạm vi quản lý"):
        account_deactivate(actor=noivu, user=wider)
    with pytest.raises(ValidationError, match="tự khoá"):
        account_deactivate(actor=noivu, user=noivu)
    account_reactivate(actor=noivu, user=local)
    local.refresh_from_db()
    assert local.is_active
    assert AuditEvent.objects.filter(verb="account.deactivate", target_id=str(local.pk)).exists()


def test_account_events_are_filed_under_the_persons_unit_so_their_coordinator_reads_them(tree, make_user):
    """Locking, unlocking and inviting a person are read in the log of the coordinators who manage
    that person (their subtree), not only by a superuser."""
    from loa.organizations.audit_log import audit_log
    from loa.organizations.invitations import invitation_send

    noivu = make_user(tree["town"], "coordinator")
    outsider = make_user(tree["other"], "coordinator")
    person = account_create(
        actor=noivu,
        username="hoa.le",
        full_name="Lê Thị Hoa",
        email="hoa.le@xamot.gov.vn",
        unit=tree["commune"],
        role="officer",
        invite=False,
    )
    invitation_send(actor=noivu, user=person)
    account_deactivate(actor=noivu, user=person)
    account_reactivate(actor=noivu, user=person)
    verbs = ["account.invite", "account.deactivate", "account.reactivate"]
    events = AuditEvent.objects.filter(verb__in=verbs, target_id=str(person.pk))
    assert sorted(e.unit_id for e in events) == [tree["commune"].pk] * 3
    assert set(audit_log(user=noivu).filter(verb__in=verbs).values_list("verb", flat=True)) == set(verbs)
    assert not audit_log(user=outsider).filter(verb__in=verbs).exists()
