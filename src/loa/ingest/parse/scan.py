"""Fast scans for patterns that open with a zero-width test ("not after a letter", "\\b").

Python's regex engine skips ahead quickly to where a match can begin only when the pattern opens
with a literal or a set of characters; a pattern that opens with a lookbehind or ``\\b`` is tried
at every position of the text, and each try runs the test and then the first alternatives. Split
in two — the test (``guard``) and the rest (``pattern``, which opens with a letter or a digit) —
:func:`finditer_guarded` finds exactly the matches of ``guard + pattern`` at a fraction of the cost:
the engine jumps to each place ``pattern`` matches, and the guard is checked there only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["finditer_guarded", "word_alternation"]


def finditer_guarded(
    guard: re.Pattern[str], pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text[pos:endpos]`` at whose start the zero-width ``guard``
    holds, as ``re.compile(guard.pattern + pattern.pattern).finditer`` returns them.

    ``pattern`` must not match the empty string. ``guard`` sees the text before its position (a
    lookbehind at ``pos`` looks at ``text[pos - 1]``), as the joined pattern's would.
    """
    end = len(text) if endpos is None else endpos
    search = pattern.search
    check = guard.match
    while pos <= end:
        match = search(text, pos, end)
        if match is None:
            return
        start = match.start()
        if check(text, start, end) is None:
            pos = start + 1
            continue
        yield match
        pos = match.end()


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (a space matching any run of blanks) in their order, grouped
    by first character: "tin|tin bai|bai" → "t(?:in|in\\s+bai)|b(?:ai)".

    The grouped form matches what the plain alternation matches, the same word first (two words
    with different first characters never both match at one place), but the engine rejects a
    place after one comparison per first character instead of one per word.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]).replace(r"\ ", r"\s+"))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())
