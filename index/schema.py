"""The Whoosh schema and its version.

Bump :data:`BASE_SCHEMA_VERSION` whenever a field or analyzer outside the facet
registry changes meaning; a facet entry carries the version that added it
(``Facet.since``). An index built with another version is refused until
it is rebuilt from the stored text (:meth:`IndexStore.reindex`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.formats import Characters

from . import fields as F
from .analysis import postings, text_analyzer
from .bulk_postings import analyse, pair_field_postings, text_field_postings
from .facets import FACETS
from .positions import PackedCharacters, PackedPositions

#: The last version that changed a field outside the facets (6: positions and offsets stored
#: packed, and the common-word pair field).
BASE_SCHEMA_VERSION = 6


def schema_version() -> int:
    """The index's schema version: the newest of the base fields and the facets registered now."""
    return max(BASE_SCHEMA_VERSION, *(f.since for f in FACETS.values()))


#: The schema version with the built-in facets (a facet registered later raises :func:`schema_version`).
SCHEMA_VERSION = schema_version()

#: Sort key of documents without a publication date (after every real date).
NO_DATE_ASC = 99_999_999
#: Descending sort key of documents without a date (after every real date).
NO_DATE_DESC = 1


@dataclass(frozen=True)
class PreAnalysed:
    """A text's postings computed ahead (in an extraction worker), ready to index.

    ``items`` are the full-text field's, ``pairs`` those of the common-word pair field.
    """

    items: tuple[tuple[bytes, int, float, bytes], ...]
    pairs: tuple[tuple[bytes, int, float, bytes], ...]


class FastText(TEXT):
    """A TEXT field that indexes through :func:`index.analysis.postings`.

    It also accepts :class:`PreAnalysed` values, so the costly analysis can run
    in the extraction workers and the single writer only files the postings.
    With character offsets, they are stored packed (:mod:`index.positions`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored: Any = getattr(self, "format")  # noqa: B009  (whoosh sets it untyped)
        if isinstance(stored, Characters):
            setattr(self, "format", PackedCharacters(field_boost=stored.field_boost))  # noqa: B010

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, PreAnalysed):
            return value.items
        if isinstance(self.format, PackedCharacters):
            return text_field_postings(value, self.format.field_boost)
        return postings(value, self.format, self.format.field_boost)


class PairField(TEXT):
    """The common-word pairs of a text (:func:`index.analysis.pair_occurrences`), positions only.

    Indexed from the text itself or from :class:`PreAnalysed` values; never scored.
    """

    def __init__(self) -> None:
        super().__init__(analyzer=text_analyzer(), phrase=True)
        setattr(self, "format", PackedPositions())  # noqa: B010  (whoosh sets it untyped)
        self.scorable = False

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, PreAnalysed):
            return value.pairs
        return pair_field_postings(value)


def preanalyse(text: str) -> PreAnalysed:
    """The postings of the full-text and pair fields for ``text`` (see :class:`FastText`)."""
    items, pairs = analyse(text, _TEXT_FIELD.format.field_boost)
    return PreAnalysed(tuple(items), tuple(pairs))


def build_schema() -> Schema:
    """The fields of one indexed review (the facet fields come from the facet registry)."""
    analyzer = text_analyzer()
    return Schema(
        **{
            F.ID: ID(stored=True, unique=True),
            F.KEY: ID(stored=True),
            F.TEXT: FastText(analyzer=analyzer, phrase=True, chars=True),
            F.PAIRS: PairField(),
            F.TITLE: FastText(analyzer=analyzer, phrase=True, chars=True),
            F.LSCB_TEXT: TEXT(analyzer=analyzer, phrase=True),
            F.AGE: NUMERIC(numtype=float, bits=64),
            F.PUB_START: NUMERIC(numtype=int, bits=32),
            F.PUB_END: NUMERIC(numtype=int, bits=32),
            F.PUB_ASC: NUMERIC(numtype=int, bits=32, sortable=True),
            F.PUB_DESC: NUMERIC(numtype=int, bits=32, signed=True, sortable=True),
            F.FORMAT: ID(),
            F.FLAG: KEYWORD(commas=True, lowercase=False, scorable=False),
            **{facet.field: facet.schema_field() for facet in FACETS.values()},
        }
    )


_SCHEMA = build_schema()
_TEXT_FIELD = _SCHEMA[F.TEXT]
