"""The Vietnamese words of the API's schema: what every parameter, field, shape and answer means.

The OpenAPI document is read by programs, but the people who write those programs at a province
read it through Loa's docs page (:mod:`loa.api.docs`). The shapes in :mod:`loa.api.schemas` keep
short English names (as in the code); this module gives each its Vietnamese explanation once, and
:func:`describe_schema` writes them into the document wherever the code gave none. A field or
parameter with no words here is a failure of ``tests/api/test_docs.py``, so a new one cannot slip
into the API unexplained.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# A field's meaning by name, for every shape that has it. "Shape.field" overrides the plain name
# where one word means different things in different shapes.
FIELD_HELP: dict[str, str] = {
    "abbr": "Tên viết tắt của đơn vị (dùng trong ký hiệu văn bản).",
    "activities_moved": "Số hoạt động đã chuyển sang đơn vị nhận.",
    "allow_duplicate": "Xác nhận không phải bản trùng với một hoạt động đã ghi nhận.",
    "area": "Mã nội dung CCHC của chỉ tiêu (trống khi chỉ tiêu chung).",
    "areas": "Mã các nội dung CCHC của hoạt động.",
    "by": "Cách chia số liệu: channel, area, unit hoặc month.",
    "calendar_end": "Ngày cuối của kỳ theo lịch.",
    "calendar_start": "Ngày đầu của kỳ theo lịch.",
    "channel": "Mã hình thức tuyên truyền trong danh mục.",
    "channel_name": "Tên hình thức tuyên truyền.",
    "code": "Mã đơn vị.",
    "context": "Thông tin kèm theo lỗi (trường sai, giá trị được phép…).",
    "coordinator_unit": "Mã đơn vị đầu mối yêu cầu báo cáo.",
    "coordinator_unit_name": "Tên đơn vị đầu mối.",
    "count": "Tổng số dòng tìm được (mọi trang).",
    "criteria": "Điểm đề xuất của từng tiêu chí.",
    "date": "Ngày thực hiện (yyyy-mm-dd).",
    "deadline": "Hạn (yyyy-mm-dd).",
    "default_window": "Cách chốt số liệu mặc định của kỳ (nd09: 15 → 14; calendar: theo lịch).",
    "description": "Mô tả thêm.",
    "document": "Văn bản được trích dẫn.",
    "end": "Ngày cuối theo cách chốt mặc định của kỳ.",
    "evidence_url": "Đường dẫn minh chứng (http hoặc https).",
    "explanation": "Giải thích cách Loa đề xuất điểm.",
    "figures": "Số liệu đã chốt khi gửi báo cáo.",
    "from_unit": "Mã đơn vị chuyển giao.",
    "from_unit_name": "Tên đơn vị chuyển giao.",
    "id": "Số định danh trong Loa.",
    "issued_date": "Ngày ban hành (yyyy-mm-dd).",
    "items": "Các dòng của trang này.",
    "kind": "Loại đơn vị.",
    "kind_label": "Tên loại đơn vị.",
    "label": "Tên kỳ, ví dụ “6 tháng đầu năm 2025”.",
    "max": "Điểm tối đa.",
    "measure": "Đơn vị tính (tin, bài, lượt, cụm…).",
    "message": "Lời báo lỗi cho người đọc (tiếng Việt).",
    "name": "Tên đơn vị.",
    "note": "Ghi chú.",
    "outline": "Đề cương báo cáo đơn vị cần theo.",
    "output": "Sản phẩm đầu ra của nhiệm vụ.",
    "owner_unit": "Mã đơn vị chủ trì.",
    "page": "Số trang (từ 1).",
    "page_size": "Số dòng một trang.",
    "period": "Mã kỳ báo cáo, ví dụ 2025, 2025-Q1, 2025-H1, 2025-9M, 2025-03.",
    "previous_year": "Số liệu cùng kỳ năm trước.",
    "proposed": "Điểm Loa đề xuất từ minh chứng.",
    "quantity": "Số lượng (theo đơn vị tính của hình thức).",
    "reach": "Số người được tiếp cận (nếu biết).",
    "relation_label": "Tên quan hệ trích dẫn.",
    "return_reason": "Lý do đầu mối trả lại báo cáo.",
    "rows": "Các dòng số liệu.",
    "signer_name": "Người ký.",
    "start": "Ngày đầu theo cách chốt mặc định của kỳ.",
    "state": "Trạng thái báo cáo của đơn vị.",
    "state_label": "Tên trạng thái báo cáo.",
    "status": "Trạng thái.",
    "subject": "Trích yếu nội dung.",
    "submissions": "Báo cáo của từng đơn vị được yêu cầu.",
    "submitted_on": "Ngày gửi báo cáo.",
    "subtree": "Có cộng cả các đơn vị trực thuộc không.",
    "symbol": "Số, ký hiệu văn bản.",
    "target_moved": "Phần chỉ tiêu đã chuyển sang đơn vị nhận.",
    "targets": "Các chỉ tiêu của kế hoạch.",
    "tasks": "Các nhiệm vụ của kế hoạch.",
    "title": "Tiêu đề.",
    "to_unit": "Mã đơn vị nhận.",
    "to_unit_name": "Tên đơn vị nhận.",
    "total": "Tổng điểm đề xuất.",
    "unit": "Mã đơn vị.",
    "unit_name": "Tên đơn vị.",
    "valid_from": "Có hiệu lực từ ngày.",
    "valid_to": "Hết hiệu lực từ ngày (trống khi còn hoạt động).",
    "window": "Khoảng ngày được tính (from, to, cách chốt).",
    "year": "Năm.",
    "year_from": "Năm bắt đầu.",
    "year_to": "Năm kết thúc.",
    "CitationOut.document": "Văn bản ở đầu kia của trích dẫn.",
    "CriterionScoreOut.code": "Mã tiêu chí.",
    "CriterionScoreOut.name": "Tên tiêu chí.",
    "DocumentOut.id": "Số định danh văn bản trong Loa.",
    "DocumentOut.kind": "Loại văn bản (mã theo Nghị định 30/2020, ví dụ BC, KH, CV).",
    "DocumentDetailOut.kind": "Loại văn bản (mã theo Nghị định 30/2020, ví dụ BC, KH, CV).",
    "ErrorOut.code": "Mã lỗi ổn định, cho chương trình (xem danh sách trong từng địa chỉ).",
    "PeriodOut.code": "Mã kỳ, ví dụ 2025-Q1.",
    "ScoreOut.max": "Tổng điểm tối đa của bộ tiêu chí.",
    "TaskOut.title": "Tên nhiệm vụ.",
    "TaskOut.deadline": "Thời hạn hoàn thành (yyyy-mm-dd).",
    "TransferOut.subject": "Việc được chuyển giao (tên hình thức hoặc nhiệm vụ).",
    "TransferOut.valid_from": "Ngày chuyển giao có hiệu lực.",
}


def _values(intro: str, choices: Any) -> str:
    """``intro`` and the values a field takes with their Vietnamese names, from the model's choices."""
    return intro + ": " + "; ".join(f"{value} ({label.lower()})" for value, label in choices) + "."


