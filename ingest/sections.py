"""A report's outline: its headings, the part of the review each opens, and its recommendations.

Headings are found in the normalised text, so an outline can be read again from the stored
pages (``casereviews reindex`` does, for reports indexed before sections existed):

- a numbered line ("5. Analysis and findings", "5.1 Information sharing", "Section 3 – Scope")
  short enough to be a title and not the first line of a numbered paragraph;
- a label and number ("Key practice episode 2: …", "Finding 1: …", "Learning point 3 – …");
- a short line that starts with a part's name ("Recommendations", "The family");
- a line in capitals after the cover ("TERMS OF REFERENCE");
- an entry of the contents page found again as a line of the report;
- in HTML, the page's own ``<h1>``–``<h6>`` and bold paragraphs (``hints`` from the extractor).

Each heading's part comes from :mod:`.section_names`; one the vocabulary does not know takes the
part of the heading above it ("5.2 Supervision" under "5. Findings" is analysis), and a top
heading it does not know is ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .model import PAGE_SEPARATOR, Heading, Outline
from .recommendations import find_recommendations
from .section_names import heading_words, opens_with_a_name, section_of

#: Longest heading, in words and characters: a longer line is a paragraph's.
MAX_WORDS = 12
MAX_CHARS = 90
#: ... and for a numbered line, whose first line may be a numbered paragraph's ("5.1 On 27/08/2016
#: a domestic abuse notification was received by the …" has 12 words)
MAX_NUMBERED_WORDS = 10
#: A numbered line at most this share of the page's typical line is a heading's; in a narrow column
#: a numbered paragraph's first line ("1.2 The Safeguarding Board for Northern") is full width.
SHORT_LINE = 0.7
#: A line that starts something new: a numbered paragraph, a label, a bullet, or nothing.
_NEW_BLOCK = re.compile(
    r"^\s*(?:$|\d{1,2}(?:\.\d{1,2})+\.?\s|\d{1,2}[.)]\s|[•▪●◦\-–*]\s|[A-Z][a-z]+(?:\s+[a-z]+)?\s+\d{1,2}\s*:)"
)
#: What titles do not hold: a date in figures, a recommendation's own label.
_SENTENCE_SIGNS = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|^recommendation\s+\d", re.IGNORECASE)

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_NUMBERED = re.compile(
    r"^(?P<number>(?:(?:section|part|chapter)\s+(?:\d{1,2}|[A-Z])\b[:.–-]?)|\d{1,2}(?:\.\d{1,2}){0,3}\.?)"
    r"\s+(?P<title>.+)$",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?:key\s+practice\s+episode|practice\s+episode|episode|finding|key\s+finding|learning\s+point|"
    r"key\s+issue|theme|area\s+of\s+learning|learning\s+theme)\s+\d{1,2}[a-z]?\b\s*[:.–-]?\s*\S",
    re.IGNORECASE,
)
_CONTENTS_TITLE = re.compile(r"^\s*(?:table\s+of\s+)?contents|cynnwys\b", re.IGNORECASE)
_LEADER_ENTRY = re.compile(r"^(?P<title>.*?\w.*?)\s*(?:\.{3,}|…+|\s{3,}|\t)\s*(?P<page>\d{1,3})\s*$")
#: A line ending in these goes on as a sentence ("was:", "and,"), or is one ("… harm.").
_NOT_A_TITLE_END = (".", ",", ";", ":", "?")


def _lines(text: str, base: int) -> Iterator[tuple[int, str]]:
    at = 0
    for line in text.split("\n"):
        yield base + at, line
        at += len(line) + 1


def _contents_entries(page: str) -> list[str] | None:
    """The titles a contents page lists (their words, as :func:`heading_words` gives them), or None."""
    lines = [line for line in page.split("\n") if line.strip()]
    entries = [m.group("title") for m in map(_LEADER_ENTRY.match, lines) if m is not None]
    if (lines and _CONTENTS_TITLE.match(lines[0]) and entries) or len(entries) >= 3:
        return [heading_words(title) for title in entries]
    return None


def _continues(next_line: str) -> bool:
    """Whether the next line carries on the same sentence (so this one is no heading)."""
    stripped = next_line.lstrip()
    return bool(stripped) and (stripped[0].islower() or stripped[0] in "(,;")


def _title_like(title: str, max_words: int = MAX_WORDS) -> bool:
    words = title.split()
    return (
        0 < len(words) <= max_words
        and not _SENTENCE_SIGNS.search(title)
        and len(title) <= MAX_CHARS
        and (title[0].isupper() or title[0] in "'‘\"“")
        and not title.rstrip().endswith(_NOT_A_TITLE_END)
        and any(len(w) >= 3 and w.isalpha() for w in words)
        and not re.match(_MONTHS + r"\b", title, re.IGNORECASE)
    )


def _level_of(number: str) -> int:
    if not number[0].isdigit():
        return 1  # "Section 3", "Part B"
    return len(number.rstrip(".").split("."))


def _heading_at(
    line: str, next_line: str, first_page: bool, listed: set[str], marked: bool, typical: float
) -> tuple[str, int] | None:
    """(text, level) when ``line`` is a heading by the layout rules; None when it is not.

    In a ``marked`` text (HTML whose markup declares its headings) only numbers and labels make a
    heading: a short line there is a table cell or a list item ("Summary of finding").
    """
    stripped = " ".join(line.split())
    if not stripped or len(stripped) > MAX_CHARS or _continues(next_line):
        return None
    numbered = _NUMBERED.match(stripped)
    if numbered and _title_like(numbered.group("title"), MAX_NUMBERED_WORDS):
        # a numbered paragraph's first line is as long as the page's lines; a heading stops short,
        # or a new item starts under it, or it names a part ("2. Terms of reference")
        if (
            len(stripped) <= SHORT_LINE * typical
            or _NEW_BLOCK.match(next_line)
            or opens_with_a_name(numbered.group("title"))
        ):
            return stripped, _level_of(numbered.group("number"))
        return None
    if _LABELLED.match(stripped) and not stripped.endswith(_NOT_A_TITLE_END[:1]):
        return (stripped, 3) if len(stripped.split()) <= MAX_WORDS + 2 else None
    if marked or first_page or not _title_like(stripped.rstrip(":")):
        return None  # a cover's short lines are its title, board and date
    words = heading_words(stripped.rstrip(":"))
    if len(stripped.split()) <= 8 and opens_with_a_name(stripped.rstrip(":")):
        return stripped.rstrip(":"), 1
    if words in listed:
        return stripped, 1
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return stripped, 1
    return None


def _parse_hints(hints: str) -> list[tuple[int, str]]:
    found = []
    for line in hints.split("\n"):
        level, _, text = line.partition("\t")
        if level.isdigit() and text.strip():
            found.append((int(level), " ".join(text.split())))
    return found


def find_headings(pages: Sequence[str], paged: bool, hints: str = "") -> list[Heading]:
    """Every heading of ``pages`` in order, each with its part of the review (see the module doc)."""
    hinted = _parse_hints(hints)
    by_text: dict[str, int] = {}
    for level, text in hinted:
        by_text.setdefault(text, level)
    listed: set[str] = set()
    contents_pages: set[int] = set()
    for number, page in enumerate(pages[:8] if paged else ()):
        entries = _contents_entries(page)
        if entries is not None:
            contents_pages.add(number)
            listed.update(entries)
    raw: list[tuple[str, int, int | None, int]] = []  # text, level, page, start
    base = 0
    for number, page in enumerate(pages):
        if number not in contents_pages:
            lines = list(_lines(page, base))
            typical = _typical_length(page)
            for index, (start, line) in enumerate(lines):
                following = lines[index + 1][1] if index + 1 < len(lines) else ""
                text = " ".join(line.split())
                if text in by_text:
                    raw.append((text, by_text[text], number + 1 if paged else None, start + _indent(line)))
                    continue
                cover = paged and number == 0 and len(pages) > 1
                found = _heading_at(line, following, cover, listed, bool(hinted), typical)
                if found is not None:
                    raw.append((found[0], found[1], number + 1 if paged else None, start + _indent(line)))
        base += len(page) + len(PAGE_SEPARATOR)
    return _with_sections(raw)


def _typical_length(page: str) -> float:
    """The median length of the page's lines of three words or more (a paragraph's full width)."""
    lengths = sorted(len(line.strip()) for line in page.split("\n") if line.count(" ") >= 2)
    return float(lengths[len(lengths) // 2]) if lengths else float(MAX_CHARS)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _with_sections(raw: Sequence[tuple[str, int, int | None, int]]) -> list[Heading]:
    """Headings with their parts: a heading the vocabulary does not know takes its parent's."""
    headings: list[Heading] = []
    above: list[Heading] = []  # the headings that contain the current one, outermost first
    for text, level, page, start in raw:
        while above and above[-1].level >= level:
            above.pop()
        section = section_of(text)
        if section == "other" and above:
            section = above[-1].section
        heading = Heading(text, section, page, start, level)
        headings.append(heading)
        above.append(heading)
    return headings


def read_outline(pages: Sequence[str], paged: bool, hints: str = "") -> Outline:
    """The outline of a report's normalised ``pages``: headings with parts, and recommendations.

    ``hints`` are the headings the file's markup declares, one ``level<TAB>text`` per line.
    """
    headings = find_headings(pages, paged, hints)
    text = PAGE_SEPARATOR.join(pages)
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    outline = Outline(tuple(headings))
    recommendations = find_recommendations(text, outline, starts if paged else None)
    return Outline(tuple(headings), tuple(recommendations))
