"""The shapes the API reads and writes (field names in English, as in the code; labels Vietnamese)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import model_validator


def _unreadable(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, list):
        return any(_unreadable(v) for v in value)
    return False


class InSchema(Schema):
    """A request body: text with a NUL byte or a lone surrogate (which no database stores) is
    refused as invalid input, before any service sees it."""

    @model_validator(mode="after")
    def _readable_text(self) -> Any:
        for name, value in self:
            if _unreadable(value):
                raise ValueError(f"Trường {name} chứa ký tự không hợp lệ.")
        return self


class UnitOut(Schema):
    code: str
    name: str
    abbr: str
    kind: str
    kind_label: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    parent: str | None = Field(None, description="Mã đơn vị cấp trên vào ngày hỏi (`ngay`).")


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    on: dt.date = Field(description="Ngày của cây đơn vị (cấp trên, phân công).")
    items: list[UnitOut]


class DocumentOut(Schema):
    id: int
    kind: str
    symbol: str
    issued_date: dt.date | None
    issuer: str = Field(description="Cơ quan ban hành (tên đơn vị hoặc tên ngoài hệ thống).")
    issuer_unit: str | None = Field(None, description="Mã đơn vị ban hành, nếu trong hệ thống.")
    subject: str
    direction: str


class DocumentPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[DocumentOut]


class CitationOut(Schema):
    relation: str
    relation_label: str
    document: DocumentOut


class DocumentDetailOut(DocumentOut):
    signer_name: str
    cites: list[CitationOut] = Field(description="Văn bản này trích dẫn (căn cứ).")
    cited_by: list[CitationOut] = Field(description="Văn bản trích dẫn văn bản này.")


class PlanOut(Schema):
    id: int
    unit: str
    unit_name: str
    title: str
    year_from: int
    year_to: int
    document: str | None = Field(None, description="Số, ký hiệu văn bản kế hoạch.")


class PlanPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[PlanOut]


class TargetOut(Schema):
    channel: str
    channel_name: str
    measure: str
    area: str | None
    quantity: int
    note: str


class TaskOut(Schema):
    id: int
    title: str
    owner_unit: str
    deadline: dt.date | None
    output: str
    status: str


class PlanDetailOut(PlanOut):
    targets: list[TargetOut]
    tasks: list[TaskOut]


class ActivityOut(Schema):
    id: int
    unit: str
    unit_name: str
    date: dt.date
    channel: str
    channel_name: str
    areas: list[str]
    title: str
    description: str
    quantity: int
    reach: int | None
    evidence_url: str
    source: str


class ActivityPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ActivityOut]


class ActivityIn(InSchema):
    """A new activity (as on the "Ghi nhận hoạt động" form)."""

    unit: str = Field(description="Mã đơn vị, ví dụ huongtra-vhtt.", max_length=64)
    date: dt.date
    channel: str = Field(description="Mã hình thức trong danh mục.", max_length=64)
    title: str = Field(max_length=500)
    quantity: int = Field(1, ge=1, le=1_000_000)
    areas: list[str] = Field(default_factory=list, description="Mã nội dung CCHC.", max_length=20)
    description: str = Field("", max_length=5000)
    reach: int | None = Field(None, ge=0, le=1_000_000_000)
    evidence_url: str = Field("", max_length=500)
    allow_duplicate: bool = Field(False, description="Xác nhận không phải bản trùng.")


class ActivityPatch(InSchema):
    """The fields to change; those left out stay as they are."""

    date: dt.date | None = None
    channel: str | None = Field(None, max_length=64)
    title: str | None = Field(None, max_length=500)
    quantity: int | None = Field(None, ge=1, le=1_000_000)
    areas: list[str] | None = Field(None, max_length=20)
    description: str | None = Field(None, max_length=5000)
    reach: int | None = Field(None, ge=0, le=1_000_000_000)
    evidence_url: str | None = Field(None, max_length=500)
    allow_duplicate: bool = False


class StatsWindow(Schema):
    mode: str | None = None
    from_: dt.date = Field(alias="from")
    to: dt.date


class StatsPrevious(Schema):
    period: str
    window: dict[str, Any]
    rows: list[dict[str, Any]]


class StatsOut(Schema):
    """The figures of ``loa stats --json`` and of the dashboard."""

    unit: str
    period: str
    window: dict[str, Any]
    subtree: bool
    by: str | None = None
    rows: list[dict[str, Any]]
    previous_year: StatsPrevious


class PeriodOut(Schema):
    code: str
    label: str
    kind: str
    default_window: str
    start: dt.date = Field(description="Ngày đầu theo cách chốt mặc định của kỳ.")
    end: dt.date
    calendar_start: dt.date
    calendar_end: dt.date


class SubmissionOut(Schema):
    unit: str
    unit_name: str
    state: str
    state_label: str
    submitted_on: dt.date | None
    report_document: str | None = Field(None, description="Số, ký hiệu báo cáo đã gửi.")
    return_reason: str
    figures: dict[str, Any]


class RequestOut(Schema):
    id: int
    coordinator_unit: str
    coordinator_unit_name: str
    period: str
    title: str
    deadline: dt.date
    status: str


class RequestPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[RequestOut]


class RequestDetailOut(RequestOut):
    outline: str
    submissions: list[SubmissionOut]


class ReturnIn(InSchema):
    reason: str = Field(max_length=2000, description="Lý do trả lại.")


class SubmitIn(InSchema):
    date: dt.date | None = Field(None, description="Ngày gửi (mặc định hôm nay).")
