"""Turn a review report file (PDF or HTML) into a :class:`Document` and its page texts.

This floor knows nothing of the index: :func:`extract` reads one file and
returns an :class:`Extraction`, or raises an :class:`ExtractionError` whose
message says what is wrong with the file.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import html as _html  # noqa: F401  (registers the HTML extractor)
from . import pdf as _pdf  # noqa: F401  (registers the PDF extractor)
from .errors import (
    CaseReviewsError,
    DamagedFileError,
    EmptyFileError,
    EncryptedError,
    ExtractionError,
    NoTextError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from .metadata import read_metadata
from .model import (
    AGE_BANDS,
    MANUAL,
    NATIONS,
    REVIEW_TYPES,
    UNKNOWN,
    Document,
    Extraction,
    Found,
    Metadata,
    Provenance,
    ThemeEvidence,
    Unresolved,
    age_band,
    age_bands,
)
from .registry import (
    SNIFF_BYTES,
    ExtractOptions,
    Extractor,
    RawDocument,
    kinds,
    register,
    registered,
    report_suffixes,
)
from .registry import extractor_for as _extractor_for
from .registry import sniff as _sniff
from .text import normalise_pages, normalise_text

#: Length of a document id: hex digits of the SHA-256 of the file's bytes.
ID_LENGTH = 12

__all__ = [
    "AGE_BANDS",
    "ID_LENGTH",
    "MANUAL",
    "NATIONS",
    "REVIEW_TYPES",
    "UNKNOWN",
    "CaseReviewsError",
    "DamagedFileError",
    "Document",
    "EmptyFileError",
    "EncryptedError",
    "ExtractOptions",
    "Extraction",
    "ExtractionError",
    "Extractor",
    "Found",
    "Metadata",
    "NoTextError",
    "Provenance",
    "RawDocument",
    "ThemeEvidence",
    "UnreadableFileError",
    "Unresolved",
    "UnsupportedFormatError",
    "age_band",
    "age_bands",
    "document_id",
    "extract",
    "file_sha256",
    "kinds",
    "register",
    "registered",
    "report_suffixes",
    "sniff_file",
]


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise UnreadableFileError(f"unreadable ({exc.strerror or exc})") from exc
    return digest.hexdigest()


def document_id(sha256: str) -> str:
    """A document's id: the first :data:`ID_LENGTH` hex digits of its SHA-256."""
    return sha256[:ID_LENGTH]


def sniff_file(path: Path) -> str | None:
    """The content type of ``path`` judged from its first bytes (not its name), or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except IsADirectoryError as exc:
        raise UnreadableFileError("is a directory") from exc
    except OSError as exc:
        raise UnreadableFileError(f"unreadable ({exc.strerror or exc})") from exc
    if not head:
        raise EmptyFileError("empty file (0 bytes)")
    return _sniff(head)


def extract(
    path: str | os.PathLike[str],
    options: ExtractOptions | None = None,
    sha256: str | None = None,
) -> Extraction:
    """Read one report file into an :class:`Extraction` (document facts and page texts).

    ``sha256`` may be passed when the caller already hashed the file. Raises a
    subclass of :class:`ExtractionError` naming the problem (empty, not a PDF
    or HTML file, encrypted, damaged, no text layer, unreadable).
    """
    path = Path(path)
    options = options or ExtractOptions()
    content_type = sniff_file(path)
    if content_type is None:
        raise UnsupportedFormatError(f"not a {kinds()} file")
    digest = sha256 or file_sha256(path)
    raw = _extractor_for(content_type).extract(path, options)
    pages = normalise_pages(raw.pages) if raw.paged else [normalise_text(p) for p in raw.pages]
    if not any(page.strip() for page in pages):
        raise NoTextError("no text layer (scanned?)" if raw.paged else "no visible text")
    metadata = read_metadata(raw, pages, path.name)
    document = Document(
        id=document_id(digest),
        sha256=digest,
        format=raw.format,
        pages=len(pages) if raw.paged else None,
        metadata=metadata,
        size=path.stat().st_size,
        flags=raw.flags,
    )
    return Extraction(document=document, page_texts=tuple(pages), warnings=raw.warnings)
