"""PDF reports: page text and cover layout through pdfium, pdfplumber as the fallback.

pdfium (via pypdfium2, which pdfplumber already depends on) reads text about
25 times faster than pdfminer and keeps two-column pages in reading order, so
it supplies the page text, and the glyph sizes of the first pages' lines,
which is how the board and title are told apart on a cover page. pdfplumber
(pdfminer) is lenient with some files pdfium refuses: it is the fallback,
for the text and the cover layout. Every page is closed as soon as it has
been read so memory stays flat on long reports. docs/ARCHITECTURE.md records
the measurements behind this split.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import DamagedFileError, EncryptedError, UnreadableFileError
from .pdf_headings import StyledLine, heading_hints, styled_lines
from .registry import ExtractOptions, Line, RawDocument, register
from .text import cid_ratio

if TYPE_CHECKING:  # pdfplumber is imported where the fallback runs: workers start faster without it
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

#: Most pixels a page is drawn with for OCR: an A4 page at 300 dpi is 8.7 million.
MAX_RENDER_PIXELS = 40_000_000
#: How many leading pages are read for their layout (cover page, library cover sheet).
COVER_PAGES = 2
#: Pages whose type is read before deciding whether the report sets its headings apart by type at
#: all: reading it on every page of a report in one type cost 3.4% of a worker's time on the
#: benchmark's corpus, for nothing.
TYPE_PAGES = 8

_LINE_TOLERANCE = 2.0  # points: words whose tops differ by less sit on one line
# replacement characters and the private use area: glyphs pdfium could not map to text
_GARBAGE = re.compile("[\ufffd\ue000-\uf8ff]")

# pdfminer logs every malformed object at WARNING; a batch of real reports would flood stderr.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _garbage_ratio(text: str) -> float:
    if not text:
        return 0.0
    odd = len(_GARBAGE.findall(text))
    return max(odd / len(text), cid_ratio(text) if "(cid:" in text else 0.0)


def _is_text(text: str) -> bool:
    """False for pages whose 'text' is empty or mostly unmapped glyphs."""
    return bool(text.strip()) and _garbage_ratio(text) < 0.3


#: Characters sampled per page to tell text from glyphs that map to no character.
_MAP_SAMPLE = 64


def _unmapped_share(textpage: Any) -> float:
    """Share of a sample of the page's characters whose font gives no Unicode mapping.

    pdfium turns such glyphs into arbitrary code points (pdfminer prints them as
    ``(cid:NN)``); they look like text but are not.
    """
    count = textpage.count_chars()
    if count == 0:
        return 0.0
    step = max(1, count // _MAP_SAMPLE)
    sample = range(0, count, step)
    errors = sum(1 for index in sample if pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, index) == 1)
    return errors / len(sample)


def _pdfium_error(exc: Exception, has_password: bool) -> Exception:
    message = str(exc)
    if "password" in message.lower():
        hint = "wrong password" if has_password else "encrypted: give its password"
        return EncryptedError(hint)
    if "File access" in message:
        return UnreadableFileError("unreadable (could not open the file)")
    return DamagedFileError(f"damaged or not a PDF ({message.split('(PDFium: ')[-1].rstrip(').')})")


def _pdfminer_error(exc: PdfminerException, has_password: bool) -> Exception:
    cause = exc.args[0] if exc.args else exc
    name = type(cause).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
        hint = "wrong password" if has_password else "encrypted: give its password"
        return EncryptedError(hint)
    if name == "PSEOF":
        return DamagedFileError("damaged PDF (truncated: unexpected end of file)")
    detail = str(cause) or name
    return DamagedFileError(f"damaged PDF ({detail})")


def _pdfium_lines(textpage: Any, number: int) -> list[Line]:
    """A page's lines, each with the size of its largest glyph, read from pdfium's characters."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: indices no longer line up
        return [Line(line.strip(), number, 0.0) for line in text.splitlines() if line.strip()]
    lines: list[Line] = []
    chars: list[str] = []
    largest = 0.0
    for index, char in enumerate(text):
        if char in "\r\n":
            if "".join(chars).strip():
                lines.append(Line(" ".join("".join(chars).split()), number, round(largest, 1)))
            chars, largest = [], 0.0
            continue
        chars.append(char)
        largest = max(largest, pdfium_c.FPDFText_GetFontSize(textpage.raw, index))
    if "".join(chars).strip():
        lines.append(Line(" ".join("".join(chars).split()), number, round(largest, 1)))
    return lines


def _pdfium_pages(
    path: Path, password: str | None
) -> tuple[list[str], list[bool], dict[str, str], list[Line], str]:
    """Text of every page, whether each page carries an image, the info dictionary, cover lines,
    and the headings its type sets apart (:func:`.pdf_headings.heading_hints`)."""
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        raise _pdfium_error(exc, password is not None) from exc
    try:
        info = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        texts: list[str] = []
        images: list[bool] = []
        lines: list[Line] = []
        styled: list[StyledLine] = []
        body_lines: list[StyledLine] = []
        types = True
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise DamagedFileError(f"damaged PDF (page {index + 1} cannot be read)") from exc
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                    if text.strip() and _unmapped_share(textpage) > 0.3:
                        text = ""  # glyphs without a character map: not a text layer
                    if index < COVER_PAGES:
                        lines += _pdfium_lines(textpage, index + 1)
                    if index == TYPE_PAGES and not heading_hints(styled, body_lines, first_page=2):
                        types = False  # its first pages set nothing apart by type: nor will the rest
                    if text and types:
                        count = textpage.count_chars()
                        # the bounded text's indices are pdfium's, except where its length differs
                        # (a table page of the labelled set lost two characters): then ask for the
                        # range text, whose indices always are
                        aligned = text if len(text) == count else textpage.get_text_range(0, count)
                        if len(aligned) == count:
                            could_be, body = styled_lines(textpage, aligned, index + 1)
                            styled += could_be
                            body_lines += body
                finally:
                    textpage.close()
                has_image = False
                if not _is_text(text):
                    has_image = any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
            finally:
                page.close()
            texts.append(text)
            images.append(has_image)
        first = 2 if len(texts) > 1 else 1
        return texts, images, info, lines, heading_hints(styled, body_lines, first_page=first)
    finally:
        pdf.close()


