"""Template context shared by every page: the menu, built from what the user may do.

A menu item the user cannot use is not shown: the clerk sees "Nhập văn bản" because a clerk
registers documents; a leader who only reads sees no import. Pages decide their own buttons the same
way (``loa.organizations.access``), so no link leads to a refusal.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse


def _menu(user: Any) -> list[tuple[str, str]]:
    from loa.organizations.access import Action, units_for

    items = [
        ("Hoạt động", reverse("web:activity_index")),
        ("Kế hoạch", reverse("web:plan_index")),
        ("Định hướng", reverse("web:orientation_home")),
        ("Văn bản", reverse("web:document_index")),
        ("Kiểm tra thể thức", reverse("web:format_check")),
    ]
    if units_for(user, Action.REGISTER).exists():
        items.append(("Nhập văn bản", reverse("web:ingest_upload")))
    # Coordinating, organizing (onboarding, ADR 0024) and reading the audit log are held by the same
    # roles (coordinators and administrators, directly and from above): one query answers them all.
    coordinates = units_for(user, Action.COORDINATE).exists()
    if coordinates:
        items.append(("Yêu cầu báo cáo", reverse("web:request_index")))
        items.append(("Quản lý đơn vị, tài khoản", reverse("web:organize_index")))
        items.append(("Nhật ký", reverse("web:audit_log")))
    if coordinates or _has_assessments(user):
        items.append(("Chấm điểm CCHC", reverse("web:scoring_index")))
    if user.is_staff:
        items.append(("Quản trị", reverse("admin:index")))
    return items


def _has_assessments(user: Any) -> bool:
    from loa.scoring.selectors import has_scoring_work

    return has_scoring_work(user=user)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from loa.reporting.notices import unread_count
    from loa.web.selectors import my_units

    return {"nav_units": my_units(user=user), "nav_items": _menu(user), "nav_unread": unread_count(user=user)}
