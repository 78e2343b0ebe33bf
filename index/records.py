"""How a document's record is kept in the catalog's columns, and a librarian's corrections applied.

The flags and the extracted metadata are JSON (older catalogs' forms still read), the page texts
zlib-compressed JSON; :func:`apply_corrections` lays a librarian's values over the extracted ones.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ingest import MANUAL, SLUG_FIELDS, Document, Found, Metadata, Provenance, ThemeEvidence, Unresolved

#: Metadata fields a correction may set (the rest of CORRECTABLE are notes on the record).
METADATA_FIELDS = ("title", "lscb", "published", "child_ages", *(f.name for f in SLUG_FIELDS))
#: Fields held as tuples (a correction may arrive as a list).
_TUPLE_FIELDS = ("child_ages", *(f.name for f in SLUG_FIELDS if f.many))
#: Fields a correction may set.
CORRECTABLE = (*METADATA_FIELDS, "source_url", "notes")


def flags_to_json(document: Document) -> str:
    """The flags column: a list of names, or (with page lists) an object holding them too."""
    if not document.unread_pages and not document.ocr_pages:
        return json.dumps(list(document.flags))  # what catalogs before OCR hold
    return json.dumps(
        {
            "flags": list(document.flags),
            "unread_pages": list(document.unread_pages),
            "ocr_pages": list(document.ocr_pages),
        }
    )


def flags_from_json(text: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]:
    """Flag names, unread pages and OCR pages from the flags column (either form)."""
    data = json.loads(text)
    if isinstance(data, list):
        return tuple(data), (), ()
    return (
        tuple(data.get("flags", ())),
        tuple(int(n) for n in data.get("unread_pages", ())),
        tuple(int(n) for n in data.get("ocr_pages", ())),
    )


def metadata_to_json(metadata: Metadata) -> str:
    """The extracted column: the metadata with its provenance, unresolved fields and theme evidence."""
    return json.dumps(
        {
            "title": metadata.title,
            "lscb": metadata.lscb,
            "published": metadata.published,
            "child_ages": list(metadata.child_ages),
            **{f.name: f.json_value(metadata) for f in SLUG_FIELDS},
            "provenance": {k: v.to_dict() for k, v in metadata.provenance.items()},
            "unresolved": {k: v.to_dict() for k, v in metadata.unresolved.items()},
            "theme_evidence": {k: v.to_dict() for k, v in metadata.theme_evidence.items()},
        },
        ensure_ascii=False,
    )


def metadata_from_json(text: str) -> Metadata:
    """Inverse of :func:`metadata_to_json` (a field a catalog lacks reads as empty)."""
    data = json.loads(text)
    slugs: dict[str, Any] = {f.name: f.from_json(data.get(f.name)) for f in SLUG_FIELDS}
    return Metadata(
        **slugs,
        title=data.get("title"),
        lscb=data.get("lscb"),
        published=data.get("published"),
        child_ages=tuple(data.get("child_ages") or ()),
        provenance={k: _provenance(v) for k, v in (data.get("provenance") or {}).items()},
        unresolved={
            k: Unresolved(
                v.get("reason", ""),
                tuple(Found(str(c.get("value", "")), _provenance(c)) for c in v.get("candidates") or ()),
            )
            for k, v in (data.get("unresolved") or {}).items()
        },
        theme_evidence={
            k: ThemeEvidence(
                int(v.get("mentions", 0)),
                tuple(v.get("pages") or ()),
                tuple(v.get("terms") or ()),
                v.get("finding"),
            )
            for k, v in (data.get("theme_evidence") or {}).items()
        },
    )


def _provenance(data: Mapping[str, object]) -> Provenance:
    page = data.get("page")
    text, score = str(data.get("text", "")), data.get("score")
    return Provenance(
        str(data.get("source", "")),
        page if isinstance(page, int) else None,
        text,
        float(score) if isinstance(score, (int, float)) else None,
    )


def compress_pages(pages: Sequence[str]) -> bytes:
    """Page texts as stored: zlib-compressed JSON."""
    return zlib.compress(json.dumps(list(pages), ensure_ascii=False).encode("utf-8"), 6)


def decompress_pages(blob: bytes) -> tuple[str, ...]:
    """Inverse of :func:`compress_pages`."""
    return tuple(json.loads(zlib.decompress(blob).decode("utf-8")))


def apply_corrections(document: Document, fields: Mapping[str, object]) -> Document:
    """``document`` with a librarian's values in place of the extracted ones."""
    if not fields:
        return document
    meta = document.metadata
    provenance = dict(meta.provenance)
    unresolved = dict(meta.unresolved)
    values: dict[str, object] = {}
    corrected = []
    for name in METADATA_FIELDS:
        if name in fields:
            value = fields[name]
            values[name] = tuple(value) if name in _TUPLE_FIELDS else value  # type: ignore[arg-type]
            provenance[name] = Provenance(MANUAL)
            unresolved.pop(name, None)
            corrected.append(name)
    if "themes" in fields:
        values["theme_evidence"] = {}  # a librarian's themes stand without the rules' evidence
    metadata = replace(meta, **values, provenance=provenance, unresolved=unresolved)  # type: ignore[arg-type]
    return replace(
        document,
        metadata=metadata,
        source_url=fields.get("source_url", document.source_url),  # type: ignore[arg-type]
        notes=fields.get("notes", document.notes),  # type: ignore[arg-type]
        corrected=tuple(corrected),
    )
