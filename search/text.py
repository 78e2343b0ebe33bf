"""Text for people: search results, summaries, tables, in plain words fitted to a width.

The CLI prints these; a web page could too. Nothing here prints or knows of
click: emphasis comes from a :class:`Style` the caller gives (plain by default,
click's colours in the CLI), and widths from :mod:`search.terminal`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from index import IngestReport
from ingest import SLUG_FIELDS, Document, kinds

from .model import MARK_END, MARK_START, SearchResult, Snippet
from .research import CrossTab
from .terminal import fit, wrap


def _plain(text: str) -> str:
    return text


@dataclass(frozen=True)
class Style:
    """How text is emphasised: plain unless the caller says otherwise."""

    bold: Callable[[str], str] = _plain
    dim: Callable[[str], str] = _plain
    #: how a match is shown; None keeps the «markers» (no colour to show it with)
    match: Callable[[str], str] | None = None


PLAIN = Style()


def format_age(years: float) -> str:
    """A child's age for people: days, weeks or months under two, years after."""
    days = years * 365.25
    if years < 2 / 52:
        return f"{round(days)} days"
    if years < 13 / 52:
        weeks = round(days / 7)
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    if years < 2:
        months = round(years * 12)
        return f"{months} month{'s' if months != 1 else ''}"
    whole = int(years)
    months = round((years - whole) * 12)
    return f"{whole} years {months} months" if months else f"{whole} years"


def summary_line(document: Document) -> str:
    """A review's board, date and ages on one line."""
    parts = [document.lscb or "board unknown", f"published {document.published or 'unknown'}"]
    if document.child_ages:
        ages = ", ".join(format_age(a) for a in document.child_ages)
        parts.append(f"child aged {ages} ({', '.join(document.age_bands)})")
    else:
        parts.append("age unknown")
    return " · ".join(parts)


def highlight(text: str, style: Style) -> str:
    """Matches in the style's colour instead of «markers», or the markers when it has none."""
    if style.match is None:
        return text
    out = []
    for index_, piece in enumerate(text.split(MARK_START)):
        if index_ == 0:
            out.append(piece)
            continue
        marked, _, rest = piece.partition(MARK_END)
        out.append(style.match(marked) + rest)
    return "".join(out)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def ingest_summary(report: IngestReport, index_dir: str) -> str:
    """What an ingest did, for people (the JSON summary has the same counts)."""
    indexed = report.added + report.replaced + report.updated
    parts = [f"{report.added} added"]
    for label, count in (
        ("replaced", report.replaced),
        ("updated", report.updated),  # the JSON summary's name: re-extracted in place
        (("new path for a known file", "new paths for known files"), report.linked),
        ("unchanged", report.unchanged),
        ("corrected from the manifest", report.corrected),
        ("failed", report.failed),
        (f"skipped (not {kinds()})", report.skipped),
        ("left out (removed earlier)", report.excluded),
    ):
        if count:
            one, many = label if isinstance(label, tuple) else (label, label)
            parts.append(plural(count, one, many))
    rate = report.pages / report.seconds if report.seconds else 0.0
    shown_rate = f" ({rate:.0f} pages/s)" if rate >= 1 else ""
    return (
        f"Indexed {plural(indexed, 'file')}, {plural(report.pages, 'page')} in "
        f"{report.seconds:.1f} s{shown_rate}: {', '.join(parts)}.\n"
        f"The index at {index_dir} holds {plural(report.documents, 'document')}."
    )


def snippet_place(snippet: Snippet, document: Document) -> str:
    """Where a snippet is, before its text: "p.12 · recommendations: ", "p.3 (OCR) · analysis: "."""
    place = f"p.{snippet.page}" if snippet.page else ""
    if place and snippet.page in document.ocr_pages:
        place += " (OCR)"  # read from a scan: the words may be misread
    place = " · ".join(part for part in (place, snippet.section or "") if part)
    return f"{place}: " if place else ""


def search_results(
    result: SearchResult, limit: int | None, width: int, style: Style, rest_hint: str | None = None
) -> str:
    """A page of search results for people: titles, summary lines, pages, snippets."""
    hint = f"\nDid you mean: {result.suggestion}" if result.suggestion else ""
    if not result.total:
        return f"No results for {result.query}.{hint}"
    first = result.offset + 1
    last = result.offset + len(result.hits)
    shown = f"showing {first}–{last}" if result.hits else f"none shown from {first}"
    lines = [
        f"{result.total} result{'s' if result.total != 1 else ''} for {result.query} ({shown})",
        "",
    ]
    for number, hit in enumerate(result.hits, start=first):
        doc = hit.document
        lines.append(f"{number:>3}. {style.bold(doc.title or '(untitled)')}  [{doc.id}]")
        lines.append(wrap(summary_line(doc), 5, width))
        for path in doc.paths[:1]:
            lines.append("     " + fit(path, width - 5))
        if hit.match_pages:
            pages = ", ".join(str(p) for p in hit.match_pages[:20])
            more = " …" if len(hit.match_pages) > 20 else ""
            on = "page" if len(hit.match_pages) == 1 else "pages"
            lines.append(f"     {hit.matches} match{'es' if hit.matches != 1 else ''} on {on} {pages}{more}")
        for snippet in hit.snippets:
            where = snippet_place(snippet, doc)
            # wrapped before the markers become colour codes (they would count as characters)
            lines.append(highlight(wrap(where + snippet.text, 5, width), style))
        lines.append("")
    if result.total > last and limit and rest_hint:
        lines.append(rest_hint)  # how to see the rest is the caller's to word (a CLI option, a link)
    return "\n".join(lines).rstrip() + hint


