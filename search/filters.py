"""Facet filters: which documents a search or listing may return.

Repeated values of one filter are alternatives (OR); different filters must
all hold (AND). A date printed only to a year or month matches a date range
if it could fall inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from whoosh import query as wq
from whoosh.searching import Searcher

from ingest import AGE_BANDS, NATIONS, REVIEW_TYPES, UNKNOWN
from ingest.metadata import PartialDate, matches_filter, parse_iso_partial

from .errors import FilterError

AGE_BAND_CHOICES = (*AGE_BANDS, UNKNOWN)
REVIEW_TYPE_CHOICES = (*REVIEW_TYPES, UNKNOWN)
NATION_CHOICES = (*NATIONS, UNKNOWN)


@dataclass(frozen=True)
class Filters:
    """Validated filter values (build with :meth:`build`)."""

    age_bands: tuple[str, ...] = ()
    min_age: float | None = None
    max_age: float | None = None
    lscb: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    published_from: PartialDate | None = None
    published_to: PartialDate | None = None
    review_types: tuple[str, ...] = ()
    nations: tuple[str, ...] = ()

    @classmethod
    def build(
        cls,
        age_bands: Iterable[str] = (),
        min_age: float | None = None,
        max_age: float | None = None,
        lscb: Iterable[str] = (),
        years: Iterable[int | str] = (),
        published_from: str | None = None,
        published_to: str | None = None,
        review_types: Iterable[str] = (),
        nations: Iterable[str] = (),
    ) -> Filters:
        """Check and normalise raw filter values; raise :class:`FilterError` on a bad one."""
        bands = []
        for band in age_bands:
            normal = band.strip().lower().replace("–", "-").replace(" ", "")
            normal = {"<1": "under-1", "under1": "under-1", "0": "under-1", "16plus": "16+"}.get(
                normal, normal
            )
            if normal not in AGE_BAND_CHOICES:
                raise FilterError(f"unknown age band {band!r}; choose from {', '.join(AGE_BAND_CHOICES)}")
            bands.append(normal)
        for name, value in (("--min-age", min_age), ("--max-age", max_age)):
            if value is not None and not 0 <= value < 30:
                raise FilterError(f"{name} must be an age in years between 0 and 30, not {value}")
        if min_age is not None and max_age is not None and min_age > max_age:
            raise FilterError(f"--min-age {min_age:g} is greater than --max-age {max_age:g}")
        year_values = []
        for year in years:
            text = str(year).strip()
            if not re.fullmatch(r"\d{4}", text):
                raise FilterError(f"--year takes a four-digit year, not {year!r}")
            year_values.append(int(text))
        start = _parse_bound("--published-from", published_from)
        end = _parse_bound("--published-to", published_to)
        if start and end and start.first_day() > end.last_day():
            raise FilterError(f"--published-from {start} is after --published-to {end}")
        return cls(
            age_bands=tuple(dict.fromkeys(bands)),
            min_age=min_age,
            max_age=max_age,
            lscb=tuple(v for v in (s.strip() for s in lscb) if v),
            years=tuple(dict.fromkeys(year_values)),
            published_from=start,
            published_to=end,
            review_types=_slugs("--review-type", review_types, REVIEW_TYPE_CHOICES),
            nations=_slugs("--nation", nations, NATION_CHOICES),
        )

    def to_query(self, searcher: Searcher) -> wq.Query | None:
        """The Whoosh query that keeps exactly the documents these filters allow."""
        parts: list[wq.Query] = []
        if self.age_bands:
            parts.append(_any(wq.Term("age_band", b) for b in self.age_bands))
        if self.min_age is not None or self.max_age is not None:
            parts.append(wq.NumericRange("age", self.min_age, self.max_age))
        if self.lscb:
            boards = sorted(set(searcher.reader().field_terms("board")))
            wanted = []
            for needle in self.lscb:
                if needle.lower() == UNKNOWN:
                    wanted.append(UNKNOWN)
                wanted += [b for b in boards if b != UNKNOWN and matches_filter(b, needle)]
            parts.append(_any(wq.Term("board", b) for b in dict.fromkeys(wanted)))
        if self.years:
            parts.append(_any(wq.Term("year", str(y)) for y in self.years))
        if self.review_types:
            parts.append(_any(wq.Term("review_type", t) for t in self.review_types))
        if self.nations:
            parts.append(_any(wq.Term("nation", n) for n in self.nations))
        if self.published_from:
            parts.append(wq.NumericRange("pub_end", _day(self.published_from.first_day()), None))
        if self.published_to:
            parts.append(wq.NumericRange("pub_start", None, _day(self.published_to.last_day())))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


def _slugs(option: str, values: Iterable[str], choices: tuple[str, ...]) -> tuple[str, ...]:
    """Values as slugs ("Wales", "northern_ireland" and "Northern Ireland" are all accepted)."""
    slugs = []
    for value in values:
        slug = "-".join(re.findall(r"[a-z0-9]+", value.lower()))
        if slug not in choices:
            raise FilterError(f"{option}: unknown value {value!r}; choose from {', '.join(choices)}")
        slugs.append(slug)
    return tuple(dict.fromkeys(slugs))


def _any(queries: Iterable[wq.Query]) -> wq.Query:
    items: Sequence[wq.Query] = list(queries)
    if not items:
        return wq.NullQuery
    return items[0] if len(items) == 1 else wq.Or(items)


def _day(value: date) -> int:
    return int(value.strftime("%Y%m%d"))


def _parse_bound(option: str, value: str | None) -> PartialDate | None:
    if value is None or not value.strip():
        return None
    parsed = parse_iso_partial(value.strip()) if re.fullmatch(r"\s*\d{4}(-\d{1,2}){0,2}\s*", value) else None
    if parsed is None:
        raise FilterError(f"{option} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return parsed
