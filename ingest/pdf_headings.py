"""Headings a PDF sets apart by its type: a larger size or a bold weight than its body text.

pdfium tells the size and weight of each character; only the first character of a line is asked,
since a heading is set in one type throughout, and only of lines that could be headings and of a
few body lines a page. The body size is the one most of those body lines use; a line set larger,
or bold at the body's size, is a heading if it is short enough to be one. Levels follow the sizes,
largest first (a bold line at the body's size comes last), and the headings are handed on as
``level<TAB>text`` lines, like HTML's.
"""

from __future__ import annotations

import itertools
import re
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
#: Body lines asked about on each page, for the body's size and weight.
BODY_SAMPLES = 3
#: More bold lines of the body's size than this on one page are a table's (agencies in bold).
MAX_BOLD_PER_PAGE = 4


@dataclass(frozen=True)
class StyledLine:
    """A line of a page with the size and weight of its first character."""

    page: int
    text: str
    size: float
    bold: bool


#: A line that could be a heading: it starts with a capital, a number or a quote and does not end
#: as a sentence (found by the regex engine, not line by line in Python).
#: (pdfium ends its lines with "\r\n")
HEADING_LIKE = re.compile(r"^[ \t]*([A-Z0-9(‘'“\"][^\n]*[^.,;\s])[ \t\r]*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"^[ \t]*(\S[^\n]*\.)[ \t\r]*$", re.MULTILINE)


def styled_lines(textpage: Any, text: str, page: int) -> tuple[list[StyledLine], list[StyledLine]]:
    """A page's lines that could be headings, with their type, and a few of its body lines' type.

    ``text`` is the page's text as pdfium gave it (indices unchanged). Only lines short enough to
    be headings, not ending as a sentence and starting with a capital or a number are asked about,
    and :data:`BODY_SAMPLES` lines ending a sentence for the body's type: asking about every line,
    line by line, cost 7.9% of the extraction of the benchmark's PDFs.
    """

    raw = textpage.raw

    def styled(start: int, line: str) -> StyledLine:
        size = round(pdfium_c.FPDFText_GetFontSize(raw, start) * 2) / 2
        bold = pdfium_c.FPDFText_GetFontWeight(raw, start) >= BOLD
        return StyledLine(page, " ".join(line.split()), size, bold)

    ends = itertools.islice(_SENTENCE_END.finditer(text), BODY_SAMPLES)
    body = [styled(match.start(1), match.group(1)) for match in ends]
    sizes = {line.size for line in body}
    candidates = []
    for match in HEADING_LIKE.finditer(text):
        line = match.group(1)
        if line.count(" ") >= MAX_WORDS:
            continue
        size = round(pdfium_c.FPDFText_GetFontSize(raw, match.start(1)) * 2) / 2
        if sizes and size < min(sizes):
            continue  # smaller than this page's body text: a footnote, a table's small print
        # the weight only matters at the body's size (a bold line there is a heading)
        bold = size in sizes and pdfium_c.FPDFText_GetFontWeight(raw, match.start(1)) >= BOLD
        candidates.append(StyledLine(page, " ".join(line.split()), size, bold))
    return candidates, body


def heading_hints(candidates: Sequence[StyledLine], body: Sequence[StyledLine], first_page: int = 2) -> str:
    """The lines set as headings (from page ``first_page``: the cover is a title page), one
    ``level<TAB>text`` each; empty when the type sets nothing apart.

    ``body`` are lines of the body text: the size most of them use is the body's.
    """
    if not candidates or not body:
        return ""
    body_size, _ = Counter(line.size for line in body).most_common(1)[0]
    body_bold = Counter(line.bold for line in body if line.size == body_size).most_common(1)[0][0]
    chosen = [
        line
        for line in candidates
        if line.page >= first_page
        and (line.size >= body_size + LARGER or (line.bold and not body_bold and line.size >= body_size))
        and len(line.text.split()) <= MAX_WORDS
        and any(c.isalpha() for c in line.text)
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
