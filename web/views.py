"""What the templates show, prepared from search results: plain data, escaped where it becomes HTML."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

import search
from index import IndexStore
from index.facets import FACETS
from ingest import UNKNOWN
from search import MARK_END, MARK_START, FacetCounts, Filters, Hit
from search.research import CrossTab
from search.text import summary_line

from .state import PageState

#: Facet values listed before the rest fold away under "more".
FACET_SHOWN = 8
_MARKED = re.compile(re.escape(MARK_START) + "([^" + MARK_START + MARK_END + "]*)" + re.escape(MARK_END))
#: Bar colours of the statistics chart, one per row (the last, grey, for "unknown").
PALETTE = ("#1b6ca8", "#e07b39", "#3a9d5d", "#b8443f", "#7a5195", "#8c6d31", "#c4577d", "#4a7f8c")


def marked(text: str) -> Markup:
    """Snippet text as HTML: everything escaped, then the «matches» as ``<mark>``.

    Escaping first means a document's own text can never become markup; only
    balanced marks the snippet maker placed turn into tags.
    """
    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(text))))


@dataclass(frozen=True)
class SnippetView:
    """A snippet with the page it cites (None for HTML reports) and the section it is in."""

    page: int | None
    text: Markup
    section: str | None = None


@dataclass(frozen=True)
class HitView:
    """One result row."""

    id: str
    title: str
    summary: str
    paged: bool
    snippets: tuple[SnippetView, ...]
    match_pages: tuple[int, ...]
    themes: tuple[str, ...]
    review_type: str | None
    ocr_pages: tuple[int, ...] = ()


def hit_view(hit: Hit) -> HitView:
    """A hit (or a listed document wrapped as one) as a result row."""
    doc = hit.document
    return HitView(
        id=doc.id,
        title=doc.title or "(untitled)",
        summary=summary_line(doc),
        paged=doc.pages is not None,
        snippets=tuple(SnippetView(s.page, marked(s.text), s.section) for s in hit.snippets),
        match_pages=hit.match_pages,
        themes=doc.themes,
        review_type=doc.review_type,
        ocr_pages=doc.ocr_pages,
    )


@dataclass(frozen=True)
class FacetValue:
    """One value in the facet sidebar: its count, whether it is ticked, the URL that toggles it."""

    value: str
    count: int | None  # None: offered, not counted (a section, before one is ticked)
    ticked: bool
    toggle_url: str


@dataclass(frozen=True)
class FacetPanel:
    """One facet in the sidebar."""

    name: str
    label: str
    shown: tuple[FacetValue, ...]
    more: tuple[FacetValue, ...]


def facet_panels(
    store: IndexStore, state: PageState, filters: Filters, counts: FacetCounts
) -> list[FacetPanel]:
    """The sidebar: each registered facet with counts, ticked values first.

    A facet with ticked values is counted without its own filter (as shops and
    the national repository do), so ticking ``under-1`` still shows how many
    ``1-5`` reviews ticking that too would add; the other facets count the
    current result set.
    """
    panels = []
    for name, entry in FACETS.items():
        own: Mapping[str, int | None] = counts[name]
        if entry.per_match and state.q:
            # the section: counting it for a search reads every match's position (the page took 4.5
            # times the search's p95 on the benchmark when it did). Offered without counts; once
            # one is ticked the search is restricted to it and counts the sections it asked for.
            if name not in counts.counts:
                own = dict.fromkeys(v for v in entry.choices or () if v != UNKNOWN)
        elif state.facets.get(name):
            without = dataclasses.replace(
                filters, facets={k: v for k, v in filters.facets.items() if k != name}
            )
            own = search.facet_counts(store, state.q or None, without, names=[name])[name]
        values = _values(state, name, own)
        ticked = tuple(v for v in values if v.ticked)
        rest = tuple(v for v in values if not v.ticked)
        room = max(0, FACET_SHOWN - len(ticked))
        panels.append(FacetPanel(name, entry.label, ticked + rest[:room], rest[room:]))
    return panels


def _values(state: PageState, name: str, counts: Mapping[str, int | None]) -> list[FacetValue]:
    values = [FacetValue(v, n, state.is_ticked(name, v), state.toggled(name, v)) for v, n in counts.items()]
    for missing in state.facets.get(name, ()):
        if missing not in counts:  # a ticked value with no match stays visible, so it can be unticked
            values.append(FacetValue(missing, 0, True, state.toggled(name, missing)))
    return values


@dataclass(frozen=True)
class Bar:
    """One segment of a stacked bar in the statistics chart (SVG user units)."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass(frozen=True)
class Chart:
    """A stacked bar chart: one bar per column value, one colour per row value."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]  # x position and label under each bar
    legend: tuple[tuple[str, str], ...]  # colour and row value
    top: int  # the count the chart's height stands for


def chart(table: CrossTab, width: int = 720, height: int = 260) -> Chart:
    """The cross-tab as stacked bars (drawn as inline SVG by the template: no script, no library)."""
    columns = list(table.columns)
    rows = list(table.rows)
    colours = {
        row: ("#9a9a9a" if row == UNKNOWN else PALETTE[i % len(PALETTE)]) for i, row in enumerate(rows)
    }
    stacks = [sum(table.count(r, c) for r in rows) for c in columns]
    top = max(stacks, default=0) or 1
    slot = width / max(1, len(columns))
    bar_width = max(2.0, slot * 0.7)
    bars = []
    for i, column in enumerate(columns):
        base = float(height)
        for row in rows:
            n = table.count(row, column)
            if not n:
                continue
            h = height * n / top
            base -= h
            x = i * slot + (slot - bar_width) / 2
            bars.append(Bar(round(x, 1), round(base, 1), round(bar_width, 1), round(h, 1), colours[row],
                            f"{column}, {row}: {n}"))  # fmt: skip
    ticks = tuple((round(i * slot + slot / 2, 1), str(c)) for i, c in enumerate(columns))
    return Chart(width, height, tuple(bars), ticks, tuple((colours[r], r) for r in rows), top)
