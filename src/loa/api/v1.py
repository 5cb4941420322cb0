"""API v1: one NinjaAPI, mounted at ``/api/v1/`` (OpenAPI at ``openapi.json``, a docs page at ``docs``)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from loa.api import errors
from loa.api.auth import TokenAuth, TokenRateThrottle
from loa.api.docs import VietnameseDocs
from loa.api.endpoints import activities, documents, periods, plans, reporting, scoring, stats, units
from loa.api.help import describe_schema

DESCRIPTION = """API của Loa: cùng quy tắc, cùng quyền như trên web.

Mỗi yêu cầu gửi kèm mã truy cập của người dùng: `Authorization: Bearer loa_…` (tạo ở trang
"Mã truy cập API" trong trình đơn người dùng, hoặc `loa tokens create TÊN_ĐĂNG_NHẬP --json`).
Người dùng chỉ thấy dữ liệu của các đơn vị mình được xem và chỉ ghi được ở đơn vị được phân công;
mọi thao tác ghi được ghi nhật ký dưới tên họ. Danh sách chia trang bằng `trang` và `so_dong`.
Lỗi luôn có dạng `{"code": …, "message": …}`; số yêu cầu mỗi mã được gửi có giới hạn (429).
"""


class LoaAPI(NinjaAPI):
    """Ninja's API whose OpenAPI document carries Vietnamese words for every part (:mod:`loa.api.help`)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        describe_schema(schema)
        return schema


api = LoaAPI(
    title="Loa API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
    docs=VietnameseDocs(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)
for module in (units, documents, plans, activities, stats, periods, reporting, scoring):
    api.add_router("/", module.router)
