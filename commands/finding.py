"""Finding reviews: ``search``, ``list``, ``show``, ``facets``, ``similar`` and the ``review`` queue."""

from __future__ import annotations

from typing import Any

import click

import search
from index.facets import FACETS
from search import text as people

from .common import (
    LIMIT,
    QueryCommand,
    as_json,
    filter_options,
    filters_from,
    format_option,
    note_unmatched_boards,
    open_store,
    print_records,
    style,
    terminal,
)

# ---------------------------------------------------------------- search


@click.command("search", cls=QueryCommand)
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
    criteria = filters_from(filters)
    with open_store(ctx) as store:
        result = search.search(
            store, query, criteria, limit=limit, offset=offset, sort=sort, snippets=snippets
        )
        if not result.total:
            note_unmatched_boards(store, criteria)
    if fmt == "json":
        click.echo(as_json(result.to_dict()))  # the whole result: hits, total, facets
    elif not print_records(fmt, result.hits, "hits"):
        last = result.offset + len(result.hits)
        more = f"More: add --offset {last} (or --limit all)."
        click.echo(people.search_results(result, limit, terminal().width, style(), more))
    if result.suggestion and fmt != "text":
        click.echo(f"Did you mean: {result.suggestion}", err=True)
    written = result.offset + len(result.hits)
    if fmt not in ("text", "json") and written < result.total:  # json carries total and offset itself
        click.echo(
            f"Note: wrote hits {result.offset + 1}–{written} of {result.total}; "
            "--limit all writes every hit.",
            err=True,
        )


# ---------------------------------------------------------------- list


@click.command("list")
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
    criteria = filters_from(filters)
    with open_store(ctx) as store:
        documents = search.list_documents(store, criteria, sort=sort)
        if not documents:
            note_unmatched_boards(store, criteria)
    if not print_records(fmt, documents, "documents"):
        if not documents:
            click.echo("No documents match.")
        for document in documents:
            click.echo(f"{document.id}  {click.style(document.title or '(untitled)', bold=True)}")
            click.echo(f"              {people.summary_line(document)}")
        if documents:
            click.echo(f"\n{len(documents)} document{'s' if len(documents) != 1 else ''}.")


# ---------------------------------------------------------------- review queue


@click.command("review")
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
    criteria = filters_from(filters)
    with open_store(ctx) as store:
        items = search.review_queue(store, criteria)
    if fmt == "json":
        click.echo(as_json([item.to_dict() for item in items]))
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


# ---------------------------------------------------------------- show


@click.command()
@click.argument("ref", metavar="ID|PATH")
@format_option(("text", "json"))
@click.pass_context
def show(ctx: click.Context, ref: str, fmt: str) -> None:
    """Show one document's metadata, with where each value came from."""
    with open_store(ctx) as store:
        document = store.resolve(ref)
    if fmt == "json":
        click.echo(as_json(document.to_dict()))
        return
    click.echo(people.document_card(document, terminal().width, style()))


# ---------------------------------------------------------------- facets


@click.command(cls=QueryCommand)
@click.argument("query", required=False)
@filter_options
@format_option(("text", *search.renderers.formats("facets")))
@click.pass_context
def facets(ctx: click.Context, query: str | None, fmt: str, **filters: Any) -> None:
    """Count reviews per age band, year, board, review type and nation (optionally for a QUERY)."""
    criteria = filters_from(filters)
    with open_store(ctx) as store:
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


# ---------------------------------------------------------------- similar


@click.command()
@click.argument("ref", metavar="ID|PATH")
@filter_options
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True, help="Reviews to show.")
@format_option()
@click.pass_context
def similar(ctx: click.Context, ref: str, limit: int, fmt: str, **filters: Any) -> None:
    """List the reviews most similar to one, by the words that characterise it."""
    criteria = filters_from(filters)
    with open_store(ctx) as store:
        hits = search.similar(store, ref, limit=limit, filters=criteria)
    if not print_records(fmt, hits, "hits"):
        if not hits:
            click.echo("No similar reviews.")
        for number, hit in enumerate(hits, start=1):
            click.echo(f"{number:>3}. {click.style(hit.document.title or '(untitled)', bold=True)}  "
                       f"[{hit.document.id}]  score {hit.score:g}")  # fmt: skip
            click.echo(f"     {people.summary_line(hit.document)}")


#: This module's commands, as ``cli.py`` registers them.
COMMANDS = (search_command, list_command, review_command, show, facets, similar)
