"""casereviews: ingest child-protection case review reports and search them.

The entry point: the command group, and the one place where library errors
become ``Error: …`` on stderr and an exit status (:class:`CaseReviewsGroup`).
The commands live in the :mod:`commands` package, one module per family; each
parses its options, calls one library function and prints the result.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

import index
import search
from commands import cataloguing, finding, ingesting, research, sections, serving
from commands.common import INDEX_ENV, ExitStatus, default_index_dir, fail, with_remedy
from ingest import CaseReviewsError
from search.terminal import Environment

__all__ = ["CaseReviewsGroup", "ExitStatus", "main"]

#: Which exit status each kind of library error gets (the first match wins).
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


def _index_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``casereviews search x --index DIR``: the option is also read after the command."""
    if value is not None:
        ctx.ensure_object(dict)
        ctx.obj["index"] = value


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
            fail(with_remedy(exc), status)
        except BrokenPipeError:
            # "casereviews list | head -1": the reader has what it wanted; that is not an error
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(ExitStatus.SUCCESS)
        except KeyboardInterrupt:
            click.echo("\nInterrupted: work committed before this moment is kept.", err=True)
            sys.exit(ExitStatus.INTERRUPTED)


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


for _module in (ingesting, finding, research, sections, cataloguing, serving):
    for _command in _module.COMMANDS:
        main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
