"""The audit log page (nhật ký thao tác) for administrators and coordinators."""

from __future__ import annotations

from django.shortcuts import render

from loa.core.history import event_views
from loa.organizations.access import Action
from loa.organizations.audit_log import AuditFilter, audit_log, audit_units
from loa.web.access import some_unit_access
from loa.web.views.common import paginate


@some_unit_access(
    Action.COORDINATE, message="Chỉ quản trị viên và cán bộ Nội vụ (điều phối) được xem nhật ký thao tác."
)
def audit_log_view(request):
    """Every write in the units the user oversees, newest first, filtered and paged."""
    filterset = AuditFilter(request.GET, queryset=audit_log(user=request.user), user=request.user)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "loa/audit/log.html",
        {
            "page": page,
            "rows": event_views(page),
            "values": filterset.values,
            "errors": filterset.messages,
            "units": audit_units(user=request.user),
            "verbs": filterset.filters["thao_tac"].extra["choices"],
        },
    )
