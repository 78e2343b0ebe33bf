"""Plain result objects handed to the CLI (no Whoosh object ever leaves this floor)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ingest import SLUG_FIELDS, Document

#: Marks around matched text in snippets (plain characters, never colour codes).
MARK_START = "«"
MARK_END = "»"


@dataclass(frozen=True)
class Snippet:
    """A passage around a match; ``page`` is the 1-based PDF page (None for HTML).

    ``section`` is the part of the review the match is in (None when the report's outline was not
    read).
    """

    page: int | None
    text: str
    section: str | None = None


@dataclass(frozen=True)
class Hit:
    """One matching document with its score, snippets and the pages the matches are on."""

    document: Document
    score: float
    snippets: tuple[Snippet, ...] = ()
    match_pages: tuple[int, ...] = ()
    matches: int = 0

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a search hit."""
        doc = self.document
        return {
            "id": doc.id,
            "title": doc.title,
            "paths": list(doc.paths),
            "format": doc.format,
            "pages": doc.pages,
            "lscb": doc.lscb,
            "published": doc.published,
            "child_ages": list(doc.child_ages),
            "age_bands": list(doc.age_bands),
            **{f.name: f.json_value(doc.metadata) for f in SLUG_FIELDS},
            "score": self.score,
            "snippets": [
                {"page": s.page, "text": s.text, "ocr": s.page in doc.ocr_pages, "section": s.section}
                for s in self.snippets
            ],
            "match_pages": list(self.match_pages),
            "matches": self.matches,
        }


@dataclass(frozen=True)
class FacetCounts:
    """Number of matching documents per value of each registered facet (by facet name).

    ``counts.year`` and ``counts["year"]`` are the same mapping; a facet with no
    match is an empty mapping.
    """

    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Mapping[str, int]:
        return self.counts.get(name, {})

    def __getattr__(self, name: str) -> Mapping[str, int]:
        if name.startswith("_") or name == "counts":
            raise AttributeError(name)
        return self.counts.get(name, {})

    def to_dict(self) -> dict[str, dict[str, int]]:
        """The JSON form: ``{"age_band": {...}, "year": {...}, "lscb": {...}, …}``, one key per facet."""
        return {name: dict(values) for name, values in self.counts.items()}


@dataclass(frozen=True)
class SearchResult:
    """A page of hits for a query, the total, and facet counts over every match."""

    query: str
    total: int
    offset: int
    hits: tuple[Hit, ...]
    facets: FacetCounts
    suggestion: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a search."""
        data: dict[str, object] = {
            "query": self.query,
            "total": self.total,
            "offset": self.offset,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": self.facets.to_dict(),
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        return data
