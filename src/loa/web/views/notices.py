"""The in-app inbox (/thong-bao/): a person's reminders and reporting news, newest first."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loa.reporting.models import Notice
from loa.reporting.notices import notice_open, notices_for, notices_mark_all_read
from loa.web.access import login_only


@login_only
def notice_inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(notices_for(user=request.user), 50).get_page(request.GET.get("trang"))
    return render(request, "loa/notices/inbox.html", {"page": page})


@login_only
def notice_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open one's own notice: it is marked read and the page it is about opens."""
    try:
        notice = notice_open(actor=request.user, pk=pk)
    except Notice.DoesNotExist as exc:
        raise Http404("Không tìm thấy thông báo.") from exc
    return redirect(notice.url or "web:notice_inbox")


@login_only
@require_POST
def notice_read_all(request: HttpRequest) -> HttpResponse:
    count = notices_mark_all_read(actor=request.user)
    if count:
        messages.success(request, f"Đã đánh dấu đã đọc {count} thông báo.")
    return redirect("web:notice_inbox")
