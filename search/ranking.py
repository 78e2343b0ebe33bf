"""Ranking a query of words and phrases over whole posting lists at once, not match by match.

Whoosh's collector ranks by walking its matcher tree in Python: for every
match, ``id()``, ``next()`` and ``score()`` on each matcher of the tree, and a
BM25F score per word. On ``(police OR school) AND referral`` at national scale
(2,959 matches, about 15,000 word scores) that walk was most of the search.
Here each segment's query tree is evaluated over arrays as long as the segment
(numpy): a word's postings are read a block at a time
(:func:`index.codec.ids_and_weights`) and scored in one expression
(:func:`index.scoring.bm25_scores`, Whoosh's formula in its order of operations);
``AND`` adds its parts' scores where all of them match, ``OR`` where any does,
``AND NOT`` keeps its first part's where the second does not match; a phrase
scores from the counts its verification found, as its own matcher does. The
matches are counted from the same arrays, so one pass both counts and ranks:
``(police OR school) AND referral`` at national 97.6 → 57.9 ms, ``neglect AND
housing`` 65.8 → 43.9 ms (docs/BENCHMARKS.md).

A document's score is the sum of the same word scores as Whoosh's. Whoosh adds
them in the order of its matcher tree (built from each part's estimated size),
this module in the query's order, so a sum of three or more may differ in its
last bit (tested: the same matches, scores within 1e-12, the same order but for
such near-ties). A query holding a part of another kind (a range) is ranked by
Whoosh's collector (:func:`search.counting.collect`).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25FScorer, WeightScorer

from index.codec import ids_and_weights
from index.keyed import held_in
from index.scoring import bm25_scores, length_array

from .docsets import allowed_docs, segment_docs
from .phrases import ExactPhrase

#: One segment's answer to a part of the query: whether each document matches, and its score
#: (0.0 where it does not match), indexed by segment document number.
_Answer = tuple[np.ndarray, np.ndarray]


class _Unsupported(Exception):
    """A part of the query that only Whoosh's own matchers score."""


def rank(
    searcher: Any, query: wq.Query, allow: Any, limit: int | None
) -> tuple[list[tuple[int, float | None]], list[int]] | None:
    """The top ``limit`` matches of ``query`` (None: all) as (document number, score), best first
    and lower number first among equal scores, and every match's number ascending; None when the
    query holds a part this module does not score.

    ``allow`` (a query, or a set of global document numbers) keeps only the documents it holds.
    """
    numbers: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    try:
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            within = None if allow is None else np.sort(_array(allowed_docs(subsearcher, allow, offset)))
            matches, score = _answer(subsearcher, query, reader.doc_count_all(), within)
            local = np.flatnonzero(matches)
            if local.size and within is not None:
                local = local[held_in(local, within)]
            if local.size and reader.has_deletions():
                local = local[np.isin(local, _array(reader.all_doc_ids()))]
            numbers.append(local + offset)
            scores.append(score[local])
    except _Unsupported:
        return None
    docs = np.concatenate(numbers) if numbers else np.zeros(0, dtype=np.int64)
    values = np.concatenate(scores) if scores else np.zeros(0)
    order = np.lexsort((docs, -values))  # by score, best first; then by number
    if limit is not None:
        order = order[:limit]
    ranked: list[tuple[int, float | None]] = list(
        zip(docs[order].tolist(), values[order].tolist(), strict=True)
    )
    return ranked, docs.tolist()


def _array(numbers: Any) -> np.ndarray:
    return np.fromiter(numbers, dtype=np.int64)


def _nothing(size: int) -> _Answer:
    return np.zeros(size, dtype=bool), np.zeros(size)


def _answer(searcher: Any, query: Any, size: int, within: np.ndarray | None = None) -> _Answer:
    """``query``'s answer in the segment of ``searcher`` (``size`` documents, deleted ones included).

    Phrases are verified only in the documents ``within`` holds, when given (the search's filter):
    the caller keeps only those documents of the answer.
    """
    # exact types: a subclass of these may match or score otherwise
    kind = type(query)
    if kind is wq.Term:
        return _term(searcher, query, size)
    if isinstance(query, ExactPhrase):
        matches, score = _nothing(size)
        docs, counts = query.answer(searcher.reader(), within)
        if docs:  # the weights its ListMatcher gives Whoosh's collector
            matches[docs] = True
            score[docs] = [query.boost * (1.0 + math.log(count)) for count in counts]
        return matches, score
    if kind is wq.And or (kind is wq.Or and not query.minmatch and not query.scale):
        if not query.subqueries:
            return _nothing(size)
        parts = [_answer(searcher, sub, size, within) for sub in query.subqueries]
        matches, score = parts[0][0].copy(), parts[0][1].copy()
        for part_matches, part_score in parts[1:]:
            if kind is wq.And:
                matches &= part_matches
            else:
                matches |= part_matches
            score += part_score  # 0.0 where the part does not match
        if kind is wq.And:
            score[~matches] = 0.0
        # Whoosh applies a compound's boost only to a tree of two parts or more
        return matches, _boosted(score, query.boost if len(parts) > 1 else 1.0)
    if isinstance(query, wq.AndNot):
        matches, score = _answer(searcher, query.a, size, within)
        excluded = list(segment_docs(searcher, searcher.reader(), query.b, within))  # documents, not scores
        matches[excluded] = False
        score[excluded] = 0.0
        return matches, score  # Whoosh's AndNot has no boost of its own (with_boost gives it to a)
    if kind is wq.Every and not query.fieldname:
        return np.ones(size, dtype=bool), np.full(size, query.boost, dtype=np.float64)
    if query is wq.NullQuery:
        return _nothing(size)
    raise _Unsupported(type(query).__name__)


def _term(searcher: Any, query: wq.Term, size: int) -> _Answer:
    """A word's answer: its postings, each scored as the searcher's weighting scores it."""
    matches, score = _nothing(size)
    if query.fieldname not in searcher.schema:
        return matches, score
    try:
        text = searcher.schema[query.fieldname].to_bytes(query.text)
    except ValueError:
        return matches, score
    reader = searcher.reader()
    if (query.fieldname, text) not in reader:
        return matches, score
    scorer = searcher.weighting.scorer(searcher, query.fieldname, text)
    docs, weights = ids_and_weights(reader.postings(query.fieldname, text))
    if isinstance(scorer, BM25FScorer):
        values = bm25_scores(scorer, weights, length_array(reader, query.fieldname)[docs])
    elif isinstance(scorer, WeightScorer):  # a field without lengths: the weight is the score
        values = weights
    else:
        raise _Unsupported(type(scorer).__name__)
    matches[docs] = True
    score[docs] = _boosted(values, query.boost)
    return matches, score


def _boosted(score: np.ndarray, boost: float) -> np.ndarray:
    return score if boost == 1.0 else score * boost


__all__ = ["rank"]
