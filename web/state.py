"""A page's state is its URL: the query, the facet values ticked, the ranges, the sort and the page.

``/?q=neglect&age_band=under-1&year=2015&page=2`` says everything a search page
shows, so a page can be bookmarked, shared and reached again with the back
button. Facet parameters are named after the facet registry's names, so a new
facet needs nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlencode

from index.facets import FACETS
from search import FilterError, Filters

#: The range filters a URL may carry, by parameter name (the same names as ``Filters.build``).
RANGES = ("min_age", "max_age", "published_from", "published_to")
#: The sorts a URL may ask for (the search engine's, with and without a query).
SORT_LABELS = {
    "relevance": "Relevance",
    "-published": "Newest first",
    "published": "Oldest first",
    "title": "Title",
}
#: Longest query text read from a URL (the query parser caps terms too; this stops a huge URL early).
MAX_QUERY_CHARS = 2000


class Args(Protocol):
    """What a request's query string offers (Werkzeug's ``MultiDict`` has both)."""

    def get(self, key: str) -> str | None: ...

    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class Chip:
    """One active filter shown above the results, with the URL that drops it."""

    label: str
    value: str
    remove_url: str


@dataclass(frozen=True)
class PageState:
    """Everything a search, statistics or export URL can say."""

    q: str = ""
    page: int = 1
    sort: str = ""
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ranges: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: Args) -> PageState:
        """Read a request's query string; values are checked later, by :meth:`filters`."""
        raw_page = (args.get("page") or "1").strip()
        page = int(raw_page) if raw_page.isdigit() and 0 < len(raw_page) < 7 else 1
        sort = args.get("sort") or ""
        facets = {name: tuple(v for v in args.getlist(name) if v.strip()) for name in FACETS}
        ranges = {name: (args.get(name) or "").strip() for name in RANGES}
        return cls(
            q=(args.get("q") or "").strip()[:MAX_QUERY_CHARS],
            page=max(1, page),
            sort=sort if sort in SORT_LABELS else "",
            facets={k: v for k, v in facets.items() if v},
            ranges={k: v for k, v in ranges.items() if v},
        )

    def effective_sort(self) -> str:
        """The sort asked for, or the default: relevance for a query, newest first for a listing."""
        if self.q:
            return self.sort if self.sort in ("relevance", "published", "-published") else "relevance"
        return self.sort if self.sort in ("published", "-published", "title") else "-published"

    def filters(self) -> Filters:
        """The search filters this state asks for; raises ``FilterError`` on a bad value."""
        values = {FACETS[name].dest: list(v) for name, v in self.facets.items()}
        ages = {}
        for name in ("min_age", "max_age"):
            text = self.ranges.get(name)
            if text:
                try:
                    ages[name] = float(text)
                except ValueError:
                    raise FilterError(
                        f"{name.replace('_', ' ')} takes a number of years, not {text!r}"
                    ) from None
        return Filters.build(
            min_age=ages.get("min_age"),
            max_age=ages.get("max_age"),
            published_from=self.ranges.get("published_from"),
            published_to=self.ranges.get("published_to"),
            **values,
        )

    def params(self, *, page: bool = True) -> list[tuple[str, str]]:
        """The query-string pairs for this state (defaults left out, so URLs stay short)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for name in FACETS:
            pairs += [(name, value) for value in self.facets.get(name, ())]
        pairs += [(name, self.ranges[name]) for name in RANGES if self.ranges.get(name)]
        if self.sort:
            pairs.append(("sort", self.sort))
        if page and self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def url(self, path: str = "/", **changes: object) -> str:
        """The URL of this state at ``path``, with ``changes`` (``page=2``, ``q="x"``) applied."""
        state = self.replace(**changes) if changes else self
        query = urlencode(state.params())
        return path + ("?" + query if query else "")

    def replace(self, **changes: object) -> PageState:
        """A copy with some attributes changed (a changed filter or query goes back to page 1)."""
        data = {
            "q": self.q,
            "page": self.page,
            "sort": self.sort,
            "facets": self.facets,
            "ranges": self.ranges,
        }
        if "page" not in changes:
            data["page"] = 1
        data.update(changes)
        return PageState(**data)  # type: ignore[arg-type]

    def toggled(self, name: str, value: str) -> str:
        """The URL with facet ``name``'s ``value`` ticked if it was not, and unticked if it was."""
        current = self.facets.get(name, ())
        chosen = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.url(facets={**self.facets, name: chosen})

    def chips(self) -> list[Chip]:
        """The active filters, each with the URL that removes it."""
        out = []
        for name, values in self.facets.items():
            entry = FACETS[name]
            for value in values:
                out.append(Chip(entry.label, value, self.toggled(name, value)))
        for name in RANGES:
            if self.ranges.get(name):
                label = name.replace("_", " ").capitalize()
                rest = {k: v for k, v in self.ranges.items() if k != name}
                out.append(Chip(label, self.ranges[name], self.url(ranges=rest)))
        return out

    def is_ticked(self, name: str, value: str) -> bool:
        """Whether facet ``name``'s ``value`` is among the filters."""
        return value in self.facets.get(name, ())


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """The page links to show: the first, the last and a few around ``page`` (None marks a gap)."""
    wanted = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int | None] = []
    for number in wanted:
        if out and isinstance(out[-1], int) and number - out[-1] > 1:
            out.append(None)
        out.append(number)
    return out
