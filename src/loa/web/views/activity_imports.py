"""The Excel activities import: upload, then the job's page while the worker checks and saves.

The upload keeps the file as a job and redirects to the job's page; while the worker checks the
file the page shows "Đã kiểm tra x/y dòng" and asks again every second (htmx), then reloads into
the result: every problem per row, the duplicates skipped, and the "nhập các dòng hợp lệ" step.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from loa.activities.import_jobs import (
    STOPPED_MESSAGE,
    import_job_create,
    import_job_get,
    import_job_import_valid,
    import_job_may_import_valid,
    import_job_retry,
    import_job_stalled,
)
from loa.activities.importers.xlsx import MAX_BYTES
from loa.activities.models import ImportJob, ImportJobStatus
from loa.core.errors import DomainError
from loa.organizations.access import Action
from loa.organizations.models import Unit
from loa.web.access import some_unit_access
from loa.web.views.common import form_error, units_where


class ImportForm(forms.Form):
    unit = forms.ChoiceField(label="Đơn vị nhận các hoạt động")
    file = forms.FileField(label="Tệp Excel (.xlsx) đã điền theo mẫu")
    keep_duplicates = forms.BooleanField(
        label="Vẫn nhập các dòng trùng với hoạt động đã ghi nhận (sẽ tính hai lần)", required=False
    )

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"Tệp quá lớn (tối đa {MAX_BYTES // 2**20} MB).")
        return upload


@some_unit_access(Action.RECORD, denied=404)
def activity_import(request):
    """Upload a filled template; the worker checks it (the job's page shows how far) and saves it."""
    units = units_where(request, Action.RECORD)
    if not units:
        raise Http404("Bạn chưa được phân công ghi nhận hoạt động ở đơn vị nào.")
    # ?don_vi= preselects a unit only among those the user records for; another falls back to the first.
    codes = {u.code for u in units}
    asked = request.GET.get("don_vi")
    initial = {"unit": asked if asked in codes else units[0].code}
    form = ImportForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.code == form.cleaned_data["unit"])
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                actor=request.user,
                unit=unit,
                data=upload.read(),
                name=upload.name or "",
                keep_duplicates=form.cleaned_data["keep_duplicates"],
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            return redirect("web:activity_import_job", code=job.code)
    return render(request, "loa/work/import.html", {"form": form, "units": units})


def _notices(job: ImportJob) -> list[tuple[str, str]]:
    """The lines above the result, as the page said them when the import ran in the request."""
    r = job.result or {}
    out: list[tuple[str, str]] = []
    if r.get("created"):
        out.append(("success", f"Đã nhập {r['created']} hoạt động vào {job.unit.name}."))
        if r.get("bad_rows"):
            out.append(("warning", f"Bỏ qua {r['bad_rows']} dòng có lỗi."))
        if r.get("skipped_duplicates"):
            out.append(("warning", f"Bỏ qua {r['skipped_duplicates']} dòng trùng với hoạt động đã ghi nhận."))
    elif not r.get("problems") and r.get("skipped_duplicates"):
        out.append(
            (
                "warning",
                f"Không nhập hoạt động nào: cả {r['skipped_duplicates']} dòng đều trùng "
                "với hoạt động đã ghi nhận.",
            )
        )
    elif not r.get("problems"):
        out.append(("error", "Tệp không có dòng hoạt động nào."))
    return out


def _context(job: ImportJob) -> dict:
    stalled = import_job_stalled(job)
    r = job.result or {}
    skipped = [] if r.get("kept_duplicates") else r.get("duplicates", [])
    return {
        "job": job,
        "unit": job.unit,
        "working": job.status in (ImportJobStatus.QUEUED, ImportJobStatus.RUNNING) and not stalled,
        "failed": job.status == ImportJobStatus.FAILED or stalled,
        "error": STOPPED_MESSAGE if stalled else job.error,
        "result": r if job.status == ImportJobStatus.FINISHED else None,
        "skipped_duplicates": skipped,
        "notices": _notices(job) if job.status == ImportJobStatus.FINISHED else [],
        "may_import_valid": import_job_may_import_valid(job),
    }


@some_unit_access(Action.RECORD, denied=404)
def activity_import_job(request, code: str):
    """One import: progress while the worker works, then its result; POST takes the second step
    ("nhap_hop_le": only the valid rows) or runs a failed job again ("chay_lai")."""
    try:
        job = import_job_get(user=request.user, job_id=code)
    except DomainError:
        raise Http404("Không tìm thấy lượt nhập này.") from None
    if request.method == "POST":
        action = import_job_import_valid if "nhap_hop_le" in request.POST else import_job_retry
        try:
            job = action(actor=request.user, job=job)
        except DomainError as exc:
            context = _context(job)
            context["refused"] = exc.message
            return render(request, "loa/work/import_job.html", context, status=409)
        return redirect("web:activity_import_job", code=job.code)
    context = _context(job)
    if request.GET.get("phan") == "tien-do" and request.headers.get("HX-Request"):
        if not context["working"]:
            response = HttpResponse("")
            response["HX-Refresh"] = "true"  # the whole page, now with the result
            return response
        return render(request, "loa/work/_import_progress.html", context)
    return render(request, "loa/work/import_job.html", context)
