"""Run searches and listings over an index: hits with snippets, and facet counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from whoosh import query as wq
from whoosh import sorting

from index import IndexStore
from ingest import AGE_BANDS, UNKNOWN, Document

from .errors import QueryError
from .filters import Filters
from .model import FacetCounts, Hit, SearchResult
from .query import Node, Word, parse, parse_required, positive_leaves, to_whoosh
from .snippets import make_snippets, match_spans

SORTS = ("relevance", "published", "-published")
LIST_SORTS = ("published", "-published", "title")
DEFAULT_SNIPPETS = 3


def _facet_spec() -> dict[str, sorting.FacetType]:
    return {
        "age_band": sorting.FieldFacet("age_band", allow_overlap=True),
        "year": sorting.FieldFacet("year"),
        "lscb": sorting.FieldFacet("board"),
    }


def _sort_facet(sort: str) -> sorting.FacetType | None:
    if sort == "relevance":
        return None
    if sort == "published":
        return sorting.MultiFacet([sorting.FieldFacet("pub_asc"), sorting.FieldFacet("id")])
    if sort == "-published":
        return sorting.MultiFacet([sorting.FieldFacet("pub_desc"), sorting.FieldFacet("id")])
    raise QueryError(f"unknown sort {sort!r}; choose from {', '.join(SORTS)}")


def _decode(key: object) -> str:
    return key.decode("utf-8") if isinstance(key, bytes) else str(key)


def _ordered_counts(groups: Mapping[object, object], order: str) -> dict[str, int]:
    counts = {_decode(k): int(v) for k, v in groups.items() if int(v) > 0}  # type: ignore[call-overload]
    if order == "band":
        rank = {band: i for i, band in enumerate((*AGE_BANDS, UNKNOWN))}
        return dict(sorted(counts.items(), key=lambda kv: rank.get(kv[0], 99)))
    if order == "year":
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0]), reverse=False))
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0])))


def _facets(results: object) -> FacetCounts:
    return FacetCounts(
        age_band=_ordered_counts(results.groups("age_band"), "band"),  # type: ignore[attr-defined]
        year=_ordered_counts(results.groups("year"), "year"),  # type: ignore[attr-defined]
        lscb=_ordered_counts(results.groups("lscb"), "count"),  # type: ignore[attr-defined]
    )


def search(
    store: IndexStore,
    text: str,
    filters: Filters | None = None,
    *,
    limit: int = 10,
    offset: int = 0,
    sort: str = "relevance",
    snippets: int = DEFAULT_SNIPPETS,
) -> SearchResult:
    """Run a query: the hits from ``offset`` (at most ``limit``), the total and facet counts.

    Raises :class:`QueryError` for a query that cannot be read.
    """
    if limit < 0 or offset < 0:
        raise QueryError("--limit and --offset must not be negative")
    node = parse_required(text)
    filters = filters or Filters()
    with store.searcher() as searcher:
        expansions: dict[Word, list[str]] = {}
        whoosh_query = to_whoosh(node, searcher, expansions)
        results = searcher.search(
            whoosh_query,
            filter=filters.to_query(searcher),
            limit=max(1, offset + limit),
            sortedby=_sort_facet(sort),
            groupedby=_facet_spec(),
            maptype=sorting.Count,
        )
        total = len(results)
        page = list(results)[offset : offset + limit] if limit else []
        ids = [hit["id"] for hit in page]
        documents = {d.id: d for d in store.documents(ids)}
        leaves = list(positive_leaves(node))
        hits = []
        for hit in page:
            document = documents.get(hit["id"])
            if document is None:
                continue  # committed to the search index a moment before the catalog
            spans = match_spans(searcher, hit.docnum, leaves, expansions)
            shown, pages = make_snippets(store.pages(document.id), spans, document.format == "pdf", snippets)
            score = float(hit.score) if hit.score is not None and sort == "relevance" else 0.0
            hits.append(Hit(document, round(score, 4), shown, pages, len(spans)))
        facets = _facets(results)
    return SearchResult(text, total, offset, tuple(hits), facets)


def list_documents(
    store: IndexStore, filters: Filters | None = None, *, sort: str = "-published"
) -> list[Document]:
    """Every document the filters allow, in the order asked (no query needed)."""
    filters = filters or Filters()
    with store.searcher() as searcher:
        if sort == "title":
            results = searcher.search(wq.Every(), filter=filters.to_query(searcher), limit=None)
            ids = [hit["id"] for hit in results]
        else:
            results = searcher.search(
                wq.Every(),
                filter=filters.to_query(searcher),
                limit=None,
                sortedby=_sort_facet(sort),
            )
            ids = [hit["id"] for hit in results]
    documents = store.documents(ids)
    if sort == "title":
        documents.sort(key=lambda d: ((d.title or "").lower(), d.id))
    return documents


def facet_counts(store: IndexStore, text: str | None = None, filters: Filters | None = None) -> FacetCounts:
    """Counts per age band, year and board over every document matching the query and filters."""
    filters = filters or Filters()
    node: Node | None = parse(text) if text and text.strip() else None
    with store.searcher() as searcher:
        whoosh_query = to_whoosh(node, searcher) if node is not None else wq.Every()
        results = searcher.search(
            whoosh_query,
            filter=filters.to_query(searcher),
            limit=1,
            groupedby=_facet_spec(),
            maptype=sorting.Count,
        )
        return _facets(results)


__all__: Sequence[str] = ["LIST_SORTS", "SORTS", "facet_counts", "list_documents", "search"]
