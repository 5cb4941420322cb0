"""The user guide (hướng dẫn sử dụng), shipped inside the package and shown at /huong-dan/.

The guide is written in ``docs/huong-dan-su-dung.md``; ``huong-dan-su-dung.md`` here is a link to
it, which a wheel build copies as a file (package data), so an installed Loa has its guide.

The guide is plain Markdown kept small on purpose: headings, paragraphs, bullet and numbered
lists, **bold**, `code` and [links](…). A few lines render that; no Markdown library is needed.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

GUIDE_FILE = "huong-dan-su-dung.md"

_HEADING = re.compile(r"(#{1,4})\s+(.*)")
_BULLET = re.compile(r"[-*]\s+(.*)")
_NUMBERED = re.compile(r"\d+[.)]\s+(.*)")
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\(((?:https?://|/|#)[^)\s]*)\)")


def _inline(text: str) -> str:
    """Escape the text, then turn `code`, **bold** and [links](…) into HTML (code first, kept verbatim)."""
    pieces = _CODE.split(text)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(f"<code>{escape(piece)}</code>")
            continue
        html = str(escape(piece))
        html = _BOLD.sub(r"<strong>\1</strong>", html)
        html = _LINK.sub(r'<a href="\2">\1</a>', html)
        out.append(html)
    return "".join(out)


def render_inline(text: str) -> SafeString:
    """HTML for one line of the guide's Markdown (`code`, **bold**, links): a table cell, a label."""
    return mark_safe(_inline(text))  # _inline escapes the text before adding tags


def render_markdown(text: str) -> SafeString:
    """HTML for the guide's Markdown subset. Continuation lines (indented) join the item above."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if items:
            body = "".join(f"<li>{_inline(item)}</li>" for item in items)
            blocks.append(f"<{list_tag}>{body}</{list_tag}>")
            items.clear()
        list_tag = ""

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close_paragraph()
            close_list()
            continue
        if heading := _HEADING.fullmatch(line):
            close_paragraph()
            close_list()
            level = len(heading[1])
            blocks.append(f"<h{level}>{_inline(heading[2])}</h{level}>")
            continue
        bullet = _BULLET.fullmatch(line)
        numbered = None if bullet else _NUMBERED.fullmatch(line)
        if bullet or numbered:
            close_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                close_list()
            list_tag = tag
            items.append((bullet or numbered)[1])
            continue
        if items and raw[:1].isspace():
            items[-1] += " " + line
            continue
        close_list()
        paragraph.append(line)
    close_paragraph()
    close_list()
    return mark_safe("\n".join(blocks))


@cache
def guide_html() -> SafeString:
    """The packaged guide as HTML (read once per process)."""
    text = resources.files(__package__).joinpath(GUIDE_FILE).read_text(encoding="utf-8")
    return render_markdown(text)
