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

import math
from bisect import bisect_left, bisect_right
from typing import Any, cast

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from index import fields as F
from index.analysis import COMMON_WORDS, pair_term
from index.codec import values_for
from index.positions import shifted_positions

from .kept import Kept, segment_key


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


def phrase_documents(reader: Any, field: str, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Documents (segment-local numbers, ascending) holding ``words`` adjacent, and how often."""
    pieces = phrase_pieces(field, words)
    candidates, order = _candidates(reader, [(f, t) for f, t, _ in pieces])
    values = {k: _held(reader, pieces[k][0], pieces[k][1], candidates) for k in order}
    docs, counts = [], []
    for i, doc in enumerate(candidates):
        starts: set[int] | None = None
        for k in order:
            shifted = shifted_positions(values[k][i], -pieces[k][2])
            starts = shifted if starts is None else starts & shifted
            if not starts:
                break
        if starts:
            docs.append(doc)
            counts.append(len(starts))
    return docs, counts


def _held(reader: Any, field: str, term: str, candidates: list[int]) -> list[bytes]:
    """The stored values of ``term`` in each candidate (every candidate holds every term)."""
    return cast("list[bytes]", values_for(reader.postings(field, term), candidates))


def _candidates(reader: Any, terms: list[tuple[str, str]]) -> tuple[list[int], list[int]]:
    """Documents holding every (field, term) (ascending), and the terms' indexes from the rarest up."""
    if any(term not in reader for term in terms):
        return [], []
    order = sorted(range(len(terms)), key=lambda i: reader.doc_frequency(*terms[i]))
    candidates = set(reader.postings(*terms[order[0]]).all_ids())
    for index in order[1:]:
        if not candidates:
            return [], order
        candidates &= set(reader.postings(*terms[index]).all_ids())
    return sorted(candidates), order


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


#: Above this many positions of the other word for each of the rarer's, near pairs are counted by
#: binary search (a walk along the other word would pass over too many of them).
WALK_RATIO = 8


def near_count(positions: list[list[int]], slop: int) -> int:
    """How many spans :func:`near_spans` finds (positions of distinct words, each list ascending).

    Two different words, the usual case, need no spans: a pair is a match when the words stand
    1 to ``slop`` apart, and each pair is its own span. The pairs are counted by walking both
    lists together, the window of the other word's positions moving forward with each of the
    rarer word's (half the time of two binary searches per position on the benchmark's
    proximity queries, 5,945 reports: 179–238 ms against 90–106 ms); when the other word is
    much more frequent, by binary searches.
    """
    if len(positions) != 2:
        return len(near_spans(positions, slop))
    rarer, other = sorted(positions, key=len)
    if len(other) > WALK_RATIO * len(rarer):
        count = sum(bisect_right(other, p + slop) - bisect_left(other, p - slop) for p in rarer)
    else:
        ahead = [*other, _BEYOND]  # no end checks in the walk
        count = low = high = 0
        for p in rarer:
            first = p - slop
            while ahead[low] < first:
                low += 1
            if high < low:
                high = low
            last = p + slop
            while ahead[high] <= last:
                high += 1
            count += high - low
    if count:
        count -= len(set(rarer).intersection(other))  # the same position is no pair
    return count


_BEYOND = 1 << 62  # after every position


def near_documents(reader: Any, field: str, words: tuple[str, ...], slop: int) -> tuple[list[int], list[int]]:
    """Documents (segment-local numbers, ascending) with ``words`` near each other, and how often."""
    candidates, order = _candidates(reader, [(field, word) for word in words])
    values = [_held(reader, field, word, candidates) if order else [] for word in words]
    decode = reader.schema[field].format.decode_positions
    docs, counts = [], []
    counter = (
        near_count if len(set(words)) == len(words) else lambda found, reach: len(near_spans(found, reach))
    )
    for i, doc in enumerate(candidates):
        count = counter([decode(held[i]) for held in values], slop)
        if count:
            docs.append(doc)
            counts.append(count)
    return docs, counts


#: Phrase answers kept across searches, by segment (a segment's documents never change; a
#: deletion changes its live count, which is part of the key).
_ANSWERS: Kept[tuple[list[int], list[int]]] = Kept(256)


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

    def answer(self, reader: Any) -> tuple[list[int], list[int]]:
        """The documents of ``reader`` (one segment) holding the phrase, ascending, and how often.

        Kept by segment and live count, so counting its matches and ranking them verify positions
        once, and the web page's second count of the same phrase (a ticked facet counted without
        its filter) does not verify again.
        """
        segment = segment_key(reader)
        if segment is None:  # an empty index, or one in memory
            return self._find(reader)
        key = (*segment, reader.doc_count(), *self._key())
        return _ANSWERS.get_or_compute(key, lambda: self._find(reader))

    def _key(self) -> tuple[object, ...]:
        return (type(self).__name__, self.fieldname, self.words)

    def _find(self, reader: Any) -> tuple[list[int], list[int]]:
        return phrase_documents(reader, self.fieldname, self.words)

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

    def _find(self, reader: Any) -> tuple[list[int], list[int]]:
        return near_documents(reader, self.fieldname, self.words, self.slop)

    def _key(self) -> tuple[object, ...]:
        return (*super()._key(), self.slop)
