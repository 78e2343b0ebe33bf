"""Recognise safeguarding boards, partnerships and committees by name, never by acronym.

A board name is an *area* from the gazetteer (``boards.tsv``) followed by a
board *kind* ("Safeguarding Children Board", "LSCB", "Safeguarding Children
Partnership", "Child Protection Committee", …). Only areas in the gazetteer
are recognised, so a capitalised phrase that merely looks like a board never
becomes a facet value. Each area and kind has one canonical spelling, so
"BEXLEY SAFEGUARDING CHILDREN BOARD", "Bexley LSCB" and "Bexley Safeguarding
Children Board" are one value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .board_areas import AREA_WORDS, WORD_TOKEN, Area, area_after, area_before, area_index, area_key

ANONYMOUS = "Anonymous"

# kind -> canonical suffix; the patterns below map printed suffixes to a kind
_CANONICAL_SUFFIX = {
    "board": "Safeguarding Children Board",
    "partnership": "Safeguarding Children Partnership",
    "safeguarding-partnership": "Safeguarding Partnership",
    "regional-board": "Regional Safeguarding Board",
    "committee": "Child Protection Committee",
    "public-protection-committee": "Public Protection Committee",
    "safeguarding-board": "Safeguarding Board",
    "multi-agency-partnership": "Safeguarding Children Multi-Agency Partnership",
}
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (r"(?:Local\s+)?Safeguarding\s+Children(?:'?s)?\s+Boards?", "board"),
    (r"Local\s+Safeguarding\s+Board", "board"),
    (r"Regional\s+Safeguarding\s+(?:Children(?:'?s)?\s+)?Board", "regional-board"),
    (r"Safeguarding\s+Children(?:'?s)?\s+Partnership", "partnership"),
    (r"Children(?:'?s)?\s+Safeguarding\s+Partnership", "partnership"),
    (r"Children(?:'?s)?\s+Safeguarding\s+Board", "board"),
    (r"Safeguarding\s+Children(?:'?s)?\s+Multi-Agency\s+Partnership", "multi-agency-partnership"),
    (r"Safeguarding\s+Partnership", "safeguarding-partnership"),
    # Welsh regional boards name themselves "<region> Safeguarding Board"
    (r"Safeguarding\s+Board(?!\s+for\s+Northern)", "safeguarding-board"),
    (r"(?:Area\s+)?Child\s+Protection\s+Committee", "committee"),
    (r"Public\s+Protection\s+Committee", "public-protection-committee"),
    (r"L?SCB", "board"),
    (r"SCP", "partnership"),
    (r"CPC", "committee"),
)
_NI_BOARD = "Safeguarding Board for Northern Ireland"
_NI_PATTERN = r"Safeguarding\s+Board\s+for\s+Northern\s+Ireland"


@dataclass(frozen=True)
class BoardMention:
    """A board name found in text: canonical name, area, and where it was."""

    name: str
    area: str
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    """Board kinds (and the Northern Ireland board): cheap to scan a whole report for."""
    suffix_alt = "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_SUFFIXES))
    return re.compile(rf"(?P<ni>{_NI_PATTERN})|(?:(?<=\s)|^)(?:{suffix_alt})(?![\w-])", re.IGNORECASE)


def canonical_name(area: Area, kind: str) -> str:
    """The canonical display name of ``area``'s board of ``kind``."""
    if area.name == "Northern Ireland" and kind == "board":
        return _NI_BOARD
    return f"{area.name} {_CANONICAL_SUFFIX[kind]}"


#: Every board kind contains one of these; finding them with str.find is far cheaper than a regex.
_NEEDLES = ("safeguard", "protection", "scb", "scp", "cpc")
#: ... and every board name one of these (branded partnerships and Welsh names included).
_ALL_NEEDLES = (*_NEEDLES, "keeping", "safer", "diogelu", "northern ireland")


