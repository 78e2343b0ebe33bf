"""``ingest``: a batch with a progress line on a terminal, Ctrl-C handling and a summary."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

import click

import index
from index import IndexStore
from ingest import kinds
from search import text as people
from search.terminal import Environment, fit

from .common import (
    ExitStatus,
    as_json,
    failure_text,
    format_option,
    index_path,
    lock_timeout_option,
    terminal,
)

# ---------------------------------------------------------------- ingest


#: Set by the first Ctrl-C of an ingest; the batch stops after the file in hand.
ctrl_c = threading.Event()


@contextlib.contextmanager
def _first_ctrl_c_stops_after_the_file() -> Iterator[None]:
    """The first Ctrl-C asks the batch to stop after the current file; a second one stops at once."""

    def handler(signum: int, frame: object) -> None:
        if ctrl_c.is_set():
            raise KeyboardInterrupt
        ctrl_c.set()

    ctrl_c.clear()
    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread (an embedding program): keep its handling
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class ProgressBar:
    """A one-line progress display on a terminal's stderr: files, pages/s, ETA, the file.

    The line always fits the terminal (a line that wraps leaves debris when redrawn): the
    file name gives way first, then the bar.
    """

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.enabled = env.stderr_tty and not env.dumb
        self.shown = False

    def line(self, progress: index.Progress) -> str:
        """The progress line, at most ``width - 1`` characters (no style codes)."""
        rate = progress.pages / progress.elapsed if progress.elapsed > 0 else 0.0
        per_file = progress.elapsed / progress.done if progress.done else 0.0
        eta = per_file * (progress.total - progress.done)
        facts = (
            f" {progress.done}/{progress.total} files · {rate:.0f} pages/s · "
            + (f"OCR {progress.ocr_pages} pages · " if progress.ocr_pages else "")
            + f"ETA {int(eta) // 60}:{int(eta) % 60:02d}"
        )
        room = self.env.width - 1
        bar_width = max(0, min(24, room - len(facts) - 2 - 12))
        filled = int(bar_width * progress.done / progress.total) if progress.total else 0
        bar = f"[{'#' * filled}{'-' * (bar_width - filled)}]" if bar_width >= 5 else ""
        line = bar + facts
        name = os.path.basename(index.display_path(progress.path))
        if room - len(line) - 3 >= 8:
            line += " · " + fit(name, room - len(line) - 3)
        return fit(line, room)

    def __call__(self, progress: index.Progress) -> None:
        if not self.enabled or not progress.total:
            return
        click.echo("\r" + click.style(self.line(progress), fg="cyan") + "\x1b[K", err=True, nl=False)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes (default: number of CPUs).",
)
@click.option("--force", is_flag=True, help="Extract every file again, even unchanged ones.")
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option(
    "--timeout",
    type=click.FloatRange(1),
    default=120,
    show_default=True,
    help="Seconds allowed per file.",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(256),
    default=2048,
    show_default=True,
    help="MB of memory allowed per worker.",
)
@click.option(
    "--commit-every",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="Commit after this many documents, then after half as many again as are committed, "
    "30 s at most (an interrupted batch keeps what was committed).",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Pages with no text layer (scans): read them by OCR when tesseract is installed (auto), "
    "always (and read again pages an earlier ingest left unread), or never.",
)
@click.option(
    "--ocr-timeout",
    type=click.FloatRange(1),
    default=120,
    show_default=True,
    help="Seconds OCR may spend on one page before leaving it unread.",
)
@lock_timeout_option
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False),
    help="CSV or JSON of corrections (id or path, and any of title, lscb, published, child_ages, "
    "source_url, notes) applied over extraction; files it names are ingested too.",
)
@format_option(("text", "json"))
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    jobs: int | None,
    force: bool,
    password: str | None,
    timeout: float,
    memory_limit: int,
    commit_every: int,
    ocr: str,
    ocr_timeout: float,
    lock_timeout: float,
    manifest: str | None,
    fmt: str,
) -> None:
    """Add PDF and HTML reports (files or folders) to the index.

    Unchanged files are skipped; changed files replace their old version.
    A file that cannot be read is reported as 'PATH: reason' on stderr and the
    rest of the batch goes on; the exit status is then 1. Scanned pages are
    read by OCR when tesseract is installed; without it the report is still
    catalogued, flagged no_text_layer, and `ingest --ocr always` reads it later.

    \b
    Examples:
      casereviews ingest reports/ --jobs 2
      casereviews ingest new/ --manifest new/corrections.csv
      casereviews ingest reports/ --ocr always
    """
    if not paths and not manifest:
        raise click.UsageError("give PATH... to ingest, or --manifest FILE")
    corrections = index.read_manifest(manifest) if manifest else []
    options = index.IngestOptions(
        jobs=jobs or index.default_jobs(),
        force=force,
        password=password,
        limits=index.Limits(timeout=timeout, memory_mb=memory_limit),
        lock_timeout=lock_timeout,
        commit_every=commit_every,
        ocr=ocr,
        ocr_timeout=ocr_timeout,
        stop=ctrl_c.is_set,
    )
    bar = ProgressBar(terminal()) if fmt == "text" else None
    with IndexStore.open(index_path(ctx), create=True) as store, _first_ctrl_c_stops_after_the_file():
        try:
            report = index.ingest(store, paths, options, progress=bar, corrections=corrections)
        finally:
            if bar:
                bar.clear()
    for failure in report.failures:
        click.echo(f"{failure.path}: {failure_text(failure.reason)}", err=True)
    for warning in report.warnings:
        click.echo(f"{warning.path}: warning: {warning.reason}", err=True)
    if report.unread_pages:
        pages = people.plural(report.unread_pages, "page")
        where = people.plural(report.unread_reports, "report")
        how = (
            "they were OCR'd but could not be read (see the warnings above)"
            if report.ocr_available
            else "install tesseract (apt-get install tesseract-ocr tesseract-ocr-eng), then "
            "casereviews ingest --ocr always PATH... reads them"
            if ocr != "never"
            else "casereviews ingest --ocr always PATH... reads them"
        )
        click.echo(f"Warning: {pages} in {where} have no text layer and are not searchable; {how}.", err=True)
    seen = (report.added + report.replaced + report.updated + report.linked + report.unchanged
            + report.failed + report.skipped + report.excluded)  # fmt: skip
    if not seen and paths:
        found = f"no {kinds()} file found in {', '.join(paths)}"
        click.echo(f"Warning: {found}; nothing was added.", err=True)
    if fmt == "json":
        click.echo(as_json(report.to_dict()))
    else:
        click.echo(people.ingest_summary(report, index_path(ctx)))
        if report.excluded:
            click.echo("Files removed earlier were left out; casereviews remove --undo PATH readmits them.")
    sys.exit(ExitStatus.FAILED if report.failures else ExitStatus.SUCCESS)


#: This module's commands, as ``cli.py`` registers them.
COMMANDS = (ingest,)
