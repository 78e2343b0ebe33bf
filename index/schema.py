"""The Whoosh schema and its version.

Bump :data:`SCHEMA_VERSION` whenever a field or analyzer changes meaning; an
index built with another version is refused until ``casereviews reindex``
rebuilds it from the stored text.
"""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from .analysis import text_analyzer

SCHEMA_VERSION = 1

#: Sort key of documents without a publication date (after every real date).
NO_DATE_ASC = 99_999_999
#: Descending sort key of documents without a date (after every real date).
NO_DATE_DESC = 1


def build_schema() -> Schema:
    """The fields of one indexed review."""
    analyzer = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        key=ID(),  # "<id>:<rev>", compared with the catalog to detect half-applied batches
        text=TEXT(analyzer=analyzer, phrase=True, chars=True),
        title=TEXT(analyzer=analyzer, phrase=True, chars=True),
        lscb=TEXT(analyzer=analyzer, phrase=True),
        board=ID(),  # canonical board name, or "unknown": the facet value
        age_band=KEYWORD(commas=True, lowercase=False, scorable=False),
        age=NUMERIC(numtype=float, bits=64),
        year=ID(),
        pub_start=NUMERIC(numtype=int, bits=32),
        pub_end=NUMERIC(numtype=int, bits=32),
        pub_asc=NUMERIC(numtype=int, bits=32, sortable=True),
        pub_desc=NUMERIC(numtype=int, bits=32, signed=True, sortable=True),
        format=ID(),
        flag=KEYWORD(commas=True, lowercase=False, scorable=False),
    )
