"""A report's outline: its headings, the part of the review each opens, and its recommendations.

Headings are found in the normalised text, so an outline can be read again from the stored
pages (a rebuild of the index does, for reports indexed before sections existed):

- a numbered line ("5. Analysis and findings", "5.1 Information sharing", "Section 3 – Scope")
  short enough to be a title and not the first line of a numbered paragraph;
- a label and number ("Key practice episode 2: …", "Finding 1: …", "Learning point 3 – …");
- a short line that starts with a part's name ("Recommendations", "The family");
- a line in capitals after the cover ("TERMS OF REFERENCE");
- an entry of the contents page found again as a line of the report;
- the headings the file declares (``hints`` from its extractor): HTML's ``<h1>``–``<h6>`` and bold
  paragraphs, a PDF's lines set larger or bold (:mod:`.pdf_headings`). In a file that declares
  its headings so, a short line is no heading by its words alone (it is a table cell, a list item).

Each heading's part comes from :mod:`.section_names`; one the vocabulary does not know takes the
part of the heading above it ("5.2 Supervision" under "5. Findings" is analysis), and a top
heading it does not know is ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .outline import PAGE_SEPARATOR, Heading, Outline
from .recommendations import find_recommendations
from .section_names import heading_words, opens_with_a_name, section_of

#: Longest heading, in words and characters: a longer line is a paragraph's.
MAX_WORDS = 12
MAX_CHARS = 90
#: ... for an unnumbered line that starts with a part's name ("Recommendations for the partnership")
MAX_NAMED_WORDS = 8
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
_LIST_MARK = re.compile(r"\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
#: Declared headings (HTML tags, a PDF's type) from which the file counts as marking its headings.
MIN_HINTS = 3
#: The level of a labelled sub-heading ("Finding 2: …"): below the parts and their numbered sections.
SUB_LEVEL = 9
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
_PAGE_NUMBER_AT_END = re.compile(r"\d{1,3}$")
#: The lines worth a closer look, found by the regex engine rather than line by line: they start
#: with neither a space nor a small letter and end with no full stop, comma or semicolon (a
#: paragraph's lines mostly do one or the other). Looking at every line cost 3.3 ms a report.
_CANDIDATE = re.compile(r"^[ \t]*[^\sa-z][^\n]*[^.,;\s][ \t\r]*$|^[ \t]*[A-Z0-9][ \t\r]*$", re.MULTILINE)
#: A line ending in these goes on as a sentence ("was:", "and,"), or is one ("… harm.").
_NOT_A_TITLE_END = (".", ",", ";", ":", "?")


def _contents_entries(page: str) -> list[str] | None:
    """The titles a contents page lists (their words, as :func:`heading_words` gives them), or None."""
    if not ("..." in page or "…" in page or "\t" in page or _CONTENTS_TITLE.match(page.lstrip())):
        return None  # no leaders and no title: reading its lines one by one would find nothing
    lines = [line for line in page.split("\n") if line.strip()]
    entries = [title for title in map(_contents_entry, lines) if title is not None]
    if (lines and _CONTENTS_TITLE.match(lines[0]) and entries) or len(entries) >= 3:
        return [heading_words(title) for title in entries]
    return None


def _contents_entry(line: str) -> str | None:
    """The title of a contents line ("Background ........ 4", "Findings   12"), or None.

    Read by hand: a pattern with a lazy title before the leader backtracked for 6 ms on each
    long line of a contents-free page.
    """
    stripped = line.rstrip()
    number = _PAGE_NUMBER_AT_END.search(stripped)
    if number is None:
        return None
    before = stripped[: number.start()]
    leader = before.rstrip(" \t")
    if not (leader.endswith(("...", "…")) or before.endswith("\t") or len(before) - len(leader) >= 3):
        return None
    title = leader.rstrip(" .…\t")
    return title if any(c.isalpha() for c in title) else None


def _a_cell_follows(next_line: str) -> bool:
    """Whether the next line is a table cell's: one or two words, no number, no label."""
    words = next_line.split()
    return 0 < len(words) <= 2 and not words[0][0].isdigit() and not opens_with_a_name(next_line)


def _continues(next_line: str) -> bool:
    """Whether the next line carries on the same sentence (so this one is no heading)."""
    stripped = next_line.lstrip()
    if stripped[:1] == "(":
        return not _LIST_MARK.match(stripped)  # "(a) …" starts an item; "(known as …" goes on
    return bool(stripped) and (stripped[0].islower() or stripped[0] in ",;")


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
    line: str, next_line: str, first_page: bool, listed: set[str], marked: bool, typical: _Typical
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
            len(stripped) <= SHORT_LINE * float(typical)
            or _NEW_BLOCK.match(next_line)
            or opens_with_a_name(numbered.group("title"))
        ):
            return stripped, _level_of(numbered.group("number"))
        return None
    if _LABELLED.match(stripped) and not stripped.endswith(_NOT_A_TITLE_END[:1]):
        return (stripped, SUB_LEVEL) if len(stripped.split()) <= MAX_WORDS + 2 else None
    if marked or first_page or not _title_like(stripped.rstrip(":")):
        return None  # a cover's short lines are its title, board and date
    words = heading_words(stripped.rstrip(":"))
    if len(stripped.split()) <= MAX_NAMED_WORDS and opens_with_a_name(stripped.rstrip(":")):
        if _a_cell_follows(next_line):
            return None  # "Background", "Name", "Age": a table's cells, one a line
        return stripped.rstrip(":"), 1
    if words in listed:
        return stripped, 1
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return stripped, 1
    return None


