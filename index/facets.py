"""The facet registry: one entry per facet, and everything else follows from it.

An entry says the facet's name (its key in JSON facet counts and in
:class:`search.FacetCounts`), the index field that holds it, how its values are
read from a :class:`~ingest.Document`, how the CLI's filter option is named and
what it accepts, how a filter value becomes index terms, how counts are
ordered, and its label for people. The Whoosh schema, the fields written per
document, the search engine's facet counts, :class:`search.Filters`, the query
language's field names and the CLI's filter options are all built from
:data:`FACETS`, so a new facet is one :func:`register_facet` call (as
datasette registers its ``Facet`` classes).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whoosh.fields import ID, KEYWORD, FieldType

from ingest import AGE_BANDS, NATIONS, REVIEW_TYPES, SECTIONS, UNKNOWN, Document
from ingest.metadata import matches_filter, parse_iso_partial
from ingest.metadata.themes import VOCABULARY

from . import fields as F


class FacetValueError(ValueError):
    """A filter value the facet does not accept; the message says what it accepts."""


def _slug(value: str) -> str:
    return "-".join(re.findall(r"[a-z0-9+]+", value.lower()))


def _year_of(document: Document) -> tuple[str, ...]:
    published = parse_iso_partial(document.published) if document.published else None
    return (str(published.year),) if published else (UNKNOWN,)


def _band(value: str) -> str:
    normal = value.strip().lower().replace("–", "-").replace(" ", "")
    return {"<1": "under-1", "under1": "under-1", "0": "under-1", "16plus": "16+"}.get(normal, normal)


def _year(value: str) -> str:
    text = value.strip()
    if text.lower() == UNKNOWN:
        return UNKNOWN
    if not re.fullmatch(r"\d{4}", text):
        raise FacetValueError(f"takes a four-digit year, not {value!r}")
    return text


@dataclass(frozen=True)
class Facet:
    """One facet: where it lives in the index, how it is filtered, counted and shown."""

    name: str  # key in facet counts and JSON ("age_band")
    field: str  # index field holding the values
    label: str  # for people ("Age band")
    option: str  # the CLI filter option ("--age-band")
    dest: str  # the keyword the filter values arrive under ("age_bands")
    metavar: str
    help: str
    values: Callable[[Document], Sequence[str]]  # the values written for a document
    choices: tuple[str, ...] | None = None  # accepted filter values, if a closed list
    parse: Callable[[str], str] = _slug  # a typed value -> the value as indexed
    order: str = "count"  # "count" (largest first), "choices" (as listed) or "value" (sorted)
    multi: bool = False  # a document may hold several values
    query_names: tuple[str, ...] = ()  # names in the query language (``nation:wales``)
    #: filter values -> index terms, given the terms the index holds (the board filter matches areas)
    terms: Callable[[Sequence[str], Sequence[str]], list[str]] | None = None
    aliases: tuple[str, ...] = ()  # other spellings of ``name`` accepted as input
    #: the index schema version that added this facet: registering one with a newer number raises
    #: the schema version, so older indexes are refused until rebuilt (no separate bump to forget)
    since: int = 1
    #: a property of a match's passage, not of a report (the section): with a query, a report counts
    #: under each value its matches fall in, and a filter on it keeps the matches inside; the values
    #: written for a report (the parts it has) only serve listings with no query
    per_match: bool = False
    #: ``reindex`` reads this facet's values from the stored text (the section, from the outline);
    #: other facets added by a newer version wait for ``ingest --force`` to read the files again
    from_text: bool = False

    def schema_field(self) -> FieldType:
        """The Whoosh field type that holds this facet's values."""
        if self.multi:
            return KEYWORD(commas=True, lowercase=False, scorable=False)
        return ID(sortable=True)

    def index_value(self, document: Document) -> str:
        """What is written to the index for ``document`` (comma-joined when multi-valued)."""
        return ",".join(self.values(document) or (UNKNOWN,))

    def parse_values(self, raw: Sequence[str]) -> tuple[str, ...]:
        """Filter values as indexed, in order and without repeats; raise FacetValueError on a bad one."""
        parsed = []
        for value in raw:
            if not str(value).strip():
                continue
            normal = self.parse(str(value))
            if self.choices is not None and normal not in self.choices:
                raise FacetValueError(f"unknown value {value!r}; choose from {', '.join(self.choices)}")
            parsed.append(normal)
        return tuple(dict.fromkeys(parsed))

    def index_terms(self, wanted: Sequence[str], present: Sequence[str]) -> list[str]:
        """The index terms a filter's values stand for."""
        if self.terms is None:
            return list(wanted)
        return self.terms(wanted, present)

    def ordered(self, counts: dict[str, int]) -> dict[str, int]:
        """Counts in this facet's order, ``unknown`` last."""
        if self.order == "choices" and self.choices:
            rank = {value: i for i, value in enumerate(self.choices)}
            return dict(sorted(counts.items(), key=lambda kv: rank.get(kv[0], len(rank))))
        if self.order == "value":
            return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN, kv[0])))
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0])))


