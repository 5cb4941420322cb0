"""The audit log: admin writes are recorded with the values before and after, the log cannot be
changed, and an event reads back in Vietnamese (ADR 0022)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import (
    IntegrityError,
    InternalError,
    OperationalError,
    ProgrammingError,
    connection,
    transaction,
)
from django.forms.models import model_to_dict
from django.urls import reverse

from loa.activities.feeds import feed_register
from loa.core.actors import SYSTEM_CLI
from loa.core.admin import AuditedAdmin, ReadOnlyAdmin
from loa.core.history import event_changes, event_view, object_history
from loa.core.models import AuditEvent
from loa.organizations.admin import MembershipAdmin, UnitSuccessionAdmin
from loa.plans.models import AnnexRow, Channel, ContentArea


@pytest.fixture
def superuser_client(client, db):
    get_user_model().objects.create_superuser("quantri-thu", "qt@example.vn", "matkhau-thu-123")
    client.login(username="quantri-thu", password="matkhau-thu-123")
    return client


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _form(obj, **changes) -> dict:
    data = {k: ("" if v is None else v) for k, v in model_to_dict(obj).items()}
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    data.update(changes)
    return data


def test_every_admin_page_either_cannot_write_or_audits_its_writes():
    for model, model_admin in admin.site._registry.items():
        writes = any(
            getattr(model_admin, f"has_{p}_permission").__func__
            is not getattr(ReadOnlyAdmin, f"has_{p}_permission")
            for p in ("add", "change", "delete")
        )
        assert not writes or isinstance(model_admin, AuditedAdmin | MembershipAdmin | UnitSuccessionAdmin), (
            model
        )


def test_an_admin_edit_of_a_channel_is_audited_with_the_values_before_and_after(superuser_client):
    channel = Channel.objects.get(code="PORTAL")
    old_name = channel.name
    reply = superuser_client.post(_url(Channel, "change", channel.pk), _form(channel, name="Cổng TTĐT (sửa)"))
    assert reply.status_code == 302, reply.content.decode()[:2000]
    event = AuditEvent.objects.get(verb="admin.change", target_type="plans.channel")
    assert event.actor.username == "quantri-thu" and event.target_id == str(channel.pk)
    assert event.before["name"] == old_name and event.after["name"] == "Cổng TTĐT (sửa)"
    [change] = event_changes(event)
    assert change.label == "hình thức" and change.before == old_name and change.after == "Cổng TTĐT (sửa)"


def test_the_editable_columns_of_an_admin_list_are_audited(superuser_client):
    row = AnnexRow.objects.order_by("pk").first()
    rows = list(AnnexRow.objects.order_by("sort_order", "code"))
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rows)),
        "_save": "Lưu",
    }
    for i, r in enumerate(rows):
        data[f"form-{i}-id"] = str(r.pk)
        data[f"form-{i}-label"] = r.label + (" (sửa)" if r.pk == row.pk else "")
        data[f"form-{i}-sort_order"] = str(r.sort_order)
    reply = superuser_client.post(_url(AnnexRow, "changelist"), data)
    assert reply.status_code == 302
    event = AuditEvent.objects.get(verb="admin.change", target_type="plans.annexrow", target_id=str(row.pk))
    assert event.after["label"] == event.before["label"] + " (sửa)"


def test_adding_and_deleting_in_the_admin_are_audited(superuser_client):
    reply = superuser_client.post(
        _url(AnnexRow, "add"), {"code": "THU", "label": "Dòng thử", "sort_order": "900"}
    )
    assert reply.status_code == 302
    row = AnnexRow.objects.get(code="THU")
    added = AuditEvent.objects.get(verb="admin.add", target_id=str(row.pk), target_type="plans.annexrow")
    assert added.before is None and added.after["label"] == "Dòng thử"
    reply = superuser_client.post(_url(AnnexRow, "delete", row.pk), {"post": "yes"})
    assert reply.status_code == 302 and not AnnexRow.objects.filter(code="THU").exists()
    deleted = AuditEvent.objects.get(verb="admin.delete", target_id=str(row.pk))
    assert deleted.before["label"] == "Dòng thử" and deleted.after is None


def test_a_bulk_delete_in_the_admin_audits_each_record(superuser_client):
    rows = [AnnexRow.objects.create(code=f"X{i}", label=f"Xoá {i}") for i in range(2)]
    reply = superuser_client.post(
        _url(AnnexRow, "changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in rows], "post": "yes"},
    )
    assert reply.status_code == 302 and not AnnexRow.objects.filter(code__startswith="X").exists()
    assert AuditEvent.objects.filter(verb="admin.delete", target_type="plans.annexrow").count() == 2


def test_many_to_many_changes_in_the_admin_are_in_the_values_after(superuser_client, make_unit):
    office = make_unit()
    feed = feed_register(actor=SYSTEM_CLI, unit=office, url="https://vhtt.example.vn/rss")
    area = ContentArea.objects.order_by("pk").first()
    data = {"unit": office.pk, "url": feed.url, "title": "Cổng phòng", "active": "on", "areas": [area.pk]}
    reply = superuser_client.post(_url(type(feed), "change", feed.pk), data)
    assert reply.status_code == 302, reply.content.decode()[:3000]
    event = AuditEvent.objects.get(verb="admin.change", target_type="activities.feed")
    assert event.before["areas"] == [] and event.after["areas"] == [area.pk]
    assert event.unit_id == office.pk


def test_a_password_set_in_the_admin_is_audited_without_the_password(superuser_client, make_user):
    user = make_user(None, username="canbo-thu")
    old_hash = user.password
    reply = superuser_client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "MatKhauMoi@2026", "password2": "MatKhauMoi@2026", "usable_password": "true"},
    )
    assert reply.status_code == 302, reply.content.decode()[:3000]
    event = AuditEvent.objects.get(verb="admin.change", target_type="auth.user", target_id=str(user.pk))
    assert event.before["password"] != event.after["password"]
    user.refresh_from_db()
    stored = str(event.before) + str(event.after)
    assert old_hash not in stored and user.password not in stored
    assert [c.field for c in event_changes(event)] == ["password"]


def test_groups_are_audited_too(superuser_client):
    reply = superuser_client.post(_url(Group, "add"), {"name": "Nhóm thử"})
    assert reply.status_code == 302
    assert AuditEvent.objects.get(verb="admin.add", target_type="auth.group").after["name"] == "Nhóm thử"


def test_the_log_cannot_be_changed_in_the_admin(superuser_client):
    event = AuditEvent.objects.create(actor_name="x", verb="activity.record", target_type="t", target_id="1")
    page = superuser_client.get(_url(AuditEvent, "change", event.pk)).content.decode()
    assert 'name="_save"' not in page and 'class="deletelink"' not in page
    reply = superuser_client.post(_url(AuditEvent, "delete", event.pk), {"post": "yes"})
    assert reply.status_code == 403 and AuditEvent.objects.filter(pk=event.pk).exists()


REFUSED = (IntegrityError, InternalError, OperationalError, ProgrammingError)


def test_the_database_refuses_to_change_a_logged_event(db):
    event = AuditEvent.objects.create(actor_name="x", verb="activity.update", target_type="t", target_id="1")
    with pytest.raises(REFUSED, match="chỉ được ghi thêm"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(after={"quantity": 999})
    with pytest.raises(REFUSED), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(verb="x")
    assert AuditEvent.objects.get(pk=event.pk).after is None


def test_deleting_a_user_keeps_their_events_under_their_name(make_user):
    user = make_user(None, username="se-xoa")
    AuditEvent.objects.create(actor=user, actor_name="se-xoa", verb="x", target_type="t", target_id="1")
    user.delete()
    event = AuditEvent.objects.get(actor_name="se-xoa")
    assert event.actor is None and event_view(event).actor == "se-xoa"


@pytest.mark.postgres
def test_postgresql_refuses_to_delete_a_logged_event(db):
    assert connection.vendor == "postgresql"
    event = AuditEvent.objects.create(actor_name="x", verb="activity.record", target_type="t", target_id="1")
    with pytest.raises(REFUSED, match="chỉ được ghi thêm"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_plans_history_holds_its_targets_and_tasks_even_once_deleted(make_unit, make_user, channels):
    from loa.plans.services import plan_create, target_set, task_add
    from loa.reporting.plan_removal import task_delete

    office = make_unit()
    officer = make_user(office, "officer", first_name="Lê Thị", last_name="Hoa")
    plan = plan_create(actor=officer, unit=office, title="Kế hoạch 2023", year_from=2023)
    target_set(actor=officer, plan=plan, channel=channels["PORTAL"], quantity=12)
    task = task_add(actor=officer, plan=plan, title="Viết tin", owner_unit=office)
    task_delete(actor=officer, task=task)
    other = plan_create(actor=officer, unit=office, title="Kế hoạch khác", year_from=2024)
    rows = [event_view(e) for e in object_history(plan)]
    assert [r.verb for r in rows] == ["Xoá nhiệm vụ", "Thêm nhiệm vụ", "Đặt chỉ tiêu", "Tạo kế hoạch"]
    assert {r.actor for r in rows} == {"Lê Thị Hoa"}
    assert [e.verb for e in object_history(other)] == ["plan.create"]


def test_the_history_panel_names_records_with_one_query_per_kind(
    cycle_world, channels, django_assert_num_queries
):
    from loa.activities.services import activity_record, activity_update
    from loa.core.history import event_views, object_history

    w = cycle_world
    activity = activity_record(
        actor=w["vhtt_officer"],
        unit=w["vhtt"],
        date=dt.date(2022, 3, 1),
        channel=channels["PORTAL"],
        title="Tin",
    )
    for code in ("RADIO", "PRESS", "TV", "LED", "PORTAL"):
        activity = activity_update(actor=w["vhtt_officer"], activity=activity, channel=channels[code])
    events = object_history(activity)
    with django_assert_num_queries(3):  # the channels, the unit, the recording user: not one per event
        views = event_views(events)
    shown = {c.after for v in views for c in v.changes if c.field in ("channel", "channel_id")}
    assert channels["LED"].name in shown and channels["RADIO"].name in shown
