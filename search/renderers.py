"""Output formats for records (documents and hits) and facet tables: one registry of renderers.

As datasette's ``register_output_renderer``: each format is one :class:`Renderer`
entry, and the faces' format choices and their help come from :data:`RENDERERS`.
The machine formats live here, below both faces (the CLI and a web page share
them); the CLI registers its ``text`` renderer for people the same way.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ingest import SLUG_FIELDS, Document

from .citations import bibtex, ris
from .model import Hit

Record = Document | Hit

#: CSV columns of a document and of a hit (new columns go at the end: scripts read by position too).
#: The slug-valued metadata fields (review type, nation, themes, …) close both, in their table's order.
DOCUMENT_COLUMNS = (
    "id", "title", "lscb", "published", "child_ages", "age_bands", "format", "pages", "paths",
    "sha256", "ingested_at", *(f.name for f in SLUG_FIELDS),
)  # fmt: skip
HIT_COLUMNS = (
    "id", "title", "lscb", "published", "child_ages", "age_bands", "score", "match_pages",
    "paths", "snippets", *(f.name for f in SLUG_FIELDS),
)  # fmt: skip


def _place(page: int | None, section: str | None) -> str:
    """A snippet's place in a CSV cell: "p.12 · recommendations: ", "p.3: ", "analysis: "."""
    place = " · ".join(part for part in ((f"p.{page}" if page else ""), section or "") if part)
    return f"{place}: " if place else ""


#: A cell starting with one of these is a formula to a spreadsheet (OWASP's CSV injection advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Renderer:
    """One output format: what it is for, and how it writes records and facet tables."""

    name: str
    audience: str  # "people", "scripts" or "reference managers" (format choices are grouped by it)
    #: documents or hits -> text; the second argument says which ("documents" or "hits")
    records: Callable[[Sequence[Record], str], str] | None = None
    facets: Callable[[Mapping[str, Mapping[str, int]]], str] | None = None
    #: how a download in this format is labelled (the web page's exports)
    media_type: str = "text/plain; charset=utf-8"
    extension: str = "txt"


#: Every output format by name, in the order format choices list them.
RENDERERS: dict[str, Renderer] = {}


def register_renderer(renderer: Renderer) -> Renderer:
    """Add an output format (a second registration of a name replaces the first)."""
    RENDERERS[renderer.name] = renderer
    return renderer


def formats(kind: str) -> tuple[str, ...]:
    """The formats that can write ``kind``: ``"records"`` or ``"facets"``."""
    return tuple(name for name, r in RENDERERS.items() if getattr(r, kind) is not None)


def render_records(fmt: str, items: Sequence[Record], kind: str = "documents") -> str:
    """``items`` in format ``fmt``; ``kind`` is ``"documents"`` or ``"hits"`` (it names the CSV columns)."""
    writer = RENDERERS[fmt].records
    if writer is None:
        raise ValueError(f"the {fmt} format does not write documents")
    return writer(items, kind)


def render_facets(fmt: str, counts: Mapping[str, Mapping[str, int]]) -> str:
    """Facet counts in format ``fmt``."""
    writer = RENDERERS[fmt].facets
    if writer is None:
        raise ValueError(f"the {fmt} format does not write facet counts")
    return writer(counts)


def to_json(data: object) -> str:
    """Indented JSON, UTF-8 characters kept (no \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(data: object) -> str:
    """One compact JSON line."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_value(value: object) -> object:
    """A cell as written: lists joined with ``;``, nothing for None, formulas made text."""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text, never run: "=HYPERLINK(…)" in a title is hostile input
    return value


def to_csv(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """A header row and one row per mapping (only ``columns``, in that order)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_value(v) for k, v in row.items()})
    return buffer.getvalue()


def flat(item: Record) -> dict[str, object]:
    """A hit or document as a flat row (a hit's snippets joined as 'p.N: text | …')."""
    row = item.to_dict()
    if isinstance(item, Hit):
        row["snippets"] = " | ".join(_place(s.page, s.section) + s.text for s in item.snippets)
    return row


def _csv_records(items: Sequence[Record], kind: str) -> str:
    return to_csv((flat(item) for item in items), HIT_COLUMNS if kind == "hits" else DOCUMENT_COLUMNS)


register_renderer(
    Renderer(
        "json",
        "scripts",
        records=lambda items, _kind: to_json([item.to_dict() for item in items]),
        facets=lambda counts: to_json({k: dict(v) for k, v in counts.items()}),
        media_type="application/json",
        extension="json",
    )
)
register_renderer(
    Renderer(
        "jsonl",
        "scripts",
        records=lambda items, _kind: "".join(to_jsonl(i.to_dict()) for i in items),
        media_type="application/x-ndjson",
        extension="jsonl",
    )
)
register_renderer(
    Renderer("csv", "scripts", records=_csv_records, media_type="text/csv; charset=utf-8", extension="csv")
)
register_renderer(
    Renderer(
        "ris",
        "reference managers",
        records=lambda items, _kind: ris(items),
        media_type="application/x-research-info-systems",
        extension="ris",
    )
)
register_renderer(
    Renderer(
        "bibtex",
        "reference managers",
        records=lambda items, _kind: bibtex(items),
        media_type="application/x-bibtex",
        extension="bib",
    )
)
