"""Batch ingestion: walk the inputs, skip what is unchanged, extract the rest, write in sub-batches.

A file is re-read only when its size or mtime differ from what the catalog
recorded, and re-extracted only when its bytes (SHA-256) are new to the
index. Extraction runs in worker processes (:mod:`index.workers`); the
parent writes. Changes are committed in sub-batches, after ``commit_every``
documents at first and then after half as many as the batch has committed
(:func:`index.segments.sub_batch_size`), or after ``commit_seconds`` seconds,
so an interrupted batch keeps whole committed sub-batches and a rerun
finishes the job.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest import (
    ExtractionError,
    ExtractOptions,
    UnreadableFileError,
    document_id,
    file_sha256,
    ocr,
)

from .catalog import PathState
from .corrections import ManifestRow, manifest_paths
from .errors import DocumentNotFoundError, IngestInterrupted, OcrUnavailableError, PruneRefusedError
from .segments import COMMIT_GROWTH, sub_batch_size
from .store import DEFAULT_LOCK_TIMEOUT, IndexStore, path_key
from .walk import Failure, display_path, os_reason, walk
from .workers import Extracted, ExtractionPool, Limits, OcrTick, Task, default_jobs, start_early
from .writer import IndexWriter

#: The folder, inside the index, of OCR results by file hash (re-ingest never reads a page twice).
OCR_CACHE = "ocr-cache"


@dataclass(frozen=True)
class IngestOptions:
    """How a batch runs."""

    jobs: int = field(default_factory=default_jobs)
    force: bool = False
    password: str | None = None
    limits: Limits = field(default_factory=Limits)
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    #: documents in the first sub-batch, and the fewest in any
    commit_every: int = 200
    #: later sub-batches hold this share of the documents already committed (0: all ``commit_every``)
    commit_growth: float = COMMIT_GROWTH
    commit_seconds: float = 30.0
    #: pages without a text layer: "auto" (OCR when tesseract is installed), "always" (and read
    #: again the unread pages of files already indexed), "never"
    ocr: str = "auto"
    #: seconds one page's OCR may take before it is left unread
    ocr_timeout: float = 120.0
    #: asked after each file: True stops the batch as Ctrl-C does (what was committed is kept).
    #: A signal handler that only sets a flag is safer than KeyboardInterrupt, which is lost when
    #: it strikes inside a finalizer (seen: a Whoosh lock's ``__del__`` swallowed it).
    stop: Callable[[], bool] | None = None


@dataclass(frozen=True)
class Progress:
    """Where a batch is: files finished of those to process, pages extracted, current file."""

    done: int
    total: int
    pages: int
    path: str
    elapsed: float
    ocr_pages: int = 0  # pages read by OCR so far in this batch


@dataclass(frozen=True)
class IngestReport:
    """What a batch did."""

    added: int = 0
    replaced: int = 0
    updated: int = 0
    linked: int = 0
    unchanged: int = 0
    corrected: int = 0
    skipped: int = 0
    excluded: int = 0  # files a librarian removed, left out
    failures: tuple[Failure, ...] = ()
    warnings: tuple[Failure, ...] = ()
    pages: int = 0
    documents: int = 0
    seconds: float = 0.0
    worker_peak_rss_mb: float = 0.0
    ocr_pages: int = 0  # pages this batch read by OCR (cached pages included)
    unread_pages: int = 0  # pages of this batch's files with no text layer that stay unread
    unread_reports: int = 0  # files those pages are in
    ocr_available: bool = False  # whether this batch could OCR (tesseract installed, OCR not turned off)

    @property
    def failed(self) -> int:
        """Number of files that could not be ingested."""
        return len(self.failures)

    def to_dict(self) -> dict[str, object]:
        """The JSON summary of a batch: stable field names."""
        return {
            "added": self.added,
            "replaced": self.replaced,
            "updated": self.updated,
            "linked": self.linked,
            "unchanged": self.unchanged,
            "corrected": self.corrected,
            "skipped": self.skipped,
            "excluded": self.excluded,
            "failed": self.failed,
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures],
            "warnings": [{"path": w.path, "reason": w.reason} for w in self.warnings],
            "pages": self.pages,
            "documents": self.documents,
            "seconds": self.seconds,
            "pages_per_second": round(self.pages / self.seconds, 1) if self.seconds else None,
            "worker_peak_rss_mb": self.worker_peak_rss_mb,
            "ocr_pages": self.ocr_pages,
            "unread_pages": self.unread_pages,
            "unread_reports": self.unread_reports,
            "ocr_available": self.ocr_available,
        }


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    pages: int = 0
    skipped: int = 0
    ocr_pages: int = 0
    unread_pages: int = 0
    unread_reports: int = 0

    def count(self, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1


def _stat_state(path: str, doc_id: str, info: os.stat_result) -> PathState:
    return PathState(
        path_key(path), os.fsencode(os.path.abspath(path)), doc_id, info.st_size, info.st_mtime_ns
    )


def ingest(
    store: IndexStore,
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    corrections: Sequence[ManifestRow] = (),
) -> IngestReport:
    """Ingest files and directories into ``store``; one bad file never stops the batch.

    ``corrections`` (from a manifest) are applied after the files, in the same
    writer; files they name by path are ingested with the rest.
    """
    options = options or IngestOptions()
    if options.ocr not in ocr.MODES:
        raise ValueError(f"OCR mode must be one of {', '.join(ocr.MODES)}, not {options.ocr!r}")
    can_ocr = options.ocr != "never" and ocr.available()
    if options.ocr == "always" and not can_ocr:
        raise OcrUnavailableError("OCR needs the tesseract program with its English data", remedy="ocr")
    # the batch decides once, here; workers are told "always" or "never", not left to look again
    worker_ocr = "always" if can_ocr else "never"
    started = time.monotonic()
    start_early()  # the workers' imports run while the files are found and hashed
    files, failures, skipped = walk([*inputs, *manifest_paths(corrections)])
    tally = _Tally(failures=list(failures), skipped=skipped)
    with store.writer(options.lock_timeout) as writer:
        copies: dict[str, list[tuple[str, os.stat_result]]] = {}
        tasks = list(_plan(writer, files, options, tally, copies, worker_ocr))
        total = len(tasks)
        limits = options.limits
        if can_ocr:  # one page's OCR may take ocr_timeout; the file's limit restarts after each page
            limits = dataclasses.replace(limits, timeout=max(limits.timeout, options.ocr_timeout + 30))
        pool = ExtractionPool(min(options.jobs, max(1, total)), limits)
        peak_rss_kb = 0
        last_commit = time.monotonic()
        committed = 0  # files read whose sub-batch is committed: kept whatever happens next
        done = 0
        read_by_ocr = 0
        try:
            for task, outcome in pool.run(tasks):
                shown = display_path(task.path)
                if isinstance(outcome, OcrTick):
                    read_by_ocr += 1
                    if progress:
                        progress(Progress(done, total, tally.pages, shown, time.monotonic() - started,
                                          read_by_ocr))  # fmt: skip
                    continue
                done += 1
                same_bytes = copies.pop(task.sha256, [])
                if isinstance(outcome, Extracted):
                    _store(writer, task, outcome, tally)
                    for path, info in same_bytes:
                        tally.count(writer.link(_stat_state(path, outcome.extraction.document.id, info)))
                else:
                    tally.failures.append(Failure(shown, outcome))
                    for path, _ in same_bytes:
                        tally.failures.append(Failure(display_path(path), outcome))
                due = sub_batch_size(committed, options.commit_every, options.commit_growth)
                if writer.pending >= due or (
                    writer.pending and time.monotonic() - last_commit >= options.commit_seconds
                ):
                    writer.commit()
                    committed = done
                    last_commit = time.monotonic()
                if progress:
                    progress(
                        Progress(done, total, tally.pages, shown, time.monotonic() - started, read_by_ocr)
                    )
                if options.stop is not None and options.stop():
                    raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            # the writer abandons the uncommitted sub-batch on the way out; say what was kept
            raise IngestInterrupted(committed, total) from exc
        peak_rss_kb = pool.peak_rss_kb
        for row in corrections:
            try:
                writer.correct(writer.resolve(row.ref).id, row.fields)
            except DocumentNotFoundError as exc:
                tally.failures.append(Failure(row.where, str(exc)))
                continue
            tally.count("corrected")
    documents, _ = store.counts()
    return IngestReport(
        added=tally.counts.get("added", 0),
        replaced=tally.counts.get("replaced", 0),
        updated=tally.counts.get("updated", 0),
        linked=tally.counts.get("linked", 0),
        unchanged=tally.counts.get("unchanged", 0),
        corrected=tally.counts.get("corrected", 0),
        skipped=tally.skipped,
        excluded=tally.counts.get("excluded", 0),
        failures=tuple(tally.failures),
        warnings=tuple(tally.warnings),
        pages=tally.pages,
        documents=documents,
        seconds=round(time.monotonic() - started, 3),
        worker_peak_rss_mb=round(peak_rss_kb / 1024, 1),
        ocr_pages=tally.ocr_pages,
        unread_pages=tally.unread_pages,
        unread_reports=tally.unread_reports,
        ocr_available=can_ocr,
    )


def _plan(
    writer: IndexWriter,
    files: list[str],
    options: IngestOptions,
    tally: _Tally,
    copies: dict[str, list[tuple[str, os.stat_result]]],
    worker_ocr: str,
) -> Iterator[Task]:
    """Decide per file: unchanged (stat), known bytes at a new path (hash), or extract.

    Files with the same bytes as one already planned are extracted once: they
    are collected in ``copies`` (by SHA-256) and linked when the first is stored.
    """
    extract_options = ExtractOptions(
        password=options.password,
        ocr=worker_ocr,
        ocr_timeout=options.ocr_timeout,
        ocr_cache=str(writer.store.directory / OCR_CACHE),
    )
    for path in files:
        if writer.is_excluded(path):
            tally.count("excluded")  # removed by a librarian: not brought back by a re-ingest
            continue
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFileError("not a regular file")
            known = writer.state(path_key(path))
            if (
                known is not None
                and not options.force
                and known.size == info.st_size
                and known.mtime_ns == info.st_mtime_ns
                and not _read_again(writer, known.doc_id, options)
            ):
                tally.count("unchanged")
                continue
            sha256 = file_sha256(Path(path))
        except OSError as exc:
            tally.failures.append(Failure(display_path(path), os_reason(exc)))
            continue
        except ExtractionError as exc:
            tally.failures.append(Failure(display_path(path), str(exc)))
            continue
        doc_id = document_id(sha256)
        if not options.force and writer.has_document(doc_id) and not _read_again(writer, doc_id, options):
            state = _stat_state(path, doc_id, info)
            if known is not None and known.doc_id == doc_id:
                writer.touch(state)  # touched but not changed: remember the new mtime
                tally.count("unchanged")
            else:
                tally.count(writer.link(state))
            continue
        if sha256 in copies:
            copies[sha256].append((path, info))
            continue
        copies[sha256] = []
        yield Task(path, sha256, extract_options)


def _read_again(writer: IndexWriter, doc_id: str, options: IngestOptions) -> bool:
    """Whether an unchanged file is read again: OCR mode "always" revisits pages left unread."""
    if options.ocr != "always":
        return False
    found = writer.catalog.documents([doc_id])
    return bool(found and found[0].unread_pages)


def _store(writer: IndexWriter, task: Task, extracted: Extracted, tally: _Tally) -> None:
    extraction = extracted.extraction
    try:
        info = os.stat(task.path)
    except OSError as exc:
        tally.failures.append(Failure(display_path(task.path), os_reason(exc)))
        return
    state = _stat_state(task.path, extraction.document.id, info)
    tally.count(writer.put(extraction, state, extracted.analysed))
    tally.pages += extraction.document.pages or 1
    tally.ocr_pages += len(extraction.document.ocr_pages)
    if extraction.document.unread_pages:
        tally.unread_pages += len(extraction.document.unread_pages)
        tally.unread_reports += 1
    for warning in extraction.warnings:
        tally.warnings.append(Failure(display_path(task.path), warning))


@dataclass(frozen=True)
class Pruned:
    """A path whose file is gone, and whether its document left the index with it."""

    path: str
    doc_id: str
    title: str | None
    document_removed: bool

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {
            "path": self.path,
            "id": self.doc_id,
            "title": self.title,
            "document_removed": self.document_removed,
        }


#: Above this share of the index, prune refuses unless told to go ahead: a renamed or unmounted
#: folder makes every file in it look deleted, and forgetting them would lose their corrections.
PRUNE_SAFE_SHARE = 0.5


def prune(
    store: IndexStore,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    *,
    dry_run: bool = False,
    allow_most: bool = False,
) -> list[Pruned]:
    """Forget paths whose files no longer exist; documents left with no path are removed.

    ``dry_run`` reports what would go and changes nothing. Raises :class:`PruneRefusedError`
    when more than :data:`PRUNE_SAFE_SHARE` of the documents would go, unless ``allow_most``.
    """
    with store.writer(lock_timeout) as writer:
        states = writer.catalog.all_paths()
        missing = [s for s in states if not os.path.lexists(os.fsdecode(s.raw))]
        gone_paths = {s.path for s in missing}
        still_held = {s.doc_id for s in states if s.path not in gone_paths}
        planned = [
            Pruned(s.path, s.doc_id, writer.resolve(s.doc_id).title, s.doc_id not in still_held)
            for s in missing
        ]
        removing = len({p.doc_id for p in planned if p.document_removed})
        documents = len(writer.catalog.document_ids())
        if documents and removing > PRUNE_SAFE_SHARE * documents and not allow_most and not dry_run:
            raise PruneRefusedError(removing, documents)
        if not dry_run:
            for item in planned:
                writer.remove(item.path)
    return planned
