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
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

ANONYMOUS = "Anonymous"

# kind -> canonical suffix; the patterns below map printed suffixes to a kind
_CANONICAL_SUFFIX = {
    "board": "Safeguarding Children Board",
    "partnership": "Safeguarding Children Partnership",
    "safeguarding-partnership": "Safeguarding Partnership",
    "regional-board": "Regional Safeguarding Board",
    "committee": "Child Protection Committee",
}
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (r"(?:Local\s+)?Safeguarding\s+Children(?:'?s)?\s+Boards?", "board"),
    (r"Local\s+Safeguarding\s+Board", "board"),
    (r"Regional\s+Safeguarding\s+(?:Children(?:'?s)?\s+)?Board", "regional-board"),
    (r"Safeguarding\s+Children(?:'?s)?\s+Partnership", "partnership"),
    (r"Children(?:'?s)?\s+Safeguarding\s+Partnership", "partnership"),
    (r"Safeguarding\s+Partnership", "safeguarding-partnership"),
    (r"(?:Area\s+)?Child\s+Protection\s+Committee", "committee"),
    (r"L?SCB", "board"),
    (r"SCP", "partnership"),
    (r"CPC", "committee"),
)
_NI_BOARD = "Safeguarding Board for Northern Ireland"
_NI_PATTERN = r"Safeguarding\s+Board\s+for\s+Northern\s+Ireland"


@dataclass(frozen=True)
class Area:
    """One gazetteer row: a canonical area name, its nation and other spellings."""

    name: str
    nation: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class BoardMention:
    """A board name found in text: canonical name, area, and where it was."""

    name: str
    area: str
    start: int
    end: int
    text: str


def _key(name: str) -> str:
    """Comparison key for area spellings: case, '&'/'and', punctuation and spaces folded."""
    name = name.lower().replace("&", " and ").replace("st.", "st")
    return " ".join(re.findall(r"[a-z0-9]+", name))


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    """The gazetteer, read once from the packaged ``boards.tsv``."""
    rows = []
    text = files(__package__).joinpath("boards.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, nation, aliases = ([*line.split("\t"), "", ""])[:3]
        rows.append(Area(name, nation, tuple(a for a in aliases.split("|") if a)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _area_index() -> dict[str, Area]:
    index: dict[str, Area] = {}
    for area in areas():
        for spelling in (area.name, *area.aliases):
            index.setdefault(_key(spelling), area)
    return index


def _spelling_pattern(spelling: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+|&", spelling.replace("St.", "St"))
    parts = []
    for word in words:
        if word.lower() in ("and", "&"):
            parts.append(r"(?:and|&)")
        elif word == "St":
            parts.append(r"St\.?")
        else:
            parts.append(re.escape(word))
    return r"[\s,\-]+".join(parts)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    spellings = sorted({s for a in areas() for s in (a.name, *a.aliases)}, key=len, reverse=True)
    area_alt = "|".join(_spelling_pattern(s) for s in spellings)
    suffix_alt = "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_SUFFIXES))
    return re.compile(
        rf"(?<![\w-])(?P<ni>{_NI_PATTERN})|(?<![\w-])(?:the\s+)?"
        rf"(?P<area>{area_alt})\s+(?:{suffix_alt})(?![\w-])",
        re.IGNORECASE,
    )


def canonical_name(area: Area, kind: str) -> str:
    """The canonical display name of ``area``'s board of ``kind``."""
    if area.name == "Northern Ireland" and kind == "board":
        return _NI_BOARD
    return f"{area.name} {_CANONICAL_SUFFIX[kind]}"


def find_boards(text: str) -> list[BoardMention]:
    """Every board named in ``text`` by area and kind (acronyms alone are ignored)."""
    found = []
    northern_ireland = _area_index()[_key("Northern Ireland")]
    for match in _pattern().finditer(text):
        if match.group("ni"):
            found.append(
                BoardMention(_NI_BOARD, northern_ireland.name, match.start(), match.end(), match.group(0))
            )
            continue
        area = _area_index().get(_key(match.group("area")))
        if area is None:
            continue
        kind = next(kind for i, (_, kind) in enumerate(_SUFFIXES) if match.group(f"k{i}") is not None)
        found.append(
            BoardMention(
                canonical_name(area, kind),
                area.name,
                match.start(),
                match.end(),
                " ".join(match.group(0).split()),
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


def matches_filter(board: str, needle: str) -> bool:
    """Case-insensitive match of ``needle`` on a board's canonical name or any spelling of its area.

    ``"bexley"`` matches "Bexley Safeguarding Children Board"; ``"tri-borough"``
    and ``"triborough"`` both match the Tri-Borough board.
    """
    wanted = _key(needle)
    if not wanted:
        return False
    if wanted in _key(board):
        return True
    area_name = area_of(board)
    if area_name is None:
        return False
    area = _area_index()[_key(area_name)]
    return any(wanted in _key(s) for s in (area.name, *area.aliases))
