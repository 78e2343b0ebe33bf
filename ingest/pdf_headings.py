"""Headings a PDF sets apart by its type: a larger size or a bold weight than its body text.

pdfium tells the size and weight of each character; only the first character of each line is
asked (about 35 calls a page, 0.02 ms), since a heading is set in one type throughout. The body
size is the one most lines use; a line set larger, or bold at the body's size, is a heading if it
is short enough to be one. Levels follow the sizes, largest first (a bold line at the body's size
comes last), and the headings are handed on as ``level<TAB>text`` lines, like HTML's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c

#: A font weight at or above this is bold (400 is regular, 700 bold).
BOLD = 600
#: Larger than the body by at least this many points: a heading's size.
LARGER = 1.0
#: A heading has at most this many words.
MAX_WORDS = 14
#: More bold lines of the body's size than this on one page are a table's (agencies in bold).
MAX_BOLD_PER_PAGE = 4


@dataclass(frozen=True)
class StyledLine:
    """A line of a page with the size and weight of its first character."""

    page: int
    text: str
    size: float
    bold: bool


def styled_lines(textpage: Any, text: str, page: int) -> list[StyledLine]:
    """The lines of a page's ``text`` (as pdfium gave it, indices unchanged) with their type."""
    lines = []
    at = 0
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        line = text[at:end]
        stripped = line.strip()
        if stripped:
            first = at + len(line) - len(line.lstrip())
            size = round(pdfium_c.FPDFText_GetFontSize(textpage.raw, first) * 2) / 2
            weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, first)
            lines.append(StyledLine(page, " ".join(stripped.split()), size, weight >= BOLD))
        at = end + 1
    return lines


def heading_hints(lines: Sequence[StyledLine], first_page: int = 2) -> str:
    """The lines set as headings (from page ``first_page``: the cover is a title page), one
    ``level<TAB>text`` each; empty when the type sets nothing apart."""
    if not lines:
        return ""
    body_size, _ = Counter(line.size for line in lines).most_common(1)[0]
    body_bold = Counter(line.bold for line in lines if line.size == body_size).most_common(1)[0][0]
    chosen = [
        line
        for line in lines
        if line.page >= first_page
        and (line.size >= body_size + LARGER or (line.bold and not body_bold and line.size >= body_size))
        and len(line.text.split()) <= MAX_WORDS
        and any(c.isalpha() for c in line.text)
        and not line.text.endswith((".", ",", ";"))
        and (line.text[0].isupper() or line.text[0].isdigit())
    ]
    # bold lines at the body's size, many to a page, are a table's row labels, not headings
    bold_only = Counter(line.page for line in chosen if line.size < body_size + LARGER)
    chosen = [
        line
        for line in chosen
        if line.size >= body_size + LARGER or bold_only[line.page] <= MAX_BOLD_PER_PAGE
    ]
    sizes = sorted({line.size for line in chosen}, reverse=True)
    return "\n".join(f"{sizes.index(line.size) + 1}\t{line.text}" for line in chosen)