def _kind_matches(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """Board-kind matches, looked for only around the needles (``lowered`` is ``text`` lowercased)."""
    positions = set()
    for needle in _NEEDLES:
        at = lowered.find(needle)
        while at >= 0:
            positions.add(at)
            at = lowered.find(needle, at + 1)
    covered = -1
    for at in sorted(positions):
        if at < covered:
            continue
        # a kind starts at most a few words before its needle ("Area Child Protection …")
        for match in _suffix_pattern().finditer(text, max(0, at - 14), min(len(text), at + 70)):
            if match.start() <= at < match.end() and match.start() >= covered:
                covered = match.end()
                yield match
                break


#: Partnerships named by a slogan around their area: "Keeping Bristol Safe Partnership",
#: "Safer Wolverhampton Partnership". The area must still be in the gazetteer.
_BRANDED = re.compile(
    r"\b(?P<brand>Keeping|Safer)\s+(?P<area>[A-Z][\w&'.]*(?:\s+(?:[A-Z][\w&'.]*|and|upon|of|the)){0,4}?)"
    r"\s+(?:(?P<safe>Safe)\s+)?Partnership\b"
)


def _branded(text: str, lowered: str) -> Iterator[BoardMention]:
    if "keeping" not in lowered and "safer" not in lowered:
        return
    for match in _BRANDED.finditer(text):
        area = area_index().get(area_key(match.group("area")))
        if area is None or (match.group("brand") == "Keeping") != bool(match.group("safe")):
            continue
        name = (
            f"Keeping {area.name} Safe Partnership"
            if match.group("safe")
            else f"Safer {area.name} Partnership"
        )
        yield BoardMention(name, area.name, match.start(), match.end(), " ".join(match.group(0).split()))


#: A Welsh board's name: the kind first, then the area ("Bwrdd Diogelu Cwm Taf Morgannwg",
#: "Bwrdd Diogelu Rhanbarthol Caerdydd a'r Fro"); the board is the English-named one of that area.
_WELSH_KIND = re.compile(r"\bBwrdd\s+Diogelu(?:\s+Plant)?(?P<regional>\s+Rhanbarthol)?\s+", re.IGNORECASE)


def _welsh(text: str, lowered: str) -> Iterator[BoardMention]:
    if "diogelu" not in lowered:
        return
    index = area_index()
    for match in _WELSH_KIND.finditer(text):
        line_end = text.find("\n", match.end())
        tokens = list(WORD_TOKEN.finditer(text, match.end(), line_end if line_end >= 0 else len(text)))
        for count in range(min(AREA_WORDS, len(tokens)), 0, -1):
            area = index.get(area_key(" ".join(t.group(0) for t in tokens[:count])))
            if area is not None:
                kind = "regional-board" if match.group("regional") else "safeguarding-board"
                end = tokens[count - 1].end()
                yield BoardMention(canonical_name(area, kind), area.name, match.start(), end,
                                   " ".join(text[match.start() : end].split()))  # fmt: skip
                break


def nation_of(area_name: str) -> str | None:
    """The nation of a gazetteer area as a facet value (``england``, ``wales``, …), if known."""
    area = area_index().get(area_key(area_name))
    if area is None or not area.nation:
        return None
    return area.nation.lower().replace(" ", "-")


def find_boards(text: str) -> list[BoardMention]:
    """Every board named in ``text`` by area and kind (acronyms alone are ignored)."""
    # lowercased once: each of the three scans below lowercased the text again, and find_boards
    # runs on every page's running-header zone
    lowered = text.lower()
    if not any(needle in lowered for needle in _ALL_NEEDLES):
        return []
    found = [*_branded(text, lowered), *_welsh(text, lowered)]
    northern_ireland = area_index()[area_key("Northern Ireland")]
    for match in _kind_matches(text, lowered):
        if match.group("ni"):
            found.append(
                BoardMention(_NI_BOARD, northern_ireland.name, match.start(), match.end(), match.group(0))
            )
            continue
        named = area_before(text, match.start())
        end = match.end()
        if named is None:
            # "Local Safeguarding Children Board for the London Borough of Hackney": the area after
            after = area_after(text, match.end())
            if after is None:
                continue
            named, end = (after[0], match.start()), after[1]
        area, start = named
        kind = next(kind for i, (_, kind) in enumerate(_SUFFIXES) if match.group(f"k{i}") is not None)
        found.append(
            BoardMention(
                canonical_name(area, kind),
                area.name,
                start,
                end,
                " ".join(text[start:end].split()),
            )
        )
    return found


def resolve_board(text: str) -> str | None:
    """The canonical board named by ``text`` as a whole (e.g. a manifest value), if any."""
    stripped = " ".join(text.split())
    if stripped.lower() in ("anonymous", "anon", "anonymised"):
        return ANONYMOUS
    mentions = find_boards(stripped)
    return mentions[0].name if mentions else None


def area_of(board: str) -> str | None:
    """The gazetteer area of a canonical board name (None for unknown boards)."""
    mentions = find_boards(board)
    return mentions[0].area if mentions else None


def nation_of_board(board: str) -> str | None:
    """The nation of a canonical board name (None for unknown and anonymous boards)."""
    area = area_of(board)
    return nation_of(area) if area else None


def matches_filter(board: str, needle: str) -> bool:
    """Case-insensitive match of ``needle`` on a board's canonical name or any spelling of its area.

    ``"bexley"`` matches "Bexley Safeguarding Children Board"; ``"tri-borough"``
    and ``"triborough"`` both match the Tri-Borough board.
    """
    wanted = area_key(needle)
    if not wanted:
        return False
    if wanted in area_key(board):
        return True
    area_name = area_of(board)
    if area_name is None:
        return False
    area = area_index()[area_key(area_name)]
    # a board renamed or reorganised is found by any of its names
    related = [area_index()[area_key(name)] for name in area.same_board]
    return any(wanted in area_key(s) for a in (area, *related) for s in (a.name, *a.aliases))
