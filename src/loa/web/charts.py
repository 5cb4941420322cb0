"""Server-side SVG charts for the dashboard: plain SVG text, no chart library.

Each chart is accessible (``role="img"``, ``aria-label``, a ``<title>``) and carries its figures in
text labels, so a screen reader, a PNG export and the XLSX download all say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from loa.core.vn import group_number

WIDTH = 720
FONT = 'font-family="Segoe UI, Roboto, Noto Sans, DejaVu Sans, Arial, sans-serif"'
COLOURS = {
    "target": "#c9d3de",
    "actual": "#0b5cad",
    "done": "#2e7d32",
    "previous": "#b26a00",
    "grid": "#e6eaef",
}


@dataclass(frozen=True)
class Bar:
    """One labelled line of a bar chart; ``target`` draws a paler bar behind ``value``; ``href``
    makes the label a link (the unit's own dashboard in the ranking)."""

    key: str
    label: str
    value: float
    target: float | None = None
    text: str = ""
    href: str = ""


def _svg(chart_id: str, title: str, height: int, body: list[str]) -> SafeString:
    t = escape(title)
    return mark_safe(
        f'<svg id="{escape(chart_id)}" class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{t}" viewBox="0 0 {WIDTH} {height}" width="100%" {FONT} font-size="13">'
        f'<title>{t}</title><rect width="{WIDTH}" height="{height}" fill="#fff"/>' + "".join(body) + "</svg>"
    )


def _short(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hbar_chart(
    chart_id: str, title: str, bars: list[Bar], *, label_width: int = 310, actual_label: str = "Thực hiện"
) -> SafeString:
    """Horizontal bars: a pale target bar with the actual bar over it, the figures written at the end.

    ``actual_label`` names the actual bar in the legend ("Lũy kế" when it counts the year to date).
    """
    row = 30
    top = 10
    height = top + row * max(len(bars), 1) + 30
    plot = WIDTH - label_width - 150
    scale_max = max([b.value for b in bars] + [b.target or 0 for b in bars] + [1])
    body: list[str] = []
    for i, b in enumerate(bars):
        y = top + i * row
        style = f'fill="{COLOURS["actual"]}" text-decoration="underline"' if b.href else 'fill="#1d2733"'
        label = (
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end" {style}>'
            f"<title>{escape(b.label)}</title>{escape(_short(b.label))}</text>"
        )
        body.append(f'<a href="{escape(b.href)}">{label}</a>' if b.href else label)
        if b.target:
            w = plot * b.target / scale_max
            body.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="20" fill="{COLOURS["target"]}"/>'
            )
        w = plot * b.value / scale_max
        colour = COLOURS["done"] if b.target and b.value >= b.target else COLOURS["actual"]
        body.append(
            f'<rect class="bar-actual" data-key="{escape(b.key)}" x="{label_width}" y="{y + 8}" '
            f'width="{w:.1f}" height="12" fill="{colour}"/>'
        )
        end = label_width + plot * max(b.value, b.target or 0) / scale_max + 6
        body.append(
            f'<text class="bar-label" data-key="{escape(b.key)}" x="{end:.1f}" y="{y + 18}" '
            f'fill="#1d2733">{escape(b.text)}</text>'
        )
    if not bars:
        body.append(
            f'<text x="{WIDTH / 2}" y="30" text-anchor="middle" fill="#5b6776">Chưa có số liệu</text>'
        )
    legend_y = height - 10
    if any(b.target for b in bars):
        body.append(
            f'<rect x="{label_width}" y="{legend_y - 10}" width="14" height="10" fill="{COLOURS["target"]}"/>'
            f'<text x="{label_width + 20}" y="{legend_y}">Chỉ tiêu</text>'
            f'<rect x="{label_width + 90}" y="{legend_y - 10}" width="14" height="10" fill="{COLOURS["actual"]}"/>'
            f'<text x="{label_width + 110}" y="{legend_y}">{escape(actual_label)}</text>'
            f'<rect x="{label_width + 190}" y="{legend_y - 10}" width="14" height="10" fill="{COLOURS["done"]}"/>'
            f'<text x="{label_width + 210}" y="{legend_y}">Đạt chỉ tiêu</text>'
        )
    return _svg(chart_id, title, height, body)


def month_chart(
    chart_id: str,
    title: str,
    labels: list[str],
    values: list[int],
    previous: list[int],
    previous_label: str = "Cùng kỳ năm trước",
) -> SafeString:
    """Columns per month for this period, with last year's months as a line of dots for comparison."""
    height = 260
    left, bottom, top = 40, 220, 20
    n = max(len(labels), 1)
    step = (WIDTH - left - 20) / n
    scale_max = max(values + previous + [1])
    body = [f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" stroke="#9aa6b4"/>']
    points = []
    for i, (label, v, p) in enumerate(zip(labels, values, previous, strict=True)):
        x = left + i * step
        h = (bottom - top) * v / scale_max
        body.append(
            f'<rect class="bar-actual" data-key="{escape(label)}" x="{x + step * 0.2:.1f}" y="{bottom - h:.1f}" '
            f'width="{step * 0.6:.1f}" height="{h:.1f}" fill="{COLOURS["actual"]}"/>'
        )
        body.append(
            f'<text class="bar-label" data-key="{escape(label)}" x="{x + step / 2:.1f}" y="{bottom - h - 4:.1f}" '
            f'text-anchor="middle">{group_number(v)}</text>'
        )
        body.append(
            f'<text x="{x + step / 2:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#5b6776">{escape(label)}</text>'
        )
        points.append(f"{x + step / 2:.1f},{bottom - (bottom - top) * p / scale_max:.1f}")
    if points:
        body.append(
            f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOURS["previous"]}" '
            'stroke-width="2" stroke-dasharray="4 3"/>'
        )
    body.append(
        f'<rect x="{left}" y="{height - 14}" width="14" height="10" fill="{COLOURS["actual"]}"/>'
        f'<text x="{left + 20}" y="{height - 5}">Năm nay</text>'
        f'<line x1="{left + 100}" y1="{height - 9}" x2="{left + 124}" y2="{height - 9}" '
        f'stroke="{COLOURS["previous"]}" stroke-width="2" stroke-dasharray="4 3"/>'
        f'<text x="{left + 130}" y="{height - 5}">{escape(previous_label)}</text>'
    )
    return _svg(chart_id, title, height, body)
