"""The terminal facts text output depends on, in one object (as httpie's ``Environment``).

Width (``COLUMNS``, else the terminal's), colour (a terminal, unless ``NO_COLOR``
is set or ``TERM=dumb``), TTY-ness of stdout and stderr; tests pass a fake one.
Also the two helpers that make text fit: :func:`fit` and :func:`wrap`.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Environment:
    """The terminal facts output depends on, read once (tests pass a fake one)."""

    stdout_tty: bool = False
    stderr_tty: bool = False
    width: int = 80
    colour: bool = False  # styles on a terminal, unless NO_COLOR is set or TERM is dumb
    dumb: bool = False  # TERM=dumb: no cursor control, so no redrawn progress line

    @classmethod
    def from_os(cls, environ: Mapping[str, str] | None = None) -> Environment:
        """The facts of this process: TTYs, COLUMNS (or the terminal's width), NO_COLOR, TERM."""
        environ = os.environ if environ is None else environ
        stdout_tty, stderr_tty = sys.stdout.isatty(), sys.stderr.isatty()
        columns = environ.get("COLUMNS", "")
        width = int(columns) if columns.isdigit() and int(columns) > 0 else shutil.get_terminal_size().columns
        dumb = environ.get("TERM", "") == "dumb"
        colour = stdout_tty and not dumb and "NO_COLOR" not in environ
        return cls(stdout_tty, stderr_tty, max(20, width), colour, dumb)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with "…" where it was cut (in the middle, for names)."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    head = (width - 1) // 2
    return text[:head] + "…" + text[len(text) - (width - 1 - head) :]


def wrap(text: str, indent: int, width: int) -> str:
    """``text`` wrapped to ``width`` with every line indented (the first too)."""
    pad = " " * indent
    return textwrap.fill(
        text,
        width=max(width, indent + 20),
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )
