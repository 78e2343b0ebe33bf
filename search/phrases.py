"""Exact phrase matching that stays fast when a phrase holds very common words.

Whoosh's own ``Phrase`` query runs through its span machinery in pure Python,
which took seconds for a phrase such as "the unseen male" over a few hundred
long reports. This query finds the documents holding every word (doc ids
only, from the rarest word up), then checks adjacency with the words'
positions, decoded with C-level helpers and compared as sets, rarest word
first. The score grows with the number of occurrences.
"""

from __future__ import annotations

import math
from itertools import accumulate
from operator import itemgetter
from pickle import loads
from typing import Any

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

_INT_SIZE = 4  # whoosh packs the number of postings as an unsigned int before the pickle


def _positions(value: bytes) -> list[int]:
    """Word positions from a Characters-format posting value (pickled deltas)."""
    if not value.endswith(b"."):
        value += b"."  # whoosh strips the pickle's final STOP opcode
    codes = loads(value[_INT_SIZE:])
    return list(accumulate(map(itemgetter(0), codes)))


def phrase_documents(reader: Any, field: str, words: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Documents (segment-local numbers, ascending) holding ``words`` adjacent, and how often."""
    if any((field, word) not in reader for word in words):
        return [], []
    order = sorted(range(len(words)), key=lambda i: reader.doc_frequency(field, words[i]))
    candidates = set(reader.postings(field, words[order[0]]).all_ids())
    for index in order[1:]:
        if not candidates:
            return [], []
        candidates &= set(reader.postings(field, words[index]).all_ids())
    matchers = {index: reader.postings(field, words[index]) for index in order}
    docs, counts = [], []
    for doc in sorted(candidates):
        starts: set[int] | None = None
        for index in order:
            matcher = matchers[index]
            matcher.skip_to(doc)
            shifted = {p - index for p in _positions(matcher.value())}
            starts = shifted if starts is None else starts & shifted
            if not starts:
                break
        if starts:
            docs.append(doc)
            counts.append(len(starts))
    return docs, counts


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

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        docs, counts = phrase_documents(searcher.reader(), self.fieldname, self.words)
        if not docs:
            return NullMatcher()
        weights = [self.boost * (1.0 + math.log(count)) for count in counts]
        return ListMatcher(docs, weights=weights)
