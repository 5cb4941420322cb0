"""Sign-in and the landing page."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render

from loa.web.access import login_only
from loa.web.selectors import my_units


class LoginView(auth_views.LoginView):
    template_name = "loa/registration/login.html"
    redirect_authenticated_user = True


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer when an account is locked (too many wrong passwords): the sign-in page
    with a Vietnamese message and HTTP 429, whatever password was given (ADR 0020)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    form = AuthenticationForm(request)
    return render(
        request,
        "loa/registration/login.html",
        {
            "form": form,
            "locked": f"Đăng nhập sai quá nhiều lần nên tài khoản tạm bị khoá. Hãy thử lại sau {minutes} phút, "
            "hoặc nhờ quản trị viên mở khoá.",
            "next": request.POST.get("next", "") if request.method == "POST" else "",
        },
        status=429,
    )


@login_only
def home(request):
    """Go to the dashboard of the user's first unit; a user without a unit sees how to get one."""
    units = my_units(user=request.user)
    if units:
        return redirect("web:unit_dashboard", code=units[0].code)
    return render(request, "loa/no_unit.html")
