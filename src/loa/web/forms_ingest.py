"""Forms of the import pages: the upload, and the correction of one read document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings

from loa.documents.kinds import DocumentKind, kind_from_abbr, kind_from_name, symbol_abbr
from loa.ingest.batches import ALLOWED_EXTENSIONS, MAX_FILES
from loa.web.forms import VnCharField, VnDateField


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked for type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError("Chọn ít nhất một tệp văn bản.", code="required")
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                "Mỗi lần nhập tối đa %(max)d tệp (bạn chọn %(n)d tệp).",
                params={"max": MAX_FILES, "n": len(files)},
                code="too_many",
            )
        errors = []
        for f in files:
            name = Path(f.name or "").name
            if Path(name).suffix.lower() not in ALLOWED_EXTENSIONS:
                errors.append(
                    forms.ValidationError(
                        "Tệp “%(name)s”: chỉ nhận tệp TXT, MD, DOCX, DOC hoặc PDF.",
                        params={"name": name},
                        code="file_type",
                    )
                )
            elif f.size > settings.LOA_MAX_UPLOAD_BYTES:
                errors.append(
                    forms.ValidationError(
                        "Tệp “%(name)s” quá lớn (tối đa %(mb)d MB).",
                        params={"name": name, "mb": settings.LOA_MAX_UPLOAD_BYTES // 2**20},
                        code="file_size",
                    )
                )
        if errors:
            raise forms.ValidationError(errors)
        return list(files)


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Tệp văn bản",
        help_text="Chọn một hoặc nhiều tệp (tối đa 50 tệp, mỗi tệp tối đa 20 MB): TXT, MD, DOCX, DOC, PDF.",
    )
    figures = forms.BooleanField(
        label="Nhập cả số liệu của báo cáo cũ làm số liệu các năm trước",
        required=False,
        help_text=(
            "Với báo cáo công tác tuyên truyền các năm trước: Loa đọc số tin bài, lượt phát, cụm pano, "
            "hội nghị… và đưa vào số liệu “cùng kỳ năm trước” của đơn vị sau khi bạn xác nhận."
        ),
    )


def figure_choices(data: Any, prefix: str, count: int) -> tuple[list[tuple[str | None, int]], list[str]]:
    """The confirmation table of one report's figures as posted: (channel code or None, quantity)
    per row, and the Vietnamese errors (a row with neither a channel nor "bỏ qua" chosen, a bad number)."""
    choices: list[tuple[str | None, int]] = []
    errors: list[str] = []
    for j in range(count):
        code = (data.get(f"{prefix}-hs-{j}-kenh") or "").strip()
        raw = (data.get(f"{prefix}-hs-{j}-sl") or "").strip().replace(".", "")
        if not code:
            errors.append(f"Số liệu dòng {j + 1}: chọn hình thức tuyên truyền hoặc “Bỏ qua”.")
            continue
        if code == "-":
            choices.append((None, 0))
            continue
        if not raw.isdigit() or int(raw) < 1:
            errors.append(f"Số liệu dòng {j + 1}: số lượng phải là số nguyên từ 1 trở lên.")
            continue
        choices.append((code, int(raw)))
    return choices, errors


class CorrectionForm(forms.Form):
    """The main fields of one read document, as the clerk confirms or corrects them."""

    include = forms.BooleanField(label="Vào sổ văn bản này", required=False, initial=True)
    kind = forms.ChoiceField(label="Tên loại văn bản", choices=DocumentKind.choices)
    symbol = VnCharField(label="Số, ký hiệu", required=False, max_length=64)
    issued_date = VnDateField(label="Ngày ban hành", required=False)
    issuer = VnCharField(label="Cơ quan ban hành", max_length=255)
    subject = VnCharField(label="Trích yếu nội dung", widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if not data.get("include"):
            # A file left out needs no valid fields.
            self.errors.clear()
        return data


def correction_initial(record: dict[str, Any]) -> dict[str, Any]:
    """Form values from a parser record."""
    kind = (
        kind_from_name(record.get("doc_type") or "")
        or kind_from_abbr(record.get("type_abbr") or "")
        or DocumentKind.KHAC
    )
    issued = None
    if record.get("date"):
        try:
            issued = dt.date.fromisoformat(record["date"])
        except ValueError:
            issued = None
    return {
        "include": True,
        "kind": kind.value,
        "symbol": record.get("symbol") or "",
        "issued_date": issued,
        "issuer": record.get("issuer") or "",
        "subject": record.get("title") or "",
    }


def corrected_record(record: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The parser record with the clerk's corrections applied."""
    kind = DocumentKind(data["kind"])
    return {
        **record,
        "doc_type": kind.label,
        "type_abbr": symbol_abbr(kind),
        "symbol": data["symbol"] or None,
        "date": data["issued_date"].isoformat() if data["issued_date"] else None,
        "issuer": data["issuer"],
        "title": data["subject"],
    }
