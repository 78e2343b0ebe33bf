"""A librarian's review queue: the documents whose metadata needs a person.

A document is queued for each field that is unknown (with why: no candidate,
weak candidates, or a tie, and the candidates with their pages) or whose value
rests on weak evidence (a score under :data:`ingest.metadata.WEAK_SCORE`, such
as a bare date on the cover or an age said only in the body). A field a
librarian already corrected is never queued again.

Each item also renders as a manifest row (:meth:`ReviewItem.manifest_row`): the
fields to check are left blank for the librarian to fill, what the extractor
found is in the informational ``found`` column, and the sheet reads back as a
manifest of corrections (:func:`index.read_manifest`; blank cells change nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from index import INFO_COLUMNS, METADATA_FIELDS, IndexStore
from ingest import MANUAL, SLUG_FIELDS, Document, Found
from ingest.metadata import ANONYMOUS, WEAK_SCORE

from .engine import list_documents
from .filters import Filters

_LISTS = {f.name for f in SLUG_FIELDS if f.many}
#: The fields the queue checks (a title is always found, from the cover or the file name; a review
#: may discuss no theme of the vocabulary, so no theme is not a gap).
QUEUED_FIELDS = tuple(f for f in METADATA_FIELDS if f != "title" and f not in _LISTS)
#: Columns of a review sheet: the manifest's reference and fields, then the librarian's hints.
SHEET_COLUMNS = ("id", "path", *QUEUED_FIELDS, *INFO_COLUMNS)


@dataclass(frozen=True)
class Concern:
    """One field of a document that a librarian should check."""

    field: str
    status: str  # "unknown" or "weak"
    value: str | None  # the value now (weak fields); None when unknown
    reason: str
    candidates: tuple[Found, ...] = ()

    def describe(self) -> str:
        """One line for people: the value or "unknown", why, and the candidates with their pages."""
        if self.status == "weak" and self.candidates:
            where = self.candidates[0].where
            page = f" on page {where.page}" if where.page else ""
            return f'{self.field}: {self.value!r}, weak evidence ({where.source}{page}: "{where.text}")'
        found = "; ".join(
            f"{c.value!r} ({'p. ' + str(c.where.page) + ', ' if c.where.page else ''}{c.where.source})"
            for c in self.candidates
        )
        return f"{self.field}: unknown, {self.reason}" + (f": {found}" if found else "")

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "field": self.field,
            "status": self.status,
            "value": self.value,
            "reason": self.reason,
            "candidates": [c.to_dict() for c in self.candidates],
        }


@dataclass(frozen=True)
class ReviewItem:
    """A document and the fields of it to check."""

    document: Document
    concerns: tuple[Concern, ...]

    def to_dict(self) -> dict[str, object]:
        """The JSON form: the document's id, title and paths, and each concern."""
        doc = self.document
        return {
            "id": doc.id,
            "title": doc.title,
            "paths": list(doc.paths),
            "concerns": [c.to_dict() for c in self.concerns],
        }

    def manifest_row(self) -> dict[str, object]:
        """A row of a review sheet: blanks to fill, hints beside them (see :data:`SHEET_COLUMNS`)."""
        doc = self.document
        about = " · ".join(p for p in (doc.title, doc.lscb, doc.published) if p)
        return {
            "id": doc.id,
            "path": doc.paths[0] if doc.paths else "",
            **{name: "" for name in QUEUED_FIELDS},
            "document": about,
            "to_check": ";".join(c.field for c in self.concerns),
            "found": " | ".join(c.describe() for c in self.concerns),
        }


def _value_text(document: Document, name: str) -> str | None:
    value = getattr(document.metadata, name)
    if name == "child_ages":
        return ";".join(f"{a:g}" for a in value) or None
    return str(value) if value else None


def concerns_of(document: Document) -> tuple[Concern, ...]:
    """The fields of ``document`` a librarian should check, in field order."""
    meta = document.metadata
    found: list[Concern] = []
    for name in QUEUED_FIELDS:
        where = meta.provenance.get(name)
        value = _value_text(document, name)
        if where is not None and where.source == MANUAL:
            continue  # a librarian's value, "unknown" included, is not second-guessed
        if value is None:
            why = meta.unresolved.get(name)
            reason = why.reason if why else "not found"
            if name == "nation" and meta.lscb == ANONYMOUS:
                continue  # an anonymised review withholds its area on purpose
            found.append(Concern(name, "unknown", None, reason, why.candidates if why else ()))
        elif where is not None and where.score is not None and where.score < WEAK_SCORE:
            found.append(
                Concern(name, "weak", value, f"only {where.source} supports it", (Found(value, where),))
            )
    return tuple(found)


def review_queue(store: IndexStore, filters: Filters | None = None) -> list[ReviewItem]:
    """Every document the filters allow that has an unknown or weakly supported field."""
    items = []
    for document in list_documents(store, filters, sort="title"):
        concerns = concerns_of(document)
        if concerns:
            items.append(ReviewItem(document, concerns))
    return items
