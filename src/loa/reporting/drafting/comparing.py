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


# At most this many channels are named for each direction; the lines above give every figure.
_NAMED = 3


def comparison_sentence(figures: list[ChannelFigure], comparison: Comparison) -> str:
    """The editable paragraph: how many channels went up and down against the year before, naming
    the largest changes (each statistics line above already gives both years' figures)."""
    up: list[tuple[int, str]] = []
    down: list[tuple[int, str]] = []
    same = 0
    for f in figures:
        before = comparison.values.get(f.channel, 0)
        if not (f.actual or before):
            continue
        diff = f.actual - before
        if diff == 0:
            same += 1
            continue
        words = f"{_lower_first(f.name)} {'tăng' if diff > 0 else 'giảm'} {_qty(abs(diff))} {f.measure}"
        (up if diff > 0 else down).append((abs(diff), words))
    parts = [_direction(up, "tăng"), _direction(down, "giảm")]
    if same:
        parts.append(f"{same} hình thức bằng cùng kỳ")
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return f"So với {comparison.label}: " + "; ".join(parts) + "."


def _direction(changes: list[tuple[int, str]], verb: str) -> str:
    if not changes:
        return ""
    changes.sort(key=lambda c: -c[0])
    named = [words for _, words in changes[:_NAMED]]
    rest = len(changes) - len(named)
    more = f" và {rest} hình thức khác" if rest else ""
    return f"{len(changes)} hình thức {verb} ({', '.join(named)}{more})"
