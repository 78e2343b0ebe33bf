"""The one route by which extractors are found: a small protocol and a registry.

Built-in extractors register themselves exactly as a plugin would, through
:func:`register`. Third-party packages can add extractors by exposing a
``casereviews.extractors`` entry point whose target is an :class:`Extractor`
instance; those are loaded the first time a file is sniffed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from .errors import UnsupportedFormatError

#: How many leading bytes :func:`sniff` looks at.
SNIFF_BYTES = 2048


@dataclass(frozen=True)
class ExtractOptions:
    """Per-run choices that change how files are read."""

    password: str | None = None
    #: pages without a text layer: "auto" (OCR when tesseract is installed), "always", "never"
    ocr: str = "auto"
    #: seconds one page's OCR may take before it is left unread
    ocr_timeout: float = 120.0
    #: folder of OCR results by file hash (None: no cache)
    ocr_cache: str | None = None
    #: called after each page OCR reads, in the process that reads it (never sent between processes)
    on_ocr_page: Callable[[int], None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Line:
    """A line of text on an early page with the size of its largest glyph (PDF points)."""

    text: str
    page: int
    size: float


@dataclass(frozen=True)
class RawDocument:
    """What a format extractor hands to the common pipeline (text still raw).

    ``info`` holds the metadata the container declares, with keys ``title``,
    ``author``, ``created`` (PDF CreationDate or HTML last-modified, as printed)
    and ``published`` (HTML ``<meta>``/``<time>`` publication dates).
    ``lines`` are the first pages' lines with font sizes, for cover-page reading.
    """

    format: str
    pages: tuple[str, ...]
    paged: bool = True
    info: Mapping[str, str] = field(default_factory=dict)
    lines: tuple[Line, ...] = ()
    flags: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: 1-based pages with no text layer (scans): OCR reads them when it can
    unread_pages: tuple[int, ...] = ()


@runtime_checkable
class Extractor(Protocol):
    """A handler for one content type."""

    #: The content type this extractor handles, e.g. ``"pdf"``; also the document ``format``.
    content_type: str
    #: Its name for people, in messages ("PDF").
    label: str
    #: File name endings a folder walk picks up without sniffing (".pdf"), lower case.
    suffixes: tuple[str, ...]
    #: The media types it reads ("application/pdf"), as paperless-ngx parsers declare theirs.
    media_types: tuple[str, ...]

    def sniff(self, head: bytes) -> bool:
        """Return True if ``head`` (the file's first bytes) looks like this content type."""
        ...

    def extract(self, path: Path, options: ExtractOptions) -> RawDocument:
        """Read ``path`` into a :class:`RawDocument`; raise an ``ExtractionError`` on failure."""
        ...


@runtime_checkable
class PageRenderer(Protocol):
    """An extractor that can also draw a page as an image, so OCR can read pages without text."""

    def render_page(self, path: Path, number: int, dpi: int, options: ExtractOptions) -> bytes:
        """Page ``number`` (1-based) of ``path`` as a grey-scale PNG at ``dpi``."""
        ...


_registry: dict[str, Extractor] = {}
_plugins_loaded = False


def register(extractor: Extractor) -> Extractor:
    """Add ``extractor`` to the registry (replacing any for the same content type)."""
    if not isinstance(extractor, Extractor):
        raise TypeError(f"{extractor!r} does not implement the Extractor protocol")
    _registry[extractor.content_type] = extractor
    return extractor


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in entry_points(group="casereviews.extractors"):
        register(entry.load())


def registered() -> tuple[str, ...]:
    """The content types that have an extractor, in sniffing order."""
    _load_plugins()
    return tuple(_registry)


def report_suffixes() -> frozenset[str]:
    """Every file ending some extractor declares (a folder walk takes these without sniffing)."""
    _load_plugins()
    return frozenset(suffix.lower() for e in _registry.values() for suffix in e.suffixes)


def kinds() -> str:
    """The readable kinds for messages: "PDF or HTML" (or "PDF, HTML or EPUB")."""
    _load_plugins()
    # a stable order whatever the import order: "PDF or HTML", as the messages have always said
    labels = sorted((e.label for e in _registry.values()), reverse=True)
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def sniff(head: bytes) -> str | None:
    """Return the content type whose extractor recognises ``head``, or None."""
    _load_plugins()
    for content_type, extractor in _registry.items():
        if extractor.sniff(head):
            return content_type
    return None


def extractor_for(content_type: str) -> Extractor:
    """Return the extractor registered for ``content_type``."""
    _load_plugins()
    try:
        return _registry[content_type]
    except KeyError:
        raise UnsupportedFormatError(f"no extractor for content type {content_type!r}") from None
