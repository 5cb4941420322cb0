"""Forms of the onboarding screens (units, accounts, roles, bulk import). They parse and show;
the rules live in ``loa.organizations`` services."""

from __future__ import annotations

from django import forms

from loa.organizations.models import Role, UnitKind
from loa.web.forms import VnCharField, VnDateField, validate_upload

ROLE_CHOICES = [("", "— Chọn vai trò —"), *Role.choices]


class UnitCreateForm(forms.Form):
    name = VnCharField(label="Tên đơn vị", max_length=255)
    code = forms.CharField(
        label="Mã đơn vị (trong địa chỉ trang, câu lệnh)",
        max_length=64,
        required=False,
        help_text="Chữ thường không dấu, số, dấu gạch ngang; để trống để Loa tạo từ tên.",
    )
    abbr = VnCharField(
        label="Chữ viết tắt trong ký hiệu văn bản", max_length=32, help_text="Ví dụ UBND, VHTT"
    )
    kind = forms.ChoiceField(label="Loại đơn vị", choices=[("", "— Chọn loại —"), *UnitKind.choices])
    place_name = VnCharField(label="Địa danh (dòng ngày tháng)", max_length=100, required=False)
    valid_from = VnDateField(label="Hoạt động từ ngày")


class UnitMoveForm(forms.Form):
    parent = forms.CharField(
        label="Mã đơn vị cấp trên mới",
        max_length=64,
        widget=forms.TextInput(attrs={"list": "don-vi-cap-tren", "autocomplete": "off"}),
        help_text="Gõ mã hoặc chọn trong danh sách gợi ý, ví dụ ubnd-hue.",
    )
    on = VnDateField(label="Từ ngày")


class UnitCloseForm(forms.Form):
    on = VnDateField(label="Ngày cuối cùng hoạt động")


class AccountCreateForm(forms.Form):
    full_name = VnCharField(label="Họ và tên", max_length=300)
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        error_messages={"invalid": "Thư điện tử không hợp lệ."},
        help_text="Loa gửi thư mời đặt mật khẩu về địa chỉ này.",
    )
    role = forms.ChoiceField(label="Vai trò", choices=ROLE_CHOICES)
    valid_from = VnDateField(label="Từ ngày")


class GrantForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập của tài khoản có sẵn", max_length=150)
    role = forms.ChoiceField(label="Vai trò", choices=ROLE_CHOICES)
    valid_from = VnDateField(label="Từ ngày")
    valid_to = VnDateField(label="Đến ngày", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "Ngày kết thúc phải sau ngày bắt đầu.")
        return data


class MembershipDateForm(forms.Form):
    """Revoke or change the role of one membership from a date."""

    membership = forms.IntegerField(widget=forms.HiddenInput)
    on = VnDateField(label="Từ ngày")
    role = forms.ChoiceField(label="Vai trò mới", choices=ROLE_CHOICES, required=False)


class AccountsImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp danh sách tài khoản (.xlsx hoặc .csv)",
        error_messages={"required": "Chọn tệp .xlsx hoặc .csv."},
    )
    invite = forms.BooleanField(label="Gửi thư mời cho các tài khoản mới", required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed={".xlsx", ".csv"})
        return upload
