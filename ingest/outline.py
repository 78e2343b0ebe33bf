"""A report's outline as the rest of the system sees it: headings, sections, recommendations.

Read by :mod:`.sections`; frozen, like :mod:`.model`'s values, since they cross into the index and
search floors.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

#: What joins a report's pages into the one text that is indexed (offsets are into that text).
PAGE_SEPARATOR = "\n\n"

#: The parts of a review, in the order reports usually give them; a heading the vocabulary does not
#: know is ``other`` (docs/SEARCH.md#sections lists the headings each part is known by).
SECTIONS: tuple[str, ...] = (
    "summary",
    "terms-of-reference",
    "background",
    "chronology",
    "analysis",
    "good-practice",
    "recommendations",
    "conclusions",
    "appendix",
    "other",
)


@dataclass(frozen=True)
class Heading:
    """A heading of a report: its text as printed, the part it opens, where it starts.

    ``start`` is its offset in the indexed text (the pages joined by a blank line); ``level`` is 1
    for a top heading ("5. Findings"), more for one under it ("5.1 …", "Finding 1: …").
    ``section`` is the part the text under it belongs to: a heading the vocabulary does not know
    takes the part of the heading it sits under.
    """

    text: str
    section: str
    page: int | None
    start: int
    level: int = 1

    def to_dict(self) -> dict[str, object]:
        """The JSON form (``outline``)."""
        return {"text": self.text, "section": self.section, "page": self.page, "level": self.level,
                "start": self.start}  # fmt: skip


@dataclass(frozen=True)
class Recommendation:
    """One recommendation of a review: its number as printed (None for a bullet), text and page."""

    number: str | None
    text: str
    page: int | None
    start: int
    end: int

    def to_dict(self) -> dict[str, object]:
        """The JSON form."""
        return {"number": self.number, "text": self.text, "page": self.page, "start": self.start,
                "end": self.end}  # fmt: skip


@dataclass(frozen=True)
class SectionMap:
    """Where each section of a report's indexed text starts: all a search needs of its outline.

    ``starts[i]`` is where a stretch of section ``sections[i]`` begins; the first starts at 0 (the
    text before the first heading is ``other``).
    """

    starts: tuple[int, ...] = (0,)
    sections: tuple[str, ...] = ("other",)

    def section_at(self, offset: int) -> str:
        """The section of the text at ``offset``."""
        return self.sections[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def spans(self, length: int = 1 << 62) -> list[tuple[int, int, str]]:
        """(start, end, section) of every stretch of a text of ``length`` characters, in order
        (by default the last stretch runs on to any length)."""
        ends = [*self.starts[1:], length]
        return [(start, min(end, length), section)
                for start, end, section in zip(self.starts, ends, self.sections, strict=True)
                if min(end, length) > start]  # fmt: skip

    def stretches(self, wanted: Collection[str]) -> list[tuple[int, int]]:
        """(start, end) of every stretch in one of the ``wanted`` sections (the last runs on)."""
        return [(start, end) for start, end, section in self.spans() if section in wanted]

    def to_json(self) -> list[list[object]]:
        """The compact JSON form the catalog stores: ``[[start, section], …]``."""
        return [[start, section] for start, section in zip(self.starts, self.sections, strict=True)]

    @classmethod
    def from_json(cls, data: Sequence[Sequence[object]]) -> SectionMap:
        """The map from its JSON form."""
        return cls(tuple(int(s) for s, _ in data), tuple(str(n) for _, n in data))  # type: ignore[call-overload]


@dataclass(frozen=True)
class Outline:
    """A report's headings in order, and the recommendations its recommendations sections make."""

    headings: tuple[Heading, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()

    @property
    def sections(self) -> tuple[str, ...]:
        """The parts the report's headings open (vocabulary order); ``other`` alone with no heading."""
        found = {h.section for h in self.headings} or {"other"}
        return tuple(s for s in SECTIONS if s in found)

    def spans(self, length: int) -> list[tuple[int, int, str]]:
        """(start, end, section) of every stretch of a text of ``length`` characters, in order.

        The text before the first heading (a cover, a contents page) is ``other``.
        """
        return self.section_map().spans(length)

    def section_at(self, offset: int) -> str:
        """The section of the text at ``offset`` (``other`` before the first heading)."""
        return self.section_map().section_at(offset)

    def section_map(self) -> SectionMap:
        """Where each section starts (what searches read, without the headings' text)."""
        return SectionMap(
            (0, *(h.start for h in self.headings)), ("other", *(h.section for h in self.headings))
        )

    def to_dict(self) -> dict[str, object]:
        """The JSON form, as the catalog stores it."""
        return {"headings": [h.to_dict() for h in self.headings],
                "recommendations": [r.to_dict() for r in self.recommendations]}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Outline:
        """The outline from its JSON form."""
        headings = tuple(Heading(**h) for h in data.get("headings", ()))  # type: ignore[attr-defined]
        found = data.get("recommendations", ())
        return cls(headings, tuple(Recommendation(**r) for r in found))  # type: ignore[attr-defined]
