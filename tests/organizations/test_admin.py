"""Lineage in the admin: added and removed through the services (checked, audited)."""

import pytest
from django.urls import reverse

from loa.core.models import AuditEvent
from loa.organizations.models import UnitSuccession


@pytest.fixture
def admin_client(client, demo_world):
    client.login(username="quantri", password="Loa@2022")
    return client


@pytest.mark.django_db
def test_succession_added_in_the_admin_is_checked_and_audited(admin_client, demo_world):
    url = reverse("admin:organizations_unitsuccession_add")
    form = {
        "predecessor": demo_world["xa-huong-phong"].pk,
        "successor": demo_world["phuong-kim-tra"].pk,
        "date": "01/07/2025",
        "kind": "merge",
    }
    bad = admin_client.post(url, form | {"date": "01/06/2025"})
    assert bad.status_code == 200 and "không thể là tiền thân" in bad.content.decode()
    assert not UnitSuccession.objects.filter(predecessor=demo_world["xa-huong-phong"]).exists()
    assert admin_client.post(url, form).status_code == 302
    row = UnitSuccession.objects.get(predecessor=demo_world["xa-huong-phong"])
    assert AuditEvent.objects.get(verb="unit.succession", target_id=str(row.pk)).actor_name == "quantri"
    delete = reverse("admin:organizations_unitsuccession_delete", args=[row.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert not UnitSuccession.objects.filter(pk=row.pk).exists()
    assert AuditEvent.objects.filter(verb="unit.succession_delete", target_id=str(row.pk)).exists()


@pytest.mark.django_db
def test_only_superusers_edit_lineage_in_the_admin(client, demo_world):
    client.login(username="noivu.hue", password="Loa@2022")
    assert client.get(reverse("admin:organizations_unitsuccession_add")).status_code == 302