@contextmanager
def _plumber(path: Path, password: str | None) -> Iterator[pdfplumber.PDF]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PdfminerException as exc:
        raise _pdfminer_error(exc, password is not None) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _plumber_pages(path: Path, password: str | None) -> tuple[list[str], list[bool], dict[str, str]]:
    """The slow, lenient route: pdfminer's text for every page (used when pdfium refuses)."""
    from pdfplumber.utils.exceptions import PdfminerException

    with _plumber(path, password) as pdf:
        info = {str(k): str(v) for k, v in pdf.metadata.items() if isinstance(v, (str, int))}
        texts: list[str] = []
        images: list[bool] = []
        try:
            for page in pdf.pages:
                try:
                    text = page.extract_text(use_text_flow=True) or ""
                    texts.append(text)
                    images.append(not _is_text(text) and bool(page.images))
                finally:
                    page.close()
        except PdfminerException as exc:
            raise _pdfminer_error(exc, password is not None) from exc
    return texts, images, info


def _cover_lines(path: Path, password: str | None, page_count: int) -> tuple[Line, ...]:
    """Lines of the first pages with the size of their largest glyph."""
    from pdfplumber.utils.exceptions import PdfminerException

    lines: list[Line] = []
    try:
        with _plumber(path, password) as pdf:
            for number, page in enumerate(pdf.pages[: min(COVER_PAGES, page_count)], start=1):
                try:
                    words = page.extract_words(extra_attrs=["size"], use_text_flow=True)
                finally:
                    page.close()
                current: list[dict[str, Any]] = []
                for word in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
                    if current and abs(float(word["top"]) - float(current[0]["top"])) > _LINE_TOLERANCE:
                        lines.append(_line(current, number))
                        current = []
                    current.append(word)
                if current:
                    lines.append(_line(current, number))
    except (PdfminerException, DamagedFileError, EncryptedError, ValueError, KeyError):
        return ()  # layout is a bonus for metadata; the page text still stands
    return tuple(lines)


def _line(words: list[dict[str, Any]], page: int) -> Line:
    text = " ".join(str(w["text"]) for w in words)
    size = max(float(w["size"]) for w in words)
    return Line(text=text, page=page, size=round(size, 1))


class PdfExtractor:
    """Extracts page texts, the info dictionary and cover-page layout from a PDF."""

    content_type = "pdf"
    label = "PDF"
    suffixes: tuple[str, ...] = (".pdf",)
    media_types: tuple[str, ...] = ("application/pdf",)

    def sniff(self, head: bytes) -> bool:
        """PDF if the header ``%PDF-`` occurs in the first kilobyte (as readers accept)."""
        return b"%PDF-" in head[:1024]

    def extract(self, path: Path, options: ExtractOptions) -> RawDocument:
        """Read every page; raise a typed ``ExtractionError`` naming what is wrong."""
        password = options.password
        try:
            texts, images, info, lines, headings = _pdfium_pages(path, password)
        except DamagedFileError:
            # pdfminer recovers some files pdfium rejects; if it fails too, report its reason
            texts, images, info = _plumber_pages(path, password)
            lines = list(_cover_lines(path, password, len(texts)))
            headings = ""  # pdfminer's fallback reads no type: the headings come from the text alone
        if not texts:
            raise DamagedFileError("damaged PDF (no pages)")
        readable = [_is_text(t) for t in texts]
        if any(readable):
            # some text: a page without any that carries an image is a scan (a blank page is blank)
            unread = tuple(n for n, (ok, image) in enumerate(zip(readable, images, strict=True), 1)
                           if image and not ok)  # fmt: skip
        else:
            unread = tuple(range(1, len(texts) + 1))  # no text at all: every page is a scan
        flags: tuple[str, ...] = ("no_text_layer",) if unread else ()
        pages = tuple(t if ok else "" for t, ok in zip(texts, readable, strict=True))
        return RawDocument(
            format="pdf",
            pages=pages,
            info={
                key: value
                for key, value in (
                    ("title", info.get("Title", "")),
                    ("author", info.get("Author", "")),
                    ("created", info.get("CreationDate", "")),
                    ("headings", headings),
                )
                if value
            },
            lines=tuple(lines),
            flags=flags,
            unread_pages=unread,
        )

    def render_page(self, path: Path, number: int, dpi: int, options: ExtractOptions) -> bytes:
        """Page ``number`` (1-based) as a grey-scale PNG at ``dpi``, for OCR."""
        try:
            pdf = pdfium.PdfDocument(str(path), password=options.password)
        except pdfium.PdfiumError as exc:
            raise _pdfium_error(exc, options.password is not None) from exc
        try:
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                # a poster-sized page at 300 dpi would need gigabytes: cap the bitmap's pixels
                scale = min(dpi / 72, (MAX_RENDER_PIXELS / max(1.0, width * height)) ** 0.5)
                image = page.render(scale=scale, grayscale=True).to_pil()
            finally:
                page.close()
        finally:
            pdf.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()


register(PdfExtractor())
