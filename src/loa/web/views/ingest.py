"""Import of existing documents: upload, review what was read beside the text, correct, register.

Files are read one at a time: the preview lists them and each row loads its result with htmx, so a
30-file batch shows progress. A file that cannot be read shows its error in its row; the others stay
usable. Only users who may register documents in some unit may import; a batch is visible to its owner only.
"""

from __future__ import annotations

from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from loa.core.errors import DomainError
from loa.ingest.batches import batch_commit, batch_create, batch_get, batch_read_file
from loa.ingest.history import report_figures_preview
from loa.organizations.access import Action
from loa.plans.selectors import channel_list
from loa.web.access import some_unit_access
from loa.web.forms_ingest import (
    CorrectionForm,
    UploadForm,
    corrected_record,
    correction_initial,
    figure_choices,
)
from loa.web.views.common import units_where

FIELD_LABELS = {
    "doc_type": "Tên loại",
    "number": "Số",
    "symbol": "Số, ký hiệu",
    "issuer": "Cơ quan ban hành",
    "parent_issuer": "Cơ quan chủ quản",
    "place": "Địa danh",
    "date": "Ngày ban hành",
    "title": "Trích yếu",
    "addressees": "Kính gửi",
    "recipients": "Nơi nhận",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Người ký",
}


def _label(field: str) -> str:
    base, _, n = field.partition(".")
    if base == "cited_documents":
        return f"Văn bản trích dẫn {int(n) + 1}" if n.isdigit() else "Văn bản trích dẫn"
    if base == "statistics":
        return f"Số liệu {int(n) + 1}" if n.isdigit() else "Số liệu"
    return FIELD_LABELS.get(base, base)


def highlight(text: str, spans: dict[str, list[int] | tuple[int, int]]) -> SafeString:
    """The text with each field's span in a ``<mark>`` naming the field; overlapping spans share marks.

    Every piece of text goes through ``format_html`` (escaped); nothing from the file is trusted.
    """
    valid = [(field, int(s), int(e)) for field, (s, e) in spans.items() if 0 <= int(s) < int(e) <= len(text)]
    cuts = sorted({0, len(text), *(s for _, s, _ in valid), *(e for _, _, e in valid)})
    pieces = []
    for a, b in pairwise(cuts):
        fields = [f for f, s, e in valid if s <= a and b <= e]
        if fields:
            pieces.append(
                format_html(
                    '<mark data-field="{}" title="{}">{}</mark>',
                    " ".join(fields),
                    ", ".join(_label(f) for f in fields),
                    text[a:b],
                )
            )
        else:
            pieces.append(format_html("{}", text[a:b]))
    return format_html_join("", "{}", ((p,) for p in pieces))


def _dmy(iso: str | None) -> str:
    return "" if not iso else f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def _may_import(request) -> list:
    units = units_where(request, Action.REGISTER)
    if not units:
        raise PermissionDenied("Bạn chưa được phân công vào sổ văn bản ở đơn vị nào.")
    return units


def _batch(request, code: str):
    try:
        return batch_get(user=request.user, batch_id=code)
    except DomainError:
        raise Http404("Không tìm thấy lô văn bản.") from None


def _figures(request, batch, index: int, record: dict) -> dict | None:
    """The confirmation table of a report's figures (batches uploaded with the checkbox only)."""
    if not batch.with_figures:
        return None
    try:
        preview = report_figures_preview(user=request.user, extraction=record)
    except DomainError as exc:
        return {"error": exc.message}
    prefix = f"t{index}"
    posted = request.method == "POST"
    rows = []
    for j, p in enumerate(preview.proposals):
        chosen = (
            request.POST.get(f"{prefix}-hs-{j}-kenh") if posted else (p.channel.code if p.channel else "")
        )
        quantity = request.POST.get(f"{prefix}-hs-{j}-sl") if posted else p.quantity
        rows.append({"j": j, "phrase": p.phrase, "unit": p.unit, "chosen": chosen, "quantity": quantity})
    return {
        "unit": preview.unit.name,
        "period": preview.period.label_vi,
        "rows": rows,
        "channels": [(c.code, f"{c.name} ({c.measure})") for c in channel_list()],
        "include": request.POST.get(f"{prefix}-hs") == "1" if posted else True,
    }


