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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from ingest import Document, Outline, SectionMap, read_outline
from ingest.metadata import parse_iso_partial

from . import fields as F
from .analysis import indexed_text
from .catalog import CATALOG_NAME, Catalog
from .errors import DocumentNotFoundError, IndexMissingError, IndexVersionError
from .facets import FACETS
from .lock import WriteLock, no_readers, reading
from .schema import NO_DATE_ASC, NO_DATE_DESC, PreAnalysed, build_schema, schema_version
from .scoring import TableBM25F
from .segments import GRACE_SECONDS, open_writer

if TYPE_CHECKING:
    from .writer import IndexWriter

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
                with Searcher(self._committed_reader(ix), weighting=TableBM25F()) as searcher:
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

    def state(self, searcher: Searcher) -> tuple[object, ...]:
        """What a result read through ``searcher`` depends on: the directory, the Whoosh generation
        and segments it reads, and the catalog's version. Equal states give equal results."""
        reader = searcher.reader()
        segments = tuple(
            (leaf.segment().segment_id(), leaf.doc_count()) if leaf.segment() is not None else ("", 0)
            for leaf, _ in reader.leaf_readers()
        )
        return (str(self.directory), reader.generation(), segments, self.catalog.data_version())

    def documents(self, ids: Sequence[str] | None = None) -> list[Document]:
        """Documents by id (in that order; unknown ids are skipped), or all of them."""
        return self.catalog.documents(ids)

    def pages(self, doc_id: str) -> tuple[str, ...]:
        """The normalised page texts of a document."""
        return self.catalog.pages(doc_id)

    def outlines(self, ids: Sequence[str]) -> dict[str, Outline]:
        """The outlines of documents by id (headings with their sections, recommendations)."""
        return self.catalog.outlines(ids)

    def section_maps(self, ids: Sequence[str]) -> dict[str, SectionMap]:
        """Where each section starts in documents by id (what a search needs of their outlines)."""
        return self.catalog.section_maps(ids)

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
        from .writer import IndexWriter  # the writer module builds on this one

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
            # reports indexed before outlines existed get theirs from the stored text
            outlined, fresh = self.catalog.outlined_ids(), dict[str, Outline]()
            try:
                writer = open_writer(ix, limitmb=256)
                try:
                    for document, pages in self.catalog.iter_documents_with_pages():
                        if document.id not in outlined:
                            fresh[document.id] = read_outline(pages, document.pages is not None)
                            document = replace(document, sections=fresh[document.id].sections)
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
            for doc_id, outline in fresh.items():
                self.catalog.put_outline(doc_id, outline)
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


__all__ = ["DEFAULT_LOCK_TIMEOUT", "IndexStore", "path_key", "utc_now", "whoosh_fields"]
