"""Facet filters: which documents a search or listing may return.

Repeated values of one filter are alternatives (OR); different filters must
all hold (AND). A date printed only to a year or month matches a date range
if it could fall inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from whoosh import query as wq
from whoosh.searching import Searcher

from index import fields as F
from index.facets import FACETS, FacetValueError, facet
from ingest.metadata import PartialDate, parse_iso_partial

from .errors import FilterError

#: The range filters' names for people (a face may have its own: the CLI's options).
_LABELS = {
    "min_age": "min age",
    "max_age": "max age",
    "published_from": "published from",
    "published_to": "published to",
}
AGE_BAND_CHOICES = facet("age_band").choices or ()
REVIEW_TYPE_CHOICES = facet("review_type").choices or ()
NATION_CHOICES = facet("nation").choices or ()


@dataclass(frozen=True)
class Filters:
    """Validated filter values (build with :meth:`build`): a tuple of values per facet, and ranges."""

    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    min_age: float | None = None
    max_age: float | None = None
    published_from: PartialDate | None = None
    published_to: PartialDate | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "facets", {k: v for k, v in dict(self.facets).items() if v})

    def values(self, name: str) -> tuple[str, ...]:
        """The values asked of facet ``name`` (empty: no filter on it)."""
        return tuple(self.facets.get(name, ()))

    @property
    def lscb(self) -> tuple[str, ...]:
        """The board filter's values."""
        return self.values("lscb")

    @classmethod
    def build(
        cls,
        min_age: float | None = None,
        max_age: float | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
        **facet_values: Iterable[str | int],
    ) -> Filters:
        """Check and normalise raw filter values; raise :class:`FilterError` on a bad one.

        Facet values come by each facet's ``dest`` (``age_bands=``, ``lscb=``, ``years=``, …).
        """
        by_dest = {f.dest: f for f in FACETS.values()}
        chosen: dict[str, tuple[str, ...]] = {}
        for dest, raw in facet_values.items():
            if dest not in by_dest:
                raise TypeError(f"unknown filter {dest!r}")
            entry = by_dest[dest]
            try:
                chosen[entry.name] = entry.parse_values([str(v) for v in raw])
            except FacetValueError as exc:
                raise FilterError(str(exc), entry.name, entry.label.lower()) from exc
        for name, value in (("min_age", min_age), ("max_age", max_age)):
            if value is not None and not 0 <= value < 30:
                detail = f"must be an age in years between 0 and 30, not {value}"
                raise FilterError(detail, name, _LABELS[name])
        if min_age is not None and max_age is not None and min_age > max_age:
            raise FilterError(f"{min_age:g} is greater than the {_LABELS['max_age']}, {max_age:g}", "min_age",
                              _LABELS["min_age"])  # fmt: skip
        start = _parse_bound("published_from", published_from)
        end = _parse_bound("published_to", published_to)
        if start and end and start.first_day() > end.last_day():
            detail = f"{start} is after the {_LABELS['published_to']} date, {end}"
            raise FilterError(detail, "published_from", _LABELS["published_from"])
        return cls(chosen, min_age, max_age, start, end)

    def to_query(self, searcher: Searcher) -> wq.Query | None:
        """The Whoosh query that keeps exactly the documents these filters allow."""
        parts: list[wq.Query] = []
        for name, wanted in self.facets.items():
            entry = FACETS[name]
            present = sorted(set(searcher.reader().field_terms(entry.field))) if entry.terms else []
            parts.append(_any(wq.Term(entry.field, t) for t in entry.index_terms(wanted, present)))
        if self.min_age is not None or self.max_age is not None:
            parts.append(wq.NumericRange(F.AGE, self.min_age, self.max_age))
        if self.published_from:
            parts.append(wq.NumericRange(F.PUB_END, _day(self.published_from.first_day()), None))
        if self.published_to:
            parts.append(wq.NumericRange(F.PUB_START, None, _day(self.published_to.last_day())))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


def _any(queries: Iterable[wq.Query]) -> wq.Query:
    items: Sequence[wq.Query] = list(queries)
    if not items:
        return wq.NullQuery
    return items[0] if len(items) == 1 else wq.Or(items)


def _day(value: date) -> int:
    return int(value.strftime("%Y%m%d"))


def _parse_bound(name: str, value: str | None) -> PartialDate | None:
    if value is None or not value.strip():
        return None
    parsed = parse_iso_partial(value.strip()) if re.fullmatch(r"\s*\d{4}(-\d{1,2}){0,2}\s*", value) else None
    if parsed is None:
        raise FilterError(f"takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}", name, _LABELS[name])
    return parsed
