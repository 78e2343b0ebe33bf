"""Research outputs: counts of reviews by facets, a concordance of every match, the text of a page.

``cross_tab`` counts the reviews a query and filters match by one or two facets
(any registered facet, or exact ages grouped by cut points), with row and
column percentages, years in order and empty years shown. ``concordance``
yields one row per occurrence of a query's words and phrases — the qualitative
coder's import — streamed document by document, so memory stays flat however
many matches there are. ``page_text`` returns stored text, never re-extracted.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from index import IndexStore
from index import fields as F
from index.analysis import PAGE_SEPARATOR
from index.facets import Facet, facet
from ingest import UNKNOWN, Document

from .errors import FilterError, QueryError
from .filters import Filters
from .query import Word, parse, parse_required, positive_leaves
from .sections import has_text_words, match_sections, matching, with_sections
from .snippets import PostingCursor, match_spans, page_starts

#: The pseudo-facet name for exact ages grouped by ``age_cuts``.
AGE = "age"


@dataclass(frozen=True)
class CrossTab:
    """Counts of reviews by one facet (rows) or two (rows × columns), with their totals."""

    rows_by: str
    columns_by: str | None
    rows: tuple[str, ...]
    columns: tuple[str, ...]  # ("total",) for a one-facet count
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    documents: int = 0  # reviews counted (a review may sit in several cells of a multi-valued facet)

    def count(self, row: str, column: str = "total") -> int:
        """Reviews in one cell."""
        return self.counts.get((row, column), 0)

    def row_total(self, row: str) -> int:
        """Reviews in a row (each once, whatever columns it falls in)."""
        return self.counts.get((row, "*"), 0)

    def column_total(self, column: str) -> int:
        """Reviews in a column."""
        return self.counts.get(("*", column), 0)

    def to_dict(self) -> dict[str, object]:
        """The JSON form: every cell with its count and row and column percentages."""
        cells = []
        for row in self.rows:
            for column in self.columns:
                n = self.count(row, column)
                cells.append({
                    self.rows_by: row,
                    **({self.columns_by: column} if self.columns_by else {}),
                    "reviews": n,
                    "row_percent": _percent(n, self.row_total(row)),
                    "column_percent": _percent(n, self.column_total(column)),
                })  # fmt: skip
        return {
            "by": [self.rows_by, *([self.columns_by] if self.columns_by else [])],
            "reviews": self.documents,
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": cells,
        }

    def csv_rows(self) -> list[dict[str, object]]:
        """One row per cell (the JSON cells), for a spreadsheet."""
        return list(self.to_dict()["cells"])  # type: ignore[call-overload]


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _age_bins(cuts: Sequence[float]) -> list[tuple[float, float, str]]:
    """Cut points -> (low, high, label): 1,14 -> under 1, 1-13, 14 and over."""
    edges = sorted(set(cuts))
    if not edges or any(c <= 0 for c in edges):
        raise FilterError("age cut points are ages in years above 0, e.g. 1,14")
    bins = [(0.0, edges[0], f"under {edges[0]:g}")]
    for low, high in itertools.pairwise(edges):
        bins.append((low, high, f"{low:g}-{high - 1:g}" if float(high).is_integer() else f"{low:g}-{high:g}"))
    bins.append((edges[-1], float("inf"), f"{edges[-1]:g} and over"))
    return bins


@dataclass(frozen=True)
class _Dimension:
    name: str
    values_of: Callable[[Document], Sequence[str]]
    order: Sequence[str] | None  # fixed order (age bins, choices), or None to sort from the data
    entry: Facet | None = None


def _dimension(name: str, age_cuts: Sequence[float] | None) -> _Dimension:
    if name.replace("-", "_").lower() in (AGE, "ages", "exact_age") or (
        age_cuts and name in ("age_band", "age-band")
    ):
        bins = _age_bins(age_cuts or (1, 6, 11, 16))

        def ages(document: Document) -> list[str]:
            found = [label for low, high, label in bins for a in document.child_ages if low <= a < high]
            return list(dict.fromkeys(found)) or [UNKNOWN]

        return _Dimension(AGE, ages, [label for *_, label in bins] + [UNKNOWN])
    try:
        entry = facet(name)
    except KeyError:
        raise FilterError(
            f"cannot count by {name!r}; count by a facet (age-band, year, board, review-type, nation, "
            "theme, section) or by exact age grouped at cut points"
        ) from None
    order = None if entry.order in ("count", "value") else entry.choices
    return _Dimension(entry.name, entry.values, order, entry)


def _ordered(dimension: _Dimension, seen: set[str]) -> tuple[str, ...]:
    if dimension.order is not None:
        return tuple(v for v in dimension.order if v in seen or v != UNKNOWN)
    if dimension.name == "year":
        years = sorted(int(v) for v in seen if v.isdigit())
        filled = [str(y) for y in range(years[0], years[-1] + 1)] if years else []
        return (*filled, *([UNKNOWN] if UNKNOWN in seen else []))
    return tuple(sorted(seen, key=lambda v: (v == UNKNOWN, v.lower())))


def matching_documents(store: IndexStore, text: str | None, filters: Filters | None = None) -> list[Document]:
    """Every document a query (or none: all) and the filters match, without snippets."""
    return _matching_documents(store, text, filters, sections=False)[0]


def _matching_documents(
    store: IndexStore, text: str | None, filters: Filters | None, sections: bool
) -> tuple[list[Document], dict[str, set[str]] | None]:
    """The matching documents and, when ``sections`` is asked and the query has words of the text,
    the sections each one's matches fall in (by id)."""
    node, filters = with_sections(parse(text) if text and text.strip() else None, filters or Filters())
    where: dict[str, set[str]] | None = None
    with store.searcher() as searcher:
        expansions: dict[Word, list[str]] = {}
        whoosh_query, allow, inside = matching(searcher, store, node, filters, expansions)
        results = searcher.search(whoosh_query, filter=allow, limit=None)
        found = [(hit[F.ID], hit.docnum) for hit in results]
        if sections and has_text_words(node):
            assert node is not None
            by_number = (
                inside.sections
                if inside is not None
                else match_sections(searcher, store, node, [n for _, n in found], expansions)
            )
            where = {doc_id: by_number.get(docnum, set()) for doc_id, docnum in found}
    return store.documents([doc_id for doc_id, _ in found]), where


