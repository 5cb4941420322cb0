"""Reporting requests and what each expected unit sent, and the cycle's steps (submit, return,
accept) through :mod:`loa.reporting.cycle`, as the caller."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from loa.api.endpoints.common import actor
from loa.api.errors import describe_errors, error_responses
from loa.api.pagination import PageIn, page_of
from loa.api.schemas import RequestDetailOut, RequestPage, ReturnIn, SubmissionOut, SubmitIn
from loa.reporting.cycle import submission_accept, submission_return, submission_submit
from loa.reporting.cycle_selectors import request_get, request_list, request_submissions, submission_get
from loa.reporting.models import ReportRequest, Submission

router = Router(tags=["Yêu cầu báo cáo"])


def _request_out(r: ReportRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "coordinator_unit": r.coordinator_unit.code,
        "coordinator_unit_name": r.coordinator_unit.name,
        "period": r.period,
        "title": r.title,
        "deadline": r.deadline,
        "status": r.status,
    }


def submission_out(s: Submission) -> dict[str, Any]:
    document = s.report.document if s.report_id and s.report.document_id else None
    return {
        "unit": s.unit.code,
        "unit_name": s.unit.name,
        "state": s.state,
        "state_label": s.get_state_display(),
        "submitted_on": s.submitted_on,
        "report_document": document.symbol if document else None,
        "return_reason": s.return_reason,
        "figures": s.figures or {},
    }


@router.get(
    "/requests",
    response={200: RequestPage, **error_responses()},
    summary="Yêu cầu báo cáo",
    description="Yêu cầu do đơn vị người dùng được xem mở, hoặc yêu cầu đơn vị của họ phải báo cáo; "
    "hạn gần nhất trước.\n\n" + describe_errors(),
)
def request_index(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    result = page_of(request_list(user=actor(request)), page)
    result["items"] = [_request_out(r) for r in result["items"]]
    return result


@router.get(
    "/requests/{pk}",
    response={200: RequestDetailOut, **error_responses(404)},
    summary="Một yêu cầu và báo cáo của các đơn vị",
    description="Điều phối viên thấy mọi đơn vị phải báo cáo; đơn vị chỉ thấy dòng của mình.\n\n"
    + describe_errors(404),
)
def request_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    user = actor(request)
    asked = request_get(user=user, pk=pk)
    subs = request_submissions(user=user, request=asked)
    return {**_request_out(asked), "outline": asked.outline, "submissions": [submission_out(s) for s in subs]}


def _submission(request: HttpRequest, pk: int, code: str) -> Submission:
    user = actor(request)
    return submission_get(user=user, request=request_get(user=user, pk=pk), unit_code=code)


@router.post(
    "/requests/{pk}/units/{code}/submit",
    response={200: SubmissionOut, **error_responses(403, 404, 409)},
    summary="Gửi báo cáo của đơn vị",
    description="Gửi báo cáo đã ban hành của đơn vị `code` cho yêu cầu (lãnh đạo hoặc văn thư của "
    "đơn vị); số liệu được chốt khi gửi.\n\n" + describe_errors(403, 404, 409),
)
def submission_send(request: HttpRequest, pk: int, code: str, payload: SubmitIn) -> dict[str, Any]:
    sub = submission_submit(actor=actor(request), submission=_submission(request, pk, code), on=payload.date)
    return submission_out(sub)


@router.post(
    "/requests/{pk}/units/{code}/return",
    response={200: SubmissionOut, **error_responses(403, 404, 409)},
    summary="Trả lại báo cáo",
    description="Điều phối viên trả lại báo cáo kèm lý do.\n\n" + describe_errors(403, 404, 409),
)
def submission_send_back(request: HttpRequest, pk: int, code: str, payload: ReturnIn) -> dict[str, Any]:
    sub = submission_return(
        actor=actor(request), submission=_submission(request, pk, code), reason=payload.reason
    )
    return submission_out(sub)


@router.post(
    "/requests/{pk}/units/{code}/accept",
    response={200: SubmissionOut, **error_responses(403, 404, 409)},
    summary="Tiếp nhận báo cáo",
    description="Điều phối viên tiếp nhận báo cáo đơn vị đã gửi.\n\n" + describe_errors(403, 404, 409),
)
def submission_take(request: HttpRequest, pk: int, code: str) -> dict[str, Any]:
    sub = submission_accept(actor=actor(request), submission=_submission(request, pk, code))
    return submission_out(sub)
