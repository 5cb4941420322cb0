"""ND30 checker: reads any DOCX (Loa's own or one made in Word) and lists what breaks Nghị định 30/2020.

:func:`check_docx` returns :class:`Violation` records with a stable ``rule`` code, a Vietnamese
message and where the problem sits ("Đoạn 12: 'Số: 7/BC-VHTT'"). :func:`main` is the command
``loa check FILE.docx [--json]``: exit 0 when clean, 1 when something is wrong, 2 when the file
cannot be read as a DOCX.

Nothing is assumed about how the file was made: the header may be a table, tab-separated lines or
text boxes; fonts and sizes are resolved the way Word does (run → character style → paragraph style
chain → document defaults, theme fonts through the theme part). A theme font that cannot be
resolved counts as unknown, not as a violation.

The file is opened defensively: it must be a ZIP of at most 50 MB uncompressed, and every XML part
is parsed first with defusedxml (no DTD, no entities) before python-docx sees it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

import docx
from defusedxml import ElementTree as SafeET
from lxml import etree

from loa.core.errors import ValidationError
from loa.nd30 import layout as nd30
from loa.nd30.kinds import ALL_KINDS, kind_by_abbr

__all__ = ["MAX_UNCOMPRESSED_BYTES", "RULES", "UnreadableDocx", "Violation", "check_docx", "main"]

MAX_UNCOMPRESSED_BYTES: Final = 50 * 1024 * 1024

RULES: Final[dict[str, str]] = {
    "nd30.page_size": "Khổ giấy A4 (210 × 297 mm)",
    "nd30.orientation": "Trình bày theo chiều dài khổ A4 (khổ ngang chỉ cho bảng biểu)",
    "nd30.margins": "Lề trên, dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm",
    "nd30.font": "Phông chữ Times New Roman",
    "nd30.body_size": "Cỡ chữ phần nội dung 13–14",
    "nd30.body_justify": "Nội dung căn đều hai lề",
    "nd30.number_missing": "Có số, ký hiệu văn bản (“Số: …/…”)",
    "nd30.number_zero": "Số nhỏ hơn 10 ghi thêm số 0 phía trước",
    "nd30.symbol": "Ký hiệu viết liền, không có dấu cách, đúng dạng",
    "nd30.date_missing": "Có địa danh và thời gian ban hành",
    "nd30.date_format": "Ngày dưới 10 và tháng 1, 2 ghi thêm số 0; các tháng khác không",
    "nd30.national_name": "Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
    "nd30.motto": "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”",
    "nd30.header_style": "Kiểu chữ, cỡ chữ của Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng",
    "nd30.kind_name": "Tên loại văn bản in hoa (trừ công văn)",
    "nd30.recipients_missing": "Có mục “Nơi nhận:”",
    "nd30.archive": "Dòng cuối nơi nhận “- Lưu: VT, …”",
    "nd30.closing": "Kết thúc nội dung bằng “./.”",
    "nd30.signature": "Có chức vụ và họ tên người ký",
}

# Kind names as printed, for the kinds whose symbol carries an abbreviation (Phụ lục III).
_ALL_KIND_NAMES: Final = frozenset(kind.upper_name for kind in ALL_KINDS if kind.abbr is not None)

_NS: Final = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
_W: Final = "{" + _NS["w"] + "}"
_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=_NS)
_RUNS = etree.XPath(".//w:r[not(ancestor::mc:Fallback)]", namespaces=_NS)
_OWNER_P = etree.XPath("ancestor::w:p[1]", namespaces=_NS)
_IN_TABLE = etree.XPath("boolean(ancestor::w:tbl)", namespaces=_NS)
_IN_TEXTBOX = etree.XPath("boolean(ancestor::w:txbxContent)", namespaces=_NS)
_HAS_SECTPR = etree.XPath("boolean(w:pPr/w:sectPr)", namespaces=_NS)

_HEADER_SCAN: Final = 40  # paragraphs searched for the header block
_REPORT_CAP: Final = 10  # per-paragraph findings reported one by one, then summed up
_TOLERANCE_MM: Final = 0.3

_NUMBER_RE = re.compile(r"^\s*Số\s*:\s*(?P<rest>.*)$", re.DOTALL)
_NUMBER_NO_COLON_RE = re.compile(r"^\s*Số\s+\d+\s*/")
_SYMBOL_RE = re.compile(r"^(\d{4}/)?[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9&][A-Za-zĐđ0-9&]*)+$")
_DATE_RE = re.compile(
    r"(?P<place>[^,\n\t]*?)\s*(?P<comma>,?)\s*ngày\b\s*(?P<d>[0-9]*)[\s.…_]*"
    r"tháng\s*(?P<m>[0-9]*)[\s.…_]*năm\s*(?P<y>[0-9]*)",
    re.IGNORECASE,
)
_SEGMENT_GAP_RE = re.compile(r"\t+|\s{3,}")
_MOTTO_RE = re.compile(r"độc\s*lập\W*tự\s*do\W*hạnh\s*phúc", re.IGNORECASE)
_RECIPIENTS_RE = re.compile(r"^\s*nơi\s+nhận\s*(?P<colon>:?)", re.IGNORECASE)
_ARCHIVE_ANY_RE = re.compile(r"^[-–•+\s]*lưu\b", re.IGNORECASE)
_ARCHIVE_OK_RE = re.compile(r"^[-–•+\s]*Lưu\s*:\s*VT\b")
_AUTHORITY_RE = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s")


class UnreadableDocx(ValidationError):
    """The file is not a DOCX the checker will open (not a ZIP, too large, unsafe XML, damaged)."""

    code = "docgen.unreadable_docx"
    default_message = "Không đọc được tệp DOCX."


@dataclass(frozen=True)
class Violation:
    """One departure from Nghị định 30/2020: stable ``rule`` code, Vietnamese ``message``, ``where``."""

    rule: str
    message: str
    where: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Opening the file.


def _read_bytes(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    path = Path(source)
    try:
        size = path.stat().st_size
    except OSError:
        raise UnreadableDocx(f"Không tìm thấy tệp “{path}”.") from None
    if size > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableDocx("Tệp lớn hơn 50 MB: không kiểm tra.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableDocx(f"Không đọc được tệp “{path}”: {exc.strerror}.") from None


def _open(source: str | Path | bytes) -> Any:
    data = _read_bytes(source)
    if len(data) > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableDocx("Tệp lớn hơn 50 MB: không kiểm tra.")
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise UnreadableDocx(
            "Tệp không phải DOCX (không phải tệp nén ZIP). Hãy lưu lại bằng Word dạng .docx."
        )
    try:
        with zipfile.ZipFile(buffer) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
                raise UnreadableDocx("Tệp giải nén ra hơn 50 MB: từ chối kiểm tra (có thể là tệp độc hại).")
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise UnreadableDocx("Tệp ZIP không chứa văn bản Word (thiếu word/document.xml).")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    SafeET.fromstring(zf.read(info), forbid_dtd=True)
    except UnreadableDocx:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError):
        raise UnreadableDocx("Tệp DOCX bị hỏng (không giải nén được).") from None
    except Exception as exc:  # defusedxml: DTDForbidden, EntitiesForbidden, ParseError…
        raise UnreadableDocx(
            f"Tệp DOCX chứa XML không hợp lệ hoặc không an toàn ({type(exc).__name__})."
        ) from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise UnreadableDocx(f"Không mở được tệp DOCX ({type(exc).__name__}).") from None


# --------------------------------------------------------------------------------------------
# Style inheritance, as Word resolves it.


def _on(el: Any | None) -> bool | None:
    """Value of a toggle property element (w:b, w:i): None when absent."""
    if el is None:
        return None
    return el.get(_W + "val", "true").lower() not in {"0", "false", "off", "none"}


class _Styles:
    def __init__(self, document: Any) -> None:
        root = document.styles.element
        self.by_id: dict[str, Any] = {}
        self.default: dict[str, str] = {}
        for style in root.findall(_W + "style"):
            sid = style.get(_W + "styleId")
            if sid:
                self.by_id[sid] = style
                if style.get(_W + "default") in {"1", "true", "on"}:
                    self.default.setdefault(style.get(_W + "type", ""), sid)
        defaults = root.find(_W + "docDefaults")
        self.rpr_default = defaults.find(f"{_W}rPrDefault/{_W}rPr") if defaults is not None else None
        self.ppr_default = defaults.find(f"{_W}pPrDefault/{_W}pPr") if defaults is not None else None
        self.theme = _theme_fonts(document)
        self._chains: dict[tuple[str, str], list[Any]] = {}

    def chain(self, style_id: str | None, kind: str) -> list[Any]:
        """Style elements from the base to ``style_id`` (the default style when none is given)."""
        sid = style_id or self.default.get(kind)
        key = (sid or "", kind)
        if key in self._chains:
            return self._chains[key]
        out: list[Any] = []
        seen: set[str] = set()
        while sid and sid not in seen and sid in self.by_id and len(out) < 20:
            seen.add(sid)
            style = self.by_id[sid]
            out.append(style)
            based = style.find(_W + "basedOn")
            sid = based.get(_W + "val") if based is not None else None
        out.reverse()
        self._chains[key] = out
        return out

    def rpr_layers(self, p: Any, r: Any | None) -> list[Any]:
        """Run-property elements, lowest priority first."""
        layers = [self.rpr_default]
        ppr = p.find(_W + "pPr")
        pstyle = ppr.find(_W + "pStyle") if ppr is not None else None
        for style in self.chain(pstyle.get(_W + "val") if pstyle is not None else None, "paragraph"):
            layers.append(style.find(_W + "rPr"))
        if r is not None:
            rpr = r.find(_W + "rPr")
            rstyle = rpr.find(_W + "rStyle") if rpr is not None else None
            if rstyle is not None:
                for style in self.chain(rstyle.get(_W + "val"), "character"):
                    layers.append(style.find(_W + "rPr"))
            layers.append(rpr)
        return [x for x in layers if x is not None]

    def ppr_layers(self, p: Any) -> list[Any]:
        layers = [self.ppr_default]
        ppr = p.find(_W + "pPr")
        pstyle = ppr.find(_W + "pStyle") if ppr is not None else None
        for style in self.chain(pstyle.get(_W + "val") if pstyle is not None else None, "paragraph"):
            layers.append(style.find(_W + "pPr"))
        layers.append(ppr)
        return [x for x in layers if x is not None]

    def font(self, layers: list[Any], slot: str) -> str | None:
        """Font of ``slot`` ("ascii" or "hAnsi"); None when only an unresolvable theme font is set."""
        for rpr in reversed(layers):
            rfonts = rpr.find(_W + "rFonts")
            if rfonts is None:
                continue
            theme = rfonts.get(f"{_W}{slot}Theme")
            if theme:
                return self.theme.get("major" if theme.startswith("major") else "minor")
            name: str | None = rfonts.get(_W + slot)
            if name:
                return name
        return None

    @staticmethod
    def size(layers: list[Any]) -> float:
        for rpr in reversed(layers):
            sz = rpr.find(_W + "sz")
            if sz is not None and sz.get(_W + "val", "").isdigit():
                return int(sz.get(_W + "val")) / 2
        return 10.0  # Word's size when nothing sets one

    @staticmethod
    def toggle(layers: list[Any], tag: str) -> bool:
        for rpr in reversed(layers):
            value = _on(rpr.find(_W + tag))
            if value is not None:
                return value
        return False

    def alignment(self, p: Any) -> str:
        for ppr in reversed(self.ppr_layers(p)):
            jc = ppr.find(_W + "jc")
            if jc is not None:
                value: str = jc.get(_W + "val", "left")
                return value
        return "left"


def _theme_fonts(document: Any) -> dict[str, str]:
    """Latin major/minor fonts of the theme part, when there is one."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            try:
                root = SafeET.fromstring(rel.target_part.blob, forbid_dtd=True)
            except Exception:
                return {}
            fonts: dict[str, str] = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{{{_NS['a']}}}{kind}Font/{{{_NS['a']}}}latin")
                if latin is not None and latin.get("typeface"):
                    fonts[kind] = latin.get("typeface")
            return fonts
    return {}


