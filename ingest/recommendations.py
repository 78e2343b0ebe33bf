"""The recommendations a review makes: one item per numbered, labelled or bulleted recommendation.

Only the text of the report's recommendations sections is read (see :mod:`.sections`). Within it,
items start at the strongest kind of marker the section uses: "Recommendation 3:" labels when
there are any (a numbered paragraph or a bullet inside one is part of it), else numbers ("4.",
"9.2", "R4", "(b)"), else bullets. An item runs to the next item, heading or section's end,
across page breaks, and its text is kept whole.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .outline import Outline, Recommendation

_LABEL = re.compile(
    r"(?:^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t]+)?(?:recommendation|argymhelliad)[ \t]+"
    r"(?P<number>\d{1,2}[a-z]?)\b[ \t]*[:.)–-]?[ \t]*"
    # a label after a sentence's end within a paragraph: "… as follows: Recommendation 2: …"
    r"|(?<=[.:;])[ \t]+(?:recommendation|argymhelliad)[ \t]+(?P<inline>\d{1,2}[a-z]?)[ \t]*[:.–-][ \t]*)",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBER = re.compile(
    r"^[ \t]*(?:(?P<number>\d{1,2}(?:\.\d{1,2}){0,2})[.)]?|R(?P<r>\d{1,2})[:.)]?"
    r"|\((?P<letter>[a-z]|[ivx]{1,4})\)|(?P<letter2>[a-z])[.)])[ \t]+(?=\S)",
    re.MULTILINE,
)
_BULLET = re.compile(r"^[ \t]*[•▪●◦■□➢►\-–*][ \t]+(?=\S)", re.MULTILINE)
#: An item that only announces the list ("The review makes the following recommendations:").
_LEAD_IN = re.compile(
    r"\b(?:following|below|these|are as follows|recommends that)\b[^.]*:\s*$", re.IGNORECASE
)


def _number(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    for name in ("number", "inline", "r", "letter", "letter2"):
        if groups.get(name):
            return groups[name]
    return None


def _items(text: str, start: int, end: int, headings: set[int]) -> list[tuple[str | None, int, int]]:
    """(number, start of its text, start of its marker) of each item in ``text[start:end]``.

    A heading's own number ("9. Recommendations") starts no item.
    """
    for pattern in (_LABEL, _NUMBER, _BULLET):
        found = [
            (_number(m), m.end(), m.start())
            for m in pattern.finditer(text, start, end)
            if not any(at in headings for at in range(m.start(), m.end() + 1))
        ]
        if found:
            return found
    return []


def find_recommendations(
    text: str, outline: Outline, page_starts: Sequence[int] | None
) -> list[Recommendation]:
    """Every recommendation in the recommendations sections of ``text`` (the pages joined).

    ``page_starts`` are the offsets of the pages in ``text`` (None for HTML, which has no pages).
    """
    found: list[Recommendation] = []
    heading_starts = sorted(h.start for h in outline.headings)
    starts_set = set(heading_starts)
    for start, end, section in _merged(outline.spans(len(text))):
        if section != "recommendations":
            continue
        items = _items(text, start, end, starts_set)
        for index, (number, body_start, marker) in enumerate(items):
            stop = items[index + 1][2] if index + 1 < len(items) else end
            # a heading between two items ends the first ("Recommendations for health" …)
            inner = bisect.bisect_right(heading_starts, marker)
            if inner < len(heading_starts) and heading_starts[inner] < stop:
                stop = heading_starts[inner]
            body = " ".join(text[body_start:stop].split())
            if not body or _LEAD_IN.search(body):
                continue
            page = bisect.bisect_right(page_starts, marker) if page_starts is not None else None
            ends = body_start + len(text[body_start:stop].rstrip())
            found.append(Recommendation(number, body, page, body_start, ends))
    return found


def _merged(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Consecutive stretches of one part joined, a heading's own line left out of its stretch."""
    merged: list[tuple[int, int, str]] = []
    for start, end, section in spans:
        if merged and merged[-1][2] == section:
            merged[-1] = (merged[-1][0], end, section)
        else:
            merged.append((start, end, section))
    return merged
