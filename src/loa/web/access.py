"""Every view declares who may open it, with one of the decorators below.

- :func:`public`: anyone, signed in or not (sign-in, the user guide);
- :func:`login_only`: any signed-in user; what the page lists is scoped by the selectors it calls;
- :func:`some_unit_access`: a signed-in user who may do ``action`` in at least one unit (the "new
  activity/plan/document" pages: their forms offer only those units);
- :func:`unit_access`: the unit in the URL (``code``) must be one the user sees, else 404, and the
  user must be allowed ``action`` there, else ``denied`` (404 by default: no hint that it exists);
- :func:`object_access`: the record in the URL (``pk``) is loaded through its scoped selector, 404
  when the user does not see it, then ``action`` is checked on the record's unit as above;
- :func:`token_access`: an API endpoint (``/api/v1/``): a personal access code is required (401
  otherwise), then the endpoint reads through the scoped selectors and writes through the services,
  which check the unit as the web does (``tests/api/test_access.py`` proves it endpoint by endpoint).

Each decorator adds an :class:`AccessRule` to the view's ``access`` (outermost first; decorators
stack when a page needs two things, such as a readable document and a register to enter it in):
the URL sweep (``tests/web/test_url_access.py``) fails on any route whose view has none, and reads
the rules to know which answer each role should get. Access itself is decided by ``loa.organizations.access``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from loa.activities.models import DraftActivity
from loa.activities.selectors import activity_list
from loa.documents.selectors import document_list
from loa.organizations.access import Action, can, units_for
from loa.plans.selectors import plan_list
from loa.reporting.models import ReportRequest
from loa.web.views.common import unit_for_view

View = Callable[..., HttpResponse]

PUBLIC = "public"
LOGIN = "login"
SOME_UNIT = "some_unit"
UNIT = "unit"
OBJECT = "object"
TOKEN = "token"


@dataclass(frozen=True)
class AccessRule:
    """What a view requires: ``level`` (one of the constants above), the action checked, the kind of
    record the URL names (``unit``, ``activity``, …) and the status answered when a user who sees
    the record may not do the action (403 or 404)."""

    level: str
    action: Action | None = None
    target: str | None = None
    denied: int = 404


def _mark(view: View, rule: AccessRule) -> View:
    view.access = (rule, *getattr(view, "access", ()))  # type: ignore[attr-defined]
    return view


def _deny(status: int, message: str) -> None:
    if status == 403:
        raise PermissionDenied(message)
    raise Http404(message)


def public(view: View) -> View:
    """Open to anyone, signed in or not."""
    return _mark(view, AccessRule(PUBLIC))


def token_access(view: View) -> View:
    """An API endpoint: open with a valid access code only (checked by the API itself, 401 without)."""
    return _mark(view, AccessRule(TOKEN))


def login_only(view: View) -> View:
    """Any signed-in user; the page shows only what the selectors let the user see."""
    return _mark(login_required(view), AccessRule(LOGIN))


NOWHERE = {
    Action.RECORD: "Bạn chưa được phân công ghi nhận hoạt động ở đơn vị nào.",
    Action.REGISTER: "Bạn chưa được phân công vào sổ văn bản ở đơn vị nào.",
}


def some_unit_access(action: Action, *, denied: int = 403, message: str = "") -> Callable[[View], View]:
    """A signed-in user allowed ``action`` in at least one unit; ``message`` tells the others why not."""
    message = message or NOWHERE.get(action, "Bạn chưa được phân công việc này ở đơn vị nào.")

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not units_for(request.user, action).exists():
                _deny(denied, message)
            return view(request, *args, **kwargs)

        return _mark(login_required(wrapped), AccessRule(SOME_UNIT, action, None, denied))

    return decorate


def unit_access(
    action: Action = Action.VIEW, *, denied: int = 404, message: str = "Không tìm thấy đơn vị."
) -> Callable[[View], View]:
    """The unit named by the URL's ``code``: seen by the user (else 404) and ``action`` allowed
    (else ``denied``, with ``message``)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            unit = unit_for_view(request, kwargs["code"])
            if action is not Action.VIEW and not can(request.user, action, unit):
                _deny(denied, message)
            return view(request, *args, **kwargs)

        return _mark(login_required(wrapped), AccessRule(UNIT, action, "unit", denied))

    return decorate


def _unit_in(qs: Any, field: str = "unit_id") -> int | None:
    """The unit of the one record left in a user-scoped queryset (one query); 404 when none is."""
    found = qs.values_list(field).first()
    if found is None:
        raise Http404
    return found[0]


def _draft_unit(user: Any, pk: int) -> int | None:
    draft = DraftActivity.objects.filter(pk=pk).values_list("unit_id").first()
    if draft is None or not can(user, Action.VIEW, draft[0]):
        raise Http404
    return draft[0]


def _request_unit(user: Any, pk: int) -> int | None:
    """A reporting request belongs to its requesting (coordinator) unit; seen by who sees that unit."""
    found = ReportRequest.objects.filter(pk=pk).values_list("coordinator_unit_id").first()
    if found is None or not can(user, Action.VIEW, found[0]):
        raise Http404
    return found[0]


def _round_unit(user: Any, pk: int) -> int | None:
    """A scoring round belongs to its coordinating unit; seen by who sees that unit."""
    from loa.scoring.models import ScoringRound

    found = ScoringRound.objects.filter(pk=pk).values_list("coordinator_unit_id").first()
    if found is None or not can(user, Action.VIEW, found[0]):
        raise Http404
    return found[0]


def _assessment_unit(user: Any, pk: int) -> int | None:
    """A self-assessment belongs to the unit assessed; seen by who sees that unit."""
    from loa.scoring.models import Assessment

    found = Assessment.objects.filter(pk=pk).values_list("unit_id").first()
    if found is None or not can(user, Action.VIEW, found[0]):
        raise Http404
    return found[0]


# kind of record → the unit it belongs to, read through a selector scoped to the user (404 if unseen).
# A task is read on its plan's page: whoever sees the plan sees its tasks.
UNIT_OF: dict[str, Callable[[Any, int], int | None]] = {
    "activity": lambda user, pk: _unit_in(activity_list(user=user).filter(pk=pk)),
    "plan": lambda user, pk: _unit_in(plan_list(user=user).filter(pk=pk)),
    "task": lambda user, pk: _unit_in(plan_list(user=user).filter(tasks__pk=pk)),
    "document": lambda user, pk: _unit_in(document_list(user=user).filter(pk=pk), "issuer_unit_id"),
    "draft": _draft_unit,
    "request": lambda user, pk: _request_unit(user, pk),
    "round": _round_unit,
    "assessment": _assessment_unit,
}


def object_access(kind: str, action: Action = Action.VIEW, *, denied: int = 404) -> Callable[[View], View]:
    """The record of ``kind`` named by the URL's ``pk``: seen by the user (else 404), and ``action``
    allowed in its unit."""
    unit_of = UNIT_OF[kind]

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            unit_id = unit_of(request.user, kwargs["pk"])
            if action is not Action.VIEW and (unit_id is None or not can(request.user, action, unit_id)):
                _deny(denied, "Bạn không được giao việc này ở đơn vị này.")
            return view(request, *args, **kwargs)

        return _mark(login_required(wrapped), AccessRule(OBJECT, action, kind, denied))

    return decorate
