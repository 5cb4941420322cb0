"""Login throttling backend (ADR 0020): django-axes' check for every sign-in that comes with a
request (the web's login form, the admin's); a server-side ``authenticate()`` without a request
(the test client, a management command) has no client to throttle and is left to the next backend."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class LoginThrottle(AxesStandaloneBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
