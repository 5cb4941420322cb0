"""Template context shared by every page: the units the user works in, for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from loa.web.selectors import my_units

    return {"nav_units": my_units(user=user)}
