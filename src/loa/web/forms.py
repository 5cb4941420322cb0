"""Web forms: labels and messages in Vietnamese; they parse input and leave the rules to services."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.db.models import Q

from loa.core import vn
from loa.documents.kinds import DocumentKind
from loa.documents.models import CitationRelation, Direction
from loa.plans.models import Channel, ContentArea, Orientation

_DMY_RE = re.compile(r"\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\s*")
_ISO_RE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*")
_MY_RE = re.compile(r"\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*")
_YM_RE = re.compile(r"\s*(\d{4})-(\d{1,2})\s*")


class _VnTextDateInput(forms.DateInput):
    """A plain text box for a date typed the Vietnamese way, whatever the browser's language.

    The native date input shows the browser's locale (mm/dd/yyyy on an English Chromium), which
    misleads users who type the day first. Subclasses give the shape they expect.
    """

    input_type = "text"
    placeholder = ""
    pattern = ""
    hint = ""
    size = ""
    shown_as = ""

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": self.placeholder,
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": self.pattern,
            "title": self.hint,
            "size": self.size,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=self.shown_as)


class VnDateInput(_VnTextDateInput):
    """A date typed as Vietnamese write it, "21/10/2022"."""

    placeholder = "dd/mm/yyyy"
    pattern = r"\d{1,2}/\d{1,2}/\d{4}"
    hint = "Ngày theo dạng dd/mm/yyyy, ví dụ 21/10/2022"
    size = "10"
    shown_as = "%d/%m/%Y"


class VnDateField(forms.DateField):
    """A date read with :func:`loa.core.vn.parse_vn_date`: "21/10/2022", "21-10-2022", "2022-10-21"."""

    widget = VnDateInput
    default_error_messages = {
        "invalid": "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 21/10/2022.",
        "impossible": "Ngày %(value)s không có thật.",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = "".join(str(value).split())
        if not (_DMY_RE.fullmatch(text) or _ISO_RE.fullmatch(text)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        parsed = vn.parse_vn_date(text)
        if parsed is None:
            raise forms.ValidationError(
                self.error_messages["impossible"], code="impossible", params={"value": text}
            )
        return parsed


class VnMonthInput(_VnTextDateInput):
    """A month typed "mm/yyyy" ("03/2022")."""

    placeholder = "mm/yyyy"
    pattern = r"\d{1,2}/\d{4}"
    hint = "Tháng theo dạng mm/yyyy, ví dụ 03/2022"
    size = "7"
    shown_as = "%m/%Y"


class VnMonthField(forms.DateField):
    """A month, "03/2022" (or "2022-03"), as the first day of that month."""

    widget = VnMonthInput
    default_error_messages = {"invalid": "Nhập tháng theo dạng mm/yyyy, ví dụ 03/2022."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = str(value)
        if match := _MY_RE.fullmatch(text):
            month, year = int(match[1]), int(match[2])
        elif match := _YM_RE.fullmatch(text):
            year, month = int(match[1]), int(match[2])
        else:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not 1 <= month <= 12 or year < 1900:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.date(year, month, 1)


EVIDENCE_TYPES = {".jpg", ".jpeg", ".png", ".webp", ".pdf", ".docx"}


class VnCharField(forms.CharField):
    """A text field that stores NFC text with collapsed spaces."""

    def to_python(self, value):
        value = super().to_python(value)
        return vn.collapse_ws(vn.nfc(value)) if value else value


def validate_upload(upload, *, allowed: set[str]) -> None:
    name = (upload.name or "").lower()
    if not any(name.endswith(ext) for ext in allowed):
        raise forms.ValidationError(
            "Chỉ nhận tệp %(types)s.", params={"types": ", ".join(sorted(allowed))}, code="file_type"
        )
    if upload.size > settings.LOA_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            "Tệp quá lớn (tối đa %(mb)d MB).",
            params={"mb": settings.LOA_MAX_UPLOAD_BYTES // 2**20},
            code="file_size",
        )


class ActivityForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int)
    date = VnDateField(label="Ngày thực hiện")
    channel = forms.ModelChoiceField(
        label="Hình thức tuyên truyền",
        queryset=Channel.objects.filter(active=True),
        empty_label="— Chọn hình thức —",
    )
    title = VnCharField(
        label="Tên hoạt động", max_length=500, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    quantity = forms.IntegerField(
        label="Số lượng",
        min_value=1,
        max_value=1_000_000,
        initial=1,
        error_messages={"min_value": "Số lượng phải từ 1 trở lên.", "max_value": "Số lượng quá lớn."},
    )
    areas = forms.ModelMultipleChoiceField(
        label="Nội dung CCHC",
        queryset=ContentArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reach = forms.IntegerField(
        label="Số người được tiếp cận",
        min_value=0,
        required=False,
        error_messages={"min_value": "Số người được tiếp cận không thể âm."},
    )
    evidence_url = forms.URLField(
        label="Đường dẫn minh chứng", required=False, max_length=500, assume_scheme="https"
    )
    evidence_file = forms.FileField(label="Tệp minh chứng (ảnh, PDF)", required=False)
    description = forms.CharField(label="Mô tả", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    orientation = forms.ModelChoiceField(
        label="Thực hiện định hướng tuyên truyền",
        queryset=Orientation.objects.none(),
        required=False,
        empty_label="— Không —",
    )
    # Shown only when the service found the same activity already recorded (see activity_duplicate).
    confirm_duplicate = forms.BooleanField(label="Vẫn lưu, đây không phải bản trùng", required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["channel"].label_from_instance = lambda c: f"{c.name} ({c.measure})"
        # Orientations the user's units received or sent: the activity may answer one of them.
        unit_ids = [u.pk for u in units]
        self.fields["orientation"].queryset = (
            Orientation.objects.filter(Q(recipients__in=unit_ids) | Q(unit_id__in=unit_ids))
            .distinct()
            .select_related("unit")
            .order_by("-month")
        )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > dt.date.today():
            raise forms.ValidationError("Ngày thực hiện không thể ở tương lai.")
        return value

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            validate_upload(upload, allowed=EVIDENCE_TYPES)
        return upload


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Tên loại văn bản", choices=DocumentKind.choices)
    symbol = VnCharField(label="Số, ký hiệu", required=False, max_length=64, help_text="Ví dụ: 4757/KH-UBND")
    issued_date = VnDateField(label="Ngày ban hành", required=False)
    issuer_unit = forms.TypedChoiceField(
        label="Cơ quan ban hành (trong Loa)", coerce=int, required=False, empty_value=None
    )
    issuer_text = VnCharField(label="hoặc cơ quan ban hành khác", required=False, max_length=255)
    subject = VnCharField(label="Trích yếu nội dung", widget=forms.Textarea(attrs={"rows": 3}))
    direction = forms.ChoiceField(label="Loại", choices=Direction.choices, initial=Direction.EXTERNAL)
    file = forms.FileField(label="Tệp văn bản (DOCX, PDF)", required=False)
    # Văn bản đến: the receiving unit's incoming register gives the số đến (Nghị định 30, Điều 22).
    received_by = forms.TypedChoiceField(label="Đơn vị nhận (sổ văn bản đến)", coerce=int, required=False)
    received_date = VnDateField(label="Ngày đến", required=False)
    received_number = forms.IntegerField(
        label="Số đến",
        required=False,
        min_value=1,
        help_text="Để trống: Loa cấp số đến tiếp theo của sổ.",
        error_messages={"min_value": "Số đến phải từ 1 trở lên."},
    )

    def __init__(self, *args, units=(), receivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer_unit"].choices = [("", "— Cơ quan ngoài Loa —")] + [(u.pk, u.name) for u in units]
        self.fields["received_by"].choices = [(u.pk, u.name) for u in receivers]
        if len(receivers) != 1:
            self.fields["received_by"].choices.insert(0, ("", "— Chọn đơn vị nhận —"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload, allowed={".docx", ".pdf", ".doc"})
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("issuer_unit") and not data.get("issuer_text"):
            self.add_error("issuer_text", "Chọn cơ quan ban hành trong Loa hoặc ghi tên cơ quan khác.")
        if data.get("direction") == Direction.INCOMING and not data.get("received_by"):
            self.add_error("received_by", "Văn bản đến cần chọn đơn vị nhận để vào sổ văn bản đến.")
        return data


class CitationForm(forms.Form):
    # Nothing preselected: one careless click must not add a wrong link.
    target = forms.TypedChoiceField(
        label="Văn bản được trích dẫn",
        coerce=int,
        error_messages={"required": "Chọn văn bản được trích dẫn."},
    )
    relation = forms.ChoiceField(
        label="Quan hệ",
        choices=[("", "— Chọn quan hệ —"), *CitationRelation.choices],
        error_messages={"required": "Chọn quan hệ trích dẫn (căn cứ, thực hiện…)."},
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "— Chọn văn bản —")] + [
            (d.pk, f"{d} — {d.subject[:80]}") for d in documents
        ]


class ReceiveForm(forms.Form):
    """Enter a document already in Loa in a unit's incoming register (số đến, ngày đến)."""

    unit = forms.TypedChoiceField(label="Đơn vị nhận", coerce=int)
    received_date = VnDateField(label="Ngày đến")
    received_number = forms.IntegerField(
        label="Số đến",
        required=False,
        min_value=1,
        help_text="Để trống: Loa cấp số đến tiếp theo của sổ.",
        error_messages={"min_value": "Số đến phải từ 1 trở lên."},
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class ReturnForm(forms.Form):
    """The leader's reason for sending a report back."""

    reason = VnCharField(
        label="Lý do trả lại",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Cần ghi lý do trả lại để cán bộ biết cần sửa gì."},
    )


class PlanForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int)
    title = VnCharField(label="Tên kế hoạch", max_length=500)
    year_from = forms.IntegerField(label="Từ năm", min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label="Đến năm", min_value=2000, max_value=2100, required=False)
    document = forms.TypedChoiceField(label="Văn bản kế hoạch", coerce=int, required=False, empty_value=None)
    parents = forms.TypedMultipleChoiceField(label="Thực hiện kế hoạch cấp trên", coerce=int, required=False)

    def __init__(self, *args, units=(), documents=(), parents=(), channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["document"].choices = [("", "— Chưa có —")] + [
            (d.pk, f"{d} — {d.subject[:70]}") for d in documents
        ]
        self.fields["parents"].choices = [(p.pk, f"{p.title} ({p.unit})") for p in parents]
        self.channels = list(channels)
        for c in self.channels:
            self.fields[f"target_{c.code}"] = forms.IntegerField(
                label=f"{c.name} ({c.measure})", min_value=0, max_value=1_000_000, required=False
            )

    def target_fields(self):
        return [self[f"target_{c.code}"] for c in self.channels]

    def targets(self) -> dict[str, int]:
        return {
            c.code: self.cleaned_data[f"target_{c.code}"]
            for c in self.channels
            if self.cleaned_data.get(f"target_{c.code}")
        }

    def clean(self):
        data = super().clean()
        if data.get("year_to") and data.get("year_from") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", "Năm kết thúc phải sau năm bắt đầu.")
        return data


class TaskForm(forms.Form):
    """A task added on the plan page."""

    title = VnCharField(label="Nhiệm vụ", max_length=500)
    owner_unit = forms.TypedChoiceField(label="Đơn vị chủ trì", coerce=int)
    deadline = VnDateField(label="Thời hạn", required=False)
    output = VnCharField(label="Sản phẩm", max_length=300, required=False)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].choices = [(u.pk, u.name) for u in units]


