"""The "Mã truy cập API" page: reachable from the user menu; a new code is shown once; revoke one's own."""

from __future__ import annotations

import re

from django.urls import reverse

from loa.organizations.models import ApiToken
from loa.organizations.tokens import token_create, token_user


def test_the_user_menu_links_to_the_page_and_a_new_code_is_shown_once(client, make_user):
    user = make_user(None)
    client.force_login(user)
    home = client.get(reverse("web:notice_inbox")).content.decode()
    assert reverse("web:api_token_index") in home and "Mã truy cập API" in home
    page = client.post(reverse("web:api_token_index"), {"name": "Cổng thông tin"}).content.decode()
    raw = re.search(r'id="ma-moi">(loa_[^<]+)<', page).group(1)
    assert token_user(raw) == user
    assert "chỉ hiển thị một lần" in page
    again = client.get(reverse("web:api_token_index")).content.decode()
    assert raw not in again and "Cổng thông tin" in again and raw[:12] in again


def test_a_name_too_long_is_refused_beside_the_field(client, make_user):
    user = make_user(None)
    client.force_login(user)
    response = client.post(reverse("web:api_token_index"), {"name": "x" * 150})
    assert response.status_code == 422
    assert "tối đa 100 ký tự" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_one_s_own_code_only(client, make_user):
    alice, bob = make_user(None), make_user(None)
    token, raw = token_create(actor=alice, user=alice, name="Tập lệnh")
    client.force_login(bob)
    assert client.post(reverse("web:api_token_revoke", args=[token.pk])).status_code == 404
    assert token_user(raw) == alice
    client.force_login(alice)
    response = client.post(reverse("web:api_token_revoke", args=[token.pk]), follow=True)
    assert "Đã thu hồi" in response.content.decode()
    assert token_user(raw) is None
