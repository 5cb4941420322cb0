"""The evidence pack (hồ sơ minh chứng) of one unit's self-assessment: a ZIP the appraisal team
opens without Loa, with a table of contents (criterion → files and links) and the files themselves
(plans and reports as issued, activities' photos and scans), one folder per criterion."""

from __future__ import annotations

import html
import io
import re
import zipfile
from typing import Any

from django.core.files.storage import default_storage

from loa.core import vn
from loa.scoring.models import Assessment
from loa.scoring.rules import fmt
from loa.scoring.selectors import assessment_lines

TOC_NAME = "muc-luc.html"


def _safe(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", vn.fold(text)).strip("-")[:60] or "tep"


def _read(name: str) -> bytes | None:
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            data: bytes = handle.read()
            return data
    except (FileNotFoundError, OSError):
        return None


def evidence_pack(*, user: Any, assessment: Assessment) -> tuple[str, bytes]:
    """(file name, ZIP bytes) of the assessment's evidence, for a user who sees the assessed unit."""
    lines = assessment_lines(user=user, assessment=assessment)
    out = io.BytesIO()
    rows: list[str] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as pack:
        written: dict[str, str] = {}
        for line in lines:
            c = line.criterion
            if line.score is None:
                rows.append(
                    f"<tr><th colspan=4 style='text-align:left'>{html.escape(c.code)}. {html.escape(c.name)} "
                    f"(tối đa {fmt(c.max_points)} điểm)</th></tr>"
                )
                continue
            s = line.score
            items: list[str] = []
            for n, item in enumerate(s.evidence, start=1):
                label = html.escape(
                    f"{item.get('label', '')}" + (f" ({item['date']})" if item.get("date") else "")
                )
                parts = [label]
                stored = item.get("file") or ""
                if stored:
                    if stored not in written:
                        data = _read(stored)
                        if data is not None:
                            ext = stored.rsplit(".", 1)[-1].lower() if "." in stored else "bin"
                            path = f"{_safe(c.code)}/{n:03d}-{_safe(item.get('label', ''))}.{ext}"
                            pack.writestr(path, data)
                            written[stored] = path
                    if stored in written:
                        parts.append(f"<a href='{html.escape(written[stored])}'>tệp</a>")
                    else:
                        parts.append("(tệp không còn trong kho lưu trữ)")
                if item.get("url"):
                    url = html.escape(item["url"])
                    parts.append(f"<a href='{url}'>{url}</a>")
                items.append("<li>" + " — ".join(parts) + "</li>")
            rows.append(
                "<tr><td>{code}</td><td>{name}<br><small>{note}</small>{expl}</td><td>{score}/{top}</td>"
                "<td><ol>{items}</ol>{none}</td></tr>".format(
                    code=html.escape(c.code),
                    name=html.escape(c.name),
                    note=html.escape(s.note),
                    expl=f"<br><em>Giải trình: {html.escape(s.explanation)}</em>" if s.explanation else "",
                    score=fmt(s.unit_score),
                    top=fmt(c.max_points),
                    items="".join(items),
                    none="" if items else "Chưa có minh chứng trong Loa.",
                )
            )
        unit, rnd = assessment.unit, assessment.round
        toc = (
            "<!doctype html><html lang='vi'><meta charset='utf-8'>"
            f"<title>Hồ sơ minh chứng — {html.escape(unit.name)}</title>"
            f"<h1>Hồ sơ minh chứng chấm điểm chỉ số CCHC năm {rnd.criteria_set.year}</h1>"
            f"<p>{html.escape(unit.name)} — {html.escape(rnd.title)}<br>Tự chấm: {fmt(assessment.self_total)}"
            f"/{fmt(rnd.criteria_set.total_points)} điểm. Nguồn số liệu: {html.escape(assessment.figures_from)}.</p>"
            "<table border=1 cellpadding=4 style='border-collapse:collapse'>"
            "<tr><th>Mã</th><th>Tiêu chí, cách tính</th><th>Điểm</th><th>Minh chứng (tệp, đường dẫn)</th></tr>"
            + "".join(rows)
            + "</table></html>"
        )
        pack.writestr(TOC_NAME, toc)
    name = f"minh-chung-{_safe(unit.code)}-{rnd.criteria_set.year}.zip"
    return name, out.getvalue()


def pack_items(assessment: Assessment) -> dict[str, list[dict[str, Any]]]:
    """criterion code → evidence items (for the page and tests)."""
    return {s.criterion.code: list(s.evidence) for s in assessment.scores.select_related("criterion")}
