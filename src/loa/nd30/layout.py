"""Presentation constants of Nghị định 30/2020 (Phụ lục I): paper, margins, fonts, sizes, rules.

Sizes are in points, lengths in millimetres. Where the decree gives a range the value chosen sits
inside it; the ranges themselves are kept too, because the checker (``loa.docgen.check``) tests
against them. ``loa.docgen.layout`` measures text against these values.
"""

from __future__ import annotations

from typing import Final

FONT_NAME: Final = "Times New Roman"
LANGUAGE: Final = "vi-VN"

# Paper (Phụ lục I, Mục I): A4, portrait; landscape only for wide tables.
PAGE_WIDTH_MM: Final = 210.0
PAGE_HEIGHT_MM: Final = 297.0

# Margins: the decree's ranges and the values Loa writes (the low end, as most agencies do).
MARGIN_RANGES_MM: Final[dict[str, tuple[float, float]]] = {
    "top": (20.0, 25.0),
    "bottom": (20.0, 25.0),
    "left": (30.0, 35.0),
    "right": (15.0, 20.0),
}
MARGIN_TOP_MM: Final = 20.0
MARGIN_BOTTOM_MM: Final = 20.0
MARGIN_LEFT_MM: Final = 30.0
MARGIN_RIGHT_MM: Final = 15.0
HEADER_DISTANCE_MM: Final = 10.0  # the page number sits in the top margin
FOOTER_DISTANCE_MM: Final = 10.0

TEXT_WIDTH_MM: Final = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm
LANDSCAPE_TEXT_WIDTH_MM: Final = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 252 mm

# Header table: left column (parent body, issuing body, "Số", "V/v"), right column (Quốc hiệu,
# Tiêu ngữ, place and date). "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 12 pt bold is 87.7 mm wide
# and "PHÒNG VĂN HÓA VÀ THÔNG TIN" at 13 pt bold 74.2 mm: both fit on one line.
HEADER_LEFT_MM: Final = 76.0
HEADER_RIGHT_MM: Final = TEXT_WIDTH_MM - HEADER_LEFT_MM

# Font sizes per component (Phụ lục I, §3.1 summary table), each inside the decree's range.
SIZE_PARENT_BODY: Final = 13.0  # 12–13, upright, upper case
SIZE_ISSUER: Final = 13.0  # 12–13, bold, upper case
SIZE_NATIONAL_NAME: Final = 12.0  # 12–13, bold (the decree's own sample uses 12)
SIZE_MOTTO: Final = 13.0  # 13–14, bold
SIZE_NUMBER: Final = 13.0  # 13
SIZE_DATE: Final = 13.0  # 13–14, italic
SIZE_KIND: Final = 14.0  # 13–14, bold, upper case
SIZE_SUBJECT: Final = 14.0  # 13–14, bold
SIZE_LETTER_SUBJECT: Final = 12.0  # "V/v …" of a công văn, 12–13
SIZE_BODY: Final = 14.0  # 13–14
SIZE_TABLE: Final = 12.0  # tables are not sized by the decree; 12 keeps wide ones readable
SIZE_SIGNATURE: Final = 14.0  # 13–14, bold
SIZE_RECIPIENTS_LABEL: Final = 12.0  # "Nơi nhận:" 12, bold italic
SIZE_RECIPIENTS: Final = 11.0  # the list, 11
SIZE_APPENDIX_LABEL: Final = 14.0  # "Phụ lục I", bold
SIZE_APPENDIX_TITLE: Final = 14.0  # 13–14, bold, upper case
SIZE_APPENDIX_REFERENCE: Final = 14.0  # "(Kèm theo …)", 13–14 italic
SIZE_PAGE_NUMBER: Final = 13.0  # 13–14

BODY_SIZE_RANGE: Final = (13.0, 14.0)

# Body paragraphs (Mục II.6): first-line indent 1–1.27 cm, ≥ 6 pt between paragraphs,
# line spacing from single to 1.5 lines.
BODY_FIRST_LINE_INDENT_MM: Final = 12.7
BODY_SPACE_AFTER_PT: Final = 6.0
BODY_LINE_SPACING: Final = 1.0

# Rules (short solid lines): thickness in eighths of a point for w:pBdr, and the share of the
# text above them that the issuing-body and subject rules take (the decree: 1/3 to 1/2).
RULE_THICKNESS_EIGHTHS: Final = 6
RULE_SHARE: Final = 0.4

SIGNATURE_GAP_PT: Final = 64.0  # room for the handwritten signature and the seal

NATIONAL_NAME: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"
