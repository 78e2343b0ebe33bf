"""A librarian's integrity check: is every indexed file still there, with the same bytes?

:func:`verify` re-hashes every catalogued path and sorts them into unchanged,
changed (other bytes at the path: the index holds an older version), missing,
and moved (missing, but the same bytes are in a folder that holds indexed files,
or in a folder the caller names). It changes nothing; :func:`relink` records
the moved files at their new paths.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ingest import file_sha256
from ingest.errors import UnreadableFileError

from .catalog import PathState
from .store import DEFAULT_LOCK_TIMEOUT, IndexStore, path_key


@dataclass(frozen=True)
class Checked:
    """One catalogued path and what was found there."""

    path: str
    doc_id: str
    status: str  # "ok", "changed", "missing", "moved", "unreadable"
    moved_to: str | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, object]:
        """The JSON form of one checked file."""
        return {
            "path": self.path,
            "id": self.doc_id,
            "status": self.status,
            "moved_to": path_key(self.moved_to) if self.moved_to else None,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class VerifyReport:
    """Every path checked; ``problems`` are those not ``ok``."""

    checked: tuple[Checked, ...]

    @property
    def problems(self) -> tuple[Checked, ...]:
        """The paths that are changed, missing, moved or unreadable."""
        return tuple(c for c in self.checked if c.status != "ok")

    def count(self, status: str) -> int:
        """How many paths have ``status``."""
        return sum(1 for c in self.checked if c.status == status)


def _candidates(folders: Iterable[str], sizes: set[int]) -> dict[int, list[str]]:
    """Files in ``folders`` (not below them) whose size is one of ``sizes``, by size."""
    found: dict[int, list[str]] = {}
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_file() and entry.stat().st_size in sizes:
                    found.setdefault(entry.stat().st_size, []).append(os.path.abspath(entry.path))
            except OSError:
                continue
    return found


def verify(
    store: IndexStore,
    search_in: Iterable[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> VerifyReport:
    """Re-hash every indexed file; look for missing ones in indexed folders and ``search_in``."""
    states = store.catalog.all_paths()
    shas = {d.id: d.sha256 for d in store.documents()}
    sizes: dict[str, int] = {s.doc_id: s.size for s in states}
    checked: list[Checked] = []
    missing: list[PathState] = []
    for number, state in enumerate(states, start=1):
        path = os.fsdecode(state.raw)
        if not os.path.lexists(path):
            missing.append(state)
        else:
            try:
                same = file_sha256(path) == shas.get(state.doc_id)  # type: ignore[arg-type]
            except UnreadableFileError as exc:
                checked.append(Checked(state.path, state.doc_id, "unreadable", detail=str(exc)))
            else:
                checked.append(Checked(state.path, state.doc_id, "ok" if same else "changed"))
        if progress:
            progress(number, len(states))
    if missing:
        known = {path_key(os.fsdecode(s.raw)) for s in states}
        folders = {os.path.dirname(os.fsdecode(s.raw)) for s in states} | {
            os.path.abspath(f) for f in search_in
        }
        by_size = _candidates(sorted(folders), {sizes[s.doc_id] for s in missing})
        for state in missing:
            moved = next(
                (
                    c
                    for c in by_size.get(sizes[state.doc_id], [])
                    if path_key(c) not in known and file_sha256(c) == shas.get(state.doc_id)  # type: ignore[arg-type]
                ),
                None,
            )
            status = "moved" if moved else "missing"
            checked.append(Checked(state.path, state.doc_id, status, moved_to=moved))
    return VerifyReport(tuple(sorted(checked, key=lambda c: c.path)))


def relink(store: IndexStore, moved: Iterable[Checked], lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> int:
    """Record moved files at their new paths (their corrections and exclusions stay with the document)."""
    count = 0
    with store.writer(lock_timeout) as writer:
        for item in moved:
            if item.status != "moved" or item.moved_to is None:
                continue
            info = os.stat(item.moved_to)
            key, raw = path_key(item.moved_to), os.fsencode(item.moved_to)
            writer.link(PathState(key, raw, item.doc_id, info.st_size, info.st_mtime_ns))
            writer.remove(item.path)
            count += 1
    return count
