"""Report outlines in the catalog: headings with their parts, and recommendations, per document.

An outline is read from a report's normalised pages (:func:`ingest.read_outline`), so a catalog
made before outlines existed gets them from its stored text when the index is rebuilt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ingest import Outline, SectionMap

#: The table, created with the catalog's others.
OUTLINES_TABLE = """
CREATE TABLE IF NOT EXISTS outlines (
    id TEXT PRIMARY KEY, sections TEXT NOT NULL, bounds TEXT NOT NULL, outline TEXT NOT NULL
);
"""


def put_outline(db: sqlite3.Connection, doc_id: str, outline: Outline) -> None:
    """Store (or replace) a document's outline."""
    db.execute(
        "INSERT OR REPLACE INTO outlines (id, sections, bounds, outline) VALUES (?, ?, ?, ?)",
        (
            doc_id,
            json.dumps(list(outline.sections)),
            json.dumps(outline.section_map().to_json(), separators=(",", ":")),
            json.dumps(outline.to_dict(), ensure_ascii=False),
        ),
    )


def delete_outline(db: sqlite3.Connection, doc_id: str) -> None:
    """Forget a document's outline."""
    db.execute("DELETE FROM outlines WHERE id = ?", (doc_id,))


#: The columns a reader may ask for (the names go into the SQL).
_COLUMNS = ("outline", "bounds", "sections")


def _column(db: sqlite3.Connection, column: str, ids: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """(id, decoded JSON of ``column``) for the documents of ``ids`` that have an outline."""
    assert column in _COLUMNS
    wanted = list(ids)
    for start in range(0, len(wanted), 500):  # chunked IN lists stay below SQLite's variable limit
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for doc_id, text in db.execute(f"SELECT id, {column} FROM outlines WHERE id IN ({marks})", chunk):
            yield doc_id, json.loads(text)


def read_outlines(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Outline]:
    """The outlines of ``ids`` that are stored, by id."""
    return {doc_id: Outline.from_dict(data) for doc_id, data in _column(db, "outline", ids)}


def read_section_maps(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, SectionMap]:
    """Where each section starts in the documents ``ids`` that have an outline, by id.

    Searches read these, not whole outlines: ten outlines took 3.1 ms to read and decode on the
    medium benchmark's index, a tenth of a typical query.
    """
    return {doc_id: SectionMap.from_json(data) for doc_id, data in _column(db, "bounds", ids)}


def read_sections(db: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The parts each of ``ids`` has (only those with a stored outline)."""
    return {doc_id: tuple(data) for doc_id, data in _column(db, "sections", ids)}


def outlined_ids(db: sqlite3.Connection) -> set[str]:
    """The documents whose outline is stored."""
    return {row[0] for row in db.execute("SELECT id FROM outlines")}
