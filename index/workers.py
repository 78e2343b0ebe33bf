"""Extraction in worker processes, with a wall-clock limit and a memory cap per file.

PDF parsers can hang on malformed files and inflate small files into
gigabytes, and a crash in native code takes its process with it. So each
file is extracted in a worker process that the parent can kill: a worker
that overruns the time limit is killed and replaced, one that dies is
replaced, and each worker retires after a number of files so memory
fragmentation cannot build up. Results come back in completion order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import pickle
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from ingest import Extraction, ExtractionError, ExtractOptions, extract

from .analysis import indexed_text
from .schema import PreAnalysed, preanalyse

_MB = 1 << 20


@dataclass(frozen=True)
class Task:
    """One file to extract."""

    path: str
    sha256: str
    options: ExtractOptions


@dataclass(frozen=True)
class Extracted:
    """A worker's result: the extraction, and its text already analysed for the index."""

    extraction: Extraction
    analysed: PreAnalysed


@dataclass(frozen=True)
class OcrTick:
    """A worker read one page by OCR: the file is alive (its time limit starts again) and progress moves."""

    page: int


@dataclass(frozen=True)
class Limits:
    """Per-file limits: seconds of wall clock, MB of address space, files per worker.

    The time limit counts from the file's start or its last page read by OCR, so a
    long scan is limited per page (by ``ExtractOptions.ocr_timeout`` too), not as a whole.
    """

    timeout: float = 120.0
    memory_mb: int = 2048
    files_per_worker: int = 200


def _worker_main(conn: Connection, limits: Limits) -> None:
    """Extract files sent over ``conn`` until told to stop or retired."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    if limits.memory_mb:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limits.memory_mb * _MB
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    done = 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        retire = False
        result: tuple[str, Any]
        try:
            options = dataclasses.replace(task.options, on_ocr_page=lambda page: conn.send(OcrTick(page)))
            extraction = extract(task.path, options, task.sha256)
            analysed = preanalyse(indexed_text(extraction.page_texts))
            # pickled here, so a result waits in the parent as one compact bytes object
            result = ("ok", pickle.dumps(Extracted(extraction, analysed), pickle.HIGHEST_PROTOCOL))
        except ExtractionError as exc:
            result = ("error", str(exc))
        except MemoryError:
            result = (
                "error",
                f"too large: needed more than the {limits.memory_mb} MB memory limit",
            )
            retire = True
        except RecursionError:
            result = ("error", "damaged PDF (object cycle or nesting too deep)")
            retire = True
        except Exception as exc:  # a parser bug on a strange file must not stop the batch
            result = ("error", f"extractor failed ({type(exc).__name__}: {exc})")
        done += 1
        retire = retire or done >= limits.files_per_worker
        try:
            # the worker's peak resident memory so far (kB on Linux), for the batch report
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            conn.send((result, retire, peak_kb))
        except (OSError, ValueError):
            return
        if retire:
            return


class _Worker:
    def __init__(self, context: Any, limits: Limits) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, limits), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def send(self, task: Task) -> None:
        self.task = task
        self.started = time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(2)
        self.kill()


def _describe_death(process: Any, memory_mb: int = 0) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if name == "SIGABRT" and memory_mb:
            # native code (pdfium) aborts when an allocation fails under the address-space cap:
            # measured on a content-stream bomb, SIGABRT after 3 s with the cap, a timeout without
            return f"too large: the extractor aborted at the {memory_mb} MB memory limit (SIGABRT)"
        return f"extractor crashed ({name})"
    return f"extractor crashed (exit code {code})"


_DONE = object()

#: Bytes of finished results that may wait for the consumer. The writer's commit stops it
#: taking results for seconds (a national ingest's merge of 1,000 reports took 20 s): with
#: room for only two results a worker, both workers then sat idle. A result is about 7 KB a
#: page pickled, so this holds about 18,000 pages, 30 s of two workers.
BACKLOG_BYTES = 128 * _MB


class Backlog:
    """Results waiting for the consumer, bounded by their size in bytes.

    An empty backlog takes any one item, however large, so a huge report never waits forever.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._items: deque[tuple[Any, int]] = deque()
        self._bytes = 0
        self._changed = threading.Condition()

    def __len__(self) -> int:
        with self._changed:
            return len(self._items)

    def put(self, item: Any, size: int, stop: threading.Event) -> bool:
        """Add ``item`` of ``size`` bytes once there is room; False if ``stop`` is set first."""
        with self._changed:
            while self._items and self._bytes + size > self.budget:
                if stop.is_set():
                    return False
                self._changed.wait(0.2)
            if stop.is_set():
                return False
            self._items.append((item, size))
            self._bytes += size
            self._changed.notify_all()
            return True

    def get(self) -> Any:
        """The oldest item, waiting for one if there is none."""
        with self._changed:
            while not self._items:
                self._changed.wait()
            item, size = self._items.popleft()
            self._bytes -= size
            self._changed.notify_all()
            return item


