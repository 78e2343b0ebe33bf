"""Librarians' corrections: validated values, and manifests that carry many of them.

A correction overrides an extracted value and is stored apart from it (see
:mod:`index.catalog`), so it survives re-ingest, forced re-extraction and rebuilds.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest import SLUG_FIELDS, UNKNOWN
from ingest.metadata import parse_date, parse_iso_partial, resolve_board
from ingest.metadata.ages import parse_age
from ingest.model import MAX_CHILD_AGE

from .errors import CorrectionError, ManifestError
from .facets import facet
from .records import CORRECTABLE

#: Manifest column that names the document: one of these must be present in each row.
REFERENCE_COLUMNS = ("id", "path")
#: Written in a field to say "this value is not known" (as opposed to leaving it unchanged).
UNKNOWN_WORDS = frozenset({"unknown", "none", "null", "n/a"})


@dataclass(frozen=True)
class ManifestRow:
    """One manifest row: which document (by id or path) and the values to set."""

    ref: str
    fields: Mapping[str, object]
    where: str  # "manifest.csv:3", for messages


def validate(raw: Mapping[str, object]) -> dict[str, object]:
    """Check and normalise correction values; raise :class:`CorrectionError` on a bad one.

    Empty values are skipped (no change); ``unknown`` clears a metadata field.
    Boards are put into their canonical form when the gazetteer knows them.
    """
    fields: dict[str, object] = {}
    for name, value in raw.items():
        if name not in CORRECTABLE:
            raise CorrectionError(f"cannot correct {name!r}; correctable: {', '.join(CORRECTABLE)}")
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and _CONTROL.search(text):
            bad = _CONTROL.search(text).group(0)  # type: ignore[union-attr]
            raise CorrectionError(
                f"{name} must be one line of text; it holds the control character {bad!r} "
                f"(a line break, tab or other invisible character) at position {text.index(bad) + 1}"
            )
        if isinstance(text, str) and text.lower() in UNKNOWN_WORDS and name in _CLEARABLE:
            fields[name] = None
            continue
        if name == "lscb":
            fields[name] = resolve_board(str(text)) or " ".join(str(text).split())
        elif name == "published":
            fields[name] = _published(str(text))
        elif name == "child_ages":
            fields[name] = _ages(text)
        elif name in _SLUGS:
            spec = _SLUGS[name]
            choices = tuple(c for c in facet(spec.facet).choices or () if c != UNKNOWN)
            fields[name] = _slugs(name, text, choices) if spec.many else _choice(name, str(text), choices)
        else:
            fields[name] = str(text)
    return fields


#: The slug-valued fields by name (their accepted values are their facets' choices).
_SLUGS = {f.name: f for f in SLUG_FIELDS}

#: Characters that break a record (a line break ends a RIS field) and are invisible in a listing.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")

#: Fields that ``unknown`` clears (child ages are cleared by their own parser).
_CLEARABLE = ("lscb", "published", *(f.name for f in SLUG_FIELDS if not f.many))


def _slugs(name: str, value: object, choices: tuple[str, ...]) -> list[str]:
    """Slugs separated by ';' (or a list); ``unknown`` or ``none`` for none at all."""
    items = value if isinstance(value, (list, tuple)) else re.split(r"[;,]", str(value))
    slugs = [_choice(name, str(item), choices, none_allowed=True) for item in items if str(item).strip()]
    return sorted(set(slugs) - {UNKNOWN})


def _choice(name: str, text: str, choices: tuple[str, ...], *, none_allowed: bool = False) -> str:
    """One of ``choices``, written with spaces, underscores or capitals as a person may type it."""
    slug = "-".join(re.findall(r"[a-z]+", text.lower()))
    if slug in ("unknown", "none") and none_allowed:
        return UNKNOWN
    if slug not in choices:
        raise CorrectionError(f"{name} must be one of {', '.join(choices)} (or unknown), not {text!r}")
    return slug


def _published(text: str) -> str:
    parsed = parse_iso_partial(text) if re.fullmatch(r"\d{4}(-\d{1,2}){0,2}", text) else parse_date(text)
    if parsed is None:
        raise CorrectionError(
            f"published must be a date such as 2016, 2016-03 or 2016-03-14 (or '14 March 2016'), not {text!r}"
        )
    return str(parsed)


def _ages(value: object) -> list[float]:
    if isinstance(value, (int, float)):
        items: list[object] = [value]
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        text = str(value)
        if text.lower() in UNKNOWN_WORDS:
            return []
        items = [part for part in re.split(r"[;,]", text) if part.strip()]
    ages = []
    for item in items:
        if isinstance(item, (int, float)):
            ages.append(float(item))
            continue
        part = str(item).strip()
        try:
            ages.append(float(part))
            continue
        except ValueError:
            pass
        parsed = parse_age(part) if re.search(r"\d|[a-z]", part, re.I) else []
        if len(parsed) != 1:
            raise CorrectionError(
                f"child_ages takes ages in years separated by ';' (e.g. 0.42;3) or phrases "
                f"such as '5 months', not {part!r}"
            )
        ages.append(parsed[0])
    for age in ages:
        if not 0 <= age < MAX_CHILD_AGE:
            raise CorrectionError(f"a child's age must be between 0 and {MAX_CHILD_AGE} years, not {age:g}")
    return [round(a, 2) for a in ages]


#: Columns a review-queue sheet carries for the librarian's eyes only; a manifest ignores them.
INFO_COLUMNS = ("document", "to_check", "found")


def read_manifest(path: str | Path) -> list[ManifestRow]:
    """Read a CSV (header row) or JSON (list of objects) manifest.

    Each row names a document by ``id`` or ``path`` (relative paths are taken
    from the manifest's folder) and gives any of the correctable fields; the
    informational columns of a review-queue sheet (:data:`INFO_COLUMNS`) are ignored.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc}") from exc
    records: list[tuple[str, Mapping[str, object]]]
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg})") from exc
        if isinstance(data, dict):
            data = data.get("documents", [data])
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ManifestError(f"{path}: a JSON manifest is a list of objects")
        records = [(f"{path}:{n}", item) for n, item in enumerate(data, start=1)]
    else:
        reader = csv.DictReader(text.splitlines())
        if not reader.fieldnames:
            raise ManifestError(f"{path} is empty; the first row must name the columns")
        records = [(f"{path}:{n}", row) for n, row in enumerate(reader, start=2)]
    rows = []
    for where, record in records:
        ref = _reference(record, path.parent, where)
        fields = {
            k.strip(): v
            for k, v in record.items()
            if k and k.strip() not in REFERENCE_COLUMNS and k.strip() not in INFO_COLUMNS
        }
        unknown = [k for k in fields if k not in CORRECTABLE]
        if unknown:
            raise ManifestError(
                f"{where}: unknown column {unknown[0]!r}; use id or path, and any of {', '.join(CORRECTABLE)}"
            )
        try:
            rows.append(ManifestRow(ref, validate(fields), where))
        except CorrectionError as exc:
            raise ManifestError(f"{where}: {exc}") from exc
    return rows


def _reference(record: Mapping[str, object], base: Path, where: str) -> str:
    doc_id = str(record.get("id") or "").strip()
    if doc_id:
        return doc_id
    path = str(record.get("path") or "").strip()
    if not path:
        raise ManifestError(f"{where}: each row needs an id or a path")
    candidate = Path(path).expanduser()
    return str(candidate if candidate.is_absolute() else base / candidate)


def manifest_paths(rows: Sequence[ManifestRow]) -> list[str]:
    """The files a manifest names by path that exist on disk (to ingest with it)."""
    return [row.ref for row in rows if Path(row.ref).is_file()]