@cache
def _all_field_help() -> dict[str, str]:
    """The plain words and those listing a model's choices, merged once (the models load once)."""
    return {**FIELD_HELP, **_choice_help()}


def _choice_help() -> dict[str, str]:
    # Imported here: the models need the app registry, and this module is read when the API loads.
    from loa.activities.models import Source
    from loa.documents.models import CitationRelation, Direction
    from loa.plans.models import TaskStatus
    from loa.reporting.models import RequestStatus

    return {
        "direction": _values("Chiều văn bản", Direction.choices),
        "relation": _values("Quan hệ trích dẫn", CitationRelation.choices),
        "source": _values("Nguồn ghi nhận", Source.choices),
        "RequestOut.status": _values("Trạng thái yêu cầu", RequestStatus.choices),
        "RequestDetailOut.status": _values("Trạng thái yêu cầu", RequestStatus.choices),
        "TaskOut.status": _values("Trạng thái nhiệm vụ", TaskStatus.choices),
        "PeriodOut.kind": "Loại kỳ: year (năm), half (6 tháng), nine_months (9 tháng), quarter (quý), "
        "month (tháng), range (giai đoạn).",
    }


# What each query or path parameter means, by name; "/path.name" overrides for one address.
PARAMETER_HELP: dict[str, str] = {
    "bo": "Mã bộ tiêu chí (mặc định: bộ của loại đơn vị).",
    "cach_chot": "Cách chốt số liệu: nd09 (ngày 15 kỳ trước đến ngày 14) hoặc calendar (theo lịch).",
    "cap_duoi": "true để cộng cả các đơn vị trực thuộc.",
    "code": "Mã đơn vị, ví dụ huongtra-vhtt.",
    "don_vi": "Mã đơn vị, ví dụ huongtra-vhtt.",
    "hinh_thuc": "Mã hình thức tuyên truyền.",
    "ky": "Mã kỳ: 2025 (năm), 2025-Q3 (quý), 2025-H1 (6 tháng), 2025-9M (9 tháng), 2025-07 (tháng).",
    "loai": "Mã loại văn bản, ví dụ KH, BC, CV.",
    "nam": "Năm, ví dụ 2025.",
    "ngay": "Ngày xem cây đơn vị (yyyy-mm-dd; mặc định hôm nay).",
    "noi_dung": "Mã nội dung CCHC.",
    "pk": "Số định danh trong Loa.",
    "q": "Tìm theo chữ (không phân biệt hoa thường, có dấu hay không).",
    "so_dong": "Số dòng một trang (1–200).",
    "theo": "Chia theo: channel (hình thức), area (nội dung CCHC), unit (đơn vị trực thuộc), month (tháng).",
    "trang": "Trang (từ 1).",
    "/api/v1/periods/{code}.code": "Mã kỳ, ví dụ 2025-Q1.",
}

