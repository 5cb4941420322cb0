"""Loa's own refusal and error pages (403, 404, 500, CSRF), in Vietnamese and with the menu.

Django's defaults are English ("Not Found"). These handlers work with DEBUG off, which is when
Django calls them. A message carried by the exception is shown when it is Loa's own (Vietnamese);
Django's internal messages (English, or the resolver's dictionary) are not.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)


def _message(exception: BaseException | None) -> str:
    args = getattr(exception, "args", ())
    message = args[0] if args and isinstance(args[0], str) else ""
    # Loa's messages are Vietnamese; Django's own ("No Activity matches…") are plain ASCII English.
    return message if any(ord(ch) > 127 for ch in message) else ""


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return render(request, "404.html", {"message": _message(exception)}, status=404)


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return render(request, "403.html", {"message": _message(exception)}, status=403)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = "Phiên làm việc đã hết hạn hoặc biểu mẫu đã cũ. Hãy tải lại trang rồi thử lại."
    return render(request, "403.html", {"message": message}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page with the menu; without it if the menu itself fails (a database that is down)."""
    try:
        return render(request, "500.html", status=500)
    except Exception:
        logger.exception("Trang lỗi 500 không hiển thị được đầy đủ; dùng bản rút gọn.")
        body = loader.get_template("500.html").render({"bare": True})
        return HttpResponse(body, status=500)
