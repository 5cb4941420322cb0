"""Who a document goes to and who signs it: "Kính gửi", "Nơi nhận" and the signature block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from loa.ingest.parse.text import Line, Prepared, Segment, fold_text, is_upper_text
from loa.nd30.spec import Authority, Signature

__all__ = ["Parties", "parse_addressees", "parse_recipients", "parse_signature"]

Span = tuple[int, int]

_KINH_GUI_RE: Final = re.compile(r"^kinh\s*gui\s*:?\s*")
_NOI_NHAN_RE: Final = re.compile(r"^noi\s*nhan\s*:?\s*")
_ITEM_RE: Final = re.compile(r"^\s*[-+•*·]\s*")
_PREFIX_RE: Final = re.compile(r"^(TM|KT|TL|TUQ|Q)\s*\.\s*", re.IGNORECASE)
_TITLE_WORDS_RE: Final = re.compile(
    r"^(?:(?:tm|kt|tl|tuq|q)\s*\.|pho\b|chu tich|giam doc|truong\b|chanh\b|bo truong|thu truong|"
    r"hieu truong|tong giam doc|cuc truong|vien truong|bi thu|thu tuong|chanh an|vien truong|"
    r"truong ban|truong phong|ke toan truong|chu nhiem|tong cuc truong|chi cuc truong|"
    r"giam doc so|uy vien|thu ky|nguoi ky|quyen)"
)
_SIGNED_RE: Final = re.compile(r"^[(\[]?\s*(?:da ky|ky|ky ten|ky,|ky va|ky ghi|chu ky|signed)[^)\]]*[)\]]?$")
_NAME_WORD_RE: Final = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")
_END_PUNCT_RE: Final = re.compile(r"\s*[;,.]+\s*$")
_END_DOT_RE: Final = re.compile(r"\s+\.$")
_ENDS_CLAUSE_RE: Final = re.compile(r"[.;:]$")
_ENDS_ITEM_RE: Final = re.compile(r"[;.]$")
_BODY_ITEM_RE: Final = re.compile(r"^(?:[a-zđ]\)|\d+[.)]|[IVXL]+\.|[-+•])\s")
# Family names that open most Vietnamese names: an upper-case line starting with one is a name.
_SURNAMES: Final = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh dao doan lam mai trinh "
    "truong ha cao luong luu ta thai tong quach chu la kieu van nong tang vuong khuc cu au giang".split()
)


@dataclass
class Parties:
    """Addressees, recipients and signature with their spans."""

    addressees: list[str] | None = None
    recipients: list[str] | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    signature: Signature | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    recipients_line: int | None = None
    signature_end_line: int | None = None
    signature_line: int | None = None


def _strip_item(text: str) -> str:
    text = _ITEM_RE.sub("", text).strip()
    text = _END_PUNCT_RE.sub("", text).strip()
    text = _END_DOT_RE.sub("", text)
    return text


def parse_addressees(p: Prepared, start: int, end: int) -> tuple[list[str] | None, Span | None, int | None]:
    """The "Kính gửi" list in lines ``start``–``end``; also returns the last line index used."""
    for line in p.lines[start:end]:
        if not line.segments:
            continue
        seg = line.segments[0]
        folded = p.folded[seg.start : seg.end]
        match = _KINH_GUI_RE.match(folded)
        if not match:
            continue
        items: list[str] = []
        # "Kính gửi:<tab>- Công ty A;": the first addressee may sit in the next column of the line.
        first = p.value(seg.start + match.end(), line.end).replace(" | ", " ").strip(" |")
        span_end = seg.end
        if first:
            items.append(first)
        last = line.index
        for nxt in p.lines[line.index + 1 : min(end, line.index + 15)]:
            if not nxt.segments:
                # A blank line ends the list unless a "- X;" item promises another one.
                if items and not (_ITEM_RE.match(items[-1]) and items[-1].rstrip().endswith(";")):
                    break
                continue
            text = p.line_text(nxt)
            # "- X;" items follow a bare "Kính gửi:" or a first item that is itself "- X;"; after
            # "Kính gửi: X" (one addressee on the line) a dash opens the body.
            if _ITEM_RE.match(text) and (not first or _ITEM_RE.match(first)):
                items.append(text)
            elif items and _addressee_continues(items[-1], text):
                items[-1] = f"{items[-1]} {text}"
            else:
                break
            span_end = nxt.end
            last = nxt.index
            if text.rstrip().endswith(".") and not text.rstrip().endswith("./."):
                break
        if len(items) == 1 and ";" in items[0].rstrip(" ;."):
            items = [part for part in items[0].split(";") if part.strip()]
        cleaned = [_strip_item(i) for i in items]
        cleaned = [c for c in cleaned if c]
        return (cleaned or None), (line.start, span_end), last
    return None, None, None


def _addressee_continues(previous: str, text: str) -> bool:
    """A wrapped "Kính gửi" entry: the line above stops mid-phrase, or this one starts in lower case."""
    previous = previous.rstrip()
    if _ENDS_CLAUSE_RE.search(previous) or len(text) > 120:
        return False
    if _BODY_ITEM_RE.match(text):
        return False  # a numbered heading or an item of the body
    return previous.endswith((",", " và", " các", " của")) or text[:1].islower()


def _left_segment(line: Line) -> Segment | None:
    if not line.segments:
        return None
    seg = line.segments[0]
    return seg if seg.col == 0 else None


def parse_recipients(p: Prepared, start: int) -> tuple[list[str] | None, Span | None, int | None]:
    """The "Nơi nhận" list after line ``start``: items without "-" and end punctuation."""
    for line in p.lines[start:]:
        if not line.segments:
            continue
        seg = line.segments[0]
        match = _NOI_NHAN_RE.match(p.folded[seg.start : seg.end])
        if not match:
            continue
        items: list[str] = []
        rest = p.value(seg.start + match.end(), seg.end)
        if rest and _ITEM_RE.match(rest):
            items.append(rest)
        span_end = seg.end
        base_indent = None
        for nxt in p.lines[line.index + 1 :]:
            if not nxt.segments:
                if items and _ends_item(items[-1], final=True):
                    break
                continue
            left = _left_segment(nxt)
            if left is None:
                continue  # only the signature column on this line
            text = p.seg_text(left)
            if _ITEM_RE.match(text) or (
                (not items or (_ends_item(items[-1]) and not _ends_item(items[-1], final=True)))
                and _ENDS_ITEM_RE.search(text)
                and not is_upper_text(text)
                and len(text) < 120
            ):
                # An item: "- X;" or, in lists typed without dashes, a line ending in ";" or ".".
                items.append(text)
                base_indent = nxt.indent if base_indent is None else base_indent
            elif items and not _ends_item(items[-1]) and _continues(p, text, nxt, base_indent):
                items[-1] = f"{items[-1]} {text}"
            elif (
                items
                and text.startswith("(")
                and len(text) < 30
                and items[-1].rstrip().endswith(".")
                and not _SIGNED_RE.match(p.seg_fold(left))
                and (base_indent is None or nxt.indent <= base_indent + 8)
            ):
                items[-1] = f"{items[-1].rstrip().rstrip('.').rstrip()} {text}"
            else:
                break
            span_end = left.end
            if _ends_item(items[-1], final=True):
                # Items after a final "." are rare; peek once for a wrapped "(…)".
                continue
        cleaned = [_strip_item(i) for i in items]
        cleaned = [c for c in cleaned if c]
        return (cleaned or None), (line.start, span_end), line.index
    return None, None, None


def _ends_item(text: str, final: bool = False) -> bool:
    text = text.rstrip()
    return text.endswith(".") if final else text.endswith((";", "."))


def _continues(p: Prepared, text: str, line: Line, base_indent: int | None) -> bool:
    if is_upper_text(text) and len(text) > 3:
        return False
    if base_indent is not None and line.indent > base_indent + 8:
        return False
    return len(text) < 160


def _is_title_line(p: Prepared, seg: Segment) -> bool:
    text = p.seg_text(seg)
    return (
        len(text) <= 70 and is_upper_text(text, 0.9) and not _ITEM_RE.match(text) and not text.startswith("(")
    )


def _looks_like_name(text: str) -> bool:
    words = text.replace(".", " ").split()
    if not 2 <= len(words) <= 6 or len(text) > 50 or len(words[0]) < 2:
        return False
    if all(_NAME_WORD_RE.match(w) for w in words):
        return True
    # "NGUYỄN VĂN A" in capitals: only when it opens with a family name.
    return text.isupper() and fold_text(words[0].lower()) in _SURNAMES and all(w.isalpha() for w in words)


def parse_signature(p: Prepared, start: int, stop: int | None = None, *, skip: Span | None = None) -> Parties:
    """Signature block from line ``start`` on: title lines (with TM./KT./TL./TUQ./Q.) and the name.

    ``skip`` is the span of the "Nơi nhận" list, whose left-column lines sit beside the signature.
    """
    out = Parties()
    lines = p.lines[start : stop if stop is not None else len(p.lines)]
    titles: list[tuple[str, Segment]] = []
    for line in lines:
        for seg in line.segments:
            text = p.seg_text(seg)
            folded = p.seg_fold(seg)
            if _NOI_NHAN_RE.match(folded) or _ITEM_RE.match(text):
                continue
            if skip and seg.col == 0 and skip[0] <= seg.start < skip[1]:
                continue
            if seg.col == 0 and len(line.segments) > 1 and not titles:
                continue  # a recipients item beside the signature column
            if titles and text.isupper() and _looks_like_name(text) and not _TITLE_WORDS_RE.match(folded):
                return _found(out, p, titles, seg, line)
            if _is_title_line(p, seg):
                if titles and not _TITLE_WORDS_RE.match(folded):
                    prev, first_seg = titles[-1]
                    titles[-1] = (f"{prev} {text}", first_seg)
                else:
                    titles.append((text, seg))
                continue
            if titles:
                if _SIGNED_RE.match(folded) or not folded.strip("()[] ."):
                    continue
                if _looks_like_name(text):
                    return _found(out, p, titles, seg, line)
                if seg.col == 0 and len(line.segments) > 1:
                    continue
                titles = []
    return out


def _found(out: Parties, p: Prepared, titles: list[tuple[str, Segment]], seg: Segment, line: Line) -> Parties:
    text = p.seg_text(seg)
    out.signer_title = " / ".join(" ".join(t.split()) for t, _ in titles)
    out.signer_name = text
    out.spans["signer_title"] = (titles[0][1].start, titles[-1][1].end)
    out.spans["signer_name"] = (seg.start, seg.end)
    out.signature = _signature(out.signer_title, text)
    out.signature_end_line = line.index
    out.signature_line = titles[0][1].line
    return out


def _signature(title: str, name: str) -> Signature:
    lines = [x.strip() for x in title.split(" / ") if x.strip()]
    authority: Authority | None = None
    on_behalf: str | None = None
    signing_for: str | None = None
    first = _PREFIX_RE.match(lines[0])
    if first and len(lines) >= 2:
        authority = Authority(first.group(1).upper() + ".")
        on_behalf = lines[0][first.end() :].strip()
        rest = lines[1:]
        if len(rest) >= 2:
            second = _PREFIX_RE.match(rest[0])
            if second and second.group(1).upper() == "KT":
                signing_for = rest[0][second.end() :].strip()
                rest = rest[1:]
        own = " / ".join(rest)
    elif first:
        authority = Authority(first.group(1).upper() + ".")
        own = lines[0][first.end() :].strip()
    else:
        own = " / ".join(lines)
    return Signature(
        title=own, name=name, authority=authority, on_behalf_of=on_behalf, signing_for=signing_for
    )