def _opening(line: str) -> str:
    """The first word of a line as :func:`_hint_key` gives it."""
    first = line.split(None, 1)
    return first[0].translate(_QUOTES) if first else ""


def _hint_key(text: str) -> str:
    """A heading as the markup and the normalised page both give it: spaces and quotes folded."""
    return " ".join(text.translate(_QUOTES).split())


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
    by_text: dict[str, list[int]] = {}  # each declared heading's levels, in order, matched once each
    for level, text in hinted:
        by_text.setdefault(_hint_key(text), []).append(level)
    # a file whose markup or type sets its headings apart: short lines are no headings by their words
    marked = len(by_text) >= MIN_HINTS
    # a line is compared with the declared headings only if it starts as one of them does (computing
    # every line's words cost a third of the outline's time)
    openings = {key.split(" ", 1)[0] for key in by_text}
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
            typical = _Typical(page)
            for match in _CANDIDATE.finditer(page):
                line, start = match.group(0), base + match.start()
                if by_text and _opening(line) in openings:
                    key = _hint_key(line)
                    if by_text.get(key):
                        # the heading's first line; the same words later are a table cell's or a link's
                        page_number = number + 1 if paged else None
                        level = by_text[key].pop(0)
                        raw.append((" ".join(line.split()), level, page_number, start + _indent(line)))
                        continue
                if not _may_be_heading(line, MAX_WORDS if listed else MAX_NAMED_WORDS):
                    continue
                after = page.find("\n", match.end() + 1)
                following = page[match.end() + 1 : after if after >= 0 else len(page)]
                cover = paged and number == 0 and len(pages) > 1
                found = _heading_at(line, following, cover, listed, marked, typical)
                if found is not None:
                    raw.append((found[0], found[1], number + 1 if paged else None, start + _indent(line)))
        base += len(page) + len(PAGE_SEPARATOR)
    return _with_sections(raw)


#: The first words of a labelled sub-heading ("Episode 2:", "Key practice episode 1", "Finding 3 –").
_LABEL_STARTS = frozenset(("key", "practice", "episode", "finding", "learning", "theme", "area"))


def _may_be_heading(line: str, words: int) -> bool:
    """A cheap first test: a numbered or labelled line, one in capitals, or one of ``words`` or fewer.

    Most lines are a paragraph's, longer and starting with a letter. The full rules on every line
    cost 3.2 ms a report on the labelled reports (5.5% of a worker's time).
    """
    stripped = line.strip()
    if (
        not stripped
        or len(stripped) > MAX_CHARS
        or stripped[0].islower()
        or stripped.endswith((".", ",", ";"))
    ):
        return False  # a paragraph's line, its first or its last
    spaces = stripped.count(" ")
    if stripped[0].isdigit():
        return spaces <= MAX_NUMBERED_WORDS + 1  # "5.1 " and at most ten words of title
    if spaces < words or stripped.isupper():
        return True
    first = stripped.split(" ", 1)[0].lower()
    return first in _LABEL_STARTS or first in ("section", "part", "chapter")


class _Typical:
    """The median length of a page's lines of three words or more (a paragraph's full width),
    measured only when a numbered line asks."""

    def __init__(self, page: str) -> None:
        self.page = page
        self.length: float | None = None

    def __float__(self) -> float:
        if self.length is None:
            # the first 60 lines tell a page's width as well as all of them, at a fraction of the cost
            sample = self.page.split("\n", 60)[:60]
            lengths = sorted(len(line.strip()) for line in sample if line.count(" ") >= 2)
            self.length = float(lengths[len(lengths) // 2]) if lengths else float(MAX_CHARS)
        return self.length


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _with_sections(raw: Sequence[tuple[str, int, int | None, int]]) -> list[Heading]:
    """Headings with their parts: a heading the vocabulary does not know takes its parent's."""
    headings: list[Heading] = []
    above: list[Heading] = []  # the headings that contain the current one, outermost first
    for text, level, page, start in raw:
        if _LABELLED.match(text):
            level = max(level, SUB_LEVEL)  # "Episode 2: …" sits under a part, whatever its type
        while above and above[-1].level >= level:
            above.pop()
        section = section_of(text)
        if above and (section == "other" or not opens_with_a_name(text)):
            # under a part, only a heading that starts with a part's name opens another one:
            # "Hearing the child" under the findings is a finding
            section = above[-1].section
        headings.append(Heading(text, section, page, start, len(above) + 1))  # its depth in the outline
        above.append(Heading(text, section, page, start, level))
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
