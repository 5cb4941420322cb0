"""``loa serve``: run Loa under gunicorn with static files served (``--dev``: Django's reloading server).

Listens on ``LOA_HOST``:``LOA_PORT`` (default 127.0.0.1:8000).
"""

import os
import shutil
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Chạy Loa (gunicorn; --dev: máy chủ phát triển tự nạp lại mã)."

    def add_arguments(self, parser):
        parser.add_argument("--dev", action="store_true", help="Máy chủ phát triển của Django")
        parser.add_argument("--workers", type=int, default=int(os.environ.get("LOA_WORKERS", "3")))

    def handle(self, *args, dev=False, workers=3, **options):
        host = os.environ.get("LOA_HOST", "127.0.0.1")
        port = os.environ.get("LOA_PORT", "8000")
        if dev:
            call_command("runserver", f"{host}:{port}")
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or shutil.which("gunicorn")
        if not gunicorn:
            raise CommandError("Không tìm thấy gunicorn. Chạy lại `make run` để cài đặt đầy đủ.")
        self.stdout.write(f"Loa đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)")
        sys.stdout.flush()
        os.execv(
            gunicorn,
            [
                gunicorn,
                "loa.config.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--access-logfile",
                "-",
                "--chdir",
                str(settings.BASE_DIR),
            ],
        )
