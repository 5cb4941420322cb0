"""``loa tokens create|list|revoke``: a code for a script, shown once; its record listed; revoked."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.organizations.tokens import token_user


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("tokens", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_code_once_as_json_then_list_and_revoke(make_user):
    user = make_user(None, username="canbo.api")
    created = json.loads(_run("create", "canbo.api", "--name", "Cổng tỉnh", "--json"))
    assert token_user(created["token"]) == user
    listed = json.loads(_run("list", "canbo.api", "--json"))
    assert [(r["id"], r["name"], r["revoked_at"]) for r in listed] == [(created["id"], "Cổng tỉnh", None)]
    assert created["token"] not in json.dumps(listed)
    assert "Đã thu hồi" in _run("revoke", str(created["id"]))
    assert token_user(created["token"]) is None
    assert json.loads(_run("list", "canbo.api", "--json"))[0]["revoked_at"]


def test_plain_output_warns_that_the_code_is_not_shown_again(make_user):
    make_user(None, username="canbo.api")
    text = _run("create", "canbo.api")
    assert "loa_" in text and "không hiển thị lại" in text


def test_unknown_users_and_other_people_s_codes_are_refused_in_vietnamese(make_user):
    make_user(None, username="a.api")
    make_user(None, username="b.api")
    with pytest.raises(CommandError, match="Không có người dùng"):
        _run("create", "khong-co")
    with pytest.raises(CommandError, match="Chỉ người dùng"):
        _run("create", "a.api", "--as", "b.api")
    created = json.loads(_run("create", "a.api", "--json"))
    with pytest.raises(CommandError, match="Không tìm thấy mã truy cập"):
        _run("revoke", str(created["id"]), "--as", "b.api")
