"""Run searches and listings over an index: hits with snippets, and facet counts."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

from whoosh import classify, sorting
from whoosh import query as wq
from whoosh.searching import Searcher

from index import IndexStore
from index import fields as F
from index.analysis import STEM_MARK, indexed_text
from index.facets import FACETS
from ingest import UNKNOWN, Document
from ingest.metadata import matches_filter

from .and_not import AndNot
from .cache import cached, filters_key
from .counting import collect, count_facets
from .errors import QueryError
from .filters import Filters
from .model import FacetCounts, Hit, SearchResult
from .query import Node, Word, parse, parse_required, positive_leaves
from .sections import has_text_words, match_sections, matching, with_sections
from .snippets import PostingCursor, make_snippets, match_spans
from .whoosh_query import to_whoosh

#: A search with fewer hits than this looks for a spelling that finds more.
SUGGEST_BELOW = 3
#: Key terms a "similar reviews" query is built from.
SIMILAR_TERMS = 25

T = TypeVar("T")

SORTS = ("relevance", "published", "-published")
LIST_SORTS = ("published", "-published", "title")
DEFAULT_SNIPPETS = 3


class _Ranked(NamedTuple):
    docnum: int
    score: float | None
    id: str


def _sort_facet(sort: str) -> sorting.FacetType | None:
    if sort == "relevance":
        return None
    if sort == "published":
        return sorting.MultiFacet([sorting.FieldFacet(F.PUB_ASC), sorting.FieldFacet(F.ID)])
    if sort == "-published":
        return sorting.MultiFacet([sorting.FieldFacet(F.PUB_DESC), sorting.FieldFacet(F.ID)])
    raise QueryError(f"unknown sort {sort!r}; choose from {', '.join(SORTS)}")


def _no_recursion_error(func: Callable[..., T]) -> Callable[..., T]:
    """Turn a RecursionError (a query too deep for the parser or Whoosh's matchers) into a QueryError.

    The parser's caps should prevent one; a user still never sees a traceback.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return func(*args, **kwargs)
        except RecursionError as exc:
            raise QueryError("the query is too complex to run; use fewer words or brackets") from exc

    return wrapper


@_no_recursion_error
def search(
    store: IndexStore,
    text: str,
    filters: Filters | None = None,
    *,
    limit: int | None = 10,
    offset: int = 0,
    sort: str = "relevance",
    snippets: int = DEFAULT_SNIPPETS,
) -> SearchResult:
    """Run a query: the hits from ``offset`` (at most ``limit``; None for all), the total and facets.

    Raises :class:`QueryError` for a query that cannot be read or run.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError(f"a limit and an offset must not be negative (limit {limit}, offset {offset})")
    query, filters = with_sections(parse_required(text), filters or Filters())
    with store.searcher() as searcher:
        expansions: dict[Word, list[str]] = {}
        whoosh_query, allow, inside = matching(searcher, store, query, filters, expansions)
        window = None if limit is None else (offset + limit if limit else 0)

        def count() -> tuple[list[tuple[int, float | None]], int, FacetCounts, str | None]:
            ranked, matched = collect(searcher, whoosh_query, allow, limit=window, sortedby=_sort_facet(sort))
            facets = count_facets(
                searcher, matched, inside.sections if inside is not None else None, has_text_words(query)
            )
            total = len(matched)
            suggestion = _suggest(searcher, query, text, total, filters) if total < SUGGEST_BELOW else None
            return ranked, total, facets, suggestion

        if inside is None and window is not None:  # a section search keeps its spans: not kept
            key = ("search", repr(query), filters_key(filters), sort, window, text)
            ranked, total, facets, suggestion = cached(store.state(searcher), key, count)
        else:
            ranked, total, facets, suggestion = count()
        end = None if limit is None else offset + limit
        page = [
            _Ranked(docnum, score, searcher.stored_fields(docnum)[F.ID])
            for docnum, score in (ranked[offset:end] if limit != 0 else [])
        ]
        ids = [hit.id for hit in page]
        documents = {d.id: d for d in store.documents(ids)}
        maps = store.section_maps(ids)
        leaves = list(positive_leaves(query))
        cursor = PostingCursor(searcher)
        texts = {doc_id: store.pages(doc_id) for doc_id in documents}
        # spans found in document order, so each posting block is decoded once
        spans_of = {
            hit.docnum: inside.spans[hit.docnum]
            if inside is not None
            else match_spans(searcher, hit.docnum, leaves, expansions, cursor, indexed_text(texts[hit.id]))
            for hit in sorted(page, key=lambda h: h.docnum)
            if hit.id in documents
        }
        hits = []
        for hit in page:
            document = documents.get(hit.id)
            if document is None:
                continue  # committed to the search index a moment before the catalog
            spans = spans_of[hit.docnum]
            where = maps.get(document.id)
            shown, pages = make_snippets(
                texts[document.id],
                spans,
                document.pages is not None,
                snippets,
                where.section_at if where is not None else None,
            )
            score = hit.score if hit.score is not None else 0.0
            hits.append(Hit(document, round(score, 4), shown, pages, len(spans)))
    return SearchResult(text, total, offset, tuple(hits), facets, suggestion)


_QUERY_WORD = re.compile(r"(?<![\w:])\w+(?![\w*~:])")


def _suggest(searcher: Searcher, node: Node | None, text: str, total: int, filters: Filters) -> str | None:
    """A respelling of the query's unknown words that finds more documents, if there is one."""
    reader = searcher.reader()
    replacements: dict[str, str] = {}
    for leaf in positive_leaves(node):
        if leaf.field != F.TEXT or (isinstance(leaf, Word) and (leaf.prefix or leaf.fuzzy)):
            continue
        for word in (leaf.text,) if isinstance(leaf, Word) else leaf.words:
            if len(word) < 4 or word.isdigit() or reader.doc_frequency(F.TEXT, word):
                continue
            respelt = _respell(reader, word)
            if respelt:
                replacements[word] = respelt
    if not replacements:
        return None
    corrected = _QUERY_WORD.sub(lambda m: replacements.get(m.group(0).lower(), m.group(0)), text)
    if corrected == text:
        return None
    try:
        better = searcher.search(
            to_whoosh(parse_required(corrected), searcher), filter=filters.to_query(searcher), limit=1
        )
    except QueryError:
        return None
    return corrected if len(better) > total else None


def _respell(reader: Any, word: str) -> str | None:
    """The most frequent index word one edit away, else two; the first letter is kept."""
    for distance in (1, 2):
        near = [t for t in reader.terms_within(F.TEXT, word, distance, prefix=1) if t != word]
        if near:
            return max(near, key=lambda t: (reader.doc_frequency(F.TEXT, t), t))
    return None


def similar(store: IndexStore, ref: str, *, limit: int = 10, filters: Filters | None = None) -> list[Hit]:
    """The reviews most like one (by its key terms), best first; the review itself excluded."""
    document = store.resolve(ref)
    text = indexed_text(store.pages(document.id))
    filters = filters or Filters()
    with store.searcher() as searcher:
        docnum = searcher.document_number(id=document.id)
        expander = classify.Expander(searcher.reader(), F.TEXT)
        expander.add_text(text)
        terms = [
            (term, weight)
            for term, weight in expander.expanded_terms(SIMILAR_TERMS * 3, normalize=True)
            if not term.startswith(STEM_MARK) and len(term) > 2 and not term.isdigit()
        ][:SIMILAR_TERMS]
        if not terms:
            return []
        whoosh_query = wq.Or([wq.Term(F.TEXT, term, boost=weight) for term, weight in terms])
        if docnum is not None:
            whoosh_query = AndNot(whoosh_query, wq.Term(F.ID, document.id))
        results = searcher.search(whoosh_query, filter=filters.to_query(searcher), limit=limit)
        ranked = [(hit[F.ID], float(hit.score or 0.0)) for hit in results]
    documents = {d.id: d for d in store.documents([doc_id for doc_id, _ in ranked])}
    return [Hit(documents[doc_id], round(score, 4)) for doc_id, score in ranked if doc_id in documents]


def list_documents(
    store: IndexStore, filters: Filters | None = None, *, sort: str = "-published"
) -> list[Document]:
    """Every document the filters allow, in the order asked (no query needed)."""
    filters = filters or Filters()
    with store.searcher() as searcher:
        if sort == "title":
            results = searcher.search(wq.Every(), filter=filters.to_query(searcher), limit=None)
            ids = [hit[F.ID] for hit in results]
        else:
            results = searcher.search(
                wq.Every(),
                filter=filters.to_query(searcher),
                limit=None,
                sortedby=_sort_facet(sort),
            )
            ids = [hit[F.ID] for hit in results]
    documents = store.documents(ids)
    if sort == "title":
        documents.sort(key=lambda d: ((d.title or "").lower(), d.id))
    return documents


def facet_counts(
    store: IndexStore,
    text: str | None = None,
    filters: Filters | None = None,
    *,
    names: Sequence[str] | None = None,
) -> FacetCounts:
    """Counts of every facet (or those in ``names``) over the reports matching the query and filters.

    With words of the text in the query, the section counts say how many reports have a match in
    each section (which a search's counts leave out, as they cost a read of every match); they
    are counted only when asked for (all facets, or ``section`` in ``names``).
    """
    node: Node | None = parse(text) if text and text.strip() else None
    node, filters = with_sections(node, filters or Filters())
    wanted = None if names is None else frozenset(names)
    with store.searcher() as searcher:

        def count() -> FacetCounts:
            expansions: dict[Word, list[str]] = {}
            whoosh_query, allow, inside = matching(searcher, store, node, filters, expansions)
            _, matched = collect(searcher, whoosh_query, allow, limit=0)
            sections_wanted = wanted is None or any(FACETS[n].per_match for n in wanted if n in FACETS)
            if inside is not None:
                where = inside.sections
            elif has_text_words(node) and sections_wanted:
                assert node is not None
                where = match_sections(searcher, store, node, matched, expansions)
            else:
                where = None
            return count_facets(searcher, matched, where, has_text_words(node), wanted)

        key = (
            "facets",
            repr(node),
            filters_key(filters),
            tuple(sorted(wanted)) if wanted is not None else None,
        )
        return cached(store.state(searcher), key, count)


def unmatched_boards(store: IndexStore, needles: Sequence[str]) -> list[str]:
    """The board filter values that match no board in the index (a filter that can only give nothing)."""
    with store.searcher() as searcher:
        boards = [b for b in set(searcher.reader().field_terms(F.BOARD)) if b != UNKNOWN]
    return [n for n in needles if n.lower() != UNKNOWN and not any(matches_filter(b, n) for b in boards)]


__all__: Sequence[str] = [
    "LIST_SORTS",
    "SORTS",
    "facet_counts",
    "list_documents",
    "search",
    "similar",
    "unmatched_boards",
]