class OrientationForm(forms.Form):
    """The month's orientation: month, topics, and the units it goes to (checkboxes)."""

    month = VnMonthField(label="Tháng", help_text="Ví dụ: 03/2022 (tháng 3 năm 2022)")
    topics = forms.CharField(
        label="Nội dung định hướng",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi chủ đề một dòng.",
    )
    recipients = forms.TypedMultipleChoiceField(
        label="Nơi nhận", coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].choices = [(u.pk, u.name) for u in units]
        self.fields["recipients"].error_messages["required"] = "Cần chọn ít nhất một đơn vị nhận."


class TransferForm(forms.Form):
    """Hand a channel (or one task) of the unit to another unit of the same government from a date."""

    channel = forms.TypedChoiceField(
        label="Hình thức tuyên truyền", coerce=int, required=False, empty_value=None
    )
    task = forms.TypedChoiceField(label="hoặc nhiệm vụ", coerce=int, required=False, empty_value=None)
    to_unit = forms.TypedChoiceField(label="Đơn vị tiếp nhận", coerce=int)
    valid_from = VnDateField(label="Từ ngày", help_text="Ví dụ: 01/07/2022")
    subject = forms.CharField(
        label="Công việc chuyển giao (như sẽ ghi trong báo cáo)",
        max_length=300,
        required=False,
        help_text="Ví dụ: Công tác cổ động trực quan, tuyên truyền trên các pano của thị xã. "
        "Để trống: Loa ghi theo tên hình thức hoặc nhiệm vụ.",
    )

    def __init__(self, *args, channels=(), tasks=(), receivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "— Chọn hình thức —"), *((c.pk, c.name) for c in channels)]
        self.fields["task"].choices = [("", "— Không —"), *((t.pk, t.title) for t in tasks)]
        self.fields["to_unit"].choices = [("", "— Chọn đơn vị —"), *((u.pk, u.name) for u in receivers)]
        self.fields["to_unit"].error_messages["required"] = "Cần chọn đơn vị tiếp nhận."
        self.fields["valid_from"].error_messages["required"] = "Cần nhập ngày chuyển giao."

    def clean(self):
        data = super().clean()
        if (data.get("channel") is None) == (data.get("task") is None):
            raise forms.ValidationError("Chọn một hình thức tuyên truyền hoặc một nhiệm vụ để chuyển giao.")
        return data
