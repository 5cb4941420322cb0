"""Web URLs. Every view requires a signed-in user; tests/web/test_url_access.py walks them all."""

from django.contrib.auth import views as auth_views
from django.urls import path

from loa.web.views import activities, auth, dashboard, documents, plans

app_name = "web"
urlpatterns = [
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", auth.home, name="home"),
    path("don-vi/<slug:code>/", dashboard.unit_dashboard, name="unit_dashboard"),
    path("hoat-dong/", activities.activity_index, name="activity_index"),
    path("hoat-dong/them/", activities.activity_create, name="activity_create"),
    path("hoat-dong/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", activities.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:pk>/xoa/", activities.activity_remove, name="activity_remove"),
    path("van-ban/", documents.document_index, name="document_index"),
    path("van-ban/them/", documents.document_create_view, name="document_create"),
    path("van-ban/<int:pk>/", documents.document_detail, name="document_detail"),
    path("ke-hoach/", plans.plan_index, name="plan_index"),
    path("ke-hoach/them/", plans.plan_create_view, name="plan_create"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan_detail"),
]
