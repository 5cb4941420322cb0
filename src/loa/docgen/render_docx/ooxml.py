"""Low-level OOXML for the renderer: the template document, schema orders and small XML helpers."""

from __future__ import annotations

import io
from functools import lru_cache

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from loa.nd30 import layout as nd30

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

_TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
)
_PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_SECTPR_AFTER_PGNUM = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
_TRPR_ORDER = ("w:cantSplit", "w:trHeight", "w:tblHeader")


# --------------------------------------------------------------------------------------------
# Template: python-docx's default document with Times New Roman, vi-VN and no theme fonts.


@lru_cache(maxsize=1)
def _template_bytes() -> bytes:
    d = docx.Document()
    styles = d.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        _set_fonts(rfonts)
    doc_defaults = styles.find(qn("w:docDefaults"))
    rpr = doc_defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _rpr_fonts_size_lang(rpr, nd30.SIZE_BODY)
    ppr = doc_defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    normal = d.styles["Normal"]
    _rpr_fonts_size_lang(normal.element.get_or_add_rPr(), nd30.SIZE_BODY)
    d.settings.element.set(qn("w:defaultTabStop"), "720")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _set_fonts(rfonts: BaseOxmlElement) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), nd30.FONT_NAME)


def _rpr_fonts_size_lang(rpr: BaseOxmlElement, size_pt: float) -> None:
    """Fonts, size and language on a style's run properties, theme attributes removed."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    _set_fonts(rfonts)
    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), half_points)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), nd30.LANGUAGE)
    lang.set(qn("w:eastAsia"), nd30.LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    # Schema order inside rPr: rFonts … sz, szCs … lang. Re-append in that order.
    for tag in ("w:sz", "w:szCs", "w:lang"):
        el = rpr.find(qn(tag))
        rpr.remove(el)
        rpr.append(el)


# --------------------------------------------------------------------------------------------
# Small XML helpers.


def _put(parent: BaseOxmlElement, el: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    """Put ``el`` into ``parent`` (replacing one of the same tag) before any of ``successors``."""
    old = parent.find(el.tag)
    if old is not None:
        parent.remove(old)
    parent.insert_element_before(el, *successors)


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))
