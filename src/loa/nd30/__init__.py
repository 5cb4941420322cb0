"""Nghị định 30/2020/NĐ-CP as data: the one table of document kinds (:mod:`.kinds`), numbers and
symbols (:mod:`.symbols`), the presentation constants of Phụ lục I (:mod:`.layout`) and the
:class:`~loa.nd30.spec.OfficialDocument` that ``docgen`` writes and ``ingest`` reads (:mod:`.spec`).

Pure: no Django, no ORM; it depends only on the pure modules ``loa.core.vn`` and ``loa.core.errors``.
"""
