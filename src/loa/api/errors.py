"""Every API error is ``{"code": …, "message": …}`` (Vietnamese message, stable code; ADR 0019).

Domain errors keep their own codes (:mod:`loa.core.errors`); the API adds its own for what happens
before a service is reached (no or bad access code, too many requests, unreadable input).
"""

from __future__ import annotations

import functools
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from loa.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationError


class ErrorOut(Schema):
    """An error: ``code`` (stable, for programs) and ``message`` (Vietnamese, for people);
    ``context`` adds details when there are any (the fields in error, the duplicate's id…)."""

    code: str
    message: str
    context: dict[str, Any] | None = None


UNAUTHORIZED = "api.unauthorized"
THROTTLED = "api.throttled"
INVALID = "api.invalid"
NOT_FOUND = "api.not_found"

# status → the codes a client may meet with it (listed in every operation's responses).
CODES: dict[int, list[str]] = {
    401: [UNAUTHORIZED],
    403: ["loa.forbidden", "access.record_denied", "access.issue_denied", "access.coordinate_denied"],
    404: [
        NOT_FOUND,
        "loa.not_found",
        "units.not_found",
        "activities.not_found",
        "documents.not_found",
        "plans.not_found",
        "requests.not_found",
        "requests.submission_not_found",
    ],
    409: [
        "loa.conflict",
        "activities.duplicate",
        "activities.locked",
        "units.out_of_lifetime",
        "requests.closed",
        "requests.already_submitted",
        "requests.report_not_issued",
        "requests.resubmit_same_report",
        "requests.submit_refused",
        "requests.return_refused",
        "requests.accept_refused",
    ],
    422: [
        INVALID,
        "loa.invalid",
        "activities.invalid",
        "activities.field",
        "periods.invalid",
        "periods.invalid_mode",
        "stats.compare_year",
        "requests.reason_required",
    ],
    429: [THROTTLED],
}
_TITLES = {
    401: "Thiếu mã truy cập, mã sai hoặc đã bị thu hồi.",
    403: "Không có quyền làm việc này ở đơn vị này.",
    404: "Không tìm thấy, hoặc không có quyền xem.",
    409: "Trùng hoặc mâu thuẫn với dữ liệu đã có.",
    422: "Dữ liệu gửi lên không hợp lệ.",
    429: "Gửi quá nhiều yêu cầu; thử lại sau.",
}


def error_responses(*statuses: int) -> dict[int, Any]:
    """The ``response=`` entries of an operation's errors (always 401, 422 and 429)."""
    return {s: ErrorOut for s in sorted({401, 422, 429, *statuses})}


def describe_errors(*statuses: int) -> str:
    """A line per status with its codes, appended to an operation's description."""
    lines = ['Lỗi trả về dạng `{"code": …, "message": …}`:']
    for s in sorted({401, 422, 429, *statuses}):
        codes = ", ".join(f"`{c}`" for c in CODES[s])
        lines.append(f"- {s}: {_TITLES[s]} Mã: {codes}.")
    return "\n".join(lines)


def _status(exc: DomainError) -> int:
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, ValidationError):
        return 422
    return 409  # any other broken rule of the domain: the request clashes with the data


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _body(code: str, message: str, context: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "message": message}
    if context:
        out["context"] = _json_safe(context)
    return out


# pydantic's error types → what the Vietnamese message says about the field.
_PYDANTIC = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "greater_than_equal": "phải từ {ge} trở lên",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "tối đa là {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "string_too_long": "dài tối đa {max_length} ký tự",
    "string_type": "phải là chuỗi ký tự",
    "too_long": "có tối đa {max_length} phần tử",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_from_datetime_inexact": "phải là ngày dạng YYYY-MM-DD",
    "date_type": "phải là ngày dạng YYYY-MM-DD",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "literal_error": "chỉ nhận: {expected}",
    "list_type": "phải là một danh sách",
    "json_invalid": "không phải JSON hợp lệ",
    "model_attributes_type": "phải là một đối tượng JSON",
    "dict_type": "phải là một đối tượng JSON",
}


def _explain(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "value_error":  # the schemas' own checks say it in Vietnamese already
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _PYDANTIC.get(kind, "không hợp lệ")
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return "không hợp lệ"


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "payload")]
    return ".".join(parts) or "?"


def install(api: NinjaAPI) -> None:
    """Replace ninja's English ``{"detail": …}`` answers with Loa's error shape."""

    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, _body(exc.code, exc.message, exc.context), status=_status(exc))

    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields = {_field_name(e.get("loc", ())): _explain(e) for e in exc.errors}
        names = ", ".join(sorted(fields))
        message = f"Dữ liệu gửi lên không hợp lệ ở: {names}."
        return api.create_response(request, _body(INVALID, message, {"fields": fields}), status=422)

    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = "Cần mã truy cập API hợp lệ trong tiêu đề Authorization: Bearer <mã>."
        return api.create_response(request, _body(UNAUTHORIZED, message), status=401)

    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        message = "Mã truy cập này đã gửi quá nhiều yêu cầu; hãy thử lại sau ít phút."
        response = api.create_response(request, _body(THROTTLED, message), status=429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, _body(NOT_FOUND, "Không tìm thấy dữ liệu."), status=404)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # a body that cannot be read (not JSON): invalid input like any other
            message = "Nội dung gửi lên không đọc được: cần một đối tượng JSON."
            return api.create_response(request, _body(INVALID, message), status=422)
        code = {404: NOT_FOUND, 401: UNAUTHORIZED, 429: THROTTLED}.get(exc.status_code, INVALID)
        return api.create_response(request, _body(code, "Yêu cầu không hợp lệ."), status=exc.status_code)

    api.add_exception_handler(DomainError, domain)
    api.add_exception_handler(NinjaValidationError, invalid)
    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)


def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any address under ``/api/`` that names no endpoint: the API's 404, in JSON like every error."""
    return JsonResponse(_body(NOT_FOUND, "Không có địa chỉ này trong API của Loa."), status=404)


def json_method_errors(view: Any) -> Any:
    """``view`` with a method it does not take answered like every API error (``{"code", "message"}``,
    405, with its ``Allow`` header) instead of ninja's empty 405."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            message = f"Địa chỉ này không nhận phương thức {request.method} (chỉ nhận: {allowed})."
            answer = JsonResponse(_body("api.method_not_allowed", message), status=405)
            answer["Allow"] = allowed
            return answer
        return response  # type: ignore[no-any-return]

    return wrapped
