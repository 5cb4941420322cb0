"""Top-level URLs: the web UI at the root, Django admin for administrators, Loa's error pages."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from loa.web.access import public

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    # Browsers and bookmarks still ask for /favicon.ico; pages link the SVG icon directly.
    path("favicon.ico", public(RedirectView.as_view(url=static("loa/favicon.svg"), permanent=True))),
    path("", include("loa.web.urls")),
]

handler400 = "loa.web.views.errors.bad_request"
handler403 = "loa.web.views.errors.permission_denied"
handler404 = "loa.web.views.errors.page_not_found"
handler500 = "loa.web.views.errors.server_error"