def cross_tab(
    store: IndexStore,
    by: Sequence[str],
    text: str | None = None,
    filters: Filters | None = None,
    age_cuts: Sequence[float] | None = None,
) -> CrossTab:
    """Reviews counted by one or two facets (``by``) over every review the query and filters match.

    By section, a review counts under the sections it has; with words of the text in the query,
    under the sections its matches are in (a review may count under several).
    """
    if not 1 <= len(by) <= 2:
        raise FilterError(f"count by one facet or two, not {len(by)}")
    dims = [_dimension(name, age_cuts) for name in by]
    per_match = any(d.entry is not None and d.entry.per_match for d in dims)
    documents, where = _matching_documents(store, text, filters, sections=per_match)
    if where is not None:
        # with a query, a review counts under the sections its matches are in, as facets count
        dims = [
            replace(d, values_of=lambda doc: sorted(where.get(doc.id, ())) or [UNKNOWN])
            if d.entry is not None and d.entry.per_match
            else d
            for d in dims
        ]
    counts: dict[tuple[str, str], int] = {}
    seen: list[set[str]] = [set(), set()]
    for document in documents:
        its_rows = list(dims[0].values_of(document))
        its_columns = list(dims[1].values_of(document)) if len(dims) == 2 else ["total"]
        seen[0].update(its_rows)
        seen[1].update(its_columns)
        for row in its_rows:
            counts[(row, "*")] = counts.get((row, "*"), 0) + 1
            for column in its_columns:
                counts[(row, column)] = counts.get((row, column), 0) + 1
        for column in its_columns:
            counts[("*", column)] = counts.get(("*", column), 0) + 1
    rows = _ordered(dims[0], seen[0])
    columns = _ordered(dims[1], seen[1]) if len(dims) == 2 else ("total",)
    second = dims[1].name if len(dims) == 2 else None
    return CrossTab(dims[0].name, second, rows, columns, counts, len(documents))


