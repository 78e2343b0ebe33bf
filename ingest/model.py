"""Plain value objects that leave the ingest package.

They are frozen so that the index and search layers can pass them around and
cache them without defensive copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .outline import Outline

#: A child in a review is younger than this (the oldest care leavers reviews concern are 18); older
#: ages read from a report are a parent's or a sibling's, and a correction above it is refused.
MAX_CHILD_AGE = 19
AGE_BANDS: tuple[str, ...] = ("under-1", "1-5", "6-10", "11-15", "16+")
#: The kinds of review, one per statutory process (Welsh extended reviews are child practice reviews).
REVIEW_TYPES: tuple[str, ...] = (
    "serious-case-review",
    "child-safeguarding-practice-review",
    "child-practice-review",
    "significant-case-review",
    "learning-review",
    "case-management-review",
)
NATIONS: tuple[str, ...] = ("england", "wales", "scotland", "northern-ireland")
UNKNOWN = "unknown"

#: Provenance source recorded for values a librarian set by hand.
MANUAL = "manual"


@dataclass(frozen=True)
class SlugField:
    """A metadata field whose value is a slug of a closed list, or (``many``) a sorted tuple of them.

    The catalog, corrections and manifests, the JSON and CSV of documents and hits, ``show``,
    ``set`` and the review queue all read :data:`SLUG_FIELDS`, so such a field is declared once,
    here; its accepted values are its facet's (``index/facets.py``, by ``facet`` name).
    """

    name: str  # the Metadata attribute, and its name in JSON, CSV, corrections and manifests
    label: str  # for people ("review type")
    facet: str  # the facet registry's entry for it
    many: bool = False  # a tuple of slugs (themes) rather than one slug or None

    def value(self, metadata: Metadata) -> str | tuple[str, ...] | None:
        """This field's value in ``metadata``."""
        return getattr(metadata, self.name)

    def json_value(self, metadata: Metadata) -> str | list[str] | None:
        """The value as JSON writes it: a list for ``many``, else the slug or None."""
        value = self.value(metadata)
        return list(value or ()) if self.many else value  # type: ignore[return-value]

    def from_json(self, value: object) -> str | tuple[str, ...] | None:
        """The value from its JSON form (a catalog row)."""
        if self.many:
            return tuple(str(v) for v in value or ())  # type: ignore[attr-defined]
        return None if value is None else str(value)

    def text(self, metadata: Metadata) -> str:
        """The value for people: slugs joined with commas, "unknown" or "none found"."""
        value = self.value(metadata)
        if self.many:
            return ", ".join(value or ()) or "none found"
        return str(value) if value else UNKNOWN


#: Slug-valued metadata fields, in the order JSON and CSV write them (new fields go at the end).
SLUG_FIELDS: tuple[SlugField, ...] = (
    SlugField("review_type", "review type", "review_type"),
    SlugField("nation", "nation", "nation"),
    SlugField("themes", "themes", "theme", many=True),
)


def age_band(age_years: float) -> str:
    """Return the official analysis band (``under-1`` … ``16+``) for an age in years."""
    if age_years < 1:
        return "under-1"
    if age_years < 6:
        return "1-5"
    if age_years < 11:
        return "6-10"
    if age_years < 16:
        return "11-15"
    return "16+"


def age_bands(ages: tuple[float, ...]) -> tuple[str, ...]:
    """Bands for several ages, in band order and without repeats; ``("unknown",)`` if none."""
    if not ages:
        return (UNKNOWN,)
    found = {age_band(a) for a in ages}
    return tuple(b for b in AGE_BANDS if b in found)


@dataclass(frozen=True)
class Provenance:
    """Where a metadata value came from: the rule or source, the page, the text matched, the score."""

    source: str
    page: int | None = None
    text: str = ""
    #: how strongly the rule's source and context support the value (0–100); None when set by hand
    score: float | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON form used in ``provenance_detail``."""
        return {"source": self.source, "page": self.page, "text": self.text, "score": self.score}


@dataclass(frozen=True)
class Found:
    """A candidate value a rule found for a field, and where."""

    value: str
    where: Provenance

    def to_dict(self) -> dict[str, object]:
        """The JSON form: the value and its provenance."""
        return {"value": self.value, **self.where.to_dict()}


@dataclass(frozen=True)
class Unresolved:
    """Why a field is unknown: the reason and the best candidates that were not enough."""

    reason: str
    candidates: tuple[Found, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON form used in ``unknown_because``."""
        return {"reason": self.reason, "candidates": [c.to_dict() for c in self.candidates]}

    def describe(self) -> str:
        """One line for people: the reason, then each candidate with its page."""
        parts = []
        for cand in self.candidates:
            page = f"p. {cand.where.page}, " if cand.where.page else ""
            parts.append(f"{cand.value!r} ({page}{cand.where.source})")
        return self.reason + (": " + "; ".join(parts) if parts else "")


