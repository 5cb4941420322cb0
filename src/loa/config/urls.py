"""Top-level URLs: the web UI at the root, Django admin for administrators."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("", include("loa.web.urls")),
]
