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
    assert set(units_visible_to(user).values_list("id", flat=True)) == {
        tree["town"].id,
        tree["office"].id,
        tree["centre"].id,
    }


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
    assert not units_for(leader, Action.ISSUE).exists()


# --- Memberships count only between their dates ------------------------------------------------


def _dated(user, **dates):
    from loa.organizations.access import forget
    from loa.organizations.models import Membership

    Membership.objects.filter(user=user).update(**dates)
    forget(user)


def test_a_membership_that_ended_yesterday_gives_no_rights_today(tree, make_user):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    user = make_user(tree["town"], "coordinator")
    _dated(user, valid_from=dt.date(2020, 1, 1), valid_to=today - dt.timedelta(days=1))
    assert not can(user, Action.VIEW, tree["town"])
    assert not can(user, Action.VIEW, tree["office"])
    assert not can(user, Action.RECORD, tree["town"])
    assert not units_visible_to(user).exists()
    assert not units_for(user, Action.RECORD).exists()
    with pytest.raises(PermissionDenied):
        require(user, Action.RECORD, tree["town"])
    # On a day inside the membership, the rights were there.
    assert can(user, Action.RECORD, tree["town"], on=today - dt.timedelta(days=1))
    assert units_visible_to(user, on=today - dt.timedelta(days=1)).filter(pk=tree["office"].pk).exists()


def test_a_membership_starting_tomorrow_gives_no_rights_today(tree, make_user):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    user = make_user(tree["office"], "leader")
    _dated(user, valid_from=today + dt.timedelta(days=1), valid_to=None)
    assert not can(user, Action.VIEW, tree["office"])
    assert not can(user, Action.APPROVE, tree["office"])
    assert not units_visible_to(user).exists()
    assert not units_for(user, Action.ISSUE).exists()
    assert can(user, Action.APPROVE, tree["office"], on=today + dt.timedelta(days=1))


def test_a_membership_counts_on_its_first_and_last_day_and_open_ends_count_always(tree, make_user):

    from django.utils import timezone

    today = timezone.localdate()
    first_day = make_user(tree["office"], "officer")
    _dated(first_day, valid_from=today, valid_to=None)
    last_day = make_user(tree["office"], "officer")
    _dated(last_day, valid_from=None, valid_to=today)
    for user in (first_day, last_day):
        assert can(user, Action.RECORD, tree["office"])
        assert list(units_for(user, Action.RECORD)) == [tree["office"]]


def test_a_clerk_whose_membership_ended_no_longer_keeps_the_leader_from_issuing(tree, make_user):
    import datetime as dt

    from django.utils import timezone

    leader = make_user(tree["office"], "leader")
    clerk = make_user(tree["office"], "clerk")
    _dated(clerk, valid_to=timezone.localdate() - dt.timedelta(days=1), valid_from=dt.date(2020, 1, 1))
    assert can(leader, Action.ISSUE, tree["office"])
    assert list(units_for(leader, Action.ISSUE)) == [tree["office"]]


# --- Visible units are a query, resolved by the database -----------------------------------------


def test_visible_units_are_a_query_used_inside_another_query(tree, make_user, django_assert_num_queries):
    """``units_visible_to`` returns a lazy query: filtering activities by it is one statement, and no
    list of unit ids is ever fetched into Python."""
    from django.db.models import QuerySet

    from loa.activities.models import Activity

    user = make_user(tree["town"], "coordinator")
    visible = units_visible_to(user)
    assert isinstance(visible, QuerySet)
    with django_assert_num_queries(1) as ctx:
        list(Activity.objects.filter(unit_id__in=visible))
    sql = ctx.captured_queries[0]["sql"].upper()
    assert "WITH RECURSIVE" in sql


def test_units_for_follows_the_rules_of_can_for_every_action(tree, make_user):
    """The query answer (units_for) and the yes/no answer (can) agree, role by role."""
    units = [tree[k] for k in ("town", "office", "centre", "other_town", "other_office")]
    for unit, role in [("town", "coordinator"), ("town", "admin"), ("office", "leader"), ("office", "clerk")]:
        user = make_user(tree[unit], role)
        for action in Action:
            expected = {u.pk for u in units if can(user, action, u)}
            assert set(units_for(user, action).values_list("id", flat=True)) == expected, (role, action)


def test_superusers_and_system_actors_see_every_unit(tree, make_user):
    from loa.core.actors import SYSTEM_CLI

    boss = make_user(None, is_superuser=True)
    for who in (boss, SYSTEM_CLI):
        assert units_visible_to(who).count() == 5
        assert units_for(who, Action.ISSUE).count() == 5
        assert can(who, Action.MANAGE, tree["other_office"])


def test_no_actor_at_all_is_a_programming_error_not_a_refusal(tree):
    with pytest.raises(TypeError):
        require(None, Action.RECORD, tree["office"])
    with pytest.raises(TypeError):
        units_visible_to(None)
    with pytest.raises(TypeError):
        can(None, Action.VIEW, tree["office"])


def test_organizing_is_held_by_exactly_the_roles_that_coordinate(tree, make_user):
    """The menu shows "Quản lý đơn vị, tài khoản" from the coordinating query: the two must agree."""
    for unit, role in [
        ("town", "coordinator"),
        ("town", "admin"),
        ("office", "leader"),
        ("office", "officer"),
    ]:
        user = make_user(tree[unit], role)
        assert set(units_for(user, Action.ORGANIZE)) == set(units_for(user, Action.COORDINATE)), role