def _context() -> Any:
    """The start method's context: a fork server on Linux (forking a threaded process is unsafe)."""
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ingest", "index.schema"])
    return context


def start_early() -> None:
    """Start the process workers are forked from now, so its imports overlap the caller's work.

    The fork server imports the extractors before it forks the first worker (half a second,
    most of a worker's start-up); started when the pool first asks for a worker, it waited for
    the batch's plan (finding and hashing the files) instead of running beside it. Nothing is
    started where workers are spawned, or when the server already runs.
    """
    context = _context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


class ExtractionPool:
    """Extracts files in ``jobs`` worker processes; iterate :meth:`run` for the results."""

    def __init__(self, jobs: int, limits: Limits | None = None, backlog_bytes: int = BACKLOG_BYTES) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits or Limits()
        self.backlog_bytes = backlog_bytes
        #: Finished results of the current :meth:`run` not yet taken by the consumer.
        self.backlog = Backlog(backlog_bytes)
        #: Largest peak resident memory any worker reported, in kB.
        self.peak_rss_kb = 0
        self.context = _context()

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Extracted | str | OcrTick]]:
        """Yield ``(task, extracted)`` or ``(task, reason)`` for every task, as they finish.

        ``(task, OcrTick)`` comes between, once per page a worker reads by OCR.
        """
        results = self.backlog = Backlog(self.backlog_bytes)  # nothing left from an earlier run
        stop = threading.Event()
        thread = threading.Thread(target=self._dispatch, args=(deque(tasks), results, stop), daemon=True)
        thread.start()
        try:
            while True:
                item = results.get()
                if item is _DONE:
                    break
                if isinstance(item, BaseException):
                    raise item
                task, outcome = item
                yield task, pickle.loads(outcome) if isinstance(outcome, bytes) else outcome
        finally:
            stop.set()
            thread.join()

    def _put(self, results: Backlog, item: Any, stop: threading.Event) -> bool:
        outcome = item[1] if isinstance(item, tuple) else None
        return results.put(item, len(outcome) if isinstance(outcome, bytes) else 0, stop)

    def _dispatch(self, pending: deque[Task], results: Backlog, stop: threading.Event) -> None:
        workers: list[_Worker] = []
        try:
            while not stop.is_set() and (pending or any(w.task for w in workers)):
                while len(workers) < min(self.jobs, len(pending) + sum(1 for w in workers if w.task)):
                    workers.append(_Worker(self.context, self.limits))
                for worker in workers:
                    if worker.task is None and pending:
                        worker.send(pending.popleft())
                busy = [w for w in workers if w.task is not None]
                now = time.monotonic()
                deadline = min(w.started + self.limits.timeout for w in busy)
                handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
                ready = wait(handles, timeout=max(0.0, min(deadline - now, 0.5)))
                for worker in busy:
                    task = worker.task
                    assert task is not None
                    outcome: bytes | str | None = None  # an Extracted, pickled
                    retire = False
                    if worker.conn in ready:
                        try:
                            message = worker.conn.recv()
                            if isinstance(message, OcrTick):
                                worker.started = time.monotonic()
                                if not self._put(results, (task, message), stop):
                                    return
                                continue
                            (_status, value), retire, peak_kb = message
                            outcome = value
                            self.peak_rss_kb = max(self.peak_rss_kb, peak_kb)
                        except (EOFError, OSError):
                            worker.process.join(1)
                            outcome = _describe_death(worker.process, self.limits.memory_mb)
                            retire = True
                    elif worker.process.sentinel in ready:
                        worker.process.join(1)
                        outcome = _describe_death(worker.process, self.limits.memory_mb)
                        retire = True
                    elif time.monotonic() - worker.started > self.limits.timeout:
                        outcome = f"timed out after {self.limits.timeout:g} s"
                        retire = True
                        worker.kill()
                    if outcome is None:
                        continue
                    worker.task = None
                    if retire:
                        workers.remove(worker)
                        worker.kill()
                    if not self._put(results, (task, outcome), stop):
                        return
        except BaseException as exc:  # surface dispatcher failures in the consuming thread
            self._put(results, exc, stop)
        finally:
            for worker in workers:
                if worker.task is not None:
                    worker.kill()
                else:
                    worker.stop()
            if not stop.is_set():
                self._put(results, _DONE, stop)


def default_jobs() -> int:
    """Worker count when none is given: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
