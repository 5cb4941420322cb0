"""Personal API access codes: only a hash is kept, one's own codes only, revoking is immediate, audited."""

from __future__ import annotations

import pytest

from loa.core.actors import SYSTEM_CLI
from loa.core.errors import NotFound, PermissionDenied, ValidationError
from loa.core.models import AuditEvent
from loa.organizations.models import ApiToken
from loa.organizations.tokens import token_create, token_get, token_hash, token_list, token_revoke, token_user


def test_only_a_hash_of_the_code_is_stored(make_user):
    user = make_user(None)
    token, raw = token_create(actor=user, user=user, name="  Cổng   thông tin ")
    assert raw.startswith("loa_") and len(raw) >= 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == token_hash(raw) and raw not in (stored.token_hash, stored.prefix)
    assert stored.prefix == raw[:12]
    assert stored.name == "Cổng thông tin"
    assert token_user(raw) == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_a_person_manages_only_their_own_codes_and_an_administrator_anyone_s(make_user):
    alice, bob = make_user(None), make_user(None)
    admin = make_user(None, is_superuser=True)
    with pytest.raises(PermissionDenied):
        token_create(actor=bob, user=alice)
    token, _ = token_create(actor=alice, user=alice)
    with pytest.raises(NotFound):
        token_get(actor=bob, pk=token.pk)
    with pytest.raises(PermissionDenied):
        token_revoke(actor=bob, token=token)
    with pytest.raises(PermissionDenied):
        token_list(actor=bob, user=alice)
    assert token_get(actor=admin, pk=token.pk) == token
    token_create(actor=SYSTEM_CLI, user=alice)
    assert token_list(actor=alice, user=alice).count() == 2


def test_revoking_stops_the_code_and_both_writes_are_audited(make_user):
    user = make_user(None)
    token, raw = token_create(actor=user, user=user, name="Tập lệnh")
    token_revoke(actor=user, token=token)
    token_revoke(actor=user, token=token)  # a second time changes nothing
    assert token_user(raw) is None
    events = AuditEvent.objects.filter(target_type="organizations.apitoken").order_by("id")
    verbs = list(events.values_list("verb", "actor_name"))
    assert verbs == [("token.create", user.username), ("token.revoke", user.username)]


@pytest.mark.parametrize("raw", ["", "loa_", "khong-phai-ma", "loa_" + "x" * 200])
def test_unknown_codes_find_nobody(raw, db):
    assert token_user(raw) is None


def test_no_code_for_a_locked_account_and_names_are_bounded(make_user):
    locked = make_user(None, is_active=False)
    with pytest.raises(ValidationError):
        token_create(actor=SYSTEM_CLI, user=locked)
    user = make_user(None)
    with pytest.raises(ValidationError):
        token_create(actor=user, user=user, name="x" * 101)
    assert token_create(actor=user, user=user, name="")[0].name == "Mã truy cập API"
