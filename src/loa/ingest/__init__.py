"""Reading existing administrative documents (TXT/MD, DOCX, DOC, PDF) into structured records.

``read_file`` (:mod:`.readers`) turns a file into text in reading order; ``parse_text``
(:mod:`.parse`) turns text into an :class:`~loa.nd30.spec.OfficialDocument` and a record;
``ingest_file`` does both. Pure: no Django.
"""

from loa.ingest.parse import RECORD_KEYS, Extraction, parse_text
from loa.ingest.pipeline import ingest_bytes, ingest_file
from loa.ingest.readers import DEFAULT_MAX_BYTES, ReadResult, read_file

__all__ = [
    "DEFAULT_MAX_BYTES",
    "RECORD_KEYS",
    "Extraction",
    "ReadResult",
    "ingest_bytes",
    "ingest_file",
    "parse_text",
    "read_file",
]
