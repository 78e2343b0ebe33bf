"""Reading pages that have no text layer (scans) with tesseract, cached by the file's hash.

The extractor renders a page to a grey-scale PNG (pdfium, at :data:`DPI`); the
``tesseract`` program reads it from stdin, one process per page, so a per-page
time limit is a plain subprocess timeout and a hung page never holds up the
rest. Results are cached per file hash, so ingesting the same bytes again
(extracted again, a copy at another path) never reads a page twice. Without
tesseract installed nothing is read and the pages stay flagged as unread.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Rendering resolution: tesseract's documentation asks for at least 300 dpi.
DPI = 300
#: The language data tesseract reads with (Debian's tesseract-ocr-eng).
LANGUAGE = "eng"
#: OCR modes: read unread pages when tesseract is there, always (or fail), never.
MODES = ("auto", "always", "never")
#: Seconds one page may take before it is left unread (measured: 2–4 s a page on one core here).
DEFAULT_PAGE_TIMEOUT = 120.0
#: What the cache records the text was read with; a change of engine or settings reads again.
_CACHE_KEY_VERSION = 1


def tesseract_path() -> str | None:
    """The tesseract program on PATH, or None."""
    return shutil.which("tesseract")


def available() -> bool:
    """Whether OCR can run here (tesseract on PATH with its English data)."""
    program = tesseract_path()
    if program is None:
        return False
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


@dataclass
class OcrOutcome:
    """Text read for pages (by 1-based number), and why others could not be read."""

    texts: dict[int, str] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)


def _cache_file(cache_dir: str, sha256: str) -> Path:
    return Path(cache_dir) / sha256[:2] / f"{sha256}.json"


def _cache_tag() -> str:
    return f"v{_CACHE_KEY_VERSION} tesseract {LANGUAGE} {DPI}dpi"


def load_cached(cache_dir: str | None, sha256: str) -> dict[int, str]:
    """Pages already read for the file with this hash (empty when none, or read otherwise)."""
    if not cache_dir:
        return {}
    try:
        data = json.loads(_cache_file(cache_dir, sha256).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("engine") != _cache_tag():
        return {}
    return {int(k): str(v) for k, v in data.get("pages", {}).items()}


def save_cached(cache_dir: str | None, sha256: str, pages: dict[int, str]) -> None:
    """Record pages read for this hash (merged with any recorded before; written atomically)."""
    if not cache_dir or not pages:
        return
    target = _cache_file(cache_dir, sha256)
    merged = {**load_cached(cache_dir, sha256), **pages}
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(
            json.dumps({"engine": _cache_tag(), "pages": {str(k): v for k, v in sorted(merged.items())}}),
            encoding="utf-8",
        )
        os.replace(partial, target)
    except OSError:
        pass  # a cache that cannot be written costs time later, never a result


def read_page_image(png: bytes, timeout: float) -> str:
    """The text tesseract reads from one PNG; raises ``subprocess.TimeoutExpired`` or ``OSError``."""
    program = tesseract_path()
    if program is None:
        raise FileNotFoundError("tesseract")
    # one thread per tesseract: the batch already runs one worker per core (OpenMP would oversubscribe)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        [program, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(DPI)],
        input=png,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OSError(message[-1] if message else f"tesseract exit code {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def read_pages(
    numbers: Sequence[int],
    render: Callable[[int], bytes],
    *,
    sha256: str,
    cache_dir: str | None,
    timeout: float,
    on_page: Callable[[int], None] | None = None,
) -> OcrOutcome:
    """OCR the pages ``numbers`` (1-based), each rendered to PNG by ``render``; cached by ``sha256``.

    ``on_page`` is called after each page actually read (not for cached ones),
    so a worker can show progress and its time limit can stretch. A page that
    times out or fails is named in ``failures`` with the reason.
    """
    outcome = OcrOutcome()
    cached = load_cached(cache_dir, sha256)
    fresh: dict[int, str] = {}
    for number in numbers:
        if number in cached:
            outcome.texts[number] = cached[number]
            continue
        try:
            png = render(number)
        except Exception as exc:  # a page pdfium cannot draw must not fail the report's other pages
            outcome.failures[number] = f"the page could not be drawn for OCR ({exc})"
            continue
        try:
            text = read_page_image(png, timeout)
        except subprocess.TimeoutExpired:
            outcome.failures[number] = f"OCR timed out after {timeout:g} s"
        except OSError as exc:
            outcome.failures[number] = f"OCR failed ({exc})"
        else:
            outcome.texts[number] = fresh[number] = text
        if on_page is not None:
            on_page(number)
    save_cached(cache_dir, sha256, fresh)
    return outcome
