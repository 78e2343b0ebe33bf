"""The extraction pool's backlog: finished results wait by their size, not two a worker."""

from __future__ import annotations

import threading
import time

from builders import body_page, cover, make_pdf

from index.workers import Backlog, Extracted, ExtractionPool, Task
from ingest import ExtractOptions


def _tasks(folder, count):
    """Tasks for ``count`` small PDF reports written to ``folder``."""
    tasks = []
    for i in range(count):
        path = folder / f"report-{i}.pdf"
        make_pdf(path, [cover("Anyshire LSCB", f"Serious Case Review: Child {i}"), body_page("Text.")])
        tasks.append(Task(str(path), f"{i:064x}", ExtractOptions()))
    return tasks


def _wait_for_backlog(pool, count):
    """Wait (a minute at most) until ``count`` items wait in the pool's backlog; how many do."""
    deadline = time.monotonic() + 60
    while len(pool.backlog) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(pool.backlog)


def test_an_empty_backlog_takes_an_item_larger_than_its_budget():
    backlog = Backlog(100)
    stop = threading.Event()
    stop.set()
    assert backlog.put("huge", 1_000, stop) is False  # stopped: nothing is added, even with room
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
    tasks = _tasks(tmp_path, 8)
    pool = ExtractionPool(1)
    results = pool.run(tasks)
    first_task, first = next(results)  # the consumer now holds one result and takes no more
    # every other file read meanwhile (and the end's mark)
    assert _wait_for_backlog(pool, len(tasks) - 1) >= len(tasks) - 1
    every = [(first_task, first), *results]
    assert all(isinstance(outcome, Extracted) for _, outcome in every)
    assert sorted(task.path for task, _ in every) == sorted(task.path for task in tasks)


def test_a_run_left_early_leaves_nothing_for_the_next(tmp_path):
    tasks = _tasks(tmp_path, 4)
    pool = ExtractionPool(1)
    first = pool.run(tasks[:3])
    next(first)
    _wait_for_backlog(pool, 2)
    first.close()  # left with results still waiting
    second = list(pool.run(tasks[3:]))
    assert [task.path for task, _ in second] == [tasks[3].path]
