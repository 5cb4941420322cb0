"""Typed errors with stable codes and a Vietnamese message.

The web shows ``message`` beside the form, the API returns ``{"code": …, "message": …}``, the CLI
prints the message and exits non-zero. Codes never change once released: clients match on them.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the domain was broken; ``code`` is stable, ``message`` is for the user (Vietnamese)."""

    code: str = "loa.error"
    default_message: str = "Đã có lỗi xảy ra."

    def __init__(self, message: str | None = None, *, code: str | None = None, **context: Any) -> None:
        self.message = message or self.default_message
        if code:
            self.code = code
        self.context = context
        super().__init__(self.message)

    def as_dict(self) -> dict[str, Any]:
        """Shape used by the API and ``--json`` outputs."""
        return {
            "code": self.code,
            "message": self.message,
            **({"context": self.context} if self.context else {}),
        }


class ValidationError(DomainError):
    """Input does not meet the rules (a field, a file, a row)."""

    code = "loa.invalid"
    default_message = "Dữ liệu không hợp lệ."


class PermissionDenied(DomainError):
    """The actor may not do this on this unit."""

    code = "loa.forbidden"
    default_message = "Bạn không có quyền thực hiện thao tác này."


class NotFound(DomainError):
    """The record does not exist or is outside the actor's units."""

    code = "loa.not_found"
    default_message = "Không tìm thấy dữ liệu."


class Conflict(DomainError):
    """The write clashes with existing data (a duplicate document, a number already taken)."""

    code = "loa.conflict"
    default_message = "Dữ liệu đã tồn tại."


class ExternalToolError(DomainError):
    """An external program (LibreOffice, Tesseract) is missing, hung or failed."""

    code = "loa.external_tool"
    default_message = "Công cụ bên ngoài không chạy được."
