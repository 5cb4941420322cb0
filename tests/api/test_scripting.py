"""Done when: a new user scripts Loa through the API with an access code made by the command line."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management import call_command
from django.test import Client


def test_a_new_officer_scripts_loa_with_a_token_from_the_command_line(make_unit, make_user, channels):
    """``loa tokens create`` → list units → record an activity → read the statistics: the figure counts it."""
    town = make_unit("Thị xã thử", code="tx")
    office = make_unit("Phòng Văn hóa thử", code="tx-vh", parent=town)
    make_user(office, "officer", username="canbo.moi")
    out = io.StringIO()
    call_command("tokens", "create", "canbo.moi", "--name", "Tập lệnh", "--json", stdout=out)
    token = json.loads(out.getvalue())["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client = Client()

    units = client.get("/api/v1/units", **auth).json()
    assert [u["code"] for u in units["items"]] == ["tx-vh"]
    assert units["items"][0]["parent"] == "tx"

    channel = next(iter(channels))
    body = {
        "unit": "tx-vh",
        "date": "2025-03-10",
        "channel": channel,
        "title": "Đăng tin cải cách hành chính",
        "quantity": 3,
    }
    created = client.post("/api/v1/activities", json.dumps(body), content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    assert created.json()["quantity"] == 3

    stats = client.get("/api/v1/stats", {"don_vi": "tx-vh", "ky": "2025-Q1", "cach_chot": "calendar"}, **auth)
    assert stats.status_code == 200
    row = next(r for r in stats.json()["rows"] if r["channel"] == channel)
    assert row["actual"] == 3
    assert stats.json()["window"] == {"mode": "calendar", "from": "2025-01-01", "to": "2025-03-31"}

    # The same figures as ``loa stats --json``, and the write is audited under the officer's name.
    cli = io.StringIO()
    call_command("stats", "tx-vh", "2025-Q1", "--window", "calendar", "--json", stdout=cli)
    from_api = {k: v for k, v in stats.json().items() if k != "by"}
    assert from_api == json.loads(cli.getvalue())
    from loa.core.models import AuditEvent

    event = AuditEvent.objects.get(verb="activity.record")
    assert event.actor_name == "canbo.moi"
    assert event.at.date() <= dt.date.today() + dt.timedelta(days=1)
