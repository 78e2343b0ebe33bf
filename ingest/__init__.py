"""Turn a review report file (PDF or HTML) into a :class:`Document` and its page texts.

This floor knows nothing of the index: :func:`extract` reads one file and
returns an :class:`Extraction`, or raises an :class:`ExtractionError` whose
message says what is wrong with the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path

from . import html as _html  # noqa: F401  (registers the HTML extractor)
from . import ocr
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
    SLUG_FIELDS,
    UNKNOWN,
    Document,
    Extraction,
    Found,
    Metadata,
    Provenance,
    SlugField,
    ThemeEvidence,
    Unresolved,
    age_band,
    age_bands,
)
from .outline import PAGE_SEPARATOR, SECTIONS, Heading, Outline, Recommendation, SectionMap
from .registry import (
    SNIFF_BYTES,
    ExtractOptions,
    Extractor,
    PageRenderer,
    RawDocument,
    kinds,
    register,
    registered,
    report_suffixes,
)
from .registry import extractor_for as _extractor_for
from .registry import sniff as _sniff
from .sections import read_outline
from .text import normalise_pages, normalise_text

#: Length of a document id: hex digits of the SHA-256 of the file's bytes.
ID_LENGTH = 12

__all__ = [
    "AGE_BANDS",
    "ID_LENGTH",
    "MANUAL",
    "NATIONS",
    "PAGE_SEPARATOR",
    "REVIEW_TYPES",
    "SECTIONS",
    "SLUG_FIELDS",
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
    "Heading",
    "Metadata",
    "NoTextError",
    "Outline",
    "PageRenderer",
    "Provenance",
    "RawDocument",
    "Recommendation",
    "SectionMap",
    "SlugField",
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
    "read_outline",
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


def _ocr_wanted(mode: str) -> bool:
    """Whether pages without text are read: never, always (tesseract or a named failure), or if present."""
    if mode not in ocr.MODES:
        raise ValueError(f"OCR mode must be one of {', '.join(ocr.MODES)}, not {mode!r}")
    return mode == "always" or (mode == "auto" and ocr.available())


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
    extractor = _extractor_for(content_type)
    raw = extractor.extract(path, options)
    texts, unread, warnings = list(raw.pages), raw.unread_pages, list(raw.warnings)
    read_by_ocr: tuple[int, ...] = ()
    if unread and isinstance(extractor, PageRenderer) and _ocr_wanted(options.ocr):
        outcome = ocr.read_pages(
            unread,
            lambda number: extractor.render_page(path, number, ocr.DPI, options),
            sha256=digest,
            cache_dir=options.ocr_cache,
            timeout=options.ocr_timeout,
            on_page=options.on_ocr_page,
        )
        for number, text in outcome.texts.items():
            texts[number - 1] = text
        read_by_ocr = tuple(sorted(outcome.texts))
        unread = tuple(n for n in unread if n not in outcome.texts)
        raw = dataclasses.replace(raw, pages=tuple(texts))  # metadata reads a cover in its raw text
        warnings += [f"page {number}: {why}" for number, why in sorted(outcome.failures.items())]
    pages = normalise_pages(texts) if raw.paged else [normalise_text(p) for p in texts]
    if not any(page.strip() for page in pages) and not unread:
        raise NoTextError("no text on any page" if raw.paged else "no visible text")
    metadata = read_metadata(raw, pages, path.name)
    outline = read_outline(pages, raw.paged, raw.info.get("headings", ""))
    flags = tuple(f for f in raw.flags if f != "no_text_layer") + (("no_text_layer",) if unread else ())
    document = Document(
        id=document_id(digest),
        sha256=digest,
        format=raw.format,
        pages=len(pages) if raw.paged else None,
        metadata=metadata,
        size=path.stat().st_size,
        flags=flags + (("ocr",) if read_by_ocr else ()),
        unread_pages=unread,
        ocr_pages=read_by_ocr,
        sections=outline.sections,
    )
    return Extraction(document=document, page_texts=tuple(pages), warnings=tuple(warnings), outline=outline)