def _row(batch, index: int, form: CorrectionForm | None = None, request=None) -> dict:
    read = batch_read_file(batch=batch, index=index)
    row = {"index": index, "name": read["name"], "error": read.get("error")}
    if not row["error"]:
        record = read["record"]
        if request is not None:
            row["figures"] = _figures(request, batch, index, record)
        row.update(
            form=form or CorrectionForm(prefix=f"t{index}", initial=correction_initial(record)),
            marked=highlight(read["text"], read["spans"]),
            warnings=list(read["warnings"].values()),
            record=record,
            found=[(_label(k), k) for k in FIELD_LABELS if k in read["spans"]],
            cited=len(record.get("cited_documents") or []),
        )
    return row


@some_unit_access(Action.REGISTER)
def ingest_upload(request):
    _may_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = batch_create(
            owner=request.user, uploads=form.cleaned_data["files"], with_figures=form.cleaned_data["figures"]
        )
        return redirect("web:ingest_preview", code=batch.code)
    return render(request, "loa/ingest/upload.html", {"form": form})


@some_unit_access(Action.REGISTER)
def ingest_preview(request, code: str):
    units = _may_import(request)
    batch = _batch(request, code)
    context = {"batch": batch, "units": units, "total": len(batch.names), "read": batch.read_count()}
    if batch.result is not None:
        result = {
            key: [{**d, "date_shown": _dmy(d["date"])} for d in docs]
            if isinstance(docs, list) and key != "figures"
            else docs
            for key, docs in batch.result.items()
        }
        return render(request, "loa/ingest/result.html", {**context, "result": result})
    context["rows"] = [{"index": i, "name": n} for i, n in enumerate(batch.names)]
    if request.method == "POST":
        unit = next((u for u in units if str(u.pk) == request.POST.get("unit")), units[0])
        rows = []
        records = {}
        valid = True
        figures: dict[int, list] = {}
        figure_errors: list[str] = []
        for i in range(len(batch.names)):
            read = batch_read_file(batch=batch, index=i)
            if "error" in read:
                rows.append(_row(batch, i, request=request))
                continue
            form = CorrectionForm(request.POST, prefix=f"t{i}")
            if form.is_valid():
                if form.cleaned_data["include"]:
                    records[i] = corrected_record(read["record"], form.cleaned_data)
            else:
                valid = False
            row = _row(batch, i, form, request=request)
            table = row.get("figures")
            if i in records and table and not table.get("error") and table["include"]:
                choices, errors = figure_choices(request.POST, f"t{i}", len(table["rows"]))
                figures[i] = choices
                figure_errors += [f"{read['name']}: {e}" for e in errors]
            rows.append(row)
        error = None
        if figure_errors:
            valid = False
        if valid:
            try:
                batch_commit(
                    actor=request.user, batch=batch, records=records, issuer_unit=unit, figures=figures
                )
            except DomainError as exc:
                error = exc.message
            else:
                return redirect("web:ingest_preview", code=batch.code)
        else:
            error = (
                " ".join(figure_errors) or "Một số văn bản còn thiếu thông tin: xem các ô báo lỗi bên dưới."
            )
        context.update(rows=rows, loaded=True, error=error, unit=unit, read=len(rows))
    return render(request, "loa/ingest/preview.html", context)


@some_unit_access(Action.REGISTER)
def ingest_row(request, code: str, pk: int):
    _may_import(request)
    batch = _batch(request, code)
    if not 0 <= pk < len(batch.names):
        raise Http404("Không có tệp này trong lô.")
    row = _row(batch, pk, request=request)
    return render(
        request,
        "loa/ingest/_row.html",
        {"row": row, "batch": batch, "oob": True, "total": len(batch.names), "read": batch.read_count()},
    )
