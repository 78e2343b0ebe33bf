"""Searching inside the parts of reviews: ``section:recommendations``, the section filter, counts.

A report is one indexed document, and a section is a stretch of its text (its outline, stored in
the catalog, says where each starts). A query restricted to sections is read as if each report
held only the text of those sections: each word or phrase must match inside them (NOT: must not),
while ``title:``, ``lscb:`` and facet terms still apply to the whole report. The reports that may
qualify are found by the index first (the query without its NOTs, the report having such a
section), then each is checked against its stored word positions.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whoosh import query as wq
from whoosh.searching import Searcher

from index import IndexStore
from index import fields as F

from .counting import collect
from .errors import QueryError
from .filters import Filters
from .query import And, Node, Not, Or, Phrase, Word, all_leaves, positive_leaves
from .snippets import PostingCursor, match_spans
from .whoosh_query import to_whoosh


def lift_sections(node: Node) -> tuple[Node | None, tuple[str, ...]]:
    """Take the ``section:`` terms out of a query: (the rest of it, the sections asked for).

    ``section:`` says where the rest must match, so it may stand only beside the other words (the
    query's top level), where several are alternatives; under OR or NOT it is refused.
    """
    children = node.children if isinstance(node, And) else (node,)
    sections = tuple(c.text for c in children if isinstance(c, Word) and c.field == F.SECTION)
    rest = [c for c in children if not (isinstance(c, Word) and c.field == F.SECTION)]
    for child in rest:
        if any(leaf.field == F.SECTION for leaf in all_leaves(child)):
            raise QueryError(
                "section: says where the whole query must match; put it beside the other words, "
                'not inside OR, NOT or brackets (e.g. section:recommendations "information sharing")'
            )
    if not rest:
        return None, sections
    return (rest[0] if len(rest) == 1 else And(tuple(rest))), sections


def has_text_words(node: Node | None) -> bool:
    """Whether a query holds words or phrases of the text (which a section can restrict)."""
    return node is not None and any(leaf.field == F.TEXT for leaf in all_leaves(node))


def without_nots(node: Node) -> Node | None:
    """A query every report the restricted query may keep matches (None: every report)."""
    if isinstance(node, (Word, Phrase)):
        return node
    if isinstance(node, Not):
        return None
    parts = [without_nots(c) for c in node.children]
    if isinstance(node, Or):
        return None if any(p is None for p in parts) else Or(tuple(p for p in parts if p is not None))
    kept = [p for p in parts if p is not None]
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(tuple(kept))


def _inside(spans: Sequence[tuple[int, int]], ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    starts = [start for start, _ in ranges]
    kept = []
    for span in spans:
        index = bisect.bisect_right(starts, span[0]) - 1
        if index >= 0 and span[1] <= ranges[index][1]:
            kept.append(span)
    return kept


@dataclass
class SectionMatches:
    """What a section-restricted query keeps: the reports, and where in them it matched."""

    docs: set[int] = field(default_factory=set)
    #: the spans of the query's words inside the sections, by report (for snippets)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    #: the sections each kept report's matches fall in (for the section counts)
    sections: dict[int, set[str]] = field(default_factory=dict)


def doc_ids(searcher: Searcher, docnums: Sequence[int]) -> dict[int, str]:
    """The report id of each document number."""
    return {docnum: searcher.stored_fields(docnum)[F.ID] for docnum in docnums}


def restrict(
    searcher: Searcher,
    store: IndexStore,
    node: Node,
    sections: Sequence[str],
    candidates: Sequence[int],
    expansions: dict[Word, list[str]],
) -> SectionMatches:
    """The ``candidates`` (document numbers) whose ``sections`` match ``node``, as the module says."""
    ordered = sorted(candidates)
    ids = doc_ids(searcher, ordered)
    maps = store.section_maps(list(ids.values()))
    whole = whole_report_leaves(searcher, node)
    cursor = PostingCursor(searcher)
    leaves = [leaf for leaf in dict.fromkeys(all_leaves(node)) if leaf.field == F.TEXT]
    shown = set(positive_leaves(node))
    found = SectionMatches()
    for docnum in ordered:
        where = maps.get(ids[docnum])
        if where is None:
            continue  # no outline read: no section can be said to hold the match
        ranges = where.stretches(sections)
        if not ranges:
            continue
        inside = {
            leaf: _inside(match_spans(searcher, docnum, [leaf], expansions, cursor), ranges)
            for leaf in leaves
        }
        if not holds(node, _leaf_test(inside, whole, docnum)):
            continue
        found.docs.add(docnum)
        spans = sorted({span for leaf, kept in inside.items() if leaf in shown for span in kept})
        found.spans[docnum] = spans
        found.sections[docnum] = {where.section_at(start) for start, _ in spans}
    return found


def holds(node: Node, leaf_holds: Callable[[Word | Phrase], bool]) -> bool:
    """Whether a query holds, given whether each of its words and phrases does."""
    if isinstance(node, (Word, Phrase)):
        return leaf_holds(node)
    if isinstance(node, Not):
        return not holds(node.child, leaf_holds)
    if isinstance(node, Or):
        return any(holds(c, leaf_holds) for c in node.children)
    return all(holds(c, leaf_holds) for c in node.children)


def _leaf_test(
    inside: dict[Word | Phrase, list[tuple[int, int]]], whole: dict[Word | Phrase, set[int]], docnum: int
) -> Callable[[Word | Phrase], bool]:
    """A text leaf holds with a match inside the sections; any other with the report matching it."""
    return lambda leaf: bool(inside[leaf]) if leaf.field == F.TEXT else docnum in whole[leaf]


def whole_report_leaves(searcher: Searcher, node: Node) -> dict[Word | Phrase, set[int]]:
    """For each ``title:``, ``lscb:`` or facet term of a query, the reports (numbers) it matches."""
    whole: dict[Word | Phrase, set[int]] = {}
    for leaf in all_leaves(node):
        if leaf.field != F.TEXT and leaf not in whole:
            whole[leaf] = set(searcher.docs_for_query(to_whoosh(leaf, searcher)))
    return whole


def match_sections(
    searcher: Searcher,
    store: IndexStore,
    node: Node,
    docnums: Sequence[int],
    expansions: dict[Word, list[str]],
) -> dict[int, set[str]]:
    """The sections each report's matches of ``node`` fall in (for the section counts)."""
    ordered = sorted(docnums)
    ids = doc_ids(searcher, ordered)
    maps = store.section_maps(list(ids.values()))
    leaves = [leaf for leaf in positive_leaves(node) if leaf.field == F.TEXT]
    cursor = PostingCursor(searcher)
    found: dict[int, set[str]] = {}
    for docnum in ordered:
        where = maps.get(ids[docnum])
        if where is None:
            continue
        spans = match_spans(searcher, docnum, leaves, expansions, cursor)
        found[docnum] = {where.section_at(start) for start, _ in spans}
    return found


def with_sections(node: Node | None, filters: Filters) -> tuple[Node | None, Filters]:
    """The query without its ``section:`` terms, and the filters with them added to the section filter."""
    if node is None:
        return None, filters
    rest, asked = lift_sections(node)
    if not asked:
        return rest, filters
    sections = tuple(dict.fromkeys((*filters.values("section"), *asked)))
    return rest, replace(filters, facets={**filters.facets, "section": sections})


def matching(
    searcher: Searcher,
    store: IndexStore,
    node: Node | None,
    filters: Filters,
    expansions: dict[Word, list[str]],
) -> tuple[wq.Query, Any, SectionMatches | None]:
    """The query to rank by, what the filters allow, and (with sections asked) where it matched.

    Without a section, or with no words of the text to restrict, the filters say everything (a
    report has the section or not). With both, the reports are checked one by one (see
    :mod:`search.sections`) and the ranking query is the query without its NOTs.
    """
    allow = filters.to_query(searcher)
    sections = filters.values("section")
    if not sections or not has_text_words(node):
        return (to_whoosh(node, searcher, expansions) if node is not None else wq.Every()), allow, None
    assert node is not None
    superset = without_nots(node)
    ranking = to_whoosh(superset, searcher, expansions) if superset is not None else wq.Every()
    _, candidates = collect(searcher, ranking, allow, limit=0)
    inside = restrict(searcher, store, node, sections, candidates, expansions)
    if not inside.docs:
        return wq.NullQuery, None, inside  # an empty set would let a FilterCollector allow everything
    return ranking, inside.docs, inside
