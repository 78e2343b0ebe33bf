"""An index directory: the catalog (SQLite) plus the Whoosh index derived from it.

Layout of an index directory::

    catalog.sqlite     documents, page texts, paths, corrections, meta
    whoosh-N/          the search index built from the catalog
    write.lock         the single-writer lock

Writes happen in a :class:`IndexWriter` (``with store.writer() as w:``), which
holds the lock and applies changes in sub-batches. Each sub-batch commits the
Whoosh index first and the catalog second; the catalog records the Whoosh
generation it matches. If a process dies between the two commits, the next
writer sees the generations differ and reconciles the Whoosh index with the
catalog, so nothing is lost or duplicated.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ingest import Document, Extraction
from ingest.metadata import parse_iso_partial

from . import fields as F
from .analysis import indexed_text
from .catalog import CATALOG_NAME, Catalog, PathState
from .errors import DocumentNotFoundError, IndexMissingError, IndexVersionError
from .facets import FACETS
from .lock import WriteLock, no_readers, reading
from .schema import NO_DATE_ASC, NO_DATE_DESC, PreAnalysed, build_schema, schema_version
from .segments import GRACE_SECONDS, clean_files, merge_tiered, open_writer

DEFAULT_LOCK_TIMEOUT = 60.0

_VERSION_KEY = "schema_version"
_WHOOSH_DIR_KEY = "whoosh_dir"
_GENERATION_KEY = "whoosh_generation"


def utc_now() -> str:
    """Current time as ISO 8601 UTC with a ``Z`` suffix, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def whoosh_fields(
    document: Document, pages: Sequence[str], rev: int, analysed: PreAnalysed | None = None
) -> dict[str, Any]:
    """The Whoosh fields of one document (effective metadata, corrections applied).

    ``analysed`` is the text field already analysed by a worker, if it was.
    """
    published = parse_iso_partial(document.published) if document.published else None
    text = analysed if analysed is not None else indexed_text(pages)
    fields: dict[str, Any] = {
        F.ID: document.id,
        F.KEY: f"{document.id}:{rev}",
        F.TEXT: text,
        F.PAIRS: text,
        F.TITLE: document.title or "",
        F.LSCB_TEXT: document.lscb or "",
        F.FORMAT: document.format,
        F.PUB_ASC: NO_DATE_ASC,
        F.PUB_DESC: NO_DATE_DESC,
        **{facet.field: facet.index_value(document) for facet in FACETS.values()},
    }
    if document.flags:
        fields[F.FLAG] = ",".join(document.flags)
    if document.child_ages:
        fields[F.AGE] = [float(a) for a in document.child_ages]
    if published:
        start = int(published.first_day().strftime("%Y%m%d"))
        fields[F.PUB_START] = start
        fields[F.PUB_END] = int(published.last_day().strftime("%Y%m%d"))
        fields[F.PUB_ASC] = start
        fields[F.PUB_DESC] = -start
    return fields


def _create_catalog(path: Path) -> None:
    """Make an empty catalog beside ``path`` and rename it into place (atomic on POSIX)."""
    scratch = path.with_name(f"{path.name}.new-{os.getpid()}")
    for leftover in (
        scratch,
        scratch.with_name(scratch.name + "-wal"),
        scratch.with_name(scratch.name + "-shm"),
    ):
        leftover.unlink(missing_ok=True)
    Catalog.create(scratch).close()  # the last connection's close folds the WAL back into the file
    os.replace(scratch, path)


def _finish_creation(directory: Path, catalog: Catalog) -> None:
    """Create the first search index and record the schema version, unless another writer did."""
    if catalog.get_meta(_VERSION_KEY) is not None:
        return
    whoosh_dir = directory / "whoosh-1"
    if whoosh_dir.exists():
        shutil.rmtree(whoosh_dir)  # left by an interrupted creation: nothing in it was committed
    whoosh_dir.mkdir()
    ix = whoosh_index.create_in(str(whoosh_dir), build_schema())
    catalog.begin()
    catalog.set_meta(_VERSION_KEY, str(schema_version()))
    catalog.set_meta(_WHOOSH_DIR_KEY, whoosh_dir.name)
    catalog.set_meta(_GENERATION_KEY, str(ix.latest_generation()))
    catalog.commit()
    ix.close()


