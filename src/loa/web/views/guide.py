"""The user guide as a page of the app (linked from every page's footer)."""

from __future__ import annotations

from django.shortcuts import render

from loa.web.access import public
from loa.web.guide import guide_html


@public
def user_guide(request):
    """Readable without signing in: a user who cannot log in may need it most."""
    return render(request, "loa/guide.html", {"guide": guide_html()})
