"""Crashes and concurrency: kills mid-batch, two writers and a reader at once, stale locks."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from builders import body_page, cover, make_pdf

from cli import ExitStatus, main
from index import IndexStore
from index.lock import WriteLock
from search import list_documents, search

ROOT = Path(__file__).resolve().parents[1]


def reports(folder: Path, count: int, prefix: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        pages = [cover("Leeds Safeguarding Children Board", f"Serious Case Review: Child {prefix}{n}")]
        pages += [body_page(f"Report {prefix}{n} page {p} on neglect and home conditions.") for p in range(6)]
        made.append(make_pdf(folder / f"{prefix}-{n:03d}.pdf", pages))
    return made


def cli(index_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--index", str(index_dir), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # so a kill reaches the workers too
        # a shell without job control (CI's, a background job) starts children ignoring SIGINT, and
        # Python then installs no KeyboardInterrupt handler: give the child Ctrl-C back
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def check_complete(index_dir: Path, files: list[Path]) -> None:
    with IndexStore.open(index_dir) as store:
        documents = list_documents(store)
        ids = [d.id for d in documents]
        paths = sorted(p for d in documents for p in d.paths)
        assert len(ids) == len(set(ids)) == len(files)
        assert paths == sorted(str(f) for f in files)
        assert search(store, "neglect", limit=1).total == len(files)


def committed_count(index_dir: Path) -> int:
    """Documents committed so far, read from the catalog as another process would (0 if none yet)."""
    import sqlite3

    path = index_dir / "catalog.sqlite"
    if not path.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as db:
            return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


def wait_for_commits(
    process: subprocess.Popen[str], index_dir: Path, at_least: int, limit: float = 120
) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        count = committed_count(index_dir)
        if count >= at_least:
            return count
        assert process.poll() is None, "the ingest finished before it could be interrupted"
        time.sleep(0.01)
    raise AssertionError("no commit became visible")


@pytest.mark.parametrize("after_commits", [1, 9])
def test_sigkill_mid_batch_then_rerun_completes_without_duplicates(tmp_path, after_commits):
    files = reports(tmp_path / "in", 24, "k")
    index_dir = tmp_path / "ix"
    process = cli(index_dir, "ingest", str(tmp_path / "in"), "--jobs", "2", "--commit-every", "3")
    seen = wait_for_commits(process, index_dir, after_commits)
    alive = process.poll() is None
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert alive and process.returncode == -signal.SIGKILL  # it died mid-batch, not after it
    with IndexStore.open(index_dir) as store:  # opens, and searches, whatever was committed
        committed = store.counts()[0]
        assert seen <= committed < len(files)  # a partial commit is visible
        assert search(store, "neglect", limit=1).total == committed
    rerun = cli(index_dir, "ingest", str(tmp_path / "in"), "--jobs", "2", "--format", "json")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert json.loads(out)["documents"] == len(files)
    check_complete(index_dir, files)


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3])
def test_sigkill_while_the_index_is_created_then_rerun_finishes_it(tmp_path, delay):
    files = reports(tmp_path / "in", 3, "c")
    index_dir = tmp_path / "ix"
    process = cli(index_dir, "ingest", str(tmp_path / "in"), "--jobs", "1")
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    rerun = cli(index_dir, "ingest", str(tmp_path / "in"), "--jobs", "1")
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    check_complete(index_dir, files)


def test_ctrl_c_exits_130_and_says_how_much_was_committed(tmp_path):
    # enough work (one worker) that the interrupt, sent at the first visible commit, lands mid-batch
    files = reports(tmp_path / "in", 60, "i")
    index_dir = tmp_path / "ix"
    process = cli(index_dir, "ingest", str(tmp_path / "in"), "--jobs", "1", "--commit-every", "3")
    wait_for_commits(process, index_dir, 1)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    _, err = process.communicate(timeout=120)
    assert process.returncode == ExitStatus.INTERRUPTED, err
    committed = committed_count(index_dir)
    assert 0 < committed < len(files)
    assert f"{committed} of {len(files)} files to read had been committed" in err
    assert "Traceback" not in err


def test_two_writers_and_a_reader_at_once(tmp_path):
    first = reports(tmp_path / "a", 12, "a")
    second = reports(tmp_path / "b", 12, "b")
    index_dir = tmp_path / "ix"
    seed = reports(tmp_path / "seed", 1, "s")
    seeding = cli(index_dir, "ingest", str(tmp_path / "seed"))
    seeding.communicate()
    assert seeding.returncode == 0
    writers = [
        cli(
            index_dir,
            "ingest",
            str(tmp_path / name),
            "--jobs",
            "1",
            "--commit-every",
            "2",
            "--lock-timeout",
            "120",
        )
        for name in ("a", "b")
    ]
    seen = []
    try:
        while any(w.poll() is None for w in writers):
            with IndexStore.open(index_dir) as store:
                seen.append(search(store, "neglect", limit=1).total)
            time.sleep(0.05)
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
            writer.communicate()
    for writer in writers:
        assert writer.returncode == 0
    assert seen == sorted(seen)  # readers only ever see more committed documents
    check_complete(index_dir, first + second + seed)


def test_a_writer_that_cannot_get_the_lock_exits_3(runner, tmp_path):
    files = reports(tmp_path / "in", 1, "l")
    index_dir = tmp_path / "ix"
    runner.invoke(main, ["--index", str(index_dir), "ingest", str(files[0])])
    with WriteLock(index_dir, timeout=0):
        started = time.monotonic()
        result = runner.invoke(
            main, ["--index", str(index_dir), "ingest", str(files[0]), "--lock-timeout", "0.5"]
        )
        waited = time.monotonic() - started
    # the timeout given is the wait: not less, and not some fixed wait of its own (60 s by default)
    assert 0.5 <= waited < 20
    assert result.exit_code == ExitStatus.INDEX
    assert "--lock-timeout" in result.stderr and f"pid {os.getpid()}" in result.stderr
    # and it said it was waiting, instead of seeming to hang
    assert f"Waiting for the write lock held by pid {os.getpid()}" in result.stderr


def test_a_killed_lock_holder_leaves_no_stale_lock(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from pathlib import Path
            from index.lock import WriteLock
            lock = WriteLock(Path({str(tmp_path)!r}), timeout=5)
            lock.acquire()
            print("locked", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(Exception, match="being written"), WriteLock(tmp_path, timeout=0.2):
        pass
    holder.kill()
    holder.communicate()
    with WriteLock(tmp_path, timeout=1):
        pass  # the kernel dropped the dead holder's lock
