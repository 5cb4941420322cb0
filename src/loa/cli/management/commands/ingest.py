"""``loa ingest FILE... --commit [--unit CODE] [--json]``: read documents and register them.

``loa ingest REPORT... --figures [--unit CODE] [--json]`` reads the figures of past communication
reports and shows them mapped to channels, writing nothing; with ``--commit`` it registers each
report and stores its figures as its unit's figures for its period (:mod:`loa.ingest.history`),
all reports or none. A figure that maps to no channel stops the import unless ``--skip-unmapped``.

Without ``--commit`` the ``loa`` script answers from the pure reader (``loa.ingest.cli``). With it,
every file is read first; if any cannot be read, nothing is registered and the exit code is 1.
Otherwise the batch is committed in one transaction (:func:`loa.ingest.services.ingest_commit`) and
the command prints what was created, completed, merged and stubbed.
"""

import contextlib
import json
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from loa.cli.actors import add_as_argument, command_actor
from loa.core.errors import DomainError
from loa.ingest.history import report_figures_commit, report_figures_preview
from loa.ingest.pipeline import ingest_file
from loa.ingest.readers import DEFAULT_MAX_BYTES
from loa.ingest.services import ingest_commit
from loa.organizations.selectors import unit_get

_SECTIONS = (
    ("created", "Văn bản mới vào sổ"),
    ("completed", "Văn bản đã biết qua trích dẫn, nay bổ sung đầy đủ"),
    ("merged", "Văn bản đã có trong sổ (gộp, không tạo trùng)"),
    ("stubs", "Văn bản được trích dẫn, mới ghi nhận số ký hiệu"),
)


class Command(BaseCommand):
    help = "Đọc văn bản (TXT, MD, DOCX, DOC, PDF) và vào sổ văn bản trong một lần (tất cả hoặc không)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="tệp TXT, MD, DOCX, DOC hoặc PDF")
        parser.add_argument("--commit", action="store_true", help="vào sổ văn bản (bắt buộc với lệnh này)")
        parser.add_argument("--unit", help="mã đơn vị ban hành khi tên cơ quan trùng tên đơn vị này")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        parser.add_argument(
            "--figures",
            action="store_true",
            help="đọc số liệu của báo cáo cũ làm số liệu các năm trước (không có --commit: chỉ xem trước)",
        )
        parser.add_argument(
            "--skip-unmapped",
            action="store_true",
            help="bỏ các số liệu không khớp hình thức tuyên truyền nào",
        )
        add_as_argument(parser)

    def handle(self, *args, files, commit, unit, json: bool, as_user, figures, skip_unmapped, **options):
        if figures:
            self._figures(files, commit=commit, unit=unit, as_json=json, as_user=as_user, skip=skip_unmapped)
            return
        if not commit:
            raise CommandError("Thêm --commit để vào sổ; chỉ đọc thì dùng: loa ingest TỆP --json")
        actor = command_actor(as_user)
        try:
            issuer_unit = unit_get(code=unit) if unit else None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        extractions, errors = [], []
        for name in files:
            try:
                extractions.append(ingest_file(name, max_bytes=DEFAULT_MAX_BYTES))
            except DomainError as exc:
                errors.append({"file": name, "error": {"code": exc.code, "message": exc.message}})
            except Exception:
                errors.append(
                    {
                        "file": name,
                        "error": {"code": "ingest.internal", "message": "Lỗi không mong đợi khi đọc tệp."},
                    }
                )
        if errors:
            self._fail(errors, json)
        with contextlib.ExitStack() as stack:
            stored = [File(stack.enter_context(open(name, "rb")), name=Path(name).name) for name in files]
            try:
                result = ingest_commit(
                    actor=actor, extractions=extractions, issuer_unit=issuer_unit, files=stored
                )
            except DomainError as exc:
                self._fail([{"file": None, "error": {"code": exc.code, "message": exc.message}}], json)
        payload = result.as_dict()
        if json:
            self.stdout.write(_dumps(payload))
            return
        for key, title in _SECTIONS:
            rows = payload[key]
            self.stdout.write(f"{title}: {len(rows)}")
            for row in rows:
                when = f" ngày {row['date']}" if row["date"] else ""
                self.stdout.write(f"  - {row['kind']} {row['symbol'] or '(chưa số)'}{when} — {row['issuer']}")
        self.stdout.write(f"Trích dẫn đã ghi nhận: {payload['citations']}")

    def _figures(self, files, *, commit: bool, unit, as_json: bool, as_user, skip: bool) -> None:
        actor = command_actor(as_user)
        try:
            the_unit = unit_get(code=unit) if unit else None
        except DomainError as exc:
            raise CommandError(exc.message) from None
        extractions, errors = [], []
        for name in files:
            try:
                extractions.append(ingest_file(name, max_bytes=DEFAULT_MAX_BYTES))
            except DomainError as exc:
                errors.append({"file": name, "error": {"code": exc.code, "message": exc.message}})
        if errors:
            self._fail(errors, as_json)
        payload = []
        with contextlib.ExitStack() as stack:
            try:
                with transaction.atomic():
                    for name, extraction in zip(files, extractions, strict=True):
                        if not commit:
                            preview = report_figures_preview(user=actor, extraction=extraction, unit=the_unit)
                            payload.append({"file": name, **preview.as_dict()})
                            continue
                        stored = File(stack.enter_context(open(name, "rb")), name=Path(name).name)
                        _, preview, saved = report_figures_commit(
                            actor=actor, extraction=extraction, unit=the_unit, skip_unmapped=skip, file=stored
                        )
                        payload.append(
                            {
                                "file": name,
                                **preview.as_dict(),
                                "stored": [
                                    {"channel": f.channel.code, "quantity": f.quantity} for f in saved
                                ],
                            }
                        )
            except DomainError as exc:
                self._fail([{"file": name, "error": {"code": exc.code, "message": exc.message}}], as_json)
        if as_json:
            self.stdout.write(_dumps(payload[0] if len(payload) == 1 else payload))
            return
        for item in payload:
            head = "Đã nhập số liệu" if commit else "Số liệu đọc được (chưa lưu; thêm --commit để lưu)"
            self.stdout.write(
                f"{head}: {item['unit_name']} — {item['period_label']} — {item['document'] or ''}"
            )
            for f in item["figures"]:
                target = f["channel_name"] or f"CHƯA KHỚP — {f['message']}"
                self.stdout.write(f"  {f['quantity']:>6} {f['unit']:<12} → {target}")

    def _fail(self, errors: list[dict], as_json: bool) -> None:
        if as_json:
            self.stdout.write(_dumps({"errors": errors}))
        for e in errors:
            prefix = f"{e['file']}: " if e["file"] else ""
            self.stderr.write(f"Lỗi [{e['error']['code']}] {prefix}{e['error']['message']}")
        raise CommandError("Không vào sổ văn bản nào vì có lỗi ở trên.")


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
