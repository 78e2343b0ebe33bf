"""The index's single-writer lock: an advisory ``flock`` on a file in the index directory.

The kernel drops an ``flock`` when its holder dies, however it dies, so a
crashed or killed ingest can never leave the index wedged: there is no stale
lock to detect. The holder's pid is written into the file only to name it
in the message a waiting process prints.

Searches hold a shared ``flock`` on a second file while they read
(:func:`reading`), so that a writer can tell when no search could still need
the files a commit superseded (:func:`no_readers`) and delete them at once
instead of after a grace period.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from .errors import IndexLockedError

LOCK_NAME = "write.lock"
#: Held shared by every search while it reads, and briefly exclusive by a writer deleting files.
READERS_NAME = "readers.lock"

#: Told once when a writer has to wait, with the holder ("pid 4242") and the timeout; the CLI sets
#: it (see :func:`on_wait`) so that a waiting command says so instead of seeming to hang.
_wait_notifier: Callable[[str, float], None] | None = None


def on_wait(notifier: Callable[[str, float], None] | None) -> None:
    """Set the function told when a writer starts waiting for the lock (None: tell nobody)."""
    global _wait_notifier
    _wait_notifier = notifier


class WriteLock:
    """Exclusive write access to an index directory, waited for up to ``timeout`` seconds."""

    def __init__(self, directory: Path, timeout: float, poll: float = 0.1) -> None:
        self.path = directory / LOCK_NAME
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, waiting up to the timeout; raise :class:`IndexLockedError` after it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and _wait_notifier is not None and self.timeout > 0:
                    _wait_notifier(self._holder(fd).strip(" ()") or "another process", self.timeout)
                    told = True
                if time.monotonic() >= deadline:
                    holder = self._holder(fd)
                    os.close(fd)
                    raise IndexLockedError(
                        f"the index at {self.path.parent} is being written by another "
                        f"casereviews process{holder}; waited {self.timeout:g} s",
                        remedy="lock-timeout",
                    ) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            pid = os.pread(fd, 32, 0).decode().strip()
        except OSError:
            return ""
        return f" (pid {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        """Give the lock back (closing the descriptor releases the flock)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> WriteLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _open_marker(directory: Path) -> int | None:
    try:
        return os.open(directory / READERS_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:  # a read-only index: no writer can run, so there is nothing to tell one
            return os.open(directory / READERS_NAME, os.O_RDONLY)
        except OSError:
            return None


@contextmanager
def reading(directory: Path) -> Iterator[None]:
    """Mark a search of the index at ``directory`` as in progress for the duration of the block.

    Waits only while a writer is deleting superseded files (milliseconds).
    """
    fd = _open_marker(directory)
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        if fd is not None:
            os.close(fd)


@contextmanager
def no_readers(directory: Path) -> Iterator[bool]:
    """Whether no search is reading the index now; while True, new searches wait for the block's end.

    Call with the write lock held.
    """
    fd = _open_marker(directory)
    if fd is None:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
        else:
            yield True
    finally:
        os.close(fd)
