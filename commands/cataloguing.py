"""Changing the catalogue: ``remove``, ``set``, ``reindex``, ``prune`` and ``verify``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import click

import index
from index import IndexStore
from index.facets import facet
from ingest import SLUG_FIELDS, UNKNOWN
from search import text as people

from .common import (
    ExitStatus,
    as_json,
    fail,
    format_option,
    index_path,
    lock_timeout_option,
    open_store,
    with_remedy,
)

# ---------------------------------------------------------------- remove


@click.command()
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
    with open_store(ctx) as store, store.writer(lock_timeout) as writer:
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
                missing.append(f"Error: {with_remedy(exc)}")
    for line in missing:
        click.echo(line, err=True)
    sys.exit(ExitStatus.FAILED if missing else ExitStatus.SUCCESS)


# ---------------------------------------------------------------- set


def _slug_field_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--review-type``, ``--nation``, ``--themes``, …: one option per slug-valued metadata field."""
    for spec in reversed(SLUG_FIELDS):
        choices = [c for c in facet(spec.facet).choices or () if c != UNKNOWN]
        if spec.many:
            example = ";".join(choices[:2])
            text = f"{spec.label.capitalize()} as slugs separated by ';' ({example}), or 'none'."
        else:
            text = f"One of {', '.join(choices)} ('unknown' to clear)."
        func = click.option("--" + spec.name.replace("_", "-"), spec.name, help=text)(func)
    return func


@click.command("set")
@click.argument("ref", metavar="ID|PATH")
@click.option("--title", help="The report's title.")
@click.option("--lscb", help="The publishing board or partnership ('unknown' to clear).")
@click.option("--published", help="Publication date: YYYY, YYYY-MM or YYYY-MM-DD ('unknown' to clear).")
@click.option("--child-ages", help="Ages in years separated by ';' (0.42;3), or '5 months'; '' for none.")
@_slug_field_options
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
        options = ", ".join("--" + name.replace("_", "-") for name in index.CORRECTABLE)
        raise click.UsageError(f"give at least one of {options}, --clear")
    fields = index.validate(given)
    with open_store(ctx) as store, store.writer(lock_timeout) as writer:
        document = writer.correct(writer.resolve(ref).id, fields, clear=clear)
    if fmt == "json":
        click.echo(as_json(document.to_dict()))
    else:
        click.echo(f"Updated {document.id}: {people.summary_line(document)}")


# ---------------------------------------------------------------- maintenance


@click.command()
@lock_timeout_option
@click.pass_context
def reindex(ctx: click.Context, lock_timeout: float) -> None:
    """Rebuild the search index from the stored text and corrections (no report is read again).

    Run it when casereviews says the index was built by another version.
    """
    with IndexStore.open(index_path(ctx), check_version=False) as store:
        count = store.reindex(lock_timeout)
    click.echo(f"Rebuilt the search index: {count} documents.")


@click.command()
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
    with open_store(ctx) as store:
        try:
            pruned = index.prune(store, lock_timeout, dry_run=dry_run, allow_most=yes)
        except index.PruneRefusedError as exc:
            fail(
                f"{exc}. See which with --dry-run; if they are really gone, run again with --yes",
                ExitStatus.FAILED,
            )
    if fmt == "json":
        click.echo(as_json([item.to_dict() for item in pruned]))
        return
    for item in pruned:
        what = "removed" if item.document_removed else "path dropped"
        if dry_run:
            what = "would be " + what
        click.echo(f"{item.path}: {what} ({item.doc_id}: {item.title or '(untitled)'})")
    count = f"{len(pruned)} missing file{'s' if len(pruned) != 1 else ''}"
    click.echo(f"Would prune {count} (nothing changed)." if dry_run else f"Pruned {count}.")


@click.command()
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
    with open_store(ctx) as store:
        report = index.verify(store, search_in)
        fixed = index.relink(store, report.problems, lock_timeout) if fix_moved else 0
    if fmt == "json":
        click.echo(as_json([c.to_dict() for c in report.problems]))
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


#: This module's commands, as ``cli.py`` registers them.
COMMANDS = (remove, set_command, reindex, prune, verify)
