"""Fixtures of the API tests: a client that sends a user's access code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from loa.core.actors import SYSTEM_CLI


@dataclass
class ApiClient:
    """Calls ``/api/v1/…`` with ``Authorization: Bearer <token>`` (none when ``token`` is empty)."""

    client: Client
    token: str = ""

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **params: Any):
        return self.client.get(f"/api/v1{path}", params, **self._headers())

    def send(self, method: str, path: str, body: Any = None):
        call = getattr(self.client, method.lower())
        data = json.dumps(body if body is not None else {})
        return call(f"/api/v1{path}", data, content_type="application/json", **self._headers())

    def post(self, path: str, body: Any = None):
        return self.send("POST", path, body)


@pytest.fixture
def api_as():
    """``api_as(user)`` → an :class:`ApiClient` with a fresh access code of ``user``."""
    from loa.organizations.tokens import token_create

    def make(user=None) -> ApiClient:
        token = token_create(actor=SYSTEM_CLI, user=user, name="Kiểm thử")[1] if user is not None else ""
        return ApiClient(Client(), token)

    return make