# What each shape is, in place of the code's English docstring.
SCHEMA_HELP: dict[str, str] = {
    "ActivityIn": "Một hoạt động mới (như trên trang “Ghi nhận hoạt động”).",
    "ActivityOut": "Một hoạt động đã ghi nhận.",
    "ActivityPage": "Một trang danh sách hoạt động.",
    "ActivityPatch": "Các trường cần sửa; trường không gửi giữ nguyên.",
    "CitationOut": "Một trích dẫn giữa hai văn bản.",
    "CriterionScoreOut": "Điểm đề xuất của một tiêu chí.",
    "DocumentDetailOut": "Một văn bản với các trích dẫn đi và đến.",
    "DocumentOut": "Một văn bản.",
    "DocumentPage": "Một trang danh sách văn bản.",
    "ErrorOut": "Một lỗi: code (ổn định, cho chương trình) và message (tiếng Việt, cho người đọc).",
    "PageIn": "Chia danh sách thành từng trang.",
    "PeriodOut": "Một kỳ báo cáo.",
    "PlanDetailOut": "Một kế hoạch với chỉ tiêu và nhiệm vụ.",
    "PlanOut": "Một kế hoạch.",
    "PlanPage": "Một trang danh sách kế hoạch.",
    "RequestDetailOut": "Một yêu cầu báo cáo với báo cáo của các đơn vị.",
    "RequestOut": "Một yêu cầu báo cáo.",
    "RequestPage": "Một trang danh sách yêu cầu báo cáo.",
    "ReturnIn": "Trả lại báo cáo.",
    "ScoreOut": "Điểm chỉ số CCHC đề xuất của một đơn vị.",
    "StatsOut": "Số liệu như bảng điều khiển và `loa stats --json`.",
    "StatsPrevious": "Số liệu cùng kỳ năm trước.",
    "SubmissionOut": "Báo cáo của một đơn vị cho một yêu cầu.",
    "SubmitIn": "Gửi báo cáo.",
    "TargetOut": "Một chỉ tiêu của kế hoạch.",
    "TaskOut": "Một nhiệm vụ của kế hoạch.",
    "TransferOut": "Một lần chuyển giao hình thức hoặc nhiệm vụ giữa hai đơn vị.",
    "UnitOut": "Một đơn vị.",
    "UnitPage": "Một trang danh sách đơn vị.",
}

# The answers, by HTTP status.
STATUS_HELP: dict[str, str] = {
    "200": "Thành công.",
    "201": "Đã tạo.",
    "204": "Đã xoá; không có nội dung trả về.",
    "400": "Yêu cầu sai dạng.",
    "401": "Thiếu mã truy cập, mã sai hoặc đã bị thu hồi.",
    "403": "Không có quyền làm việc này.",
    "404": "Không tìm thấy, hoặc không có quyền xem.",
    "405": "Địa chỉ không nhận phương thức này.",
    "409": "Xung đột với trạng thái hiện tại (ví dụ bản trùng, kỳ đã chốt).",
    "422": "Dữ liệu gửi lên không hợp lệ.",
    "429": "Gửi quá nhiều yêu cầu; thử lại sau.",
}


def field_help(schema_name: str, field: str) -> str | None:
    """The words for ``field`` of the shape ``schema_name``; ``None`` when there are none."""
    words = _all_field_help()
    return words.get(f"{schema_name}.{field}") or words.get(field)


def parameter_help(path: str, name: str) -> str | None:
    return PARAMETER_HELP.get(f"{path}.{name}") or PARAMETER_HELP.get(name)


def describe_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Write the Vietnamese words into an OpenAPI document (in place; returned for chaining).

    Words the code gave (``Field(description=…)``) stay; the shapes' English docstrings and the
    answers' English reasons ("OK", "Not Found") are replaced.
    """
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    words = parameter_help(path, parameter["name"])
                    if words:
                        parameter["description"] = words
            for status, answer in operation.get("responses", {}).items():
                if str(status) in STATUS_HELP:  # ninja keys the answers by int
                    answer["description"] = STATUS_HELP[str(status)]
    for name, shape in schema.get("components", {}).get("schemas", {}).items():
        if name in SCHEMA_HELP:
            shape["description"] = SCHEMA_HELP[name]
        for field, spec in shape.get("properties", {}).items():
            if not spec.get("description"):
                words = field_help(name, field)
                if words:
                    spec["description"] = words
    return schema
