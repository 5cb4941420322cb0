"""Reading a DOCX for the checker: opened defensively, then seen the way Word sees it.

The file must be a ZIP of at most 50 MB uncompressed, and every XML part is parsed first with
defusedxml (no DTD, no entities) before python-docx sees it. Fonts and sizes are resolved as Word
does (run → character style → paragraph style chain → document defaults, theme fonts through the
theme part); the text becomes a list of paragraphs in reading order.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import docx
from defusedxml import ElementTree as SafeET
from lxml import etree

from loa.core.errors import ValidationError

MAX_UNCOMPRESSED_BYTES: Final = 50 * 1024 * 1024

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


class UnreadableDocx(ValidationError):
    """The file is not a DOCX the checker will open (not a ZIP, too large, unsafe XML, damaged)."""

    code = "docgen.unreadable_docx"
    default_message = "Không đọc được tệp DOCX."


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
