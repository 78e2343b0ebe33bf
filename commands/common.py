"""What every command shares: exit codes, remedies in the CLI's words, options, terminal facts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, NoReturn

import click
import platformdirs

import index
import search
from index import IndexStore
from index.facets import FACETS
from ingest import CaseReviewsError, Document
from search import text as people
from search.terminal import Environment

INDEX_ENV = "CASEREVIEWS_INDEX"


class ExitStatus(IntEnum):
    """Exit codes (the brief's contract)."""

    SUCCESS = 0
    FAILED = 1  # some inputs failed (ingest), or a document was not found
    USAGE = 2  # bad options, or a query/filter that cannot be read
    INDEX = 3  # index missing, locked past the timeout, or built by another version
    INTERRUPTED = 130


def _from_text() -> str:
    """The facets ``reindex`` reads from the stored text, for the reindex remedy ("sections")."""
    return " and ".join(f"{entry.label.lower()}s" for entry in FACETS.values() if entry.from_text)


def _added_facets() -> str:
    """The facets added by later schema versions that ``reindex`` cannot read from the stored text,
    for the reindex remedy (from the registry)."""
    by_version: dict[int, list[str]] = {}
    for entry in FACETS.values():
        if entry.since > 1 and not entry.from_text:
            by_version.setdefault(entry.since, []).append(entry.label.lower())
    return "; ".join(
        f"version {version}: {' and '.join(labels)}" for version, labels in sorted(by_version.items())
    )


#: What fixes a library error, in this face's words (the library names the remedy, never a command).
REMEDIES = {
    "create-index": "Create one with: casereviews ingest PATH... (or point to an existing one with "
    "--index DIR or CASEREVIEWS_INDEX)",
    "other-index": "Choose another place with --index DIR",
    "finish-index": "Finish it with: casereviews ingest PATH...",
    "reindex": "Rebuild it from the stored text with: casereviews reindex (no report is read again; "
    f"reports read before get their {_from_text()} from that text). "
    f"Fields added since ({_added_facets()}) stay unknown for reports read before, until "
    "casereviews ingest --force PATH... reads them again",
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
FAILURE_HINTS = (
    ("encrypted: give its password", " with --password PW"),
    ("timed out after", " (give more time with --timeout SECONDS)"),
    ("too large", " (allow more with --memory-limit MB)"),
)


def with_remedy(error: CaseReviewsError) -> str:
    """The error in the CLI's words: a filter named by its option, and what fixes it."""
    text = str(error)
    if isinstance(error, search.FilterError) and error.subject:
        text = f"{_option_of(error.subject)}: {error.detail}"
    hint = REMEDIES.get(error.remedy or "")
    return f"{text}. {hint}" if hint else text


def _option_of(subject: str) -> str:
    """The option of a filter named as data: a facet's own option, else ``--min-age`` for min_age."""
    return FACETS[subject].option if subject in FACETS else "--" + subject.replace("_", "-")


def failure_text(reason: str) -> str:
    return reason + next((hint for start, hint in FAILURE_HINTS if reason.startswith(start)), "")


def fail(message: str, status: ExitStatus) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(status)


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


# ---------------------------------------------------------------- the terminal


def style() -> people.Style:
    """Emphasis for people's text: click's styles (stripped when colour is off), matches in yellow."""
    colour = terminal().colour
    return people.Style(
        bold=lambda text: click.style(text, bold=True),
        dim=lambda text: click.style(text, dim=True),
        match=(lambda text: click.style(text, fg="yellow", bold=True)) if colour else None,
    )


def terminal() -> Environment:
    ctx = click.get_current_context()
    env = (ctx.find_root().obj or {}).get("env")
    return env if isinstance(env, Environment) else Environment.from_os()


# ---------------------------------------------------------------- shared options


def default_index_dir() -> str:
    """Where the index lives without --index or $CASEREVIEWS_INDEX: the per-user data dir."""
    return platformdirs.user_data_dir("casereviews", appauthor=False)


def index_path(ctx: click.Context) -> str:
    return str(ctx.obj["index"])


def open_store(ctx: click.Context) -> IndexStore:
    return IndexStore.open(index_path(ctx))


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


def filters_from(kwargs: dict[str, Any]) -> search.Filters:
    """Take the filter options out of a command's keyword arguments."""
    facets = {entry.dest: kwargs.pop(entry.dest, ()) for entry in FACETS.values()}
    ranges = {name: kwargs.pop(name, None) for name in _RANGES}
    return search.Filters.build(**ranges, **facets)


def note_unmatched_boards(store: IndexStore, criteria: search.Filters) -> None:
    """Say why a board filter gave nothing: no board in the index matches it."""
    for needle in search.unmatched_boards(store, criteria.lscb):
        click.echo(
            f"Note: no board in the index matches --lscb {needle!r}; see them with: casereviews facets",
            err=True,
        )


# ---------------------------------------------------------------- rendering helpers


def as_json(data: object) -> str:
    return search.renderers.to_json(data).rstrip("\n")


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


def print_records(fmt: str, items: Sequence[Document | search.Hit], kind: str) -> bool:
    """Print hits or documents in a registered machine format; False for ``text``."""
    if fmt == "text":
        return False
    click.echo(search.renderers.render_records(fmt, items, kind), nl=False)
    return True
