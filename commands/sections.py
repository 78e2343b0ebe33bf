"""The parts of reviews: ``outline`` of one review, ``recommendations`` across reviews."""

from __future__ import annotations

from typing import Any

import click

import search
from search import text as people
from search.terminal import fit, wrap

from .common import (
    QueryCommand,
    as_json,
    filter_options,
    filters_from,
    format_option,
    open_store,
    style,
    terminal,
)


@click.command()
@click.argument("ref", metavar="ID|PATH")
@format_option(("text", "json"))
@click.pass_context
def outline(ctx: click.Context, ref: str, fmt: str) -> None:
    """Show a review's headings, the section each opens and the page it starts on.

    Sections come from a fixed vocabulary (summary, terms-of-reference, background,
    chronology, analysis, good-practice, recommendations, conclusions, appendix, other);
    search inside one with --section or section:NAME.

    \b
    Examples:
      casereviews outline 3f2a9c0d1e4b
      casereviews outline reports/child-t.pdf --format json
    """
    with open_store(ctx) as store:
        document, found = search.outlines.outline(store, ref)
    if fmt == "json":
        data = {"id": document.id, "title": document.title, "sections": list(found.sections),
                **found.to_dict()}  # fmt: skip
        click.echo(as_json(data))
        return
    shown = style()
    click.echo(shown.bold(document.title or document.id))
    if not found.headings:
        click.echo("No headings were found in this review's text.")
        return
    width = terminal().width
    place = max(len(f"p.{h.page}") if h.page else 0 for h in found.headings)
    for heading in found.headings:
        page = f"p.{heading.page}" if heading.page else ""
        indent = "  " * (heading.level - 1)
        line = f"{page:<{place}}  {heading.section:<18}  {indent}{heading.text}"
        click.echo(fit(line, width))
    if found.recommendations:
        click.echo(f"\n{people.plural(len(found.recommendations), 'recommendation')} "
                   f"(casereviews recommendations --format csv lists them).")  # fmt: skip


@click.command(cls=QueryCommand)
@click.argument("query", required=False)
@filter_options
@format_option(("text", "csv", "jsonl"))
@click.pass_context
def recommendations(ctx: click.Context, query: str | None, fmt: str, **filters: Any) -> None:
    """List every recommendation the reviews make, one row each (with a QUERY: those it matches).

    A recommendation is a numbered, labelled or bulleted item of a review's
    recommendations section, kept whole across page breaks. A QUERY matches inside
    each recommendation's own text; the filters choose the reviews.

    \b
    Examples:
      casereviews recommendations '"information sharing"' --format csv > recs.csv
      casereviews recommendations supervision --nation wales
      casereviews recommendations --published-from 2020 --format jsonl
    """
    criteria = filters_from(filters)
    rows = 0
    width = terminal().width
    shown = style()
    with open_store(ctx) as store:
        found = search.outlines.recommendations(store, query, criteria)
        if fmt == "csv":
            click.echo(search.renderers.to_csv([], search.outlines.RECOMMENDATION_COLUMNS), nl=False)
        last = None
        for row in found:
            rows += 1
            data = row.to_dict()
            if fmt == "csv":
                body = search.renderers.to_csv([data], search.outlines.RECOMMENDATION_COLUMNS)
                click.echo(body.split("\n", 1)[1], nl=False)
            elif fmt == "jsonl":
                click.echo(search.renderers.to_jsonl(data), nl=False)
            else:
                if row.document.id != last:
                    last = row.document.id
                    title = row.document.title or row.document.id
                    click.echo(("\n" if rows > 1 else "") + shown.bold(fit(f"{title} [{last}]", width)))
                    click.echo(shown.dim(wrap(people.summary_line(row.document), 0, width)))
                item = row.recommendation
                label = (item.number or "•") + (f" (p.{item.page})" if item.page else "")
                click.echo(wrap(f"{label} {item.text}", 2, width))
    if fmt == "text":
        click.echo(f"\n{people.plural(rows, 'recommendation')}.")


#: This module's commands, as ``cli.py`` registers them.
COMMANDS = (outline, recommendations)