class IndexStore:
    """An open index directory. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, directory: Path, catalog: Catalog) -> None:
        self.directory = directory
        self.catalog = catalog

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, directory: str | Path, *, create: bool = False, check_version: bool = True) -> IndexStore:
        """Open the index at ``directory``; create it if ``create`` and it does not exist."""
        directory = Path(directory).expanduser()
        catalog_path = directory / CATALOG_NAME
        if not catalog_path.exists():
            if not create:
                raise IndexMissingError(f"no index at {directory}", remedy="create-index")
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise IndexMissingError(
                    f"cannot create an index at {directory} ({exc.strerror or exc})", remedy="other-index"
                ) from exc
        if not catalog_path.exists():
            # two writers creating one index at once: the second waits for the first, and the
            # catalog appears whole (tables made, WAL set) by a rename, so nobody opens it half-made:
            # made in place, 7 of 50 runs of "ingest a/ & ingest b/" on a fresh index failed with
            # "database is locked", and 1 of 50 when made in place under the lock
            with WriteLock(directory, DEFAULT_LOCK_TIMEOUT):
                if not catalog_path.exists():
                    _create_catalog(catalog_path)
                catalog = Catalog.create(catalog_path)
                try:
                    _finish_creation(directory, catalog)
                except BaseException:
                    catalog.close()
                    raise
        else:
            catalog = Catalog.create(catalog_path)
        if catalog.get_meta(_VERSION_KEY) is None:
            # a new index, or one whose creation was interrupted (the catalog file is made before
            # the version is written): finish it under the write lock, so that a second writer
            # waits for the first instead of reading a version that is not there yet
            if not create:
                catalog.close()
                raise IndexMissingError(
                    f"the index at {directory} was never finished (its creation was interrupted)",
                    remedy="finish-index",
                )
            try:
                with WriteLock(directory, DEFAULT_LOCK_TIMEOUT):
                    _finish_creation(directory, catalog)
            except BaseException:
                catalog.close()
                raise
        store = cls(directory, catalog)
        if check_version:
            try:
                store.check_version()
            except BaseException:
                store.close()  # every connection opened is closed (Python 3.13 reports the rest)
                raise
        return store

    def check_version(self) -> None:
        """Raise :class:`IndexVersionError` if the index was built with another schema version."""
        version = self.catalog.get_meta(_VERSION_KEY)
        if version != str(schema_version()):
            raise IndexVersionError(
                f"the index at {self.directory} was built with schema version {version}, and this "
                f"casereviews uses version {schema_version()}",
                remedy="reindex",
            )

    @property
    def schema_version(self) -> int:
        """The schema version the index was built with."""
        return int(self.catalog.get_meta(_VERSION_KEY) or 0)

    def whoosh_dir(self) -> Path:
        """The directory of the current Whoosh index."""
        return self.directory / (self.catalog.get_meta(_WHOOSH_DIR_KEY) or "whoosh-1")

    def open_whoosh(self) -> whoosh_index.Index:
        """Open the current Whoosh index (callers close it)."""
        try:
            return whoosh_index.open_dir(str(self.whoosh_dir()))
        except (whoosh_index.EmptyIndexError, OSError) as exc:
            raise IndexMissingError(
                f"the search index in {self.directory} is missing or damaged ({exc})", remedy="rebuild"
            ) from exc

    def close(self) -> None:
        """Close the catalog connection."""
        self.catalog.close()

    def __enter__(self) -> IndexStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A Whoosh searcher over the last committed state (for the search floor).

        The state is the Whoosh generation the catalog recorded with its own commit: a writer
        commits Whoosh first, so a reader opening the newest generation could count documents
        the catalog does not hold yet (seen when a kill struck between the two commits).
        """
        # marked as reading before the catalog tells which generation to open, so a writer
        # deleting superseded files has finished (and committed the catalog) before we look
        with reading(self.directory):
            ix = self.open_whoosh()
            try:
                with Searcher(self._committed_reader(ix)) as searcher:
                    yield searcher
            finally:
                ix.close()

    def _committed_reader(self, ix: whoosh_index.Index) -> Any:
        generation = self.catalog.get_meta(_GENERATION_KEY)
        if generation is None or int(generation) == ix.latest_generation():
            return ix.reader()
        try:
            toc = whoosh_index.TOC.read(ix.storage, ix.indexname, gen=int(generation), schema=ix._schema)
            return ix._reader(ix.storage, toc.schema, toc.segments, toc.generation)
        except (OSError, whoosh_index.EmptyIndexError, ValueError):
            return ix.reader()  # that generation's files are gone (cleaned): the newest is all there is

    def documents(self, ids: Sequence[str] | None = None) -> list[Document]:
        """Documents by id (in that order; unknown ids are skipped), or all of them."""
        return self.catalog.documents(ids)

    def pages(self, doc_id: str) -> tuple[str, ...]:
        """The normalised page texts of a document."""
        return self.catalog.pages(doc_id)

    def counts(self) -> tuple[int, int]:
        """Number of documents and of pages in the index."""
        return self.catalog.counts()

    def resolve(self, ref: str) -> Document:
        """The document named by an id, a unique id prefix (4+ hex digits) or a file path."""
        doc_id = self._resolve_id(ref)
        documents = self.catalog.documents([doc_id]) if doc_id else []
        if not documents:
            raise DocumentNotFoundError(f"no document {ref!r} in the index", remedy="list-ids")
        return documents[0]

    def _resolve_id(self, ref: str) -> str | None:
        ref = ref.strip()
        candidate = ref.lower()
        if 4 <= len(candidate) <= 64 and all(c in "0123456789abcdef" for c in candidate):
            matches = self.catalog.document_ids(candidate[:12])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise DocumentNotFoundError(
                    f"{ref!r} matches {len(matches)} documents; give more digits of the id"
                )
        state = self.catalog.path_state(path_key(ref))
        if state is None and 0 < len(candidate) < 4 and all(c in "0123456789abcdef" for c in candidate):
            raise DocumentNotFoundError(f"{ref!r} is too short for an id: give at least 4 of its hex digits")
        return state.doc_id if state else None

    # -- writing ---------------------------------------------------------------------

    def writer(self, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> IndexWriter:
        """A writer holding the index lock; use it as a context manager."""
        return IndexWriter(self, lock_timeout)

    def reindex(
        self,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Rebuild the Whoosh index from the catalog (stored text and corrections).

        The new index is built beside the old one and swapped in by one catalog
        update, so a reindex that dies half-way leaves the old index in use.
        Returns the number of documents indexed.
        """
        with WriteLock(self.directory, lock_timeout):
            old = self.whoosh_dir()
            number = int(old.name.rsplit("-", 1)[-1]) + 1 if "-" in old.name else 2
            new = self.directory / f"whoosh-{number}"
            if new.exists():
                shutil.rmtree(new)
            new.mkdir()
            ix = whoosh_index.create_in(str(new), build_schema())
            revisions = self.catalog.revisions()
            total = len(revisions)
            done = 0
            try:
                writer = open_writer(ix, limitmb=256)
                try:
                    for document, pages in self.catalog.iter_documents_with_pages():
                        writer.add_document(**whoosh_fields(document, pages, revisions[document.id]))
                        done += 1
                        if progress:
                            progress(done, total)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(optimize=True)
                generation = ix.latest_generation()
            finally:
                ix.close()
            self.catalog.begin()
            self.catalog.set_meta(_WHOOSH_DIR_KEY, new.name)
            self.catalog.set_meta(_GENERATION_KEY, str(generation))
            self.catalog.set_meta(_VERSION_KEY, str(schema_version()))
            self.catalog.commit()
            with no_readers(self.directory) as alone:
                self.remove_stale_indexes(0.0 if alone else None)
        return done

    def remove_stale_indexes(self, grace: float | None = None) -> None:
        """Delete search indexes a reindex replaced, once readers that opened them are done.

        Call with the write lock held.
        """
        grace = GRACE_SECONDS if grace is None else grace
        current = self.whoosh_dir()
        for folder in self.directory.glob("whoosh-*"):
            if folder != current and time.time() - _last_use(folder) >= grace:
                shutil.rmtree(folder, ignore_errors=True)


def _last_use(folder: Path) -> float:
    """When a search-index folder was last written (its newest file's time)."""
    times = [f.stat().st_mtime for f in folder.iterdir() if f.is_file()]
    return max(times, default=folder.stat().st_mtime)


def path_key(path: str | Path) -> str:
    """How a file path is stored and looked up: absolute, and valid UTF-8 even if the name is not."""
    text = os.path.abspath(os.path.expanduser(os.fspath(path)))
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class IndexWriter:
    """Applies changes under the index lock, committing them in whole sub-batches.

    Leaving the ``with`` block normally commits what is pending; leaving it by
    an exception (including Ctrl-C) abandons the pending sub-batch only.
    """

    def __init__(self, store: IndexStore, lock_timeout: float) -> None:
        self.store = store
        self.catalog = store.catalog
        self.lock = WriteLock(store.directory, lock_timeout)
        self._ix: whoosh_index.Index | None = None
        self._writer: Any = None
        self.pending = 0

    def __enter__(self) -> IndexWriter:
        self.lock.acquire()
        try:
            self.store.check_version()
            self._ix = self.store.open_whoosh()
            if self.catalog.get_meta(_GENERATION_KEY) != str(self._ix.latest_generation()):
                self.reconcile()
            else:
                self._remove_superseded()  # what an earlier writer had to keep for readers
        except BaseException:
            self._close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.commit()
            else:
                self._abandon()
        finally:
            self._close()

    def _close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None
        self.lock.release()

    def _begin(self) -> Any:
        if self._writer is None:
            assert self._ix is not None
            self.catalog.begin()
            self._writer = open_writer(self._ix, limitmb=256)
        return self._writer

    def _abandon(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.cancel()
            self.catalog.rollback()
        self.pending = 0

    def commit(self) -> None:
        """Make every pending change durable and visible: Whoosh first, then the catalog."""
        if self._writer is None:
            return
        assert self._ix is not None
        writer, self._writer = self._writer, None
        try:
            writer.commit(mergetype=merge_tiered)
        except BaseException:
            self.catalog.rollback()
            raise
        self._ix = self._ix.refresh()
        self.catalog.set_meta(_GENERATION_KEY, str(self._ix.latest_generation()))
        self.catalog.commit()
        self.pending = 0
        self._remove_superseded()

    def _remove_superseded(self) -> None:
        """Delete files no current state uses: at once when no search is reading, else after a grace.

        Superseded segment files were 23% of a national index's size when they were
        always kept for the grace period (194 of 836 MB).
        """
        assert self._ix is not None
        with no_readers(self.store.directory) as alone:
            grace = 0.0 if alone else GRACE_SECONDS
            clean_files(self._ix, grace)
            self.store.remove_stale_indexes(grace)

    # -- changes ---------------------------------------------------------------------

    def _index(self, doc_id: str, rev: int, analysed: PreAnalysed | None = None) -> None:
        document = self.catalog.documents([doc_id])[0]
        pages = self.catalog.pages(doc_id) if analysed is None else ()
        self._begin().update_document(**whoosh_fields(document, pages, rev, analysed))

    def _delete(self, doc_id: str) -> None:
        self.catalog.delete_document(doc_id)
        self._begin().delete_by_term(F.ID, doc_id)

    def state(self, path: str) -> PathState | None:
        """What the catalog knows of ``path`` (a :func:`path_key`)."""
        return self.catalog.path_state(path)

    def has_document(self, doc_id: str) -> bool:
        """Whether the index holds a document with this id."""
        return self.catalog.has_document(doc_id)

    def put(self, extraction: Extraction, state: PathState, analysed: PreAnalysed | None = None) -> str:
        """Store an extracted document seen at ``state.path`` (``analysed``: its text's postings).

        Returns ``"added"``, ``"replaced"`` (the path held other bytes before) or
        ``"updated"`` (the same bytes extracted again, e.g. a forced re-ingest).
        """
        self._begin()
        existed = self.catalog.has_document(extraction.document.id)
        document = replace(extraction.document, ingested_at=utc_now())
        rev = self.catalog.put_document(document, extraction.page_texts)
        status = self._record_path(state)
        self._index(document.id, rev, analysed)
        self.pending += 1
        if status == "replaced":
            return status
        return "updated" if existed else "added"

    def link(self, state: PathState) -> str:
        """Record that ``state.path`` holds bytes already indexed; ``"linked"`` or ``"replaced"``."""
        self._begin()
        status = self._record_path(state)
        self.pending += 1
        return "replaced" if status == "replaced" else "linked"

    def touch(self, state: PathState) -> None:
        """Update a path's size and mtime after its content was found unchanged."""
        self._begin()
        self.catalog.put_path(state)

    def _record_path(self, state: PathState) -> str:
        old = self.catalog.path_state(state.path)
        self.catalog.put_path(state)
        if old is None or old.doc_id == state.doc_id:
            return "same" if old else "new"
        # the file at this path changed: carry the librarian's corrections over, and drop
        # the old document unless another path still holds its bytes
        previous = self.catalog.corrections(old.doc_id)
        if previous and not self.catalog.corrections(state.doc_id):
            self.catalog.set_corrections(state.doc_id, previous, utc_now())
        if self.catalog.path_count(old.doc_id) == 0:
            self._delete(old.doc_id)
        return "replaced"

    def remove(self, ref: str, *, exclude: bool = False) -> Document:
        """Remove a document (by id) or one path of it (by path); return what was affected.

        A document left with no path is removed entirely. With ``exclude``, each removed
        path is remembered so that ingesting its folder again does not bring it back.
        """
        self._begin()
        state = self.catalog.path_state(path_key(ref))
        if state is not None and not _looks_like_id(ref):
            document = self.catalog.documents([state.doc_id])[0]
            self.catalog.delete_path(state.path)
            if exclude:
                self.catalog.exclude(state.path, state.doc_id, utc_now())
            if self.catalog.path_count(state.doc_id) == 0:
                self._delete(state.doc_id)
            self.pending += 1
            return document
        document = self.store.resolve(ref)
        if exclude:
            for path in document.paths:
                self.catalog.exclude(path, document.id, utc_now())
        self._delete(document.id)
        self.pending += 1
        return document

    def remove_folder(self, folder: str, *, exclude: bool = False) -> list[Document]:
        """Remove every path under ``folder`` (documents left with no path leave the index)."""
        self._begin()
        removed = []
        for state in self.catalog.paths_under(path_key(folder)):
            removed.append(self.remove(state.path, exclude=exclude))
        if not removed:
            raise DocumentNotFoundError(f"no indexed file under {folder}")
        return removed

    def readmit(self, ref: str) -> list[str]:
        """Let ingest read a removed path (or every removed path under a folder) again."""
        self._begin()
        return self.catalog.readmit(path_key(ref))

    def is_excluded(self, path: str) -> bool:
        """Whether ingest should skip ``path`` (a librarian removed it)."""
        return self.catalog.is_excluded(path_key(path))

    def resolve(self, ref: str) -> Document:
        """The document named by an id, id prefix or path, as this writer sees it."""
        return self.store.resolve(ref)

    def correct(self, doc_id: str, fields: Mapping[str, object], clear: Sequence[str] = ()) -> Document:
        """Store a librarian's values for a document (``clear`` drops earlier ones); re-index it."""
        self._begin()
        if not self.catalog.has_document(doc_id):
            raise DocumentNotFoundError(f"no document {doc_id!r} in the index")
        self.catalog.set_corrections(doc_id, fields, utc_now(), clear=clear)
        self._index(doc_id, self.catalog.bump_revision(doc_id))
        self.pending += 1
        return self.catalog.documents([doc_id])[0]

    def reconcile(self) -> tuple[int, int]:
        """Make the Whoosh index match the catalog after an interrupted commit.

        Returns (documents dropped from Whoosh, documents re-added to it).
        """
        assert self._ix is not None
        wanted = {f"{doc_id}:{rev}" for doc_id, rev in self.catalog.revisions().items()}
        with self._ix.searcher() as searcher:
            present = {fields[F.KEY] for fields in searcher.all_stored_fields()}
        stale = present - wanted
        missing = wanted - present
        writer = open_writer(self._ix)
        try:
            for key in stale:
                writer.delete_by_term(F.KEY, key)
            for key in missing:
                doc_id, rev = key.rsplit(":", 1)
                document = self.catalog.documents([doc_id])[0]
                writer.update_document(**whoosh_fields(document, self.catalog.pages(doc_id), int(rev)))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._ix = self._ix.refresh()
        self.catalog.begin()
        self.catalog.set_meta(_GENERATION_KEY, str(self._ix.latest_generation()))
        self.catalog.commit()
        return len(stale), len(missing)


def _looks_like_id(ref: str) -> bool:
    return 4 <= len(ref) <= 64 and all(c in "0123456789abcdefABCDEF" for c in ref)


__all__ = [
    "DEFAULT_LOCK_TIMEOUT",
    "IndexStore",
    "IndexWriter",
    "path_key",
    "utc_now",
    "whoosh_fields",
]
