"""The "Mã truy cập API" page (/ma-truy-cap-api/): a person's own API access codes.

A new code is shown once, on the page that answers the form; Loa keeps only its hash.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from loa.core.errors import DomainError
from loa.organizations.tokens import token_create, token_get, token_list, token_revoke
from loa.web.access import login_only


@login_only
def api_token_index(request: HttpRequest) -> HttpResponse:
    """The user's codes; the form creates one and shows it once."""
    created, error, name = None, "", ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            _, created = token_create(actor=request.user, user=request.user, name=name)
            name = ""
        except DomainError as exc:
            error = exc.message
    tokens = token_list(actor=request.user, user=request.user)
    api_url = request.build_absolute_uri("/api/v1/")
    return render(
        request,
        "loa/tokens/index.html",
        {"tokens": tokens, "created": created, "error": error, "name": name, "api_url": api_url},
        status=422 if error else 200,
    )


@login_only
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of one's own codes (another person's: 404)."""
    try:
        token = token_revoke(actor=request.user, token=token_get(actor=request.user, pk=pk))
    except DomainError as exc:
        raise Http404(exc.message) from None
    messages.success(
        request, f"Đã thu hồi mã “{token.name}”: mọi chương trình dùng mã này bị từ chối từ bây giờ."
    )
    return redirect("web:api_token_index")
