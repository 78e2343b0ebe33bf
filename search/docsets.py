"""Which documents a query matches, as sets of document numbers: counting without scoring.

A total and facet counts need every matching document, not every match's
score. Whoosh's collector scored each match in Python (the BM25 formula and a
read of the document's length, about 10 µs a match: a third of a one-word
query at national scale) only for most of the scores to be thrown away. Here
each segment's matches are built from its posting lists' document numbers
(read a block at a time, :meth:`index.codec.SplitLeafMatcher.all_ids`) with C
set operations in the query's boolean shape; deleted documents are removed at
the end. :func:`search.counting.collect` uses it where nothing needs ranking
(facet counts, the candidates of a section search); a search that ranks counts
from the arrays it ranks with (:mod:`search.ranking`), and is tested against this.

A phrase or proximity query verifies positions document by document whichever
pass asks; it keeps each segment's answer (:meth:`search.phrases.ExactPhrase.answer`)
so a second pass does not verify again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from whoosh import query as wq

from .phrases import ExactPhrase


def matching_docs(searcher: Any, query: wq.Query, allow: Any = None) -> list[int]:
    """Global numbers of the live documents ``query`` matches, ascending.

    ``allow`` (a query, or a set of global document numbers) keeps only the documents it holds.
    """
    found: list[int] = []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        allowed = None if allow is None else allowed_docs(subsearcher, allow, offset)
        within = None if allowed is None else np.array(sorted(allowed), dtype=np.int64)
        docs = segment_docs(subsearcher, reader, query, within)
        if allowed is not None and docs:
            docs &= allowed
        if docs and reader.has_deletions():
            docs.intersection_update(reader.all_doc_ids())
        found.extend(d + offset for d in sorted(docs))
    return found


def allowed_docs(subsearcher: Any, allow: Any, offset: int) -> set[int]:
    """Segment-local numbers of the documents ``allow`` (a query, or a set of global document
    numbers) holds in the segment of ``subsearcher``, which starts at global number ``offset``."""
    reader = subsearcher.reader()
    if isinstance(allow, wq.Query):
        return segment_docs(subsearcher, reader, allow)
    end = offset + reader.doc_count_all()
    return {d - offset for d in allow if offset <= d < end}


def _posting_ids(reader: Any, field: str, text: Any) -> Iterable[int]:
    if (field, text) not in reader:
        return ()
    matcher = reader.postings(field, text)
    # a segment with deletions wraps its postings in a filter that reads them one by one; the
    # deleted documents are removed from the whole set instead (matching_docs)
    return getattr(matcher, "child", matcher).all_ids()


def segment_docs(searcher: Any, reader: Any, query: Any, within: np.ndarray | None = None) -> set[int]:
    """Segment-local numbers of the documents ``query`` matches (deleted ones may be included).

    With ``within`` (ascending numbers), phrases are verified only in those documents, and the
    caller keeps only those of the answer.
    """
    if isinstance(query, wq.Term):
        return set(_posting_ids(reader, query.fieldname, query.text))
    if isinstance(query, ExactPhrase):
        return set(query.answer(reader, within)[0])
    if isinstance(query, wq.Or):
        parts = [segment_docs(searcher, reader, q, within) for q in query.subqueries]
        return set().union(*parts)
    if isinstance(query, wq.And):
        parts = sorted((segment_docs(searcher, reader, q, within) for q in query.subqueries), key=len)
        docs = parts[0] if parts else set()
        for part in parts[1:]:
            if not docs:
                break
            docs &= part
        return docs
    if isinstance(query, wq.AndNot):
        docs = segment_docs(searcher, reader, query.a, within)
        return docs - segment_docs(searcher, reader, query.b, within) if docs else docs
    if isinstance(query, wq.Every) and not query.fieldname:
        return set(range(reader.doc_count_all()))
    if query is wq.NullQuery:
        return set()
    if isinstance(query, wq.NumericRange):
        return segment_docs(searcher, reader, query.simplify(reader), within)
    # any other query: its own matcher, without scoring
    matcher = query.matcher(searcher)
    return set(matcher.all_ids()) if matcher.is_active() else set()


__all__ = ["allowed_docs", "matching_docs", "segment_docs"]
