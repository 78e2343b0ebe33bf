"""The catalog: an SQLite file holding what the index is built from.

It keeps, per document, the extracted facts and the normalised page texts
(compressed), the paths each document was seen at with their size and mtime
(so unchanged files are skipped with a ``stat``), and librarians' corrections
(keyed by document id, so they survive re-ingest and rebuilds). The Whoosh
index is derived from the catalog and can always be rebuilt from it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest import (
    Document,
    Outline,
    SectionMap,
)

from .errors import IndexMissingError
from .outlines import (
    OUTLINES_TABLE,
    delete_outline,
    outlined_ids,
    put_outline,
    read_outlines,
    read_section_maps,
    read_sections,
)
from .records import (
    apply_corrections,
    compress_pages,
    decompress_pages,
    flags_from_json,
    flags_to_json,
    metadata_from_json,
    metadata_to_json,
)

CATALOG_NAME = "catalog.sqlite"

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    rev INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    pages INTEGER,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    flags TEXT NOT NULL,
    extracted TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS texts (id TEXT PRIMARY KEY, pages BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS paths (
    path TEXT PRIMARY KEY,
    raw BLOB NOT NULL,
    doc_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS paths_by_doc ON paths (doc_id);
CREATE TABLE IF NOT EXISTS excluded (path TEXT PRIMARY KEY, doc_id TEXT NOT NULL, removed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (
    doc_id TEXT PRIMARY KEY,
    fields TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""
    + OUTLINES_TABLE
)


@dataclass(frozen=True)
class PathState:
    """What the catalog knows of one path: its document and the file's size and mtime then."""

    path: str
    raw: bytes
    doc_id: str
    size: int
    mtime_ns: int


def _live_first(paths: Sequence[tuple[str, bytes]]) -> tuple[str, ...]:
    """A document's paths, those whose file exists first: every display and citation shows the first.

    Only documents seen at several paths pay for the ``stat``.
    """
    if len(paths) < 2:
        return tuple(path for path, _ in paths)
    ordered = sorted(paths, key=lambda item: not os.path.exists(os.fsdecode(item[1])))
    return tuple(path for path, _ in ordered)