# --------------------------------------------------------------------------------------------
# The document as a list of paragraphs in reading order.


@dataclass
class _Run:
    el: Any
    text: str
    start: int


@dataclass
class _Par:
    index: int
    el: Any
    text: str
    runs: list[_Run]
    in_table: bool
    in_textbox: bool
    ends_section: bool
    flat: str = field(init=False)

    def __post_init__(self) -> None:
        self.flat = " ".join(self.text.split())


def _run_text(r: Any) -> str:
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in {_W + "tab", _W + "ptab"}:
            parts.append("\t")
        elif tag in {_W + "br", _W + "cr"}:
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
    return unicodedata.normalize("NFC", "".join(parts))


def _paragraphs(root: Any, start_index: int = 1) -> list[_Par]:
    out: list[_Par] = []
    for i, p in enumerate(_PARAGRAPHS(root), start=start_index):
        runs: list[_Run] = []
        pos = 0
        for r in _RUNS(p):
            owner = _OWNER_P(r)
            if not owner or owner[0] is not p:
                continue
            text = _run_text(r)
            runs.append(_Run(r, text, pos))
            pos += len(text)
        out.append(
            _Par(
                index=i,
                el=p,
                text="".join(run.text for run in runs),
                runs=runs,
                in_table=bool(_IN_TABLE(p)),
                in_textbox=bool(_IN_TEXTBOX(p)),
                ends_section=bool(_HAS_SECTPR(p)),
            )
        )
    return out


