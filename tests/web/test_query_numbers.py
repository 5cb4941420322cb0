"""Out-of-range numbers in query strings (issue #11, hole 9): every page, opened with a year of 20
digits, a negative or huge page number, a huge unit or record id, answers with a page (200/302),
400 or 404 — never a 500. The sweep reuses the world of ``test_url_access``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from tests.web.test_url_access import LOA_ROUTES, _batch, _build_world, _kwargs

from loa.activities.models import ImportJob
from loa.organizations.tokens import token_create
from loa.reporting.models import DraftPdf, Notice

HUGE = "99999999999999999999"
HOSTILE = {
    "nam": [HUGE, "-5", "0", "2025.5", "1e9"],
    "trang": ["-1", HUGE, "0"],
    "ky": [HUGE, f"{HUGE}-q1", "2025-q9", f"2025-t{HUGE}"],
    "don_vi": [HUGE, "-1"],
    "hinh_thuc": [HUGE],
    "noi_dung": [HUGE],
    "ngay": [f"{HUGE}-01-01", "31/02/2025", HUGE],
    "loai": [HUGE],
    "tre_han": [HUGE],
    "tinh_trang": [HUGE],
    "sap_xep": [HUGE],
    "so_sanh": [HUGE, "-1", "0", "2025.5", "1e9"],
}


@pytest.mark.parametrize("key", list(HOSTILE))
def test_no_page_fails_on_an_out_of_range_number(client, make_unit, make_user, settings, tmp_path, key):
    settings.MEDIA_ROOT = tmp_path
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    units, objects = _build_world(make_unit, make_user)
    admin = make_user(units["province"], "admin", is_superuser=True, is_staff=True)
    batch = _batch(admin)
    objects["_notice"] = Notice.objects.create(
        user=admin, kind="accepted", text="Báo cáo đã được tiếp nhận.", url="/", day=dt.date(2025, 3, 1)
    ).pk
    objects["_token"] = token_create(actor=admin, user=admin, name="Thử")[0].pk
    # The office's Excel import and draft PDF, the admin's own (the pages behind them answer too).
    objects["office"]["_import_job"] = ImportJob.objects.create(owner=admin, unit=units["office"]).code
    objects["office"]["_draft_pdf"] = DraftPdf.objects.create(
        owner=admin, unit=units["office"], period="2025"
    ).code
    client.force_login(admin)
    client.raise_request_exception = False
    failed = []
    for name, params, _view in LOA_ROUTES:
        if not name.startswith("web:") or name in ("web:logout",):
            continue
        url = reverse(name, kwargs=_kwargs(name, params, "office", objects, batch))
        for value in HOSTILE[key]:
            response = client.get(url, {key: value})
            if response.status_code >= 500:
                failed.append(f"{name} ?{key}={value} → {response.status_code}")
    assert failed == []


def test_a_huge_record_id_in_the_address_is_a_404_not_a_500(client, make_unit, make_user):
    unit = make_unit(code="vh-huge")
    client.force_login(make_user(unit, "admin", is_superuser=True, is_staff=True))
    client.raise_request_exception = False
    failed = []
    for name, params, _view in LOA_ROUTES:
        if not name.startswith("web:") or "pk" not in params:
            continue
        kwargs = {p: ("xlsx" if p == "fmt" else "vh-huge") for p in params if p != "pk"}
        for pk in (HUGE, "9223372036854775808"):
            url = reverse(name, kwargs={**kwargs, "pk": 1}).replace("/1/", f"/{pk}/", 1)
            status = client.get(url).status_code
            if status >= 500:
                failed.append(f"{url} → {status}")
    assert failed == []
