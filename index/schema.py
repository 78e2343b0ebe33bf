"""The Whoosh schema and its version.

Bump :data:`SCHEMA_VERSION` whenever a field or analyzer changes meaning; an
index built with another version is refused until ``casereviews reindex``
rebuilds it from the stored text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema

from .analysis import postings, text_analyzer

SCHEMA_VERSION = 4

#: Sort key of documents without a publication date (after every real date).
NO_DATE_ASC = 99_999_999
#: Descending sort key of documents without a date (after every real date).
NO_DATE_DESC = 1


@dataclass(frozen=True)
class PreAnalysed:
    """A text field's postings computed ahead (in an extraction worker), ready to index."""

    items: tuple[tuple[bytes, int, float, bytes], ...]


class FastText(TEXT):
    """A TEXT field that indexes through :func:`index.analysis.postings`.

    It also accepts :class:`PreAnalysed` values, so the costly analysis can run
    in the extraction workers and the single writer only files the postings.
    """

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, PreAnalysed):
            return value.items
        return postings(value, self.format, self.format.field_boost)


def preanalyse(text: str) -> PreAnalysed:
    """The postings of the full-text field for ``text`` (see :class:`FastText`)."""
    return PreAnalysed(tuple(_TEXT_FIELD.index(text)))


def build_schema() -> Schema:
    """The fields of one indexed review."""
    analyzer = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        key=ID(stored=True),  # "<id>:<rev>", compared with the catalog after an interrupted commit
        text=FastText(analyzer=analyzer, phrase=True, chars=True),
        title=FastText(analyzer=analyzer, phrase=True, chars=True),
        lscb=TEXT(analyzer=analyzer, phrase=True),
        board=ID(sortable=True),  # canonical board name, or "unknown": the facet value
        age_band=KEYWORD(commas=True, lowercase=False, scorable=False),
        age=NUMERIC(numtype=float, bits=64),
        year=ID(sortable=True),
        review_type=ID(sortable=True),  # a REVIEW_TYPES slug, or "unknown"
        nation=ID(sortable=True),  # a NATIONS slug, or "unknown"
        pub_start=NUMERIC(numtype=int, bits=32),
        pub_end=NUMERIC(numtype=int, bits=32),
        pub_asc=NUMERIC(numtype=int, bits=32, sortable=True),
        pub_desc=NUMERIC(numtype=int, bits=32, signed=True, sortable=True),
        format=ID(),
        flag=KEYWORD(commas=True, lowercase=False, scorable=False),
    )


_TEXT_FIELD = build_schema()["text"]
