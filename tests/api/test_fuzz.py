"""Fuzzing the API against its own schema (schemathesis), in the SQLite and the PostgreSQL passes.

Every operation is called with data generated from the OpenAPI schema — valid and invalid — as a
demo officer with an access code: no answer may be a server error (5xx), and every answer must be
one the schema lists, with the content type and the shape it declares. Bounded for ``make test``:
a fixed seed (the same cases on every run, so a failure is reproducible) and a few dozen examples per
operation (about a minute in all).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from loa.core.actors import SYSTEM_CLI

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def in_process_requests():
    """Requests served in the test's own transaction: Django's handler must not close the connection
    at the end of each request (its test client does the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def demo_token(demo_world, in_process_requests):
    """An access code of the demo's officer of Phòng Văn hóa và Thông tin (who records activities)."""
    from django.contrib.auth import get_user_model

    from loa.organizations.tokens import token_create

    user = get_user_model().objects.get(username="canbo.vhtt")
    return token_create(actor=SYSTEM_CLI, user=user, name="Kiểm thử mờ")[1]


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_never_fails_and_answers_as_its_schema_says(case, demo_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {demo_token}"}, checks=CHECKS)
