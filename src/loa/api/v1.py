"""API v1: one NinjaAPI, mounted at ``/api/v1/`` (OpenAPI at ``openapi.json``, a docs page at ``docs``)."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from loa.api import errors
from loa.api.auth import TokenAuth, TokenRateThrottle
from loa.api.endpoints import activities, documents, periods, plans, reporting, stats, units

DESCRIPTION = """API của Loa: cùng quy tắc, cùng quyền như trên web.

Mỗi yêu cầu gửi kèm mã truy cập của người dùng: `Authorization: Bearer loa_…` (tạo ở trang
"Mã truy cập API" trong trình đơn người dùng, hoặc `loa tokens create TÊN_ĐĂNG_NHẬP --json`).
Người dùng chỉ thấy dữ liệu của các đơn vị mình được xem và chỉ ghi được ở đơn vị được phân công;
mọi thao tác ghi được ghi nhật ký dưới tên họ. Danh sách chia trang bằng `trang` và `so_dong`.
Lỗi luôn có dạng `{"code": …, "message": …}`; số yêu cầu mỗi mã được gửi có giới hạn (429).
"""

api = NinjaAPI(
    title="Loa API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    docs=Swagger(settings={"persistAuthorization": False}),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)
for module in (units, documents, plans, activities, stats, periods, reporting):
    api.add_router("/", module.router)
