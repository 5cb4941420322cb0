"""Django admin: Vietnamese throughout, and no way around the services for the records they write."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from loa.activities.models import Activity, DraftActivity
from loa.cli.models import BackgroundTask
from loa.core.models import AuditEvent
from loa.documents.models import Document, Receipt, Register
from loa.organizations.models import Membership, Unit
from loa.plans.models import Orientation, Plan
from loa.reporting.models import Report

READ_ONLY = [Unit, Membership, Register, Receipt, Document, Activity, DraftActivity, Plan, Orientation]
READ_ONLY += [Report, AuditEvent, BackgroundTask]
# Django's own words in its English chrome (buttons, links, headings); the Vietnamese catalogue
# (Django's, completed by loa/locale/vi) must replace every one.
ENGLISH = re.compile(
    r"\b(Add|Save|Delete|Select|Change|History|View site|Log out|Logout|Filter|Model name)\b"
)


@pytest.fixture
def admin_client(client, demo_world):
    """The demo's administrator, with a record of every kind the demo lacks (made by the services)."""
    import datetime as dt

    from django.contrib.auth.models import Group

    from loa.core.actors import SYSTEM_CLI
    from loa.documents.services import document_receive

    # The demo has a feed with drafts and reports; it lacks an incoming document and a group.
    assert DraftActivity.objects.exists() and Report.objects.exists()
    office = demo_world["huongtra-vhtt"]
    document = Document.objects.filter(issuer_unit__isnull=False).exclude(issuer_unit=office).first()
    document_receive(actor=SYSTEM_CLI, document=document, unit=office, received_date=dt.date(2022, 12, 1))
    Group.objects.create(name="Nhóm thử")
    from django.test import override_settings

    from loa.docgen.tasks import render_document_pdf

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        render_document_pdf.enqueue(document.pk)  # one row of the task queue (shown by loa.cli.admin)
    client.login(username="quantri", password="Loa@2022")
    return client


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _english(html: str) -> list[str]:
    shown = re.sub(r"<script.*?</script>|<style.*?</style>", "", html, flags=re.S)
    return sorted(set(ENGLISH.findall(shown)))


def test_every_admin_list_and_record_page_speaks_vietnamese(admin_client):
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị" in index and not _english(index)
    for model in admin.site._registry:
        page = admin_client.get(_url(model, "changelist"))
        assert page.status_code == 200, model
        assert not _english(page.content.decode()), (model, _english(page.content.decode()))
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, model
        page = admin_client.get(_url(model, "change", obj.pk))
        assert page.status_code == 200, model
        assert not _english(page.content.decode()), (model, _english(page.content.decode()))


@pytest.mark.parametrize("model", READ_ONLY, ids=lambda m: m.__name__)
def test_records_written_by_the_services_cannot_be_edited_or_deleted_in_the_admin(admin_client, model):
    obj = model._default_manager.order_by("pk").first()
    listing = admin_client.get(_url(model, "changelist")).content.decode()
    page = admin_client.get(_url(model, "change", obj.pk)).content.decode()
    assert 'name="_save"' not in page and 'class="deletelink"' not in page
    assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403
    assert admin_client.post(_url(model, "change", obj.pk), {}).status_code == 403
    if model is not Membership:
        add = f'href="{_url(model, "add")}"'
        assert add not in listing and add not in page
        assert admin_client.get(_url(model, "add")).status_code == 403


def test_a_role_granted_in_the_admin_goes_through_the_service_and_is_audited(admin_client, demo_world):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="canbo.ttvhtt")
    unit = demo_world["huongtra-vhtt"]
    response = admin_client.post(
        _url(Membership, "add"), {"user": user.pk, "unit": unit.pk, "role": "leader"}
    )
    assert response.status_code == 302
    granted = Membership.objects.get(user=user, unit=unit, role="leader")
    event = AuditEvent.objects.get(verb="membership.grant", target_id=str(granted.pk))
    assert event.actor_name == "quantri"


@pytest.mark.parametrize(
    "username", ["canbo.vhtt", "lanhdao.vhtt", "vanthu.vhtt", "noivu.huongtra", "noivu.hue"]
)
def test_only_administrators_reach_the_admin(client, demo_world, username):
    """The admin's routes keep Django's own access (staff only); every other demo role is sent to sign in."""
    client.login(username=username, password="Loa@2022")
    for url in (reverse("admin:index"), _url(Unit, "changelist"), _url(Membership, "add")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login")), url


def test_the_task_queue_is_shown_once_with_vietnamese_names(admin_client):
    from django_tasks_db.models import DBTaskResult

    assert not admin.site.is_registered(DBTaskResult)  # the library's English page is replaced
    page = admin_client.get(_url(BackgroundTask, "changelist")).content.decode()
    assert "Tác vụ nền" in page and "Tạo bản PDF của văn bản ban hành" in page and "Chờ chạy" in page
