"""casereviews: ingest child-protection case review reports and search them.

This module only translates: each command parses its options, calls one
library function and prints the result. Errors raised by the library are
turned into ``Error: …`` on stderr and an exit status in one place
(:class:`CaseReviewsGroup`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any, NoReturn

import click
import platformdirs

import index
import search
from index import IndexStore
from index.facets import FACETS
from ingest import CaseReviewsError, Document, kinds
from search import text as people
from search.terminal import Environment
from search.terminal import fit as _fit

INDEX_ENV = "CASEREVIEWS_INDEX"


class ExitStatus(IntEnum):
    """Exit codes (the brief's contract)."""

    SUCCESS = 0
    FAILED = 1  # some inputs failed (ingest), or a document was not found
    USAGE = 2  # bad options, or a query/filter that cannot be read
    INDEX = 3  # index missing, locked past the timeout, or built by another version
    INTERRUPTED = 130


_STATUS_BY_ERROR: tuple[tuple[type[Exception], ExitStatus], ...] = (
    (search.QueryError, ExitStatus.USAGE),
    (search.FilterError, ExitStatus.USAGE),
    (index.CorrectionError, ExitStatus.USAGE),
    (index.ManifestError, ExitStatus.USAGE),
    (index.IndexMissingError, ExitStatus.INDEX),
    (index.IndexLockedError, ExitStatus.INDEX),
    (index.IndexVersionError, ExitStatus.INDEX),
    (index.OcrUnavailableError, ExitStatus.USAGE),
    (index.DocumentNotFoundError, ExitStatus.FAILED),
    (index.PruneRefusedError, ExitStatus.FAILED),
    (index.IngestInterrupted, ExitStatus.INTERRUPTED),
)


#: What fixes a library error, in this face's words (the library names the remedy, never a command).
_REMEDIES = {
    "create-index": "Create one with: casereviews ingest PATH... (or point to an existing one with "
    "--index DIR or CASEREVIEWS_INDEX)",
    "other-index": "Choose another place with --index DIR",
    "finish-index": "Finish it with: casereviews ingest PATH...",
    "reindex": "Rebuild it from the stored text with: casereviews reindex (no report is read again). "
    "Fields added since (version 4: review type and nation; version 5: themes) stay unknown for reports "
    "read before, until casereviews ingest --force PATH... reads them again",
    "rebuild": "Rebuild it from the catalog with: casereviews reindex",
    "list-ids": "List ids with: casereviews list",
    "damaged-catalog": "Point --index at another folder, or move this one aside and ingest again",
    "lock-timeout": "Try again when it finishes, or wait longer with --lock-timeout SECONDS",
    "charts-extra": "Install them with: pip install 'casereviews[charts]'",
    "web-extra": "Install it with: pip install 'casereviews[web]'",
    "ocr": "Install it (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng; macOS: brew install "
    "tesseract), or leave scanned pages unread with --ocr auto",
}
#: Per-file failure reasons and the option that addresses them.
_FAILURE_HINTS = (
    ("encrypted: give its password", " with --password PW"),
    ("timed out after", " (give more time with --timeout SECONDS)"),
    ("too large", " (allow more with --memory-limit MB)"),
)


def _with_remedy(error: CaseReviewsError) -> str:
    hint = _REMEDIES.get(error.remedy or "")
    return f"{error}. {hint}" if hint else str(error)


def _failure_text(reason: str) -> str:
    return reason + next((hint for start, hint in _FAILURE_HINTS if reason.startswith(start)), "")


def _fail(message: str, status: ExitStatus) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(status)


def _index_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``casereviews search x --index DIR``: the option is also read after the command."""
    if value is not None:
        ctx.ensure_object(dict)
        ctx.obj["index"] = value


class QueryCommand(click.Command):
    """A command whose QUERY may start with a dash: ``casereviews search '-neglect'``.

    The documented ``-word`` exclusion would otherwise be read as unknown short
    options (``-n`` …); a lone argument that is not one of the command's options
    and looks like ``-word`` (or ``-"a phrase"``) is taken as the query.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Turn a leading-dash query into the QUERY argument before click parses options."""
        known = {name for param in self.params for name in (*param.opts, *param.secondary_opts)}
        valued = {
            name
            for param in self.params
            if isinstance(param, click.Option) and not param.is_flag and not param.count
            for name in param.opts
        }
        if "--" not in args:
            for position, arg in enumerate(args):
                head = arg.split("=", 1)[0]
                after_option = position > 0 and args[position - 1] in valued
                dashed = arg.startswith("-") and not arg.startswith("--") and len(arg) > 2
                if dashed and head not in known and not after_option:
                    rest = args[:position] + args[position + 1 :]
                    args = [*rest, "--", arg]
                    break
        return super().parse_args(ctx, args)


class CaseReviewsGroup(click.Group):
    """Translates library errors into one ``Error:`` line and a named exit status."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Register ``cmd``, giving it ``--index DIR`` too (accepted before or after the command)."""
        cmd.params.append(
            click.Option(
                ["--index"],
                metavar="DIR",
                type=click.Path(file_okay=False),
                expose_value=False,
                is_eager=True,
                callback=_index_after_command,
                help="Index directory (may also come before the command).",
            )
        )
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CaseReviewsError as exc:
            status = next((s for kind, s in _STATUS_BY_ERROR if isinstance(exc, kind)), ExitStatus.FAILED)
            _fail(_with_remedy(exc), status)
        except BrokenPipeError:
            # "casereviews list | head -1": the reader has what it wanted; that is not an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(ExitStatus.SUCCESS)
        except KeyboardInterrupt:
            click.echo("\nInterrupted: work committed before this moment is kept.", err=True)
            sys.exit(ExitStatus.INTERRUPTED)


# ---------------------------------------------------------------- the terminal


def _style() -> people.Style:
    """Emphasis for people's text: click's styles (stripped when colour is off), matches in yellow."""
    colour = _env().colour
    return people.Style(
        bold=lambda text: click.style(text, bold=True),
        dim=lambda text: click.style(text, dim=True),
        match=(lambda text: click.style(text, fg="yellow", bold=True)) if colour else None,
    )


def _env() -> Environment:
    ctx = click.get_current_context()
    env = (ctx.find_root().obj or {}).get("env")
    return env if isinstance(env, Environment) else Environment.from_os()


# ---------------------------------------------------------------- shared options


def default_index_dir() -> str:
    """Where the index lives without --index or $CASEREVIEWS_INDEX: the per-user data dir."""
    return platformdirs.user_data_dir("casereviews", appauthor=False)


def _index_dir(ctx: click.Context) -> str:
    return str(ctx.obj["index"])


def _open(ctx: click.Context) -> IndexStore:
    return IndexStore.open(_index_dir(ctx))


def format_option(
    choices: Sequence[str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format``: ``text`` and the registered formats that can write records (or ``choices``)."""
    choices = tuple(choices) if choices is not None else ("text", *search.renderers.formats("records"))
    audiences: dict[str, list[str]] = {}
    for name in choices:
        renderer = search.renderers.RENDERERS.get(name)
        audiences.setdefault(renderer.audience if renderer else "people", []).append(name)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help="; ".join(f"{', '.join(names)} for {who}" for who, names in audiences.items())
        + (" (data only on stdout)." if "scripts" in audiences else "."),
    )


lock_timeout_option = click.option(
    "--lock-timeout",
    type=click.FloatRange(0),
    default=index.DEFAULT_LOCK_TIMEOUT,
    show_default=True,
    help="Seconds to wait for another writer to finish before giving up (exit 3).",
)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The filters shared by search, list, facets…: one option per registered facet, then the ranges."""
    options = [
        click.option(entry.option, entry.dest, multiple=True, metavar=entry.metavar, help=entry.help)
        for entry in FACETS.values()
    ]
    options += [
        click.option("--min-age", type=float, metavar="YEARS", help="Some child aged at least YEARS."),
        click.option("--max-age", type=float, metavar="YEARS", help="Some child aged at most YEARS."),
        click.option(
            "--published-from",
            metavar="DATE",
            help="Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
        click.option("--published-to", metavar="DATE", help="Published on or before DATE."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_RANGES = ("min_age", "max_age", "published_from", "published_to")


def _filters(kwargs: dict[str, Any]) -> search.Filters:
    """Take the filter options out of a command's keyword arguments."""
    facets = {entry.dest: kwargs.pop(entry.dest, ()) for entry in FACETS.values()}
    ranges = {name: kwargs.pop(name, None) for name in _RANGES}
    return search.Filters.build(**ranges, **facets)


def _note_unmatched_boards(store: IndexStore, criteria: search.Filters) -> None:
    """Say why a board filter gave nothing: no board in the index matches it."""
    for needle in search.unmatched_boards(store, criteria.lscb):
        click.echo(
            f"Note: no board in the index matches --lscb {needle!r}; see them with: casereviews facets",
            err=True,
        )


# ---------------------------------------------------------------- rendering helpers


def _json(data: object) -> str:
    return search.renderers.to_json(data).rstrip("\n")


# ---------------------------------------------------------------- the group


@click.group(cls=CaseReviewsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help=f"Index directory (default: ${INDEX_ENV}, else {default_index_dir()}).",
)
@click.version_option(package_name="casereviews")
@click.pass_context
def main(ctx: click.Context, index_dir: str | None) -> None:
    """Ingest child-protection case review reports (PDF, HTML) and search them.

    \b
    Quick start:
      casereviews ingest reports/
      casereviews search '"disguised compliance"' --age-band under-1
      casereviews list --lscb bexley --format csv
    """
    ctx.ensure_object(dict)
    ctx.obj["index"] = index_dir or os.environ.get(INDEX_ENV) or default_index_dir()
    env = ctx.obj.setdefault("env", Environment.from_os())
    ctx.color = env.colour  # click strips every style when False (NO_COLOR, TERM=dumb, a pipe)
    index.on_lock_wait(_say_waiting)


def _say_waiting(holder: str, timeout: float) -> None:
    click.echo(
        f"Waiting for the write lock held by {holder} (up to {timeout:g} s; --lock-timeout)…", err=True
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


class _ProgressBar:
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
            line += " · " + _fit(name, room - len(line) - 3)
        return _fit(line, room)

    def __call__(self, progress: index.Progress) -> None:
        if not self.enabled or not progress.total:
            return
        click.echo("\r" + click.style(self.line(progress), fg="cyan") + "\x1b[K", err=True, nl=False)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", err=True, nl=False)


@main.command()
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
    help="Commit after this many documents (an interrupted batch keeps what was committed).",
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
    bar = _ProgressBar(_env()) if fmt == "text" else None
    with IndexStore.open(_index_dir(ctx), create=True) as store, _first_ctrl_c_stops_after_the_file():
        try:
            report = index.ingest(store, paths, options, progress=bar, corrections=corrections)
        finally:
            if bar:
                bar.clear()
    for failure in report.failures:
        click.echo(f"{failure.path}: {_failure_text(failure.reason)}", err=True)
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
        click.echo(_json(report.to_dict()))
    else:
        click.echo(people.ingest_summary(report, _index_dir(ctx)))
        if report.excluded:
            click.echo("Files removed earlier were left out; casereviews remove --undo PATH readmits them.")
    sys.exit(ExitStatus.FAILED if report.failures else ExitStatus.SUCCESS)


# ---------------------------------------------------------------- search


class _Limit(click.ParamType):
    """A number of hits, or ``all`` (None): scripts exporting a search want every hit."""

    name = "N|all"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None or (isinstance(value, str) and value.strip().lower() == "all"):
            return None
        try:
            number = int(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a number of hits or 'all'", param, ctx)
        if number < 0:
            self.fail(f"{number} is negative; give a number of hits or 'all'", param, ctx)
        return number


LIMIT = _Limit()


@main.command("search", cls=QueryCommand)
@click.argument("query")
@filter_options
@click.option(
    "--limit",
    type=LIMIT,
    default="10",
    show_default=True,
    help="Hits to show, or 'all' (for exports: every hit).",
)
@click.option(
    "--offset",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Hits to skip (for paging).",
)
@click.option(
    "--sort",
    type=click.Choice(search.SORTS),
    default="relevance",
    show_default=True,
    help="Order of hits.",
)
@click.option(
    "--snippets",
    type=click.IntRange(0, 50),
    default=search.DEFAULT_SNIPPETS,
    show_default=True,
    help="Passages shown per hit.",
)
@format_option()
@click.pass_context
def search_command(
    ctx: click.Context,
    query: str,
    limit: int | None,
    offset: int,
    sort: str,
    snippets: int,
    fmt: str,
    **filters: Any,
) -> None:
    """Search the reports' text; QUERY may use "phrases", AND/OR/NOT, prefix*, word~, title:, lscb:.

    \b
    Examples:
      casereviews search '"disguised compliance"'
      casereviews search 'neglect AND (housing OR "home conditions")' --age-band under-1
      casereviews search '"unseen male"~3' --published-from 2015 --format json
      casereviews search neglect --limit all --format csv > neglect.csv
    Bare words match any inflection (abused finds abuse); quoted words match exactly.
    """
    criteria = _filters(filters)
    with _open(ctx) as store:
        result = search.search(
            store, query, criteria, limit=limit, offset=offset, sort=sort, snippets=snippets
        )
        if not result.total:
            _note_unmatched_boards(store, criteria)
    if fmt == "json":
        click.echo(_json(result.to_dict()))  # the whole result: hits, total, facets
    elif not _print_records(fmt, result.hits, "hits"):
        last = result.offset + len(result.hits)
        more = f"More: add --offset {last} (or --limit all)."
        click.echo(people.search_results(result, limit, _env().width, _style(), more))
    if result.suggestion and fmt != "text":
        click.echo(f"Did you mean: {result.suggestion}", err=True)
    written = result.offset + len(result.hits)
    if fmt not in ("text", "json") and written < result.total:  # json carries total and offset itself
        click.echo(
            f"Note: wrote hits {result.offset + 1}–{written} of {result.total}; "
            "--limit all writes every hit.",
            err=True,
        )


def _print_records(fmt: str, items: Sequence[Document | search.Hit], kind: str) -> bool:
    """Print hits or documents in a registered machine format; False for ``text``."""
    if fmt == "text":
        return False
    click.echo(search.renderers.render_records(fmt, items, kind), nl=False)
    return True


# ---------------------------------------------------------------- list


@main.command("list")
@filter_options
@click.option(
    "--sort",
    type=click.Choice(search.LIST_SORTS),
    default="-published",
    show_default=True,
    help="Order of documents.",
)
@format_option()
@click.pass_context
def list_command(ctx: click.Context, sort: str, fmt: str, **filters: Any) -> None:
    """List every review matching the filters (no query needed).

    \b
    Examples:
      casereviews list --age-band under-1 --format json
      casereviews list --min-age 14 --lscb sussex --format csv
    """
    criteria = _filters(filters)
    with _open(ctx) as store:
        documents = search.list_documents(store, criteria, sort=sort)
        if not documents:
            _note_unmatched_boards(store, criteria)
    if not _print_records(fmt, documents, "documents"):
        if not documents:
            click.echo("No documents match.")
        for document in documents:
            click.echo(f"{document.id}  {click.style(document.title or '(untitled)', bold=True)}")
            click.echo(f"              {people.summary_line(document)}")
        if documents:
            click.echo(f"\n{len(documents)} document{'s' if len(documents) != 1 else ''}.")


# ---------------------------------------------------------------- review queue


@main.command("review")
@filter_options
@format_option(("text", "csv", "json"))
@click.pass_context
def review_command(ctx: click.Context, fmt: str, **filters: Any) -> None:
    """List reviews whose metadata needs a librarian: unknown or weakly supported fields.

    Each row names the fields to check, why, and the candidates found with
    their pages. The CSV is a manifest: fill in the blank columns in a
    spreadsheet (leave a cell blank to change nothing) and load it back.

    \b
    Examples:
      casereviews review --nation wales
      casereviews review --format csv > to-check.csv
      casereviews ingest --manifest to-check.csv
    """
    criteria = _filters(filters)
    with _open(ctx) as store:
        items = search.review_queue(store, criteria)
    if fmt == "json":
        click.echo(_json([item.to_dict() for item in items]))
        return
    if fmt == "csv":
        click.echo(
            search.renderers.to_csv((item.manifest_row() for item in items), search.SHEET_COLUMNS), nl=False
        )
        return
    if not items:
        click.echo("Nothing to check: every field is known and well supported.")
    for item in items:
        click.echo(f"{item.document.id}  {click.style(item.document.title or '(untitled)', bold=True)}")
        for concern in item.concerns:
            click.echo(f"              {concern.describe()}")
    if items:
        noun = "document" if len(items) == 1 else "documents"
        click.echo(f"\n{len(items)} {noun} to check. Fill in: casereviews review --format csv > sheet.csv; "
                   "then casereviews ingest --manifest sheet.csv")  # fmt: skip


# ---------------------------------------------------------------- research


def _age_cuts(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        return tuple(float(v) for v in value.split(",") if v.strip())
    except ValueError:
        raise click.BadParameter(
            f"give ages in years separated by commas, e.g. 1,14 (not {value!r})"
        ) from None


@main.command(cls=QueryCommand)
@click.argument("query", required=False)
@filter_options
@click.option(
    "--by",
    "by",
    multiple=True,
    required=True,
    metavar="FACET",
    help="age-band, year, board, review-type, nation, theme, or age (with --age-cuts); once or twice.",
)
@click.option(
    "--age-cuts",
    callback=_age_cuts,
    metavar="A,B,…",
    help="Group exact ages at these cut points: 1,14 gives under 1, 1-13, 14 and over.",
)
@click.option(
    "--chart",
    type=click.Path(dir_okay=False),
    metavar="FILE.png|FILE.svg",
    help="Also draw a bar chart (needs the charts extra: pip install 'casereviews[charts]').",
)
@click.option("--stacked", is_flag=True, help="Stack the chart's bars instead of grouping them.")
@format_option(("text", "csv", "json"))
@click.pass_context
def stats(ctx: click.Context, query: str | None, by: tuple[str, ...], age_cuts: tuple[float, ...] | None,
          chart: str | None, stacked: bool, fmt: str, **filters: Any) -> None:  # fmt: skip
    """Count reviews by one or two facets, with row and column percentages (optionally for a QUERY).

    \b
    Examples:
      casereviews stats --by age-band --by year
      casereviews stats --by age --age-cuts 1,14 --by year --chart ages.png
      casereviews stats neglect --by theme --by nation --format csv
    """
    criteria = _filters(filters)
    with _open(ctx) as store:
        table = search.research.cross_tab(store, by, query, criteria, age_cuts)
    if chart:
        search.charts.draw(table, chart, stacked=stacked)
        click.echo(f"Chart written to {chart}", err=True)
    if fmt == "json":
        click.echo(_json(table.to_dict()))
    elif fmt == "csv":
        cells = table.csv_rows()
        columns = list(cells[0]) if cells else ["reviews"]
        click.echo(search.renderers.to_csv(cells, columns), nl=False)
    else:
        click.echo(people.stats_table(table, _env().width, _style()))


@main.command(cls=QueryCommand)
@click.argument("query")
@filter_options
@click.option(
    "--context",
    type=click.IntRange(0, 100),
    default=8,
    show_default=True,
    help="Words of context on each side of a match.",
)
@format_option(("text", "csv", "jsonl"))
@click.pass_context
def matches(ctx: click.Context, query: str, context: int, fmt: str, **filters: Any) -> None:
    """List every occurrence of QUERY, one row each, with its page and context (a concordance).

    For qualitative coding: the csv imports into NVivo or a spreadsheet. Words,
    phrases and proximity queries alike; rows are streamed as they are found.

    \b
    Examples:
      casereviews matches '"disguised compliance"' --format csv > dc.csv
      casereviews matches '"unseen male"~3' --context 15 --age-band under-1
    """
    criteria = _filters(filters)
    env = _env()

    def progress(done: int, total: int) -> None:
        if env.stderr_tty and not env.dumb and total > 20:
            click.echo(f"\r{done}/{total} reviews\x1b[K", err=True, nl=False)

    rows = 0
    with _open(ctx) as store:
        occurrences = search.research.concordance(store, query, criteria, context, progress)
        if fmt == "csv":
            click.echo(search.renderers.to_csv([], search.research.CONCORDANCE_COLUMNS), nl=False)
        for occurrence in occurrences:
            rows += 1
            row = occurrence.to_dict()
            if fmt == "csv":
                lines = search.renderers.to_csv([row], search.research.CONCORDANCE_COLUMNS).split("\n", 1)[1]
                click.echo(lines, nl=False)
            elif fmt == "jsonl":
                click.echo(search.renderers.to_jsonl(row), nl=False)
            else:
                where = f"p.{occurrence.page}" if occurrence.page else "html"
                head = f"{occurrence.document.id} {where}: "
                click.echo(head + f"…{occurrence.before} " + click.style(occurrence.match, bold=True)
                           + f" {occurrence.after}…")  # fmt: skip
    if env.stderr_tty and not env.dumb:
        click.echo("\r\x1b[K", err=True, nl=False)
    if fmt == "text":
        click.echo(f"\n{people.plural(rows, 'occurrence')}.")


def _page_range(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", value)
    if not match or int(match.group(1)) > int(match.group(2)):
        raise click.BadParameter(f"give pages as A-B, e.g. 3-5 (not {value!r})")
    return int(match.group(1)), int(match.group(2))


@main.command()
@click.argument("ref", metavar="ID|PATH")
@click.option("--page", type=click.IntRange(1), help="One page (1-based, as cited).")
@click.option("--pages", callback=_page_range, metavar="A-B", help="A range of pages.")
@click.pass_context
def text(ctx: click.Context, ref: str, page: int | None, pages: tuple[int, int] | None) -> None:
    """Print a review's stored text, all of it or at the cited page (nothing is extracted again)."""
    first, last = pages if pages else (page, page)
    with _open(ctx) as store:
        document, found = search.research.page_text(store, ref, first, last)
    for number, body in found:
        if document.pages is not None and len(found) > 1:
            click.echo(click.style(f"--- page {number} ---", dim=True))
        click.echo(body)


@main.command("open")
@click.argument("ref", metavar="ID|PATH")
@click.option("--page", type=click.IntRange(1), help="Open at this page (PDF viewers that honour #page=N).")
@click.option("--print-url", is_flag=True, help="Only print the file:// address.")
@click.pass_context
def open_command(ctx: click.Context, ref: str, page: int | None, print_url: bool) -> None:
    """Open a review's file in the system viewer, at a page; or print its file:// address."""
    with _open(ctx) as store:
        document = store.resolve(ref)
    if not document.paths:
        _fail(f"{document.id} has no file on disk", ExitStatus.FAILED)
    address = Path(document.paths[0]).resolve().as_uri() + (f"#page={page}" if page else "")
    opener = shutil.which("xdg-open") or shutil.which("open")
    if print_url or opener is None or not _env().stdout_tty:
        click.echo(address)
        return
    subprocess.run([opener, address], check=False)  # the viewer's own errors are its to show
    click.echo(f"Opened {address}", err=True)


# ---------------------------------------------------------------- show


@main.command()
@click.argument("ref", metavar="ID|PATH")
@format_option(("text", "json"))
@click.pass_context
def show(ctx: click.Context, ref: str, fmt: str) -> None:
    """Show one document's metadata, with where each value came from."""
    with _open(ctx) as store:
        document = store.resolve(ref)
    if fmt == "json":
        click.echo(_json(document.to_dict()))
        return
    click.echo(people.document_card(document, _env().width, _style()))


# ---------------------------------------------------------------- facets


@main.command(cls=QueryCommand)
@click.argument("query", required=False)
@filter_options
@format_option(("text", *search.renderers.formats("facets")))
@click.pass_context
def facets(ctx: click.Context, query: str | None, fmt: str, **filters: Any) -> None:
    """Count reviews per age band, year, board, review type and nation (optionally for a QUERY)."""
    criteria = _filters(filters)
    with _open(ctx) as store:
        counts = search.facet_counts(store, query, criteria)
    if fmt != "text":
        click.echo(search.renderers.render_facets(fmt, counts.to_dict()), nl=False)
        return
    for title, values in ((entry.label, counts[name]) for name, entry in FACETS.items()):
        click.echo(click.style(title, bold=True))
        if not values:
            click.echo("  (none)")
        width = max((len(k) for k in values), default=0)
        for key, count in values.items():
            click.echo(f"  {key:<{width}}  {count:>5}")


# ---------------------------------------------------------------- remove


@main.command()
@click.argument("refs", nargs=-1, required=True, metavar="ID|PATH|DIR...")
@click.option(
    "--undo",
    is_flag=True,
    help="Readmit removed PATHs (or every removed file under DIR): the next ingest reads them again.",
)
@lock_timeout_option
@click.pass_context
def remove(ctx: click.Context, refs: tuple[str, ...], undo: bool, lock_timeout: float) -> None:
    """Remove documents by id, one path of a document by path, or every file under a folder.

    A document whose last path is removed leaves the index. Removed files stay
    out: ingesting their folder again skips them, until `remove --undo` readmits
    them. Exit status 1 if some ID|PATH|DIR matched nothing (the others are
    still removed).

    \b
    Examples:
      casereviews remove 3f2a9c0d1e4b
      casereviews remove reports/old-drafts/
      casereviews remove --undo reports/old-drafts/
    """
    missing = []
    with _open(ctx) as store, store.writer(lock_timeout) as writer:
        for ref in refs:
            try:
                if undo:
                    readmitted = writer.readmit(ref)
                    if not readmitted:
                        raise index.DocumentNotFoundError(f"no removed file at {ref}")
                    click.echo(
                        f"Readmitted {people.plural(len(readmitted), 'file')}; ingest reads them again."
                    )
                elif os.path.isdir(ref):
                    removed = writer.remove_folder(ref, exclude=True)
                    click.echo(f"Removed {people.plural(len(removed), 'file')} under {ref}")
                else:
                    document = writer.remove(ref, exclude=True)
                    click.echo(f"Removed {ref} ({document.id}: {document.title or '(untitled)'})")
            except index.DocumentNotFoundError as exc:
                missing.append(f"Error: {_with_remedy(exc)}")
    for line in missing:
        click.echo(line, err=True)
    sys.exit(ExitStatus.FAILED if missing else ExitStatus.SUCCESS)


# ---------------------------------------------------------------- similar


@main.command()
@click.argument("ref", metavar="ID|PATH")
@filter_options
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="Reviews to show.")
@format_option()
@click.pass_context
def similar(ctx: click.Context, ref: str, limit: int, fmt: str, **filters: Any) -> None:
    """List the reviews most similar to one, by the words that characterise it."""
    criteria = _filters(filters)
    with _open(ctx) as store:
        hits = search.similar(store, ref, limit=limit, filters=criteria)
    if not _print_records(fmt, hits, "hits"):
        if not hits:
            click.echo("No similar reviews.")
        for number, hit in enumerate(hits, start=1):
            click.echo(f"{number:>3}. {click.style(hit.document.title or '(untitled)', bold=True)}  "
                       f"[{hit.document.id}]  score {hit.score:g}")  # fmt: skip
            click.echo(f"     {people.summary_line(hit.document)}")


# ---------------------------------------------------------------- set


@main.command("set")
@click.argument("ref", metavar="ID|PATH")
@click.option("--title", help="The report's title.")
@click.option("--lscb", help="The publishing board or partnership ('unknown' to clear).")
@click.option("--published", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD ('unknown' to clear).")
@click.option("--child-ages", help="Ages in years separated by ';' (0.42;3), or '5 months'; '' for none.")
@click.option("--review-type", help=f"One of {', '.join(search.REVIEW_TYPE_CHOICES)}.")
@click.option("--nation", help=f"One of {', '.join(search.NATION_CHOICES)}.")
@click.option("--themes", help="Theme slugs separated by ';' (neglect;domestic-abuse), or 'none'.")
@click.option("--source-url", help="Where the report was published.")
@click.option("--notes", help="A librarian's note on the record.")
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=click.Choice(index.CORRECTABLE),
    help="Drop an earlier correction, going back to the extracted value (repeatable).",
)
@lock_timeout_option
@format_option(("text", "json"))
@click.pass_context
def set_command(
    ctx: click.Context, ref: str, clear: tuple[str, ...], lock_timeout: float, fmt: str, **values: Any
) -> None:
    """Correct one document's metadata by hand; the values survive re-ingest.

    \b
    Example:
      casereviews set 3f2a9c0d1e4b --lscb "Bexley Safeguarding Children Board" --published 2013-07
    """
    given = {k: v for k, v in values.items() if v is not None}
    if "child_ages" in given and not given["child_ages"].strip():
        given["child_ages"] = "unknown"
    if not given and not clear:
        raise click.UsageError(
            "give at least one of --title, --lscb, --published, --child-ages, --review-type, --nation, "
            "--themes, --source-url, --notes, --clear"
        )
    fields = index.validate(given)
    with _open(ctx) as store, store.writer(lock_timeout) as writer:
        document = writer.correct(writer.resolve(ref).id, fields, clear=clear)
    if fmt == "json":
        click.echo(_json(document.to_dict()))
    else:
        click.echo(f"Updated {document.id}: {people.summary_line(document)}")


# ---------------------------------------------------------------- maintenance


@main.command()
@lock_timeout_option
@click.pass_context
def reindex(ctx: click.Context, lock_timeout: float) -> None:
    """Rebuild the search index from the stored text and corrections (no report is read again).

    Run it when casereviews says the index was built by another version.
    """
    with IndexStore.open(_index_dir(ctx), check_version=False) as store:
        count = store.reindex(lock_timeout)
    click.echo(f"Rebuilt the search index: {count} documents.")


@main.command()
@lock_timeout_option
@format_option(("text", "json"))
@click.option("--dry-run", is_flag=True, help="List what would be pruned; change nothing.")
@click.option("--yes", is_flag=True, help="Prune even when more than half of the index would go.")
@click.pass_context
def prune(ctx: click.Context, lock_timeout: float, fmt: str, dry_run: bool, yes: bool) -> None:
    """Forget files that no longer exist; a document with no file left leaves the index.

    \b
    Examples:
      casereviews prune --dry-run        # what would go, changing nothing
      casereviews prune --yes            # even when most of the index would go
    """
    with _open(ctx) as store:
        try:
            pruned = index.prune(store, lock_timeout, dry_run=dry_run, allow_most=yes)
        except index.PruneRefusedError as exc:
            _fail(
                f"{exc}. See which with --dry-run; if they are really gone, run again with --yes",
                ExitStatus.FAILED,
            )
    if fmt == "json":
        click.echo(_json([item.to_dict() for item in pruned]))
        return
    for item in pruned:
        what = "removed" if item.document_removed else "path dropped"
        if dry_run:
            what = "would be " + what
        click.echo(f"{item.path}: {what} ({item.doc_id}: {item.title or '(untitled)'})")
    count = f"{len(pruned)} missing file{'s' if len(pruned) != 1 else ''}"
    click.echo(f"Would prune {count} (nothing changed)." if dry_run else f"Pruned {count}.")


@main.command()
@click.option(
    "--search-in",
    "search_in",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    metavar="DIR",
    help="Also look in DIR for missing files (folders holding indexed files are always looked in).",
)
@click.option(
    "--fix-moved", is_flag=True, help="Record moved files at their new paths (the only change made)."
)
@lock_timeout_option
@format_option(("text", "json"))
@click.pass_context
def verify(
    ctx: click.Context, search_in: tuple[str, ...], fix_moved: bool, lock_timeout: float, fmt: str
) -> None:
    """Check every indexed file: re-hash it and report changed, missing and moved ones.

    Nothing in the index changes unless --fix-moved is given. Exit status 1 if
    any file is changed, missing, moved or unreadable.

    \b
    Examples:
      casereviews verify
      casereviews verify --search-in /mnt/archive/reviews --fix-moved
    """
    with _open(ctx) as store:
        report = index.verify(store, search_in)
        fixed = index.relink(store, report.problems, lock_timeout) if fix_moved else 0
    if fmt == "json":
        click.echo(_json([c.to_dict() for c in report.problems]))
    else:
        hints = {
            "changed": "other bytes now: casereviews ingest PATH reads the new version",
            "missing": "gone: casereviews prune forgets it",
            "unreadable": "cannot be read",
        }
        for item in report.problems:
            if item.status == "moved":
                done = "recorded there" if fix_moved else "--fix-moved records it there"
                click.echo(f"{item.path}: moved to {item.to_dict()['moved_to']} ({done})")
            else:
                click.echo(f"{item.path}: {item.status} ({item.detail or hints[item.status]})")
        counts = ", ".join(
            f"{report.count(s)} {s}" for s in ("changed", "missing", "moved", "unreadable") if report.count(s)
        )
        checked = people.plural(len(report.checked), "file")
        click.echo(f"Checked {checked}: " + (counts if counts else "all unchanged") + ".")
        if fixed:
            moved = people.plural(fixed, "moved file")
            click.echo(f"Recorded {moved} at {'its' if fixed == 1 else 'their'} new path.")
    remaining = [p for p in report.problems if not (fix_moved and p.status == "moved")]
    sys.exit(ExitStatus.FAILED if remaining else ExitStatus.SUCCESS)


# ---------------------------------------------------------------- serve


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets other machines read the index.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, open_browser: bool) -> None:
    """Serve a local, read-only web page: search box, facets, snippets with page links, statistics.

    For people who do not use a terminal: the page has the same query language,
    filters and exports (CSV, RIS, BibTeX) as the commands, and every page's
    address holds its state, so it can be bookmarked. Nothing is written to the
    index. Needs the web extra: pip install 'casereviews[web]'.

    \b
    Examples:
      casereviews serve --open
      casereviews serve --port 8080 --index /srv/reviews-index
    """
    try:
        import web
    except ImportError:
        _fail(f"the web page needs Flask. {_REMEDIES['web-extra']}", ExitStatus.USAGE)
    try:
        server = web.serve(_index_dir(ctx), host, port)
    except OSError as exc:
        _fail(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port", ExitStatus.USAGE
        )
    if not web.is_loopback(host):
        click.echo(
            f"Warning: listening on {host}: anyone who can reach this machine can read the index "
            "and open its reports.",
            err=True,
        )
    click.echo(f"Serving {_index_dir(ctx)} at {server.url} (Ctrl-C stops)")
    if open_browser:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()  # returns on Ctrl-C
    finally:
        server.shutdown()
    click.echo("Stopped.", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
