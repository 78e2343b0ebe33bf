"""BM25F exactly as Whoosh scores it, with each segment's field lengths read once into a table.

Whoosh read each match's field length from the segment's length column, a
byte turned back into a length through four Python calls; on `(police OR
school) AND referral` at national scale (2,959 matches, about 15,000 term
scores a search) those reads were a quarter of the search. Here a segment's
lengths are read once, through Whoosh's own ``doc_field_length`` so that
every value is the one it would give, and kept for the segment (segments
never change; a deletion leaves lengths as they are). The ranking over whole
posting lists (:mod:`search.ranking`) scores with the table as an array
(:func:`bm25_scores`); Whoosh's collector, which still ranks sorted searches
and queries holding a range, with :class:`TableBM25FScorer`. Both compute
Whoosh's ``bm25`` term for term, so every word's score is the same float.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.scoring import BM25F, BM25FScorer

from .kept import Kept, segment_key

#: Length tables kept: (index folder, segment id, field) → each document's length, by number.
_LENGTHS: Kept[list[float | None]] = Kept(256)
#: The same tables as arrays, for scoring whole posting lists at once (0.0 where the field is empty).
_ARRAYS: Kept[np.ndarray] = Kept(256)


def length_table(reader: Any, fieldname: str) -> list[float | None] | None:
    """Each document's length in ``fieldname`` as Whoosh reads it, by segment document number
    (None where the field is empty: no word of it matches there, so it is never scored); None
    for a reader whose tables are not kept (several segments, or an index in memory)."""
    segment = segment_key(reader)
    if segment is None:
        return None
    return _LENGTHS.get_or_compute((*segment, fieldname), lambda: _read_lengths(reader, fieldname))


def _read_lengths(reader: Any, fieldname: str) -> list[float | None]:
    length = reader.doc_field_length
    return [length(doc, fieldname, 1) for doc in range(reader.doc_count_all())]


def length_array(reader: Any, fieldname: str) -> np.ndarray:
    """:func:`length_table` as a float64 array, 0.0 where the field is empty; read afresh for a
    reader whose tables are not kept."""

    def as_array(table: list[float | None]) -> np.ndarray:
        return np.asarray([0.0 if length is None else length for length in table], dtype=np.float64)

    segment = segment_key(reader)
    if segment is None:
        return as_array(_read_lengths(reader, fieldname))
    return _ARRAYS.get_or_compute(
        (*segment, fieldname), lambda: as_array(length_table(reader, fieldname) or [])
    )


def bm25_scores(scorer: BM25FScorer, weights: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``scorer``'s score of each posting, given its weight and document length: Whoosh's ``bm25``
    in the same order of operations as :meth:`TableBM25FScorer.score`, so the same floats."""
    K1, B = scorer.K1, scorer.B
    return scorer.idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / scorer.avgfl)))


class TableBM25FScorer(BM25FScorer):
    """Whoosh's BM25F scorer for one term in one segment, the document's length from a table."""

    def __init__(self, searcher: Any, fieldname: str, text: Any, B: float, K1: float, qf: int = 1) -> None:
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self._lengths = length_table(searcher.reader(), fieldname)
        # bm25()'s sub-expressions that do not depend on the document, as it computes them
        self._k1_plus_1 = K1 + 1
        self._one_minus_b = 1 - B

    def score(self, matcher: Any) -> float:
        """The match's score: whoosh.scoring.bm25(idf, weight, length, avgfl, B, K1)."""
        if self._lengths is None:
            return super().score(matcher)
        tf, fl = matcher.weight(), self._lengths[matcher.id()]
        return self.idf * (
            (tf * self._k1_plus_1) / (tf + self.K1 * (self._one_minus_b + self.B * fl / self.avgfl))
        )


class TableBM25F(BM25F):
    """The weighting searches use: Whoosh's BM25F, scored with :class:`TableBM25FScorer`."""

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        """Whoosh's scorer for an unscorable field, else a :class:`TableBM25FScorer`."""
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        B = self._field_B.get(fieldname, self.B)
        return TableBM25FScorer(searcher, fieldname, text, B, self.K1, qf=qf)


__all__ = ["TableBM25F", "TableBM25FScorer", "bm25_scores", "length_array", "length_table"]
