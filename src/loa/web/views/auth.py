"""Sign-in and the landing page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from loa.web.access import login_only
from loa.web.selectors import my_units


class LoginView(auth_views.LoginView):
    template_name = "loa/registration/login.html"
    redirect_authenticated_user = True


@login_only
def home(request):
    """Go to the dashboard of the user's first unit; a user without a unit sees how to get one."""
    units = my_units(user=request.user)
    if units:
        return redirect("web:unit_dashboard", code=units[0].code)
    return render(request, "loa/no_unit.html")
