"""Access: each role × own unit / other unit / subtree, through the one authority (access.py)."""

import pytest

from loa.core.errors import PermissionDenied
from loa.organizations.access import Action, can, require, units_for, units_visible_to
from loa.organizations.models import UnitKind


@pytest.fixture
def tree(make_unit):
    town = make_unit("UBND thị xã", kind=UnitKind.DISTRICT)
    office = make_unit("Phòng Văn hoá", parent=town)
    centre = make_unit("Trung tâm", parent=town)
    other_town = make_unit("UBND huyện khác", kind=UnitKind.DISTRICT)
    other_office = make_unit("Phòng khác", parent=other_town)
    return {
        "town": town,
        "office": office,
        "centre": centre,
        "other_town": other_town,
        "other_office": other_office,
    }


# role held in the office → what it may do in (office, centre, other_office)
MATRIX = {
    "officer": {
        Action.VIEW: (True, False, False),
        Action.RECORD: (True, False, False),
        Action.ISSUE: (False, False, False),
        Action.APPROVE: (False, False, False),
        Action.REGISTER: (True, False, False),
    },
    "leader": {
        Action.VIEW: (True, False, False),
        Action.RECORD: (True, False, False),
        Action.ISSUE: (True, False, False),  # the office has no clerk in this matrix
        Action.APPROVE: (True, False, False),
        Action.REGISTER: (True, False, False),
    },
    "clerk": {
        Action.VIEW: (True, False, False),
        Action.RECORD: (False, False, False),
        Action.ISSUE: (True, False, False),
        Action.APPROVE: (False, False, False),
        Action.REGISTER: (True, False, False),
    },
    "admin": {
        Action.VIEW: (True, False, False),
        Action.RECORD: (True, False, False),
        Action.MANAGE: (True, False, False),
    },
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_a_role_in_a_unit_acts_there_and_nowhere_else(tree, make_user, role):
    user = make_user(tree["office"], role)
    for action, expected in MATRIX[role].items():
        got = tuple(can(user, action, tree[k]) for k in ("office", "centre", "other_office"))
        assert got == expected, (role, action)


def test_a_coordinator_sees_the_whole_subtree_but_records_only_for_its_own_unit(tree, make_user):
    """Nội vụ plans, orients and registers documents for itself; it never records for the units below."""
    user = make_user(tree["town"], "coordinator")
    assert can(user, Action.VIEW, tree["office"]) and can(user, Action.VIEW, tree["centre"])
    assert not can(user, Action.VIEW, tree["other_office"])
    assert can(user, Action.RECORD, tree["town"]) and can(user, Action.REGISTER, tree["town"])
    assert not can(user, Action.RECORD, tree["office"])
    assert not can(user, Action.REGISTER, tree["office"])
    assert can(user, Action.COORDINATE, tree["centre"])
    assert units_visible_to(user) == {tree["town"].id, tree["office"].id, tree["centre"].id}


def test_an_administrator_above_may_record_for_the_units_below(tree, make_user):
    user = make_user(tree["town"], "admin")
    assert can(user, Action.RECORD, tree["centre"])
    assert not can(user, Action.RECORD, tree["other_office"])


def test_anonymous_and_inactive_users_may_do_nothing(tree, make_user):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), Action.VIEW, tree["office"])
    user = make_user(tree["office"], "leader")
    user.is_active = False
    assert not can(user, Action.VIEW, tree["office"])


def test_require_raises_a_vietnamese_error_with_a_stable_code(tree, make_user):
    user = make_user(tree["office"], "officer")
    with pytest.raises(PermissionDenied) as err:
        require(user, Action.ISSUE, tree["office"])
    assert err.value.code == "access.issue_denied"
    assert "không có quyền" in err.value.message


def test_beside_a_clerk_the_leader_approves_and_the_clerk_issues(tree, make_user):
    """Nghị định 30, Điều 15: the clerk numbers; a leader numbers only where the unit has no clerk."""
    leader = make_user(tree["office"], "leader")
    assert can(leader, Action.ISSUE, tree["office"])
    make_user(tree["office"], "clerk")
    assert not can(leader, Action.ISSUE, tree["office"])
    assert can(leader, Action.APPROVE, tree["office"])
    assert units_for(leader, Action.ISSUE) == set()
