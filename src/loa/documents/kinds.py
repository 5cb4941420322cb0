"""Document kinds as stored in the register: the table of :mod:`loa.nd30.kinds` as Django choices.

The value of each choice is the kind's ``code`` (its abbreviation when it has one, "CV" for Công
văn, "L" for Luật…), the label its Vietnamese name. One more choice, "Văn bản khác", holds what fits
no kind of the table.
"""

from __future__ import annotations

from django.db import models

from loa.nd30.kinds import ALL_KINDS, Kind, kind_by_abbr, kind_by_code, kind_by_name

#: Stored value of "Văn bản khác", the register's catch-all.
OTHER_CODE = "KHAC"

DocumentKind = models.TextChoices(
    "DocumentKind",
    [(kind.member_name, (kind.code, kind.name)) for kind in ALL_KINDS]
    + [("KHAC", (OTHER_CODE, "Văn bản khác"))],
    module=__name__,
)
DocumentKind.__doc__ = "Kinds of the register: every row of the ND30 table, then “Văn bản khác”."


def nd30_kind(kind: str) -> Kind | None:
    """The row of the ND30 table for a stored kind; ``None`` for "Văn bản khác"."""
    return kind_by_code(str(kind))


def symbol_abbr(kind: str) -> str | None:
    """The abbreviation the kind puts in a symbol ("KH"); ``None`` for a công văn, a law or "khác"."""
    row = nd30_kind(kind)
    return None if row is None else row.abbr


def kind_from_name(name: str) -> models.TextChoices | None:
    """The kind for a Vietnamese kind name ("Báo cáo", "KẾ HOẠCH"), ignoring case and tone placement."""
    row = kind_by_name(name)
    return None if row is None else DocumentKind(row.code)


def kind_from_abbr(abbr: str) -> models.TextChoices | None:
    """The kind for a symbol abbreviation ("KH", "QĐ", "L" → Lệnh); ``None`` when unknown."""
    row = kind_by_abbr(abbr)
    return None if row is None else DocumentKind(row.code)