@dataclass(frozen=True)
class ThemeEvidence:
    """Why a review carries a theme: how many mentions, on which pages, and any finding naming it."""

    mentions: int
    pages: tuple[int, ...]
    terms: tuple[str, ...]
    finding: str | None = None  # the heading, finding or recommendation that names it

    def to_dict(self) -> dict[str, object]:
        """The JSON form (``theme_evidence`` in ``show``)."""
        return {"mentions": self.mentions, "pages": list(self.pages), "terms": list(self.terms),
                "finding": self.finding}  # fmt: skip

    def describe(self) -> str:
        """One line for people."""
        pages = ", ".join(str(p) for p in self.pages[:8]) + (" …" if len(self.pages) > 8 else "")
        said = f'; finding: "{self.finding}"' if self.finding else ""
        return f"{self.mentions} mentions on pages {pages} ({', '.join(self.terms[:4])}){said}"


@dataclass(frozen=True)
class Metadata:
    """The facts a review is filed under, with the provenance of each one found."""

    title: str | None = None
    lscb: str | None = None
    published: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": the precision printed
    child_ages: tuple[float, ...] = ()
    provenance: Mapping[str, Provenance] = field(default_factory=dict)
    review_type: str | None = None  # one of REVIEW_TYPES
    nation: str | None = None  # one of NATIONS
    #: for each field left unknown, why (no candidate, weak ones, or a tie) and what was found
    unresolved: Mapping[str, Unresolved] = field(default_factory=dict)
    themes: tuple[str, ...] = ()  # slugs of the controlled vocabulary, sorted
    #: why each theme was given (absent for themes a librarian set)
    theme_evidence: Mapping[str, ThemeEvidence] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # private copies, so the caller's dicts cannot change a frozen value later
        object.__setattr__(self, "provenance", dict(self.provenance or {}))
        object.__setattr__(self, "unresolved", dict(self.unresolved or {}))
        object.__setattr__(self, "theme_evidence", dict(self.theme_evidence or {}))

    @property
    def age_bands(self) -> tuple[str, ...]:
        """Bands derived from :attr:`child_ages`."""
        return age_bands(self.child_ages)


@dataclass(frozen=True)
class Document:
    """A review report as the rest of the system sees it (no text, just facts)."""

    id: str
    sha256: str
    format: str  # "pdf" or "html"
    pages: int | None  # page count for PDFs, None for HTML
    metadata: Metadata
    paths: tuple[str, ...] = ()
    size: int = 0
    ingested_at: str = ""  # ISO 8601 UTC, "Z" suffix
    flags: tuple[str, ...] = ()  # "no_text_layer" (some pages unread), "ocr" (some pages read by OCR)
    source_url: str | None = None
    notes: str | None = None
    corrected: tuple[str, ...] = ()  # metadata fields whose value a librarian set
    unread_pages: tuple[int, ...] = ()  # 1-based pages with no text layer that OCR has not read
    ocr_pages: tuple[int, ...] = ()  # 1-based pages whose text came from OCR
    #: the parts of the review its headings show (:data:`.outline.SECTIONS`); empty when none was read
    sections: tuple[str, ...] = ()

    @property
    def title(self) -> str | None:
        """Shortcut to ``metadata.title``."""
        return self.metadata.title

    @property
    def lscb(self) -> str | None:
        """Shortcut to ``metadata.lscb``."""
        return self.metadata.lscb

    @property
    def published(self) -> str | None:
        """Shortcut to ``metadata.published``."""
        return self.metadata.published

    @property
    def child_ages(self) -> tuple[float, ...]:
        """Shortcut to ``metadata.child_ages``."""
        return self.metadata.child_ages

    @property
    def age_bands(self) -> tuple[str, ...]:
        """Shortcut to ``metadata.age_bands``."""
        return self.metadata.age_bands

    @property
    def review_type(self) -> str | None:
        """Shortcut to ``metadata.review_type``."""
        return self.metadata.review_type

    @property
    def nation(self) -> str | None:
        """Shortcut to ``metadata.nation``."""
        return self.metadata.nation

    @property
    def themes(self) -> tuple[str, ...]:
        """Shortcut to ``metadata.themes``."""
        return self.metadata.themes

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of a document (``show``, ``list``): stable field names."""
        provenance = self.metadata.provenance
        return {
            "id": self.id,
            "title": self.title,
            "paths": list(self.paths),
            "format": self.format,
            "pages": self.pages,
            "lscb": self.lscb,
            "published": self.published,
            "child_ages": list(self.child_ages),
            "age_bands": list(self.age_bands),
            **{f.name: f.json_value(self.metadata) for f in SLUG_FIELDS},
            "sha256": self.sha256,
            "ingested_at": self.ingested_at,
            "provenance": {name: p.source for name, p in provenance.items()},
            "provenance_detail": {name: p.to_dict() for name, p in provenance.items()},
            "unknown_because": {name: u.to_dict() for name, u in self.metadata.unresolved.items()},
            "theme_evidence": {slug: e.to_dict() for slug, e in self.metadata.theme_evidence.items()},
            "corrected": list(self.corrected),
            "flags": list(self.flags),
            "unread_pages": list(self.unread_pages),
            "ocr_pages": list(self.ocr_pages),
            "sections": list(self.sections),
            "size": self.size,
            "source_url": self.source_url,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Extraction:
    """What an extractor returns: the document and the normalised text of each page.

    HTML pages are one "page". ``warnings`` are problems worth telling the user
    about that did not stop the extraction (e.g. some pages without a text layer).
    """

    document: Document
    page_texts: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    outline: Outline = field(default_factory=Outline)