def stats_table(table: CrossTab, width: int, style: Style) -> str:
    """A table for people: counts with row percentages, fitted to the terminal."""
    if not table.documents:
        return "No reviews match."
    if table.columns_by is None:  # one facet: the count and its share of the reviews
        label = max([len(table.rows_by), *(len(r) for r in table.rows)]) + 1
        lines = [style.bold(f"{table.rows_by:<{label}}{'reviews':>9}{'share':>8}")]
        for row in table.rows:
            n = table.count(row)
            lines.append(f"{fit(row, label - 1):<{label}}{n:>9}{100 * n / table.documents:>7.0f}%")
        noun = "review" if table.documents == 1 else "reviews"
        multi = (
            " (a review with several values counts in each)"
            if sum(map(table.count, table.rows)) > table.documents
            else ""
        )
        return "\n".join([*lines, f"\n{table.documents} {noun}{multi}"])
    label = max([len(table.rows_by), *(len(r) for r in table.rows)]) + 1
    cells = 12
    columns = list(table.columns)
    room = max(1, (width - label - 8) // cells)
    hidden = columns[room:]
    columns = columns[:room]
    header = f"{table.rows_by:<{label}}" + "".join(f"{fit(c, cells - 1):>{cells}}" for c in columns)
    lines = [style.bold(header + f"{'total':>8}")]
    for row in table.rows:
        parts = []
        for column in columns:
            n = table.count(row, column)
            share = (
                f" {round(100 * n / table.row_total(row)):>3}%"
                if table.columns_by and table.row_total(row)
                else ""
            )
            parts.append(f"{n:>{cells - len(share)}}{share}")
        lines.append(f"{fit(row, label - 1):<{label}}" + "".join(parts) + f"{table.row_total(row):>8}")
    noun = "review" if table.documents == 1 else "reviews"
    lines.append(
        f"\n{table.documents} {noun}"
        + (f"; row percentages; columns by {table.columns_by}" if table.columns_by else "")
    )
    if hidden:
        lines.append(f"({len(hidden)} more columns than fit the terminal: the csv format has them all)")
    return "\n".join(lines)


def _page_list(pages: Sequence[int]) -> str:
    """Pages as ranges: 1-3, 7, 9-10."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def document_card(document: Document, width: int, style: Style) -> str:
    """One review's metadata for people, each value with where it came from, and why any is unknown."""
    out: list[str] = []
    provenance = document.metadata.provenance
    evidence = document.metadata.theme_evidence
    ages = ", ".join(f"{a:g} ({format_age(a)})" for a in document.child_ages) or "unknown"

    def source(name: str) -> str:
        found = provenance.get(name)
        if found is None:
            return ""
        where = f", page {found.page}" if found.page else ""
        said = f': "{found.text}"' if found.text and found.source != "manual" else ""
        label = "corrected by hand" if found.source == "manual" else f"from {found.source}"
        return f"({label}{where}{said})"

    rows = [
        ("id", document.id, ""),
        ("title", document.title or "unknown", source("title")),
        ("lscb", document.lscb or "unknown", source("lscb")),
        ("published", document.published or "unknown", source("published")),
        ("child ages", ages, source("child_ages")),
        ("age bands", ", ".join(document.age_bands), ""),
        *(
            # themes given by the rules show their evidence below, not one source line
            (f.label, f.text(document.metadata), "" if f.name == "themes" and evidence else source(f.name))
            for f in SLUG_FIELDS
        ),
        (
            "format",
            f"{document.format}" + (f", {document.pages} pages" if document.pages else ""),
            "",
        ),
        ("paths", "\n             ".join(document.paths) or "(none)", ""),
        ("sha256", document.sha256, ""),
        ("ingested", document.ingested_at, ""),
    ]
    if document.flags:
        rows.append(("flags", ", ".join(document.flags), ""))
    if document.ocr_pages:
        rows.append(("OCR pages", _page_list(document.ocr_pages), "text read from page images by OCR"))
    if document.unread_pages:
        rows.append(("unread", _page_list(document.unread_pages), "no text layer and not read by OCR"))
    if document.source_url:
        rows.append(("source url", document.source_url, ""))
    if document.notes:
        rows.append(("notes", document.notes, ""))
    for label, value, note in rows:
        lines = str(value).split("\n")
        # long values and provenance wrap under the value column instead of the left margin
        text = textwrap.fill(
            " ".join(x.strip() for x in lines) if len(lines) == 1 else lines[0],
            width=max(width, 40),
            initial_indent=f"{label + ':':<12} ",
            subsequent_indent=" " * 13,
            break_long_words=False,  # ids, hashes and paths stay whole
            break_on_hyphens=False,
        )
        out.append(
            text + ("\n" + "\n".join(" " * 13 + x.strip() for x in lines[1:]) if len(lines) > 1 else "")
        )
        if note:
            out.append(style.dim(wrap(note.strip(), 13, width)))
    if evidence:
        out.append(style.bold("why these themes:"))
        for slug, found in evidence.items():
            out.append(wrap(f"{slug}: {found.describe()}", 2, width))
    unresolved = document.metadata.unresolved
    if unresolved:
        out.append(style.bold("why unknown:"))
        for name, why in unresolved.items():
            out.append(f"  {name}: {why.describe()}")
    return "\n".join(out)
