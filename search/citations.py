"""Citations for reference managers: RIS and BibTeX, for documents and for search hits.

The board is the corporate author and the publisher; a search hit also cites
the page its first match is on. Records without a source URL point to the
file by a ``file://`` URL.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from pathlib import Path

from ingest import UNKNOWN, Document
from ingest.metadata import parse_iso_partial

from .model import Hit

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _url(document: Document, page: int | None = None) -> str | None:
    """The source URL, else the file's address; a hit's links open at its cited page (``#page=N``)."""
    at = f"#page={page}" if page is not None and document.pages is not None else ""
    if document.source_url:
        return document.source_url + (
            at if document.source_url.lower().split("?")[0].endswith(".pdf") else ""
        )
    if document.paths:
        return Path(document.paths[0]).as_uri() + at
    return None


def _record(item: Document | Hit) -> tuple[Document, int | None]:
    if isinstance(item, Hit):
        page = item.match_pages[0] if item.match_pages else None
        return item.document, page
    return item, None


def ris(items: Iterable[Document | Hit]) -> str:
    """RIS records (``TY  - RPRT`` … ``ER  -``), one per document or hit."""
    out: list[str] = []
    for item in items:
        document, page = _record(item)
        lines = [("TY", "RPRT"), ("ID", document.id)]
        if document.title:
            lines.append(("TI", document.title))
        if document.lscb:
            lines += [("AU", document.lscb), ("PB", document.lscb)]
        published = parse_iso_partial(document.published) if document.published else None
        if published:
            lines.append(("PY", str(published.year)))
            month = f"{published.month:02d}" if published.month else ""
            day = f"{published.day:02d}" if published.day else ""
            lines.append(("DA", f"{published.year}/{month}/{day}/"))
        url = _url(document, page)
        if url:
            lines.append(("UR", url))
        if page is not None:
            lines.append(("SP", str(page)))
        for band in document.age_bands:
            if band != UNKNOWN:
                lines.append(("KW", f"age band {band}"))
        lines += [("KW", theme) for theme in document.themes]
        if isinstance(item, Hit) and item.snippets:
            snippet = item.snippets[0]
            where = f"p. {snippet.page}: " if snippet.page else ""
            lines.append(("N1", f"{where}{snippet.text}"))
        if document.notes:
            lines.append(("N1", document.notes))
        lines.append(("ER", ""))
        out.append("\n".join(f"{tag}  - {value}".rstrip() for tag, value in lines))
    return "\n\n".join(out) + ("\n" if out else "")


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def bibtex(items: Iterable[Document | Hit]) -> str:
    """BibTeX ``@techreport`` entries keyed ``casereviews:<id>``."""
    entries: list[str] = []
    for item in items:
        document, page = _record(item)
        fields: list[tuple[str, str]] = []
        if document.title:
            fields.append(("title", "{" + _bibtex_escape(document.title) + "}"))
        if document.lscb:
            board = "{" + _bibtex_escape(document.lscb) + "}"  # braces: a corporate name, not a person
            fields += [("author", "{" + board + "}"), ("institution", board)]
        published = parse_iso_partial(document.published) if document.published else None
        if published:
            fields.append(("year", "{" + str(published.year) + "}"))
            if published.month:
                fields.append(("month", calendar.month_abbr[published.month].lower()))
        url = _url(document, page)
        if url:
            fields.append(("url", "{" + url + "}"))
        if page is not None:
            fields += [("pages", "{" + str(page) + "}"), ("note", "{Cited page " + str(page) + "}")]
        keywords = [f"age band {b}" for b in document.age_bands if b != UNKNOWN] + list(document.themes)
        if keywords:
            fields.append(("keywords", "{" + ", ".join(keywords) + "}"))
        fields.append(("type", "{Case review}"))
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        entries.append(f"@techreport{{casereviews:{document.id},\n{body}\n}}")
    return "\n\n".join(entries) + ("\n" if entries else "")
