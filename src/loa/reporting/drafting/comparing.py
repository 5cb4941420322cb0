"""The report's "cùng kỳ năm trước" and its imported figures (ADR 0029): the figures read from old
reports added to the period's own, and the sentence comparing the period with the year before,
naming the predecessor units when lineage stood in. Used by :mod:`loa.reporting.drafting.body`."""

from __future__ import annotations

from dataclasses import replace

from loa.activities.comparison import Comparison
from loa.activities.selectors import ChannelFigure
from loa.plans.models import Channel
from loa.reporting.drafting.wording import _lower_first, _qty


def with_imported(figures: list[ChannelFigure], extra: dict[str, int]) -> list[ChannelFigure]:
    """``figures`` with what imported figures add (a channel only imported gets its own line)."""
    if not extra:
        return figures
    out = [replace(f, actual=f.actual + extra.get(f.channel, 0)) for f in figures]
    listed = {f.channel for f in figures}
    missing = Channel.objects.filter(code__in=set(extra) - listed).order_by("sort_order", "code")
    return out + [
        ChannelFigure(channel=c.code, name=c.name, measure=c.measure, target=None, actual=extra[c.code])
        for c in missing
    ]


def previous_suffix(f: ChannelFigure, comparison: Comparison | None) -> str:
    """ "; cùng kỳ năm 2024: 10 tin, bài" for a statistics line ("" without a comparison, or when
    nothing was done in that channel a year before: a line of zeros says nothing and lengthens the
    report)."""
    if comparison is None or not comparison.values.get(f.channel, 0):
        return ""
    return f"; cùng kỳ năm {comparison.year}: {_qty(comparison.values.get(f.channel, 0))} {f.measure}"


def comparison_sentence(figures: list[ChannelFigure], comparison: Comparison) -> str:
    """The editable paragraph: each channel worked in either year, up or down against the year before."""
    parts = []
    for f in figures:
        before = comparison.values.get(f.channel, 0)
        if not (f.actual or before):
            continue
        diff = f.actual - before
        if diff == 0:
            change = "bằng cùng kỳ"
        else:
            change = f"{'tăng' if diff > 0 else 'giảm'} {_qty(abs(diff))} {f.measure}"
        parts.append(f"{_lower_first(f.name)}: {_qty(f.actual)} {f.measure}, {change}")
    if not parts:
        return ""
    return f"So với {comparison.label}: " + "; ".join(parts) + "."
