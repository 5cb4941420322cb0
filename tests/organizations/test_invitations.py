"""Invitations: a real SMTP server receives the e-mail; its link sets the password once, then expires."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from loa.core.errors import ValidationError
from loa.core.models import AuditEvent
from loa.organizations.accounts import account_create, account_deactivate
from loa.organizations.invitations import invitation_send
from loa.organizations.models import UnitKind


@pytest.fixture
def commune(make_unit):
    town = make_unit("UBND thị xã Hương Trà", kind=UnitKind.DISTRICT, code="huongtra")
    return make_unit("UBND xã Phong Thái", parent=town, kind=UnitKind.COMMUNE, code="xa-phong-thai")


def _link(message) -> str:
    body = message.get_content()
    found = re.search(r"https://loa\.huongtra\.gov\.vn(/dat-mat-khau/\S+/)", body)
    assert found, body
    return found.group(1)


def test_a_new_account_receives_an_invitation_after_the_commit(
    commune, make_user, smtp_server, django_capture_on_commit_callbacks, client
):
    admin = make_user(commune, "admin", first_name="Nguyễn", last_name="Quản Trị")
    with django_capture_on_commit_callbacks(execute=True):
        account_create(
            actor=admin,
            username="hoa.le",
            full_name="Lê Thị Hoa",
            email="hoa.le@phongthai.gov.vn",
            unit=commune,
            role="officer",
            valid_from=dt.date(2025, 7, 1),
        )
    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert message["To"] == "hoa.le@phongthai.gov.vn"
    assert message["Subject"] == "Mời sử dụng Loa: đặt mật khẩu cho tài khoản của anh/chị"
    body = message.get_content()
    assert "Kính gửi Lê Thị Hoa" in body and "Tên đăng nhập: hoa.le" in body
    assert "Cán bộ đầu mối, UBND xã Phong Thái (từ ngày 01/07/2025)" in body
    assert "có hiệu lực trong 7 ngày" in body

    # The link opens the Vietnamese set-password page; the password set, the person signs in.
    page = client.get(_link(message), follow=True)
    assert "Đặt mật khẩu" in page.text and "hoa.le" in page.text
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Phong-Thai@2025", "new_password2": "Phong-Thai@2025"},
        follow=True,
    )
    assert "Đã đặt mật khẩu" in done.text
    assert client.login(username="hoa.le", password="Phong-Thai@2025")
    # The link works once.
    client.logout()
    again = client.get(_link(message), follow=True)
    assert "không còn hiệu lực" in again.text


def test_a_weak_password_is_refused_in_vietnamese(
    commune, make_user, smtp_server, django_capture_on_commit_callbacks, client
):
    admin = make_user(commune, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        account_create(
            actor=admin, username="an", full_name="Trần An", email="an@x.vn", unit=commune, role="officer"
        )
    page = client.get(_link(smtp_server.messages[0]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 200
    assert "Mật khẩu" in response.text and "quá phổ biến" in response.text


def test_an_expired_link_is_refused(commune, make_user, client, settings):
    user = make_user(commune, "officer")

    class EightDaysAgo(PasswordResetTokenGenerator):
        def _now(self):
            return dt.datetime.now() - dt.timedelta(days=8)

    token = EightDaysAgo().make_token(user)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/dat-mat-khau/{uid}/{token}/", follow=True)
    assert "không còn hiệu lực" in response.text
    assert settings.PASSWORD_RESET_TIMEOUT == 7 * 86400


def test_resending_is_audited_and_refused_without_email_or_for_a_locked_account(
    commune, make_user, smtp_server, django_capture_on_commit_callbacks
):
    admin = make_user(commune, "admin")
    person = make_user(commune, "officer", email="canbo@x.vn")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(actor=admin, user=person)
    assert [m["To"] for m in smtp_server.messages] == ["canbo@x.vn"]
    assert AuditEvent.objects.filter(verb="account.invite", target_id=str(person.pk), actor=admin).exists()
    with pytest.raises(ValidationError, match="chưa có thư điện tử"):
        invitation_send(actor=admin, user=make_user(commune, "officer"))
    account_deactivate(actor=admin, user=person)
    with pytest.raises(ValidationError, match="đã bị khoá"):
        invitation_send(actor=admin, user=person)


def test_a_refused_write_mails_nobody(commune, make_user, smtp_server, django_capture_on_commit_callbacks):
    admin = make_user(commune, "admin")
    make_user(commune, username="trung")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        account_create(
            actor=admin, username="trung", full_name="A B", email="a@x.vn", unit=commune, role="officer"
        )
    assert smtp_server.messages == []
