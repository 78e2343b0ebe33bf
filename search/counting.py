"""Totals and facet counts over every matching document, from per-segment value tables.

Whoosh's grouped search counted facets by building, for every facet and every
segment, a map from documents to values on each query (reading every posting
of the facet field: 75 ms a query at national scale whatever the query), then
categorised each match through several Python calls per facet. Here a search
records the numbers of the documents it matches (:class:`MatchedDocs`), and
each facet's values are read once per index segment into a table indexed by
document number; counting is then one C-level pass per facet.

Segments never change once written (a deletion only marks documents deleted,
and deleted documents never match), so a table stays right for as long as its
segment exists; tables are kept for the most recently used segments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import chain
from typing import Any

from whoosh import collectors, sorting
from whoosh import query as wq
from whoosh.collectors import WrappingCollector
from whoosh.searching import Searcher

from index.facets import FACETS, Facet
from index.kept import Kept, segment_key

from .docsets import matching_docs
from .model import FacetCounts
from .ranking import rank

#: Segment tables kept (a national index has about ten segments and six facets).
_TABLES: Kept[list[Any]] = Kept(256)


class MatchedDocs(WrappingCollector):
    """Wraps a collector and records the number of every document it is given."""

    def __init__(self, child: Any) -> None:
        super().__init__(child)
        self.docs: list[int] = []

    def collect(self, sub_docnum: int) -> Any:
        self.docs.append(self.offset + sub_docnum)
        return self.child.collect(sub_docnum)


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _read_table(reader: Any, facet: Facet) -> list[Any]:
    """Each document's value (a tuple of values for a multi-valued facet), by segment document number."""
    size = reader.doc_count_all()
    if not facet.multi and reader.has_column(facet.field):
        return [_text(v) for v in reader.column_reader(facet.field, translate=False)]
    table: list[Any] = [() for _ in range(size)]
    for term in reader.lexicon(facet.field):
        value = _text(term)
        for doc in reader.postings(facet.field, term).all_ids():
            table[doc] = (*table[doc], value)
    return table if facet.multi else [values[0] if values else None for values in table]


def _segment_table(reader: Any, facet: Facet) -> list[Any]:
    segment = segment_key(reader)
    if segment is None:  # an index with no documents yet, or one in memory
        return _read_table(reader, facet)
    return _TABLES.get_or_compute((*segment, facet.field), lambda: _read_table(reader, facet))


def _table(searcher: Any, facet: Facet) -> list[Any]:
    """The facet's values by the searcher's (global) document number."""
    leaves = searcher.reader().leaf_readers()
    if len(leaves) == 1:
        return _segment_table(leaves[0][0], facet)
    table: list[Any] = []
    for reader, offset in leaves:
        assert offset == len(table)  # segments are numbered one after another
        table.extend(_segment_table(reader, facet))
    return table


def count_facets(
    searcher: Any,
    docs: Sequence[int],
    match_sections: Mapping[int, Iterable[str]] | None = None,
    text_query: bool = False,
    names: Collection[str] | None = None,
) -> FacetCounts:
    """Counts of the registered facets' values over ``docs`` (global document numbers).

    Every facet, or those in ``names``. A per-match facet (the section) counts, for a query with
    words of the text, each report under the values its matches fall in (``match_sections``),
    and is left out when those were not looked up; with no such query, under the values the
    report has.
    """
    counts = {}
    for name, facet in FACETS.items():
        if names is not None and name not in names:
            continue
        if facet.per_match and text_query:
            if match_sections is None:
                continue
            where = Counter(chain.from_iterable(match_sections.get(doc, ()) for doc in docs))
            counts[name] = facet.ordered(dict(where))
            continue
        values = map(_table(searcher, facet).__getitem__, docs)
        tally = Counter(chain.from_iterable(values) if facet.multi else values)
        tally.pop(None, None)
        counts[name] = facet.ordered(dict(tally))
    return FacetCounts(counts)


def collect(
    searcher: Searcher,
    query: wq.Query,
    allow: wq.Query | None,
    *,
    limit: int | None,
    sortedby: sorting.FacetType | None = None,
) -> tuple[list[tuple[int, float | None]], list[int]]:
    """The top ``limit`` hits as (document number, score), and every match's document number.

    Hits come in ``sortedby`` order (no score), else best score first (ties: lower number first).
    ``allow`` (a query or a set of document numbers) keeps only the documents it holds.

    ``limit=0`` only counts: the matches come from posting lists without scoring
    (:mod:`search.docsets`). Ranked by score, a query of words and phrases is counted and ranked
    over whole posting lists at once (:mod:`search.ranking`). Any other (sorted by a facet, or
    holding a range) is ranked by Whoosh's collector, which sees every match and records it:
    skipping blocks that cannot reach the top (block-max) was measured to skip none on the
    benchmark's library (see docs/BENCHMARKS.md), so a separate counting pass would only add to it.
    """
    if limit == 0:
        return [], matching_docs(searcher, query, allow)
    if sortedby is None:
        answer = rank(searcher, query, allow, limit)
        if answer is not None:
            return answer
    # every match must reach the recorder, not only those that could make the top: no block-quality
    # skipping, and no replacing the matcher by one without the documents below the current minimum
    top = searcher.collector(limit=limit, sortedby=sortedby, optimize=False)
    top.replace = 0
    recorder = MatchedDocs(top)
    # the filter outside the recorder, so only the documents it lets through are recorded
    collector = collectors.FilterCollector(recorder, allow=allow) if allow is not None else recorder
    searcher.search_with_collector(query, collector)
    ranked = [(hit.docnum, None if sortedby is not None else hit.score) for hit in collector.results()]
    return ranked, recorder.docs