def _boards(wanted: Sequence[str], present: Sequence[str]) -> list[str]:
    terms: list[str] = []
    for needle in wanted:
        if needle.lower() == UNKNOWN:
            terms.append(UNKNOWN)
        terms += [b for b in present if b != UNKNOWN and matches_filter(b, needle)]
    return list(dict.fromkeys(terms))


#: Every facet by name, in the order they are shown.
FACETS: dict[str, Facet] = {}


def register_facet(facet: Facet) -> Facet:
    """Add a facet (by name; a second registration of a name replaces the first)."""
    FACETS[facet.name] = facet
    return facet


def facet(name: str) -> Facet:
    """The facet called ``name`` (or one of its aliases; ``-`` and ``_`` are the same)."""
    key = name.strip().lower().replace("-", "_")
    for candidate in FACETS.values():
        if key == candidate.name or key in candidate.aliases:
            return candidate
    raise KeyError(name)


register_facet(
    Facet(
        "age_band", F.AGE_BAND, "Age band", "--age-band", "age_bands", "BAND",
        "under-1, 1-5, 6-10, 11-15, 16+ or unknown (repeat for OR).",
        values=lambda d: d.age_bands, choices=(*AGE_BANDS, UNKNOWN), parse=_band, order="choices", multi=True,
        aliases=("age", "band"),
    )
)  # fmt: skip
register_facet(
    Facet(
        "year", F.YEAR, "Year", "--year", "years", "YYYY", "Published in YYYY (repeat for OR).",
        values=_year_of, parse=_year, order="value", query_names=("year",), aliases=("published",),
    )
)  # fmt: skip
register_facet(
    Facet(
        "lscb", F.BOARD, "Board", "--lscb", "lscb", "TEXT",
        "Board or partnership whose name or area contains TEXT, e.g. 'bexley' (repeat for OR).",
        values=lambda d: (d.lscb,) if d.lscb else (UNKNOWN,), parse=lambda v: v.strip(), terms=_boards,
        aliases=("board",),
    )
)  # fmt: skip
register_facet(
    Facet(
        "review_type", F.REVIEW_TYPE, "Review type", "--review-type", "review_types", "TYPE",
        f"{', '.join((*REVIEW_TYPES, UNKNOWN))} (repeat for OR).",
        values=lambda d: (d.review_type,) if d.review_type else (UNKNOWN,), choices=(*REVIEW_TYPES, UNKNOWN),
        query_names=("review_type", "type"), aliases=("type",), since=4,
    )
)  # fmt: skip
register_facet(
    Facet(
        "nation", F.NATION, "Nation", "--nation", "nations", "NATION",
        f"{', '.join((*NATIONS, UNKNOWN))} (repeat for OR).",
        values=lambda d: (d.nation,) if d.nation else (UNKNOWN,), choices=(*NATIONS, UNKNOWN),
        query_names=("nation",), since=4,
    )
)  # fmt: skip
register_facet(
    Facet(
        "theme", F.THEME, "Theme", "--theme", "themes", "THEME",
        "What the review discusses, e.g. neglect, domestic-abuse, safe-sleeping (repeat for OR).",
        values=lambda d: d.themes, choices=(*VOCABULARY, UNKNOWN), multi=True, query_names=("theme",),
        aliases=("themes",), since=5,
    )
)  # fmt: skip
register_facet(
    Facet(
        "section", F.SECTION, "Section", "--section", "sections", "SECTION",
        "Only matches inside this part of a review: summary, terms-of-reference, background, chronology, "
        "analysis, good-practice, recommendations, conclusions, appendix or other (repeat for OR).",
        values=lambda d: d.sections, choices=(*SECTIONS, UNKNOWN), order="choices", multi=True,
        query_names=("section",), aliases=("sections", "part"), since=7, per_match=True, from_text=True,
    )
)  # fmt: skip
