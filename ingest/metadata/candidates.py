"""What every metadata rule produces and how a field is decided from it.

Each field is decided from *candidates*, each scored by where it was found
(library cover sheet > cover page > container metadata > introduction >
body) and by its context. The best candidate wins only if it is strong enough
and not contradicted by an equally strong one: a wrong facet value misleads
more than ``unknown`` does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..model import Found, Provenance, Unresolved
from ..registry import RawDocument
from . import scores

#: Pages read in full for board and age candidates; later pages only add running headers.
#: Reports state their facts up front, and reading a 180-page body would cost more than the text.
READ_PAGES = 12

#: Minimum scores for a candidate to be kept, and the score below which a librarian checks it
#: (the tables of scores by source are in :mod:`.scores`).
MIN_BOARD_SCORE = scores.MIN_BOARD
MIN_DATE_SCORE = scores.MIN_DATE
MIN_AGE_SCORE = scores.MIN_AGE
MIN_TYPE_SCORE = scores.MIN_REVIEW_TYPE
WEAK_SCORE = scores.WEAK


#: Non-blank lines at the top and at the bottom of a page where running headers and footers print.
RUNNING_ZONE = 3


def running_zone(text: str, count: int = RUNNING_ZONE) -> str:
    """The first and last ``count`` non-blank lines of a page, joined: its running header and footer.

    Only the page's ends are split into lines: splitting every page of a long report whole cost
    a third of the board rules' time, though only six lines of each are read.
    """
    return "\n".join(_edge_lines(text, count, head=True) + _edge_lines(text, count, head=False))


def _edge_lines(text: str, count: int, head: bool) -> list[str]:
    size = 512
    while True:
        chunk = text[:size] if head else text[-size:]
        lines = [line for line in chunk.splitlines() if line.strip()]
        # more lines than wanted: the ``count`` nearest the page's edge are whole, not cut by the chunk
        if len(lines) > count or size >= len(text):
            return lines[:count] if head else lines[-count:]
        size *= 4


@dataclass(frozen=True)
class Candidate:
    """One possible value of a field, how much it is trusted, and where it came from."""

    value: object
    score: float
    source: str
    page: int | None
    text: str
    #: for ages: whose age this is (a subject's name, lowercased), "" when said of "the child"
    subject: str = ""

    def provenance(self) -> Provenance:
        """Where this candidate was found, as stored with the value."""
        return Provenance(self.source, self.page, " ".join(self.text.split())[:200], self.score)


@dataclass(frozen=True)
class Page:
    """A page (or, for HTML, a slice of the text) and its role in the layout."""

    number: int | None  # 1-based PDF page; None for HTML
    text: str
    role: str  # "cover", "intro" or "body"

    @cached_property
    def lower(self) -> str:
        """The text lowercased, computed once: several rules look for cheap needles first."""
        return self.text.lower()


# ---------------------------------------------------------------- document layout


_SHEET_LABELS = re.compile(r"^\s*(Title|LSCB|Author|Date of publication)\s*:", re.I | re.M)


def _library_sheet(first_page: str) -> dict[str, str]:
    """Fields of a prepended national-library cover sheet (``Title: … LSCB: …``), if page 1 is one."""
    labels = _SHEET_LABELS.findall(first_page)
    if len({label.lower() for label in labels}) < 2:
        return {}
    fields: dict[str, str] = {}
    pattern = re.compile(
        r"^\s*(Title|LSCB|Author|Date of publication)\s*:\s*(.*?)"
        r"(?=^\s*(?:Title|LSCB|Author|Date of publication)\s*:|^\s*This\s|\Z)",
        re.I | re.M | re.S,
    )
    for match in pattern.finditer(first_page):
        fields[match.group(1).lower()] = " ".join(match.group(2).split())
    return fields


def layout(raw: RawDocument, pages: Sequence[str]) -> tuple[list[Page], dict[str, str]]:
    """Split the document into cover, introduction and body, and read any library sheet."""
    if not raw.paged:
        text = pages[0] if pages else ""
        cut_cover, cut_intro = min(len(text), 600), max(1500, int(len(text) * 0.4))
        return [
            Page(None, text[:cut_cover], "cover"),
            Page(None, text[cut_cover:cut_intro], "intro"),
            Page(None, text[cut_intro:], "body"),
        ], {}
    sheet = _library_sheet(raw.pages[0]) if raw.pages else {}
    covers = 2 if sheet else 1
    result = []
    for index, text in enumerate(pages):
        number = index + 1
        role = "cover" if number <= covers else "intro" if number <= covers + 3 else "body"
        # a cover page's layout is best seen in the raw text (lines not yet joined)
        result.append(Page(number, raw.pages[index] if role == "cover" else text, role))
    return result, sheet


def choose(candidates: list[Candidate], minimum: float) -> Candidate | None:
    """The strongest candidate, if it reaches ``minimum`` and no equally strong one disagrees."""
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    top = ranked[0]
    if top.score < minimum:
        return None
    rivals = [c for c in ranked[1:] if c.score >= top.score and c.value != top.value]
    if rivals:
        return None
    return top


def show_value(value: object) -> str:
    """A candidate's value as a librarian would write it."""
    if isinstance(value, tuple):
        return ";".join(f"{v:g}" for v in value)
    return str(value)


def explain_unknown(candidates: Sequence[Candidate], minimum: float) -> Unresolved:
    """Why a field stayed unknown: no candidate, only weak ones, or strong ones that disagree."""
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    best: list[Candidate] = []
    seen: set[str] = set()
    for cand in ranked:
        key = show_value(cand.value)
        if key not in seen:
            seen.add(key)
            best.append(cand)
        if len(best) == 3:
            break
    found = tuple(Found(show_value(c.value), c.provenance()) for c in best)
    if not best:
        return Unresolved("no candidate found", found)
    if best[0].score < minimum:
        return Unresolved("only weak candidates (none said where the facts are usually stated)", found)
    return Unresolved("candidates disagree and none is stronger", found)