# ---------------------------------------------------------------- concordance


@dataclass(frozen=True)
class Occurrence:
    """One match of a query in one review: where, what, and the words around it."""

    document: Document
    page: int | None
    match: str
    before: str
    after: str
    section: str | None = None  # the part of the review the match is in

    def to_dict(self) -> dict[str, object]:
        """A flat row: the review's id, title, board, date, age bands, then the match in context."""
        doc = self.document
        return {
            "id": doc.id,
            "title": doc.title,
            "lscb": doc.lscb,
            "published": doc.published,
            "age_bands": list(doc.age_bands),
            "page": self.page,
            "before": self.before,
            "match": self.match,
            "after": self.after,
            "section": self.section,
        }


CONCORDANCE_COLUMNS = (
    "id", "title", "lscb", "published", "age_bands", "page", "before", "match", "after", "section",
)  # fmt: skip
_WORD = re.compile(r"\S+")


def _context_words(text: str, start: int, end: int, words: int) -> tuple[str, str]:
    left = text[max(0, start - 40 * words - 40) : start]
    right = text[end : end + 40 * words + 40]
    before = " ".join(_WORD.findall(left)[-words:]) if words else ""
    after = " ".join(_WORD.findall(right)[:words]) if words else ""
    return before, after


def concordance(
    store: IndexStore,
    text: str,
    filters: Filters | None = None,
    context: int = 8,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Occurrence]:
    """Every occurrence of the query's words and phrases in every matching review, in order.

    Rows per review equal its search hit's ``matches``. ``progress(done, total)`` is called after
    each review.
    """
    if context < 0 or context > 100:
        raise QueryError(f"context is a number of words from 0 to 100, not {context}")
    node, filters = with_sections(parse_required(text), filters or Filters())
    leaves = list(positive_leaves(node))
    with store.searcher() as searcher:
        expansions: dict[Word, list[str]] = {}
        whoosh_query, allow, inside = matching(searcher, store, node, filters, expansions)
        results = searcher.search(whoosh_query, filter=allow, limit=None)
        found = [(hit[F.ID], hit.docnum) for hit in results]
        cursor = PostingCursor(searcher)
        for done, (doc_id, docnum) in enumerate(found, start=1):
            documents = store.documents([doc_id])
            if documents:
                document = documents[0]
                pages = store.pages(doc_id)
                full = PAGE_SEPARATOR.join(pages)
                starts = page_starts(pages)
                where = store.section_maps([doc_id]).get(doc_id)
                spans = (
                    inside.spans[docnum]
                    if inside is not None
                    else match_spans(searcher, docnum, leaves, expansions, cursor, full)
                )
                for start, end in sorted(spans):
                    page = bisect.bisect_right(starts, start) if document.pages is not None else None
                    before, after = _context_words(full, start, end, context)
                    section = where.section_at(start) if where is not None else None
                    yield Occurrence(
                        document, page, " ".join(full[start:end].split()), before, after, section
                    )
            if progress is not None:
                progress(done, len(found))


# ---------------------------------------------------------------- text at a page


def page_text(
    store: IndexStore, ref: str, first: int | None = None, last: int | None = None
) -> tuple[Document, list[tuple[int, str]]]:
    """A review and the stored text of its pages ``first``..``last`` (numbered from 1).

    ``first`` alone is one page; neither is every page. HTML is one page.
    """
    document = store.resolve(ref)
    pages = store.pages(document.id)
    low = first if first is not None else 1
    high = last if last is not None else (first if first is not None else len(pages))
    if not 1 <= low <= high <= len(pages):
        raise FilterError(
            f"{document.id} has {len(pages)} page{'s' if len(pages) != 1 else ''}; "
            f"page{'s' if high != low else ''} {low}{'-' + str(high) if high != low else ''} "
            "is not in it"
        )
    return document, [(n, pages[n - 1]) for n in range(low, high + 1)]