class Catalog:
    """Thin, typed access to the catalog database. Not thread-safe; one per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path, timeout=60, isolation_level=None)
        try:
            # switching to WAL needs an exclusive lock and does not wait for one: ask first, so
            # that opening an existing catalog (already WAL) never contends with a writer
            if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=OFF")
        except BaseException:
            self.db.close()  # a damaged file: never leave the connection to the garbage collector
            raise

    @classmethod
    def create(cls, path: Path) -> Catalog:
        """Open ``path``, creating the tables if they do not exist."""
        catalog: Catalog | None = None
        try:
            catalog = cls(path)
            catalog.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            if catalog is not None:
                catalog.close()
            raise IndexMissingError(
                f"{path} is not a casereviews catalog or is damaged ({exc})", remedy="damaged-catalog"
            ) from exc
        return catalog

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- transactions --------------------------------------------------------------

    def begin(self) -> None:
        """Start a write transaction (taken immediately, so readers never see half of it)."""
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the open transaction."""
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        """Abandon the open transaction, if any."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # -- meta ----------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A value from the meta table."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def data_version(self) -> int:
        """A number that changes when another connection commits to the catalog (SQLite's
        ``data_version``): whether what this one read before may be out of date."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def set_meta(self, key: str, value: str) -> None:
        """Set a value in the meta table."""
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- documents -----------------------------------------------------------------

    def put_document(self, document: Document, pages: Sequence[str], outline: Outline | None = None) -> int:
        """Insert or replace a document, its text and its outline; return its new revision number."""
        row = self.db.execute("SELECT rev FROM documents WHERE id = ?", (document.id,)).fetchone()
        rev = (row[0] + 1) if row else 1
        self.db.execute(
            "INSERT OR REPLACE INTO documents (id, rev, sha256, format, pages, size, ingested_at,"
            " flags, extracted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                rev,
                document.sha256,
                document.format,
                document.pages,
                document.size,
                document.ingested_at,
                flags_to_json(document),
                metadata_to_json(document.metadata),
            ),
        )
        self.db.execute(
            "INSERT OR REPLACE INTO texts (id, pages) VALUES (?, ?)",
            (document.id, compress_pages(pages)),
        )
        if outline is not None:
            put_outline(self.db, document.id, outline)
        return rev

    def put_outline(self, doc_id: str, outline: Outline) -> None:
        """Store a document's outline (read again from its text by a rebuild)."""
        put_outline(self.db, doc_id, outline)

    def outlined_ids(self) -> set[str]:
        """The documents whose outline is stored."""
        return outlined_ids(self.db)

    def section_maps(self, ids: Iterable[str]) -> dict[str, SectionMap]:
        """Where each section starts, for the documents of ``ids`` that have an outline."""
        return read_section_maps(self.db, ids)

    def outlines(self, ids: Iterable[str]) -> dict[str, Outline]:
        """The stored outlines of ``ids``, by id (a document indexed before outlines has none)."""
        return read_outlines(self.db, ids)

    def bump_revision(self, doc_id: str) -> int:
        """Mark a document as changed (corrections); return the new revision."""
        self.db.execute("UPDATE documents SET rev = rev + 1 WHERE id = ?", (doc_id,))
        row = self.db.execute("SELECT rev FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return int(row[0]) if row else 0

    def delete_document(self, doc_id: str) -> None:
        """Remove a document, its text and its paths (its corrections are kept)."""
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.db.execute("DELETE FROM texts WHERE id = ?", (doc_id,))
        self.db.execute("DELETE FROM paths WHERE doc_id = ?", (doc_id,))
        delete_outline(self.db, doc_id)

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is catalogued."""
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def revisions(self) -> dict[str, int]:
        """Every document id with its revision."""
        return dict(self.db.execute("SELECT id, rev FROM documents"))

    def document_ids(self, prefix: str = "") -> list[str]:
        """Ids of all documents, or of those starting with ``prefix``."""
        rows = self.db.execute(
            "SELECT id FROM documents WHERE id LIKE ? ORDER BY id", (prefix.lower() + "%",)
        )
        return [r[0] for r in rows]

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        """Documents (with paths and corrections applied) for ``ids``, or all, in the order asked."""
        wanted = None if ids is None else list(ids)
        if wanted is not None and not wanted:
            return []
        query = "SELECT id, sha256, format, pages, size, ingested_at, flags, extracted FROM documents"
        params: list[str] = []
        if wanted is not None:
            # chunked IN lists stay below SQLite's variable limit
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows += self.db.execute(
                    f"{query} WHERE id IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
        else:
            rows = self.db.execute(query + " ORDER BY id", params).fetchall()
        paths: dict[str, list[tuple[str, bytes]]] = {}
        corrections: dict[str, dict[str, object]] = {}
        id_list = [r[0] for r in rows]
        sections = read_sections(self.db, id_list)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, path, raw in self.db.execute(
                f"SELECT doc_id, path, raw FROM paths WHERE doc_id IN ({marks}) ORDER BY path", chunk
            ):
                paths.setdefault(doc_id, []).append((path, raw))
            for doc_id, fields in self.db.execute(
                f"SELECT doc_id, fields FROM corrections WHERE doc_id IN ({marks})", chunk
            ):
                corrections[doc_id] = json.loads(fields)
        by_id = {}
        for doc_id, sha256, fmt, pages, size, ingested_at, flags, extracted in rows:
            flag_names, unread, ocr_pages = flags_from_json(flags)
            document = Document(
                id=doc_id,
                sha256=sha256,
                format=fmt,
                pages=pages,
                metadata=metadata_from_json(extracted),
                paths=_live_first(paths.get(doc_id, [])),
                size=size,
                ingested_at=ingested_at,
                flags=flag_names,
                unread_pages=unread,
                ocr_pages=ocr_pages,
                sections=sections.get(doc_id, ()),
            )
            by_id[doc_id] = apply_corrections(document, corrections.get(doc_id, {}))
        order = wanted if wanted is not None else id_list
        return [by_id[i] for i in order if i in by_id]

    def pages(self, doc_id: str) -> tuple[str, ...]:
        """The normalised page texts of a document."""
        row = self.db.execute("SELECT pages FROM texts WHERE id = ?", (doc_id,)).fetchone()
        return decompress_pages(row[0]) if row else ()

    # -- paths ---------------------------------------------------------------------

    def path_state(self, path: str) -> PathState | None:
        """What is known of ``path`` (an absolute path key), if anything."""
        row = self.db.execute(
            "SELECT path, raw, doc_id, size, mtime_ns FROM paths WHERE path = ?", (path,)
        ).fetchone()
        return PathState(*row) if row else None

    def exclude(self, path: str, doc_id: str, now: str) -> None:
        """Remember that a librarian removed ``path``: ingest skips it until it is readmitted."""
        self.db.execute(
            "INSERT OR REPLACE INTO excluded (path, doc_id, removed_at) VALUES (?, ?, ?)", (path, doc_id, now)
        )

    def is_excluded(self, path: str) -> bool:
        """Whether ``path`` was removed by a librarian (and not readmitted)."""
        return self.db.execute("SELECT 1 FROM excluded WHERE path = ?", (path,)).fetchone() is not None

    def readmit(self, path: str) -> list[str]:
        """Forget the exclusions of ``path`` and of every path under it (a folder); return them."""
        prefix = path.rstrip(os.sep) + os.sep
        rows = self.db.execute(
            "SELECT path FROM excluded WHERE path = ? OR substr(path, 1, ?) = ?", (path, len(prefix), prefix)
        ).fetchall()
        for (found,) in rows:
            self.db.execute("DELETE FROM excluded WHERE path = ?", (found,))
        return [found for (found,) in rows]

    def paths_under(self, folder: str) -> list[PathState]:
        """Every catalogued path inside ``folder`` (at any depth)."""
        prefix = folder.rstrip(os.sep) + os.sep
        rows = self.db.execute(
            "SELECT path, raw, doc_id, size, mtime_ns FROM paths WHERE substr(path, 1, ?) = ? ORDER BY path",
            (len(prefix), prefix),
        )
        return [PathState(*r) for r in rows]

    def all_paths(self) -> list[PathState]:
        """Every catalogued path."""
        rows = self.db.execute("SELECT path, raw, doc_id, size, mtime_ns FROM paths ORDER BY path")
        return [PathState(*r) for r in rows]

    def put_path(self, state: PathState) -> None:
        """Record (or move) a path to a document."""
        self.db.execute(
            "INSERT OR REPLACE INTO paths (path, raw, doc_id, size, mtime_ns) VALUES (?, ?, ?, ?, ?)",
            (state.path, state.raw, state.doc_id, state.size, state.mtime_ns),
        )

    def delete_path(self, path: str) -> None:
        """Forget a path."""
        self.db.execute("DELETE FROM paths WHERE path = ?", (path,))

    def path_count(self, doc_id: str) -> int:
        """How many paths point at a document."""
        row = self.db.execute("SELECT COUNT(*) FROM paths WHERE doc_id = ?", (doc_id,)).fetchone()
        return int(row[0])

    # -- corrections ---------------------------------------------------------------

    def corrections(self, doc_id: str) -> dict[str, object]:
        """The librarian's values for a document (empty if none)."""
        row = self.db.execute("SELECT fields FROM corrections WHERE doc_id = ?", (doc_id,)).fetchone()
        return dict(json.loads(row[0])) if row else {}

    def set_corrections(
        self, doc_id: str, fields: Mapping[str, object], now: str, clear: Iterable[str] = ()
    ) -> None:
        """Merge ``fields`` into a document's corrections, after dropping those in ``clear``."""
        merged = {k: v for k, v in self.corrections(doc_id).items() if k not in set(clear)}
        merged.update(fields)
        self.db.execute(
            "INSERT OR REPLACE INTO corrections (doc_id, fields, updated_at) VALUES (?, ?, ?)",
            (doc_id, json.dumps(merged, ensure_ascii=False), now),
        )

    def counts(self) -> tuple[int, int]:
        """Number of documents and total pages (HTML counts one page)."""
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(COALESCE(pages, 1)), 0) FROM documents"
        ).fetchone()
        return int(row[0]), int(row[1])

    def iter_documents_with_pages(self) -> Iterator[tuple[Document, tuple[str, ...]]]:
        """Every document with its page texts (for rebuilding the search index)."""
        for doc_id in self.document_ids():
            docs = self.documents([doc_id])
            if docs:
                yield docs[0], self.pages(doc_id)
