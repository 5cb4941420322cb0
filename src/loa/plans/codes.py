"""The catalogue codes Loa's behaviour depends on, and the only place code names one.

Everything else about a channel or content area (name, order, measure, report sentence, Biểu 02 row
and column, whether news-feed items go to it) is a catalogue row an administrator edits; the seed
rows themselves are data in :mod:`loa.plans.catalogue` and the demo.
"""

from __future__ import annotations

from typing import Final

# Channel whose work a report writes under "Công tác chỉ đạo, điều hành" with the orientations sent,
# not as a line of the communication section.
ORIENTATION: Final = "ORIENTATION"
