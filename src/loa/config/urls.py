"""Top-level URLs: the web UI at the root, the API at ``/api/v1/``, Django admin for administrators,
Loa's error pages."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from loa.api.errors import json_method_errors, not_found_view
from loa.api.v1 import api
from loa.web.access import public, token_access


def _api_urls():  # type: ignore[no-untyped-def]
    """The API's routes, each marked with its access: the schema, its docs page and the bare root (a
    404 naming the docs) are public; every endpoint needs an access code."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = json_method_errors(pattern.callback)
        marker = public if pattern.name in ("openapi-json", "openapi-view", "api-root") else token_access
        marker(pattern.callback)
    return patterns, app_name, namespace


urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("api/v1/", _api_urls()),
    # Any other address under /api/ (a path parameter holding "/", a version that does not exist):
    # the API's JSON 404, not the web's HTML page.
    re_path(r"^api/(?P<rest>.*)$", public(not_found_view), name="api_not_found"),
    # Browsers and bookmarks still ask for /favicon.ico; pages link the SVG icon directly.
    path("favicon.ico", public(RedirectView.as_view(url=static("loa/favicon.svg"), permanent=True))),
    path("", include("loa.web.urls")),
]

handler400 = "loa.web.views.errors.bad_request"
handler403 = "loa.web.views.errors.permission_denied"
handler404 = "loa.web.views.errors.page_not_found"
handler500 = "loa.web.views.errors.server_error"
