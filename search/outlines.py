"""A review's outline, and every recommendation across reviews as a table.

Recommendations are read at ingest from the reviews' recommendations sections
(:mod:`ingest.recommendations`) and stored with the outline; a query here matches inside each
recommendation's own text, analysed as the index analyses text, so ``"information sharing"``
lists the recommendations that say it, not every recommendation of a review that does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from index import IndexStore
from index import fields as F
from index.analysis import occurrences
from ingest import Document, Outline, Recommendation

from .engine import list_documents
from .filters import Filters
from .query import Node, Word, parse
from .sections import doc_ids, holds, whole_report_leaves, with_sections
from .snippets import spans_of
from .whoosh_query import to_whoosh

#: Columns of the recommendations table (new columns go at the end).
RECOMMENDATION_COLUMNS = ("id", "title", "lscb", "published", "age_bands", "number", "text", "page")


@dataclass(frozen=True)
class RecommendationRow:
    """One recommendation with the review that makes it."""

    document: Document
    recommendation: Recommendation

    def to_dict(self) -> dict[str, object]:
        """A flat row: the review's id, title, board, date and age bands, then the recommendation."""
        doc, item = self.document, self.recommendation
        return {
            "id": doc.id,
            "title": doc.title,
            "lscb": doc.lscb,
            "published": doc.published,
            "age_bands": list(doc.age_bands),
            "number": item.number,
            "text": item.text,
            "page": item.page,
        }


def outline(store: IndexStore, ref: str) -> tuple[Document, Outline]:
    """A review (by id, id prefix or path) and its outline: headings with sections and pages."""
    document = store.resolve(ref)
    return document, store.outlines([document.id]).get(document.id, Outline())


def recommendations(
    store: IndexStore, text: str | None = None, filters: Filters | None = None
) -> Iterator[RecommendationRow]:
    """Every recommendation of the reviews the filters allow, newest review first, in the order
    each review makes them; with a query, those whose own text it matches (``title:``, ``lscb:``
    and facet terms still apply to the whole review)."""
    node: Node | None = parse(text) if text and text.strip() else None
    node, filters = with_sections(node, filters or Filters())
    documents = list_documents(store, filters, sort="-published")
    outlines = store.outlines([d.id for d in documents])
    expansions: dict[Word, list[str]] = {}
    whole: dict[object, set[str]] = {}
    if node is not None:
        with store.searcher() as searcher:
            to_whoosh(node, searcher, expansions)  # what each prefix* and word~ stands for
            for leaf, docnums in whole_report_leaves(searcher, node).items():
                whole[leaf] = set(doc_ids(searcher, sorted(docnums)).values())
    for document in documents:
        for item in outlines.get(document.id, Outline()).recommendations:
            if node is None or _matches(node, item.text, document.id, whole, expansions):
                yield RecommendationRow(document, item)


def _matches(
    node: Node, text: str, doc_id: str, whole: dict[object, set[str]], expansions: dict[Word, list[str]]
) -> bool:
    found = occurrences(text)
    return holds(
        node,
        lambda leaf: (
            bool(spans_of([leaf], lambda term: found.get(term, []), expansions))
            if leaf.field == F.TEXT
            else doc_id in whole[leaf]
        ),
    )
