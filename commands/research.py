"""Research outputs: ``stats``, the ``matches`` concordance, ``text`` at a page, ``open``."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import click

import search
from search import text as people

from .common import (
    ExitStatus,
    QueryCommand,
    as_json,
    fail,
    filter_options,
    filters_from,
    format_option,
    open_store,
    style,
    terminal,
)

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


@click.command(cls=QueryCommand)
@click.argument("query", required=False)
@filter_options
@click.option(
    "--by",
    "by",
    multiple=True,
    required=True,
    metavar="FACET",
    help="age-band, year, board, review-type, nation, theme, section, or age (with --age-cuts); once or "
    "twice.",
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
    criteria = filters_from(filters)
    with open_store(ctx) as store:
        table = search.research.cross_tab(store, by, query, criteria, age_cuts)
    if chart:
        search.charts.draw(table, chart, stacked=stacked)
        click.echo(f"Chart written to {chart}", err=True)
    if fmt == "json":
        click.echo(as_json(table.to_dict()))
    elif fmt == "csv":
        cells = table.csv_rows()
        columns = list(cells[0]) if cells else ["reviews"]
        click.echo(search.renderers.to_csv(cells, columns), nl=False)
    else:
        click.echo(people.stats_table(table, terminal().width, style()))


@click.command(cls=QueryCommand)
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
    criteria = filters_from(filters)
    env = terminal()

    def progress(done: int, total: int) -> None:
        if env.stderr_tty and not env.dumb and total > 20:
            click.echo(f"\r{done}/{total} reviews\x1b[K", err=True, nl=False)

    rows = 0
    with open_store(ctx) as store:
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
                section = f" · {occurrence.section}" if occurrence.section else ""
                head = f"{occurrence.document.id} {where}{section}: "
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


@click.command()
@click.argument("ref", metavar="ID|PATH")
@click.option("--page", type=click.IntRange(1), help="One page (1-based, as cited).")
@click.option("--pages", callback=_page_range, metavar="A-B", help="A range of pages.")
@click.pass_context
def text(ctx: click.Context, ref: str, page: int | None, pages: tuple[int, int] | None) -> None:
    """Print a review's stored text, all of it or at the cited page (nothing is extracted again)."""
    first, last = pages if pages else (page, page)
    with open_store(ctx) as store:
        document, found = search.research.page_text(store, ref, first, last)
    for number, body in found:
        if document.pages is not None and len(found) > 1:
            click.echo(click.style(f"--- page {number} ---", dim=True))
        click.echo(body)


@click.command("open")
@click.argument("ref", metavar="ID|PATH")
@click.option("--page", type=click.IntRange(1), help="Open at this page (PDF viewers that honour #page=N).")
@click.option("--print-url", is_flag=True, help="Only print the file:// address.")
@click.pass_context
def open_command(ctx: click.Context, ref: str, page: int | None, print_url: bool) -> None:
    """Open a review's file in the system viewer, at a page; or print its file:// address."""
    with open_store(ctx) as store:
        document = store.resolve(ref)
    if not document.paths:
        fail(f"{document.id} has no file on disk", ExitStatus.FAILED)
    address = Path(document.paths[0]).resolve().as_uri() + (f"#page={page}" if page else "")
    opener = shutil.which("xdg-open") or shutil.which("open")
    if print_url or opener is None or not terminal().stdout_tty:
        click.echo(address)
        return
    subprocess.run([opener, address], check=False)  # the viewer's own errors are its to show
    click.echo(f"Opened {address}", err=True)


#: This module's commands, as ``cli.py`` registers them.
COMMANDS = (stats, matches, text, open_command)
