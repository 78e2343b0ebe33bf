"""Expanding the inputs of a batch into the files to ingest, and how a file that failed is named.

Inside folders, a file is taken when its suffix is a registered extractor's or its first bytes
sniff as a registered type; hidden entries are ignored and symlinked folders followed once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest import ExtractionError, registered, report_suffixes, sniff_file


@dataclass(frozen=True)
class Failure:
    """A file that could not be ingested, and why."""

    path: str
    reason: str


def display_path(path: str | Path) -> str:
    """A path as printable text, even if its name is not valid UTF-8."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def walk(inputs: Iterable[str | Path]) -> tuple[list[str], list[Failure], int]:
    """Expand files and directories into the files to ingest.

    Returns (files, failures, skipped). Inside directories, files that are not
    named like reports and do not sniff as a supported type are skipped;
    hidden files and directories are ignored; symlinked directories are
    followed once (loops are reported, not followed forever).
    """
    files: list[str] = []
    failures: list[Failure] = []
    skipped = 0
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen_files:
            seen_files.add(key)
            files.append(path)

    def visit_dir(directory: str) -> None:
        nonlocal skipped
        try:
            info = os.stat(directory)
        except OSError as exc:
            failures.append(Failure(display_path(directory), os_reason(exc)))
            return
        identity = (info.st_dev, info.st_ino)
        if identity in seen_dirs:
            failures.append(Failure(display_path(directory), "symlink loop (directory already visited)"))
            return
        seen_dirs.add(identity)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            failures.append(Failure(display_path(directory), os_reason(exc)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                failures.append(Failure(display_path(entry.path), os_reason(exc)))
                continue
            if is_dir:
                visit_dir(entry.path)
            elif is_file:
                if Path(entry.name).suffix.lower() in report_suffixes() or _sniffs(entry.path):
                    add(entry.path)
                else:
                    skipped += 1
            elif entry.is_symlink():
                failures.append(Failure(display_path(entry.path), _broken_link_reason(entry.path)))

    for item in inputs:
        text = os.fspath(item)
        if os.path.isdir(text):
            visit_dir(text)
        elif os.path.lexists(text) and not os.path.exists(text):
            failures.append(Failure(display_path(text), _broken_link_reason(text)))
        elif os.path.exists(text):
            add(text)
        else:
            failures.append(Failure(display_path(text), "no such file or directory"))
    return files, failures, skipped


def _broken_link_reason(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symlink loop"
    return "broken symlink (its target does not exist)"


def os_reason(exc: OSError) -> str:
    """Why the operating system refused a path, as a failure's reason."""
    return f"unreadable ({exc.strerror or exc})"


def _sniffs(path: str) -> bool:
    try:
        return sniff_file(Path(path)) in registered()
    except ExtractionError:
        return False
