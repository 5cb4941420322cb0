"""Checking any Word file against Nghị định 30/2020: upload a DOCX, see what to fix."""

from __future__ import annotations

from django import forms
from django.shortcuts import render

from loa.core.errors import DomainError
from loa.docgen.check import RULES, check_docx
from loa.web.access import login_only
from loa.web.forms import validate_upload


class CheckForm(forms.Form):
    file = forms.FileField(label="Tệp Word (.docx) cần kiểm tra")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, allowed={".docx"})
        return upload


@login_only
def format_check(request):
    form = CheckForm(request.POST or None, request.FILES or None)
    violations = None
    if request.method == "POST" and form.is_valid():
        try:
            violations = check_docx(form.cleaned_data["file"].read())
        except DomainError as exc:
            form.add_error("file", exc.message)
    return render(
        request,
        "loa/check.html",
        {
            "form": form,
            "violations": violations,
            "filename": form.cleaned_data["file"].name if violations is not None else "",
            "rules": RULES,
        },
    )
