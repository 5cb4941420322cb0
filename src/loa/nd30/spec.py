"""The centre of Loa's document work: one plain description of an administrative document.

``docgen`` renders an :class:`OfficialDocument` to DOCX/PDF; ``ingest`` reads files back into one;
the registry stores its metadata. No ORM object crosses into this module. Every field holds text
as a person would write it (NFC, sentence case for bodies such as "Phòng Văn hoá và Thông tin");
renderers apply the decree's capitalisation and layout.

Property kept by the test-suite: ``parse(render(doc)) == doc`` for every document Loa can write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Authority(StrEnum):
    """Signing authority prefixes of Nghị định 30/2020 (Phụ lục I, Mục II.7)."""

    ON_BEHALF = "TM."  # thay mặt (collective body)
    SIGNING_FOR = "KT."  # ký thay (deputy signs for the head)
    ACTING = "Q."  # quyền
    BY_ORDER = "TL."  # thừa lệnh
    BY_DELEGATION = "TUQ."  # thừa ủy quyền


@dataclass(frozen=True)
class Signature:
    """Signature block: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH`` / name.

    ``authority`` and ``on_behalf_of`` form the first line ("KT. TRƯỞNG PHÒNG"); ``title`` is
    the signer's own title ("PHÓ TRƯỞNG PHÒNG"); ``name`` the signer's full name.
    ``signing_for`` is the head a deputy signs for under TM. or TL. (the decree allows the
    combinations): ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` has
    ``signing_for="CHỦ TỊCH"``.
    """

    title: str
    name: str
    authority: Authority | None = None
    on_behalf_of: str | None = None
    signing_for: str | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """Title lines as printed, upper case, without the name."""
        first = (
            f"{self.authority.value} {self.on_behalf_of}" if self.authority and self.on_behalf_of else None
        )
        second = f"{Authority.SIGNING_FOR.value} {self.signing_for}" if self.signing_for else None
        return tuple(x for x in (first, second, self.title) if x)


@dataclass(frozen=True)
class Heading:
    """A numbered heading of the body: level 1 ``I.``, level 2 ``1.``, level 3 ``a)``.

    ``label`` is the bare numeral ("I", "1", "a"); renderers add the punctuation.
    """

    level: int
    label: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph. ``style`` is ``"body"``, ``"dash"`` (a "- " item) or ``"plus"`` (a "+ " item)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Table:
    """A table in the body or an appendix; the first row of ``header`` is bold, ``total`` is bold too."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    widths_mm: tuple[float, ...] | None = None
    caption: str | None = None


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Appendix:
    """An appendix on its own page(s): "Phụ lục I" + title + "(Kèm theo … số … ngày … của …)"."""

    label: str
    title: str
    blocks: tuple[Block, ...] = ()
    landscape: bool = False


@dataclass(frozen=True)
class OfficialDocument:
    """An administrative document in the Nghị định 30/2020 sense.

    ``kind`` is the Vietnamese kind name ("Báo cáo", "Công văn"); ``kind_abbr`` its abbreviation
    ("BC"; ``None`` for a công văn). ``number`` is the number as printed ("07") or ``None`` for a
    draft; ``code`` is the part of the symbol after the first slash ("BC-VHTT", "2018/QĐ-UBND").
    ``subject`` is the trích yếu without the kind word ("V/v …" kept for a công văn).
    ``enacting_authority`` is the "THẨM QUYỀN BAN HÀNH" line of a quyết định or nghị quyết
    ("ỦY BAN NHÂN DÂN THỊ XÃ HƯƠNG TRÀ", "CHỦ TỊCH ỦY BAN NHÂN DÂN …"), printed above the căn cứ.
    """

    kind: str
    kind_abbr: str | None
    issuer: str
    code: str
    subject: str
    parent_body: str | None = None
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    legal_bases: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    signature: Signature | None = None
    recipients: tuple[str, ...] = ()
    appendices: tuple[Appendix, ...] = field(default=())
    enacting_authority: str | None = None

    @property
    def symbol(self) -> str | None:
        """Canonical number/symbol ("297/BC-VHTT"), or ``None`` while the number is blank."""
        return f"{self.number}/{self.code}" if self.number else None
