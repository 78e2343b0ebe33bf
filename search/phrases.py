"""Phrase and proximity matching that stays fast when a phrase holds very common words.

Whoosh's own ``Phrase`` query runs through its span machinery in pure Python,
which took seconds for a phrase such as "the unseen male" over a few hundred
long reports. This query finds the documents holding every word (doc ids
only, from the rarest word up), then checks adjacency with the words'
positions (decoded by the field's format: in C for :mod:`index.positions`) and
compared as sets, rarest word first. The score grows with the number of occurrences.

Proximity (``"domestic incident"~5``) works the same way: Whoosh's ``SpanNear2``
built span objects for every occurrence in pure Python (300 ms for one query
over 500 reports); :class:`NearWords` keeps its meaning on plain positions.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left
from typing import Any, cast

import numpy as np
from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from index import fields as F
from index.analysis import COMMON_WORDS, pair_term
from index.codec import id_array, values_for
from index.kept import Kept, segment_key
from index.keyed import KEY_BITS, held_in, intersect_sorted
from index.position_blocks import keyed_positions_in


def phrase_pieces(field: str, words: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """What a phrase's documents are found by: (field, term, offset in the phrase) for each piece.

    In the text field a very common word followed by another word is looked up as that pair
    (:data:`index.analysis.COMMON_WORDS`): "the unseen male" is ("the unseen", 0), ("unseen", 1)
    and ("male", 2), and where "the" stands is never read. A common word ending the phrase after
    a rarer word is read as itself.
    """
    if field != F.TEXT or len(words) < 2:
        return [(field, word, i) for i, word in enumerate(words)]
    pieces = []
    last = len(words) - 1
    for i, word in enumerate(words):
        if word not in COMMON_WORDS:
            pieces.append((field, word, i))
        elif i < last:
            pieces.append((F.PAIRS, pair_term(word, words[i + 1]), i))
        elif words[i - 1] not in COMMON_WORDS:  # not already read as the end of the pair before
            pieces.append((field, word, i))
    return pieces


def matching_pieces(field: str, words: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """The :func:`phrase_pieces` a phrase's documents are matched by: none that a pair already places.

    A pair stands where its common word stands, so the word after it is one place on: "unseen"
    in "the unseen male" is placed by "the unseen" and its postings need not be read (at
    national scale that phrase was verified in 9.2 ms instead of 14.6, the same documents).
    """
    pieces = phrase_pieces(field, words)
    placed = {offset + 1 for piece_field, _, offset in pieces if piece_field == F.PAIRS}
    return [piece for piece in pieces if piece[0] != field or piece[2] not in placed]


def phrase_documents(
    reader: Any, field: str, words: tuple[str, ...], within: np.ndarray | None = None
) -> tuple[list[int], list[int]]:
    """Documents (segment-local numbers, ascending) holding ``words`` adjacent, and how often.

    Each piece's positions in every candidate are moved back to where the phrase would start
    (:func:`index.positions.keyed_positions`, one array for all candidates) and intersected,
    rarest piece first: a start found for every piece is a match. ``within`` (ascending
    numbers), when given, limits the candidates: only those documents are verified.
    """
    pieces = matching_pieces(field, words)
    candidates, order = _candidates(reader, [(f, t) for f, t, _ in pieces], within)
    if not candidates:
        return [], []
    starts: np.ndarray | None = None
    for k in order:
        field_k, term, offset = pieces[k]
        shifted = keyed_positions_in(reader.postings(field_k, term), candidates, -offset)
        starts = shifted if starts is None else intersect_sorted(starts, shifted)
        if not starts.size:
            return [], []
    assert starts is not None
    return _per_candidate(candidates, starts >> KEY_BITS)


def _per_candidate(
    candidates: list[int], owners: np.ndarray, weights: Any = None
) -> tuple[list[int], list[int]]:
    """The candidates named in ``owners`` (indexes, ascending) and how often each is, ascending."""
    counts = np.bincount(owners, weights=weights, minlength=len(candidates))
    found = np.flatnonzero(counts)
    return [candidates[i] for i in found.tolist()], counts[found].astype(np.int64).tolist()


def _held(reader: Any, field: str, term: str, candidates: list[int]) -> list[bytes]:
    """The stored values of ``term`` in each candidate (every candidate holds every term)."""
    return cast("list[bytes]", values_for(reader.postings(field, term), candidates))


def _candidates(
    reader: Any, terms: list[tuple[str, str]], within: np.ndarray | None = None
) -> tuple[list[int], list[int]]:
    """Documents holding every (field, term) (ascending; only those in ``within`` when given), and
    the terms' indexes from the rarest up.

    Intersected as arrays: as Python sets of every posting's number they were 14 ms of
    "the unseen male" at national.
    """
    if any(term not in reader for term in terms):
        return [], []
    order = sorted(range(len(terms)), key=lambda i: reader.doc_frequency(*terms[i]))
    candidates = id_array(reader.postings(*terms[order[0]]))
    if within is not None:
        candidates = intersect_sorted(candidates, within)
    for index in order[1:]:
        if not len(candidates):
            return [], order
        candidates = intersect_sorted(candidates, id_array(reader.postings(*terms[index])))
    if reader.has_deletions() and len(candidates):
        live = np.fromiter(reader.all_doc_ids(), dtype=np.int64)
        candidates = intersect_sorted(candidates, live)
    return candidates.tolist(), order


def near_spans(positions: list[list[int]], slop: int) -> set[tuple[int, int]]:
    """Spans (first, last position) where each word follows the span of those before it within ``slop``.

    The meaning of Whoosh's unordered ``SpanNear2(slop=slop, mindist=1)``: the first word's
    positions are spans; each next word's position joins a span when its distance to the
    span (0 inside it, else the gap to its nearer end) is between 1 and ``slop``.
    """
    spans = {(p, p) for p in positions[0]}
    for following in positions[1:]:
        joined = set()
        for start, end in spans:
            i = bisect_left(following, start - slop)
            while i < len(following) and following[i] <= end + slop:
                q = following[i]
                distance = start - q if q < start else q - end if q > end else 0
                if 1 <= distance <= slop:
                    joined.add((min(start, q), max(end, q)))
                i += 1
        spans = joined
        if not spans:
            break
    return spans


def near_documents(
    reader: Any, field: str, words: tuple[str, ...], slop: int, within: np.ndarray | None = None
) -> tuple[list[int], list[int]]:
    """Documents (segment-local numbers, ascending) with ``words`` near each other, and how often.

    Two different words, the usual case, are counted for every candidate at once
    (:func:`near_pairs`); more words, or a word repeated, build spans report by report.
    ``within`` limits the candidates, as for :func:`phrase_documents`.
    """
    candidates, _ = _candidates(reader, [(field, word) for word in words], within)
    if not candidates:
        return [], []
    if len(words) == 2 and words[0] != words[1]:
        first, second = (keyed_positions_in(reader.postings(field, word), candidates) for word in words)
        owners, pairs = near_pairs(first, second, slop)
        return _per_candidate(candidates, owners, pairs)
    values = [_held(reader, field, word, candidates) for word in words]
    decode = reader.schema[field].format.decode_positions
    docs, counts = [], []
    for i, doc in enumerate(candidates):
        count = len(near_spans([decode(held[i]) for held in values], slop))
        if count:
            docs.append(doc)
            counts.append(count)
    return docs, counts


#: Up to this slop, pairs are counted by stepping through the other word's keys from the first
#: one near; beyond it, by two binary searches (a step is a pass over the keys still near).
WINDOW_SLOP = 6


def near_pairs(first: np.ndarray, second: np.ndarray, slop: int) -> tuple[np.ndarray, np.ndarray]:
    """For two words' keyed positions: each position's owner, and how many of the other's are near.

    Near is 1 to ``slop`` positions apart, either way: the count of :func:`near_spans` for
    two words. All candidates are counted at once (a window never reaches another report:
    keys of two reports are 2**32 apart). For a small slop, one binary search finds the
    first of the other word's keys not before each window; the keys from there are compared
    a step at a time, and a window leaves the next step once a key passes its end, so a step
    costs only what is still near. That also finds the same position (no pair) without a
    set lookup: ``"domestic incident"~5`` at national (226,000 and 357,000 positions) took
    7 ms against 22 for two binary searches and a set lookup.
    """
    rarer, other = (first, second) if len(first) <= len(second) else (second, first)
    start = np.searchsorted(other, rarer - slop, "left")
    if slop > WINDOW_SLOP:
        near = np.searchsorted(other, rarer + slop, "right") - start
        near -= held_in(rarer, other)  # the same position is no pair
        return rarer >> KEY_BITS, near
    padded = np.append(other, np.iinfo(np.int64).max)  # a window running off the end stops there
    near = np.zeros(len(rarer), dtype=np.int64)
    which = np.arange(len(rarer))  # the windows still open, and where each stands
    at, reach, position = start, rarer + slop, rarer
    for _ in range(2 * slop + 1):  # other's keys are distinct: no window holds more
        key = padded[at]
        inside = key <= reach
        near[which[inside & (key != position)]] += 1
        still = np.flatnonzero(inside)
        if not len(still):
            break
        which, at, reach, position = which[still], at[still] + 1, reach[still], position[still]
    return rarer >> KEY_BITS, near


#: Phrase answers kept across searches, by segment (a segment's documents never change; a
#: deletion changes its live count, which is part of the key).
_ANSWERS: Kept[tuple[list[int], list[int]]] = Kept(256)


def _kept_within(answer: tuple[list[int], list[int]], within: np.ndarray) -> tuple[list[int], list[int]]:
    """The documents of ``answer`` (and their counts) that ``within`` holds."""
    docs = np.asarray(answer[0], dtype=np.int64)
    kept = np.flatnonzero(held_in(docs, within))
    counts = answer[1]
    return docs[kept].tolist(), [counts[i] for i in kept.tolist()]


def forget_answers() -> None:
    """Forget every kept phrase answer (a cold search verifies again)."""
    _ANSWERS.clear()


class ExactPhrase(wq.Query):
    """Documents in which ``words`` occur in this order, side by side, in ``fieldname``."""

    def __init__(self, fieldname: str, words: list[str], boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.words = tuple(words)
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExactPhrase) and (self.fieldname, self.words, self.boost) == (
            other.fieldname,
            other.words,
            other.boost,
        )

    def __hash__(self) -> int:
        return hash((ExactPhrase, self.fieldname, self.words, self.boost))

    def __repr__(self) -> str:
        return f"ExactPhrase({self.fieldname!r}, {list(self.words)!r})"

    def __unicode__(self) -> str:
        return f'{self.fieldname}:"{" ".join(self.words)}"'

    __str__ = __unicode__

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False) -> Any:
        for word in self.words:
            yield (self.fieldname, word)

    def estimate_size(self, ixreader: Any) -> int:
        return min((ixreader.doc_frequency(self.fieldname, w) for w in self.words), default=0)

    def answer(self, reader: Any, within: np.ndarray | None = None) -> tuple[list[int], list[int]]:
        """The documents of ``reader`` (one segment) holding the phrase, ascending, and how often;
        with ``within`` (segment-local numbers, ascending), only those of its documents.

        Kept by segment and live count, so counting its matches and ranking them verify positions
        once, and the web page's second count of the same phrase (a ticked facet counted without
        its filter) does not verify again. A search filtered to some documents (an age band)
        verifies only those: at national, half the reports for one band of the benchmark's mix.
        """
        segment = segment_key(reader)
        if segment is None:  # an empty index, or one in memory
            return self._find(reader, within)
        key = (*segment, reader.doc_count(), *self._key())
        if within is None:
            return _ANSWERS.get_or_compute(key, lambda: self._find(reader))
        whole = _ANSWERS.get(key)
        if whole is not None:  # every document verified already: keep those asked for
            return _kept_within(whole, within)
        digest = hashlib.blake2b(np.ascontiguousarray(within, dtype=np.int64).tobytes(), digest_size=16)
        return _ANSWERS.get_or_compute((*key, digest.digest()), lambda: self._find(reader, within))

    def _key(self) -> tuple[object, ...]:
        return (type(self).__name__, self.fieldname, self.words)

    def _find(self, reader: Any, within: np.ndarray | None = None) -> tuple[list[int], list[int]]:
        return phrase_documents(reader, self.fieldname, self.words, within)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        docs, counts = self.answer(searcher.reader())
        if not docs:
            return NullMatcher()
        weights = [self.boost * (1.0 + math.log(count)) for count in counts]
        return ListMatcher(docs, weights=weights)


class NearWords(ExactPhrase):
    """Documents in which ``words`` occur within ``slop`` positions of each other, in any order."""

    def __init__(self, fieldname: str, words: list[str], slop: int, boost: float = 1.0) -> None:
        super().__init__(fieldname, words, boost)
        self.slop = slop

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NearWords) and super().__eq__(other) and self.slop == other.slop

    def __hash__(self) -> int:
        return hash((NearWords, self.fieldname, self.words, self.slop, self.boost))

    def __repr__(self) -> str:
        return f"NearWords({self.fieldname!r}, {list(self.words)!r}, slop={self.slop})"

    def __unicode__(self) -> str:
        return f'{self.fieldname}:"{" ".join(self.words)}"~{self.slop}'

    __str__ = __unicode__

    def _find(self, reader: Any, within: np.ndarray | None = None) -> tuple[list[int], list[int]]:
        return near_documents(reader, self.fieldname, self.words, self.slop, within)

    def _key(self) -> tuple[object, ...]:
        return (*super()._key(), self.slop)
