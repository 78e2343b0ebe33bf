"""Changing an index: the writer that holds the lock, commits in sub-batches and reconciles.

Everything a batch, a correction or a removal changes goes through
:class:`IndexWriter`; :mod:`index.store` opens, reads and rebuilds indexes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import TracebackType
from typing import Any

from whoosh import index as whoosh_index

from ingest import Document, Extraction

from . import fields as F
from .catalog import PathState
from .errors import DocumentNotFoundError
from .lock import WriteLock, no_readers
from .schema import PreAnalysed
from .segments import GRACE_SECONDS, clean_files, merge_tiered, open_writer
from .store import _GENERATION_KEY, IndexStore, path_key, utc_now, whoosh_fields


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
        rev = self.catalog.put_document(document, extraction.page_texts, extraction.outline)
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


__all__ = ["IndexWriter"]
