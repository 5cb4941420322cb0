"""Login throttling (issue #11, hole 4): after repeated wrong passwords for one account, even the
right password is refused for a while, with a Vietnamese message; the count is kept in the
database, so every web process (and a new browser session) sees the same lockout."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

URL = "/dang-nhap/"
PASSWORD = "matkhau-dung-123"


@pytest.fixture
def officer(make_user):
    return make_user(None, username="canbo.thu", password=PASSWORD)


def _try(client, username, password):
    return client.post(URL, {"username": username, "password": password})


def test_fifty_wrong_passwords_then_the_right_one_is_refused_with_a_vietnamese_message(client, officer):
    for _ in range(50):
        response = _try(client, "canbo.thu", "sai-mat-khau")
        assert response.status_code in (200, 429)
    response = _try(client, "canbo.thu", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in text and "phút" in text
    assert "_auth_user_id" not in client.session
    # Another browser (another web process reading the same database) is refused too.
    other = Client()
    assert _try(other, "canbo.thu", PASSWORD).status_code == 429
    assert "_auth_user_id" not in other.session


def test_the_lockout_starts_at_the_limit_and_spares_other_accounts(client, officer, make_user):
    make_user(None, username="vanthu.thu", password=PASSWORD)
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        _try(client, "canbo.thu", "sai")
    assert _try(client, "canbo.thu", PASSWORD).status_code == 302  # one short of the limit: still in
    client.logout()
    for _ in range(limit):
        _try(client, "canbo.thu", "sai")
    assert _try(client, "canbo.thu", PASSWORD).status_code == 429
    assert _try(Client(), "vanthu.thu", PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, officer):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "canbo.thu", "sai")
    assert _try(client, "canbo.thu", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME * 2)
    assert _try(client, "canbo.thu", PASSWORD).status_code == 302
