"""``loa demo``: load the founding report's world (idempotent); ``--reset`` rebuilds it."""

from django.core.management.base import BaseCommand

from loa.demo import loader as demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: Phòng Văn hoá và Thông tin thị xã Hương Trà năm 2022 và đơn vị sau sắp xếp 2025."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Xoá những gì dữ liệu mẫu đã tạo (giữ dữ liệu khác và nhật ký) rồi nạp lại.",
        )

    def handle(self, *args, reset=False, **options):
        if reset:
            demo.demo_reset()
        if demo.is_loaded():
            self.stdout.write("Dữ liệu mẫu đã có sẵn; không nạp lại (dùng --reset để nạp lại từ đầu).")
        else:
            counts = demo.demo_load()
            self.stdout.write(
                f"Đã nạp dữ liệu mẫu: {counts['units']} đơn vị, {counts['documents']} văn bản, "
                f"{counts['activities']} hoạt động, {counts['users']} tài khoản."
            )
        self.stdout.write(f"Tài khoản mẫu (mật khẩu chung: {demo.DEMO_PASSWORD}):")
        for username, name, unit_code, role in demo.USERS:
            self.stdout.write(f"  {username:<22} {role.label} — {unit_code} ({name})")