def _segment_starts(text: str) -> list[int]:
    """Where a header item may begin: the paragraph start and after tabs or long runs of spaces
    (headers typed with tabs put "Số: …" and the date on one line)."""
    starts = [len(text) - len(text.lstrip())]
    starts += [m.end() for m in _SEGMENT_GAP_RE.finditer(text) if m.end() < len(text)]
    return sorted(set(starts))


def _segments(text: str) -> list[str]:
    starts = _segment_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def _where(par: _Par) -> str:
    snippet = par.flat if len(par.flat) <= 60 else par.flat[:59] + "…"
    return f"Đoạn {par.index}: '{snippet}'"


def _mm(length: int | None) -> float | None:
    return None if length is None else length / 36000


def _fmt_pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _fmt_mm(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _runs_in_span(par: _Par, start: int, end: int) -> list[_Run]:
    return [r for r in par.runs if r.text.strip() and r.start < end and r.start + len(r.text) > start]


def _flat_tone(text: str) -> str:
    """Case-folded text with the old tone placement of "hoà" read as "hòa"."""
    return unicodedata.normalize("NFC", text).casefold().replace("hoà", "hòa")


# --------------------------------------------------------------------------------------------
# The checks.


class _Checker:
    def __init__(self, document: Any) -> None:
        self.doc = document
        self.styles = _Styles(document)
        self.pars = _paragraphs(document.element.body)
        self.out: list[Violation] = []
        self.header_end = 0  # list position after the "Số" and date lines

    def add(self, rule: str, message: str, where: str) -> None:
        self.out.append(Violation(rule, message, where))

    def add_capped(self, rule: str, found: list[tuple[str, str]]) -> None:
        for message, where in found[:_REPORT_CAP]:
            self.add(rule, message, where)
        if len(found) > _REPORT_CAP:
            self.add(rule, f"Còn {len(found) - _REPORT_CAP} đoạn khác cùng lỗi.", "Nhiều đoạn")

    # ----------------------------------------------------------------------------- page setup

    def page(self) -> None:
        for i, section in enumerate(self.doc.sections, start=1):
            where = f"Phần {i} (section) của văn bản"
            width, height = _mm(section.page_width), _mm(section.page_height)
            landscape = False
            if width is not None and height is not None:
                portrait_a4 = abs(width - nd30.PAGE_WIDTH_MM) <= 1 and abs(height - nd30.PAGE_HEIGHT_MM) <= 1
                landscape = abs(width - nd30.PAGE_HEIGHT_MM) <= 1 and abs(height - nd30.PAGE_WIDTH_MM) <= 1
                if not (portrait_a4 or landscape):
                    self.add(
                        "nd30.page_size",
                        f"Khổ giấy {_fmt_mm(width)} × {_fmt_mm(height)} mm, không phải A4 (210 × 297 mm).",
                        where,
                    )
                if landscape and i == 1:
                    self.add(
                        "nd30.orientation",
                        "Trang đầu trình bày khổ ngang; văn bản trình bày theo chiều dài khổ A4, "
                        "khổ ngang chỉ dùng cho phụ lục, bảng biểu.",
                        where,
                    )
            margins = {
                "top": _mm(section.top_margin),
                "bottom": _mm(section.bottom_margin),
                "left": _mm(section.left_margin),
                "right": _mm(section.right_margin),
            }
            self.margins(margins, landscape, where)

    def margins(self, margins: dict[str, float | None], landscape: bool, where: str) -> None:
        names = {"top": "Lề trên", "bottom": "Lề dưới", "left": "Lề trái", "right": "Lề phải"}

        def bad(mapping: dict[str, str]) -> list[str]:
            out = []
            for side, rule_side in mapping.items():
                value = margins[side]
                low, high = nd30.MARGIN_RANGES_MM[rule_side]
                if value is not None and not (low - _TOLERANCE_MM <= value <= high + _TOLERANCE_MM):
                    out.append(side)
            return out

        direct = {"top": "top", "bottom": "bottom", "left": "left", "right": "right"}
        wrong = bad(direct)
        if wrong and landscape:
            # A turned page may keep the portrait margins on the turned sides.
            for turned in (
                {"top": "left", "right": "top", "bottom": "right", "left": "bottom"},
                {"top": "right", "right": "bottom", "bottom": "left", "left": "top"},
            ):
                if not bad(turned):
                    return
        for side in wrong:
            low, high = nd30.MARGIN_RANGES_MM[side]
            value = margins[side]
            assert value is not None
            self.add(
                "nd30.margins",
                f"{names[side]} {_fmt_mm(value)} mm; Nghị định 30 quy định {low:.0f}–{high:.0f} mm.",
                where,
            )

    # ---------------------------------------------------------------------------------- fonts

    def fonts(self) -> None:
        found: dict[str, tuple[int, str]] = {}
        sources: list[tuple[list[_Par], str | None]] = [(self.pars, None)]
        for rel in self.doc.part.rels.values():
            if rel.is_external or not rel.reltype.endswith(("/header", "/footer")):
                continue
            part_name = "Đầu trang" if rel.reltype.endswith("/header") else "Chân trang"
            sources.append((_paragraphs(rel.target_part.element), part_name))
        for pars, label in sources:
            for par in pars:
                for run in par.runs:
                    if not run.text.strip():
                        continue
                    layers = self.styles.rpr_layers(par.el, run.el)
                    slots = []
                    if any(ord(c) < 128 and not c.isspace() for c in run.text):
                        slots.append("ascii")
                    if any(ord(c) >= 128 for c in run.text):
                        slots.append("hAnsi")
                    names = {self.styles.font(layers, slot) for slot in slots}
                    for name in names:
                        if name and name.strip().casefold() != nd30.FONT_NAME.casefold():
                            count, where = found.get(name, (0, label or _where(par)))
                            found[name] = (count + 1, where)
        for name, (count, where) in found.items():
            self.add(
                "nd30.font",
                f"Phông chữ “{name}” ({count} đoạn chữ); văn bản phải dùng phông Times New Roman.",
                where,
            )

    # ------------------------------------------------------------------------------- header

    def header_pars(self) -> list[_Par]:
        return self.pars[:_HEADER_SCAN]

    def national_name_and_motto(self) -> None:
        target = _flat_tone(nd30.NATIONAL_NAME)
        qh = None
        for par in self.header_pars():
            pos = _flat_tone(par.text).find(target)
            if pos < 0:
                pos = _flat_tone(par.flat).find(target)
                if pos >= 0:
                    qh = (par, par.flat, pos)
                    break
            else:
                qh = (par, par.text, pos)
                break
        if qh is None:
            self.add("nd30.national_name", f"Thiếu Quốc hiệu “{nd30.NATIONAL_NAME}”.", "Phần đầu văn bản")
        else:
            par, text, pos = qh
            written = text[pos : pos + len(nd30.NATIONAL_NAME)]
            if written != written.upper():
                self.add(
                    "nd30.national_name", f"Quốc hiệu phải viết in hoa: “{nd30.NATIONAL_NAME}”.", _where(par)
                )
            self.style(par, pos, pos + len(written), "Quốc hiệu", (12, 13), bold=True)

        motto = None
        for par in self.header_pars():
            m = _MOTTO_RE.search(par.text)
            if m:
                motto = (par, m)
                break
        if motto is None:
            self.add("nd30.motto", f"Thiếu Tiêu ngữ “{nd30.MOTTO}”.", "Phần đầu văn bản")
            return
        par, m = motto
        if " ".join(m.group(0).split()) != nd30.MOTTO:
            self.add(
                "nd30.motto",
                f"Tiêu ngữ viết là “{' '.join(m.group(0).split())}”; phải là “{nd30.MOTTO}” "
                "(chữ đầu mỗi cụm viết hoa, giữa các cụm có gạch nối và cách chữ).",
                _where(par),
            )
        self.style(par, m.start(), m.end(), "Tiêu ngữ", (13, 14), bold=True)

    def style(
        self,
        par: _Par,
        start: int,
        end: int,
        what: str,
        sizes: tuple[float, float],
        *,
        bold: bool = False,
        italic: bool = False,
    ) -> None:
        runs = _runs_in_span(par, start, end)
        if not runs:
            return
        layers = [self.styles.rpr_layers(par.el, r.el) for r in runs]
        if bold and not all(self.styles.toggle(x, "b") for x in layers):
            self.add("nd30.header_style", f"{what} phải in đậm.", _where(par))
        if italic and not all(self.styles.toggle(x, "i") for x in layers):
            self.add("nd30.header_style", f"{what} phải in nghiêng.", _where(par))
        sizes_found = {self.styles.size(x) for x in layers}
        low, high = sizes
        off = sorted(s for s in sizes_found if not low <= s <= high)
        if off:
            self.add(
                "nd30.header_style",
                f"{what} cỡ chữ {_fmt_pt(off[0])}; quy định {low:.0f}–{high:.0f}.",
                _where(par),
            )

    def number(self) -> str | None:
        """Check "Số: …" and return the symbol part after the number ("BC-VHTT"), if any."""
        for par in self.header_pars():
            for segment in _segments(par.text):
                if _NUMBER_NO_COLON_RE.match(segment):
                    self.header_end = max(self.header_end, par.index)
                    self.add("nd30.symbol", "Sau chữ “Số” phải có dấu hai chấm (“Số: …”).", _where(par))
                    return self._number_parts(par, segment.split(None, 1)[1])
            m = _NUMBER_RE.match(par.text)
            if m:
                self.header_end = max(self.header_end, par.index)
                return self._number_parts(par, m.group("rest"))
        self.add("nd30.number_missing", "Không tìm thấy số, ký hiệu văn bản (“Số: …/…”).", "Phần đầu văn bản")
        return None

    def _number_parts(self, par: _Par, rest: str) -> str | None:
        rest = rest.split("\t")[0].split("\n")[0]
        m = re.match(r"^(?P<num>\d*)(?P<gap>\s*)/(?P<tail>.*)$", rest.strip())
        if not m:
            self.add("nd30.symbol", "Số, ký hiệu không đúng dạng “Số: 05/BC-ABC”.", _where(par))
            return None
        num, gap, tail = m.group("num"), m.group("gap"), m.group("tail")
        tail = re.split(r"\s{3,}", tail.strip())[0]
        if num and len(num) == 1:
            self.add(
                "nd30.number_zero",
                f"Số “{num}” nhỏ hơn 10 phải ghi thêm số 0 phía trước (0{num}).",
                _where(par),
            )
        if (num and gap) or re.search(r"\s", tail) or tail != tail.strip():
            self.add(
                "nd30.symbol",
                f"Ký hiệu “{num}{gap}/{tail}” có dấu cách; số và ký hiệu phải viết liền, không có dấu cách.",
                _where(par),
            )
        compact = "".join(tail.split())
        if compact and not _SYMBOL_RE.match(compact):
            self.add(
                "nd30.symbol",
                f"Ký hiệu “{compact}” không đúng dạng (ví dụ “BC-VHTT”, “UBND-VX”).",
                _where(par),
            )
        return compact or None

    def date_line(self) -> None:
        for par in self.header_pars():
            for pos in _segment_starts(par.text):
                m = _DATE_RE.match(par.text, pos)
                if m:
                    self.header_end = max(self.header_end, par.index)
                    self._date_parts(par, m)
                    self.style(par, m.start(), m.end(), "Địa danh và ngày tháng", (13, 14), italic=True)
                    return
        self.add(
            "nd30.date_missing",
            "Không tìm thấy dòng địa danh và thời gian ban hành (“…, ngày … tháng … năm …”).",
            "Phần đầu văn bản",
        )

    def _date_parts(self, par: _Par, m: re.Match[str]) -> None:
        where = _where(par)
        if not m.group("place").strip():
            self.add("nd30.date_format", "Thiếu địa danh trước ngày tháng.", where)
        elif not m.group("comma"):
            self.add("nd30.date_format", "Thiếu dấu phẩy sau địa danh (“Hà Nội, ngày …”).", where)
        day, month, year = m.group("d"), m.group("m"), m.group("y")
        if day:
            if len(day) == 1:
                self.add(
                    "nd30.date_format",
                    f"Ngày “{day}” phải ghi “0{day}” (ngày dưới 10 có số 0 phía trước).",
                    where,
                )
            elif len(day) > 2 or not 1 <= int(day) <= 31:
                self.add("nd30.date_format", f"Ngày “{day}” không hợp lệ.", where)
        if month:
            value = int(month)
            if not 1 <= value <= 12:
                self.add("nd30.date_format", f"Tháng “{month}” không hợp lệ.", where)
            elif value <= 2 and month != f"0{value}":
                self.add(
                    "nd30.date_format",
                    f"Tháng “{month}” phải ghi “0{value}” (tháng 1 và 2 có số 0 phía trước).",
                    where,
                )
            elif value >= 3 and month != str(value):
                self.add(
                    "nd30.date_format",
                    f"Tháng “{month}” phải ghi “{value}” (chỉ tháng 1, 2 có số 0 phía trước).",
                    where,
                )
        if year and len(year) != 4:
            self.add("nd30.date_format", f"Năm “{year}” phải ghi đủ bốn chữ số.", where)
        if day and month and year and len(year) == 4:
            try:
                dt.date(int(year), int(month), int(day))
            except ValueError:
                self.add("nd30.date_format", f"Ngày {day} tháng {month} năm {year} không có thật.", where)

    def kind_name(self, symbol: str | None) -> None:
        abbr = None
        if symbol:
            abbr = re.sub(r"^\d{4}/", "", symbol).split("-")[0]
        kind = kind_by_abbr(abbr) if abbr else None
        expected = kind.upper_name if kind else None
        if symbol and expected is None:
            # A công văn: no kind name, the subject "V/v …" stands under the number.
            if not any(par.flat.casefold().startswith("v/v") for par in self.header_pars()):
                self.add(
                    "nd30.kind_name", "Công văn thiếu trích yếu “V/v …” dưới số, ký hiệu.", "Phần đầu văn bản"
                )
            return
        for par in self.header_pars():
            flat_upper = unicodedata.normalize("NFC", par.flat.upper())
            candidates = {expected} if expected else _ALL_KIND_NAMES
            if flat_upper in candidates:
                if par.flat != flat_upper:
                    self.add(
                        "nd30.kind_name", f"Tên loại văn bản phải viết in hoa: “{flat_upper}”.", _where(par)
                    )
                return
        if expected:
            self.add(
                "nd30.kind_name", f"Thiếu tên loại văn bản “{expected}” (ký hiệu {abbr}).", "Phần đầu văn bản"
            )
        elif not any(par.flat.casefold().startswith("v/v") for par in self.header_pars()):
            self.add(
                "nd30.kind_name", "Không tìm thấy tên loại văn bản (ví dụ “BÁO CÁO”).", "Phần đầu văn bản"
            )

    # --------------------------------------------------------------------------------- body

    def first_section(self) -> list[_Par]:
        for i, par in enumerate(self.pars):
            if par.ends_section:
                return self.pars[: i + 1]
        return self.pars

    def body(self) -> tuple[list[_Par], _Par | None]:
        """Body paragraphs (outside tables, after the header, before "Nơi nhận"), and "Nơi nhận"."""
        pars = self.first_section()
        recipients = next((p for p in pars if _RECIPIENTS_RE.match(p.text)), None)
        end = recipients.index - 1 if recipients else len(pars)
        body = [p for p in pars[self.header_end : end] if p.flat and not p.in_table and not p.in_textbox]
        return body, recipients

    def body_format(self, body: list[_Par]) -> None:
        sizes: list[tuple[str, str]] = []
        justify: list[tuple[str, str]] = []
        for par in body:
            runs = [r for r in par.runs if r.text.strip()]
            if len(par.flat) < 20 or not runs:
                continue
            weights: dict[float, int] = {}
            bold = True
            for run in runs:
                layers = self.styles.rpr_layers(par.el, run.el)
                size = self.styles.size(layers)
                weights[size] = weights.get(size, 0) + len(run.text)
                bold = bold and self.styles.toggle(layers, "b")
            size = max(weights, key=lambda s: weights[s])
            low, high = nd30.BODY_SIZE_RANGE
            if not low <= size <= high:
                sizes.append((f"Cỡ chữ nội dung {_fmt_pt(size)}; quy định 13–14.", _where(par)))
            heading_like = bold or par.flat == par.flat.upper() or par.flat.casefold().startswith("kính gửi")
            if len(par.flat) >= 80 and not heading_like:
                align = self.styles.alignment(par.el)
                if align not in {"both", "distribute"}:
                    names = {
                        "left": "trái",
                        "start": "trái",
                        "right": "phải",
                        "end": "phải",
                        "center": "giữa",
                    }
                    justify.append(
                        (
                            f"Đoạn văn căn {names.get(align, align)}; nội dung phải căn đều hai lề.",
                            _where(par),
                        )
                    )
        self.add_capped("nd30.body_size", sizes)
        self.add_capped("nd30.body_justify", justify)

    def closing(self, body: list[_Par]) -> _Par | None:
        last = None
        for par in reversed(body):
            if par.flat and not par.flat.casefold().startswith("nơi nhận"):
                last = par
                break
        if last is None:
            self.add("nd30.closing", "Văn bản không có phần nội dung.", "Phần nội dung")
        elif not last.flat.endswith("./."):
            self.add("nd30.closing", "Đoạn cuối của nội dung phải kết thúc bằng “./.”.", _where(last))
        return last

    def recipients(self, recipients: _Par | None) -> None:
        pars = self.first_section()
        if recipients is None:
            self.add("nd30.recipients_missing", "Thiếu mục “Nơi nhận:”.", "Cuối văn bản")
        else:
            m = _RECIPIENTS_RE.match(recipients.text)
            if m and not m.group("colon"):
                self.add(
                    "nd30.recipients_missing",
                    "Sau “Nơi nhận” phải có dấu hai chấm (“Nơi nhận:”).",
                    _where(recipients),
                )
        after = pars[recipients.index - 1 :] if recipients else pars
        # The list may be one paragraph per line or one paragraph with line breaks.
        lines = [(par, " ".join(line.split())) for par in after for line in par.text.split("\n")]
        archive = next(((par, line) for par, line in lines if _ARCHIVE_ANY_RE.match(line)), None)
        if archive is None:
            self.add("nd30.archive", "Thiếu dòng lưu văn bản “- Lưu: VT, …”.", "Nơi nhận")
        elif not _ARCHIVE_OK_RE.match(archive[1]):
            self.add(
                "nd30.archive",
                f"Dòng lưu viết “{archive[1]}”; phải là “- Lưu: VT, <chữ viết tắt đơn vị soạn thảo>.”",
                _where(archive[0]),
            )

    def signature(self, last_body: _Par | None) -> None:
        pars = self.first_section()
        start = last_body.index if last_body else 0
        tail = [p for p in pars if p.index > start and p.flat]
        for i, par in enumerate(tail):
            if not _is_title_line(par.flat):
                continue
            for later in tail[i + 1 : i + 14]:
                if _is_name_line(later.flat):
                    return
        self.add(
            "nd30.signature",
            "Không tìm thấy khối chữ ký (chức vụ người ký in hoa và họ tên người ký).",
            "Cuối văn bản",
        )

    def run(self) -> list[Violation]:
        self.page()
        self.fonts()
        self.national_name_and_motto()
        symbol = self.number()
        self.date_line()
        self.kind_name(symbol)
        body, recipients = self.body()
        self.body_format(body)
        last = self.closing(body)
        self.recipients(recipients)
        self.signature(last)
        return self.out


def _is_title_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or text != text.upper():
        return False
    return not text.casefold().startswith(("nơi nhận", "kính gửi")) and not text.startswith("-")


def _is_name_line(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 7 or ":" in text or text.startswith(("-", "(")):
        return False
    return all(w[0].isupper() and w.isalpha() and w[1:] == w[1:].lower() for w in words)


def check_docx(source: str | Path | bytes) -> list[Violation]:
    """Every departure from Nghị định 30/2020 found in the DOCX at ``source`` (a path or the bytes).

    Raises :class:`UnreadableDocx` when the file is not a readable, safe DOCX.
    """
    return _Checker(_open(source)).run()


# --------------------------------------------------------------------------------------------
# Command line: ``loa check FILE.docx [--json]``.


def main(argv: Sequence[str] | None = None) -> int:
    """Print the violations of FILE.docx; exit 0 clean, 1 violations, 2 unreadable file."""
    parser = argparse.ArgumentParser(
        prog="loa check",
        description="Kiểm tra thể thức văn bản DOCX theo Nghị định 30/2020/NĐ-CP.",
    )
    parser.add_argument("file", help="tệp .docx cần kiểm tra")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    args = parser.parse_args(argv)
    try:
        violations = check_docx(Path(args.file))
    except UnreadableDocx as exc:
        if args.json:
            print(json.dumps(exc.as_dict(), ensure_ascii=False))
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([v.as_dict() for v in violations], ensure_ascii=False, indent=2))
    else:
        _print_text(violations, args.file)
    return 1 if violations else 0


def _print_text(violations: Iterable[Violation], name: str) -> None:
    violations = list(violations)
    if not violations:
        print(f"{name}: không phát hiện lỗi thể thức theo Nghị định 30/2020.")
        return
    print(f"{name}: {len(violations)} lỗi thể thức theo Nghị định 30/2020:")
    for v in violations:
        print(f"- [{v.rule}] {v.where}: {v.message}")


if __name__ == "__main__":
    raise SystemExit(main())
