"""Web URLs. Every view requires a signed-in user; tests/web/test_url_access.py walks them all."""

from django.contrib.auth import views as auth_views
from django.urls import path

from loa.web.views import (
    activities,
    auth,
    check,
    dashboard,
    documents,
    guide,
    ingest,
    orientations,
    plans,
    reports,
    work,
)

app_name = "web"
urlpatterns = [
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", auth.home, name="home"),
    path("huong-dan/", guide.user_guide, name="user_guide"),
    path("kiem-tra-the-thuc/", check.format_check, name="format_check"),
    path("don-vi/<slug:code>/", dashboard.unit_dashboard, name="unit_dashboard"),
    path("don-vi/<slug:code>/bao-cao/", reports.report_workspace, name="report_workspace"),
    path("don-vi/<slug:code>/bao-cao/tai-ve.<str:fmt>", reports.report_download, name="report_download"),
    path("don-vi/<slug:code>/bao-cao/ban-hanh/", reports.report_issue_view, name="report_issue"),
    path("don-vi/<slug:code>/bieu-do.xlsx", dashboard.unit_chart_xlsx, name="unit_chart_xlsx"),
    path("dinh-huong/", orientations.orientation_home, name="orientation_home"),
    path("don-vi/<slug:code>/dinh-huong/", orientations.orientation_sent, name="orientation_sent"),
    path("don-vi/<slug:code>/dinh-huong/gui/", orientations.orientation_send_view, name="orientation_send"),
    path(
        "don-vi/<slug:code>/dinh-huong/da-nhan/",
        orientations.orientation_received,
        name="orientation_received",
    ),
    path(
        "don-vi/<slug:code>/dinh-huong/<int:pk>/xac-nhan/",
        orientations.orientation_acknowledge_view,
        name="orientation_acknowledge",
    ),
    path(
        "don-vi/<slug:code>/dinh-huong/bao-phu/",
        orientations.orientation_coverage_view,
        name="orientation_coverage",
    ),
    path("hoat-dong/", activities.activity_index, name="activity_index"),
    path("hoat-dong/them/", activities.activity_create, name="activity_create"),
    path("hoat-dong/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", activities.activity_edit, name="activity_edit"),
    path("hoat-dong/<int:pk>/xoa/", activities.activity_remove, name="activity_remove"),
    path("hoat-dong/mau-excel/", work.activity_template, name="activity_template"),
    path("hoat-dong/nhap-excel/", work.activity_import, name="activity_import"),
    path("hoat-dong/xuat/", work.activity_export, name="activity_export"),
    path("don-vi/<slug:code>/tin-cho-xac-nhan/", work.unit_drafts, name="unit_drafts"),
    path("don-vi/<slug:code>/nguon-tin/", work.unit_feeds, name="unit_feeds"),
    path("tin-cho-xac-nhan/<int:pk>/xac-nhan/", work.draft_confirm_view, name="draft_confirm"),
    path("tin-cho-xac-nhan/<int:pk>/bo-qua/", work.draft_discard_view, name="draft_discard"),
    path("van-ban/", documents.document_index, name="document_index"),
    path("van-ban/them/", documents.document_create_view, name="document_create"),
    path("van-ban/<int:pk>/", documents.document_detail, name="document_detail"),
    path("nhap-van-ban/", ingest.ingest_upload, name="ingest_upload"),
    path("nhap-van-ban/<slug:code>/", ingest.ingest_preview, name="ingest_preview"),
    path("nhap-van-ban/<slug:code>/<int:pk>/", ingest.ingest_row, name="ingest_row"),
    path("ke-hoach/", plans.plan_index, name="plan_index"),
    path("ke-hoach/them/", plans.plan_create_view, name="plan_create"),
    path("ke-hoach/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/nhiem-vu/them/", plans.plan_task_add, name="plan_task_add"),
    path("nhiem-vu/<int:pk>/tinh-trang/", plans.task_status, name="task_status"),
]
