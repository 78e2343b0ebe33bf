"""The extraction pool's backlog: finished results wait by their size, not two a worker."""

from __future__ import annotations

import threading
import time

from builders import body_page, cover, make_pdf

from index.workers import Backlog, Extracted, ExtractionPool, Task
from ingest import ExtractOptions


def test_an_empty_backlog_takes_an_item_larger_than_its_budget():
    backlog = Backlog(100)
    stop = threading.Event()
    stop.set()  # a put that had to wait would give up at once and say so
    assert backlog.put("huge", 1_000, stop) is False  # stopped: nothing is added
    stop.clear()
    assert backlog.put("huge", 1_000, stop) is True
    assert len(backlog) == 1 and backlog.get() == "huge"


def test_the_backlog_is_bounded_by_bytes_not_by_items():
    backlog = Backlog(100)
    stop = threading.Event()
    for i in range(10):
        assert backlog.put(i, 10, stop) is True  # ten small results fit in 100 bytes
    stop.set()
    assert backlog.put("one more", 10, stop) is False  # full, and told to stop while waiting
    assert [backlog.get() for _ in range(10)] == list(range(10))


def test_a_put_waits_for_room_and_goes_in_once_an_item_is_taken():
    backlog = Backlog(100)
    stop = threading.Event()
    backlog.put("first", 60, stop)
    added: list[bool] = []
    waiting = threading.Thread(target=lambda: added.append(backlog.put("second", 60, stop)))
    waiting.start()
    waiting.join(0.5)
    assert waiting.is_alive() and len(backlog) == 1  # no room: still waiting
    assert backlog.get() == "first"
    waiting.join(10)
    assert added == [True] and backlog.get() == "second"


def test_workers_go_on_extracting_while_the_consumer_is_busy(tmp_path):
    """A writer's commit holds the consumer for seconds; the workers must not stop after two results."""
    files = []
    for i in range(8):
        path = tmp_path / f"report-{i}.pdf"
        make_pdf(path, [cover("Anyshire LSCB", f"Serious Case Review: Child {i}"), body_page("Text.")])
        files.append(path)
    pool = ExtractionPool(1)
    tasks = [Task(str(path), f"{i:064x}", ExtractOptions()) for i, path in enumerate(files)]
    results = pool.run(tasks)
    first_task, first = next(results)  # the consumer now holds one result and takes no more
    deadline = time.monotonic() + 60
    while len(pool.backlog) < len(files) - 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(pool.backlog) >= len(files) - 1  # every other file read meanwhile (and the end's mark)
    rest = list(results)
    assert all(isinstance(outcome, Extracted) for _, outcome in [(first_task, first), *rest])
    assert sorted(task.path for task, _ in [(first_task, first), *rest]) == sorted(map(str, files))


def test_a_run_left_early_leaves_nothing_for_the_next(tmp_path):
    paths = []
    for i in range(4):
        path = tmp_path / f"report-{i}.pdf"
        make_pdf(path, [cover("Anyshire LSCB", f"Serious Case Review: Child {i}"), body_page("Text.")])
        paths.append(path)
    pool = ExtractionPool(1)
    first = pool.run([Task(str(p), f"{i:064x}", ExtractOptions()) for i, p in enumerate(paths[:3])])
    next(first)
    deadline = time.monotonic() + 60
    while len(pool.backlog) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.close()  # left with results still waiting
    second = list(pool.run([Task(str(paths[3]), "f" * 64, ExtractOptions())]))
    assert [task.path for task, _ in second] == [str(paths[3])]
