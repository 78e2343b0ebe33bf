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
from importlib.resources import files

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
class Area:
    """One gazetteer row: a canonical area name, its nation and other spellings."""

    name: str
    nation: str
    aliases: tuple[str, ...]
    #: areas of the same board under an older or newer name (a rename or a reorganisation)
    same_board: tuple[str, ...] = ()


@dataclass(frozen=True)
class BoardMention:
    """A board name found in text: canonical name, area, and where it was."""

    name: str
    area: str
    start: int
    end: int
    text: str


_ALNUM = re.compile(r"[a-z0-9]+")


def area_key(name: str) -> str:
    """Comparison key for area spellings: case, '&'/'and', punctuation and spaces folded."""
    name = name.lower().replace("&", " and ").replace("st.", "st")
    return " ".join(_ALNUM.findall(name))


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    """The gazetteer, read once from the packaged ``boards.tsv``."""
    rows = []
    text = files(__package__).joinpath("boards.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, nation, aliases, same = ([*line.split("\t"), "", "", ""])[:4]
        rows.append(
            Area(
                name,
                nation,
                tuple(a for a in aliases.split("|") if a),
                tuple(a for a in same.split("|") if a),
            )
        )
    return tuple(rows)


@lru_cache(maxsize=1)
def area_index() -> dict[str, Area]:
    """Every gazetteer spelling (its comparison key) and the area it names."""
    index: dict[str, Area] = {}
    for area in areas():
        for spelling in (area.name, *area.aliases):
            index.setdefault(area_key(spelling), area)
    return index


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern[str]:
    """Board kinds (and the Northern Ireland board): cheap to scan a whole report for."""
    suffix_alt = "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_SUFFIXES))
    return re.compile(rf"(?P<ni>{_NI_PATTERN})|(?:(?<=\s)|^)(?:{suffix_alt})(?![\w-])", re.IGNORECASE)


#: How far before a board kind its area name may start, and how many words it may have.
_AREA_WINDOW = 90
_AREA_WORDS = 8
_WORD_TOKEN = re.compile(r"[^\s,()]+")


def _area_before(text: str, end: int) -> tuple[Area, int] | None:
    """The longest gazetteer area whose spelling ends just before ``end``, and where it starts."""
    window_start = max(0, end - _AREA_WINDOW)
    tokens = [(m.start(), m.group(0)) for m in _WORD_TOKEN.finditer(text, window_start, end)]
    if window_start > 0 and tokens and tokens[0][0] == window_start:
        tokens = tokens[1:]  # may be the tail of a longer word
    index = area_index()
    found = _longest_area(text, tokens, index)
    while found is None and tokens and tokens[-1][1].lower() in _QUALIFIERS:
        # "Rochdale Borough Safeguarding Children Board", "Durham County …": the council's word
        # between the area and the board's kind
        tokens = tokens[:-1]
        found = _longest_area(text, tokens, index)
    return found


#: Between a board's kind and its area when the area comes after: "… Board for the London Borough of".
_AREA_AFTER = re.compile(
    r"\s+(?:for|of)\s+(?:the\s+)?(?:(?:royal\s+|london\s+)?borough\s+of\s+|city\s+(?:and\s+county\s+)?of\s+"
    r"|county\s+(?:borough\s+)?of\s+)?",
    re.IGNORECASE,
)


def _area_after(text: str, end: int) -> tuple[Area, int] | None:
    """The longest gazetteer area named right after a board's kind ("… Board for Rotherham"), and its end."""
    lead = _AREA_AFTER.match(text, end)
    if lead is None:
        return None
    tokens = [
        (m.start(), m.group(0).rstrip(".;:")) for m in _WORD_TOKEN.finditer(text, lead.end(), lead.end() + 80)
    ]
    index = area_index()
    for count in range(min(_AREA_WORDS, len(tokens)), 0, -1):
        words = tokens[:count]
        area = index.get(area_key(" ".join(word for _, word in words)))
        if area is not None:
            end_of_area = words[-1][0] + len(words[-1][1])
            if count < len(tokens) and _goes_on(text, end_of_area, tokens[count]):
                return None  # "… for Hampshire, Isle of Wight, …": the tail is not the whole name
            return area, end_of_area
    return None


def _goes_on(text: str, end: int, following: tuple[int, str]) -> bool:
    """Whether the printed name goes on after an area read after a board's kind: a comma and another
    place ("Hampshire, Isle of Wight"), or a joiner and a capitalised word ("Cardiff and Vale")."""
    between = text[end : following[0]]
    if "\n" in between:
        return False
    word = following[1]
    if between.strip() == ",":
        return word.lower() in _area_words() and word[:1].isupper()
    if word.lower() in ("and", "&", "a'r", "a’r"):
        rest = text[following[0] + len(word) : following[0] + len(word) + 30].split()
        return bool(rest) and rest[0][:1].isupper()
    return False


#: Words a council puts between its area and a board's kind ("Rochdale Borough …").
_QUALIFIERS = frozenset({"borough", "county", "city", "district", "metropolitan", "council"})


#: Words that join two parts of one area's name, in English, Welsh and Gaelic ("Cardiff and the Vale",
#: "Caerdydd a'r Fro", "Comhairle nan Eilean Siar"): an area right after one is the tail of a longer name.
_JOINERS = frozenset({"and", "&", "the", "a'r", "a’r", "nan", "na", "y", "yr", "an", "of"})
#: Words that make a longer area of the one after them ("Greater Manchester", "Mid Sussex").
_AREA_PREFIXES = frozenset({"greater", "mid", "north", "south", "east", "west", "central", "inner", "outer",
                            "upper", "lower", "new", "royal"})  # fmt: skip


@lru_cache(maxsize=1)
def _area_words() -> frozenset[str]:
    """Every word of every gazetteer spelling (lower case): a name made of them is a place's name."""
    return frozenset(w for a in areas() for s in (a.name, *a.aliases) for w in area_key(s).split())


def _cut_short(text: str, tokens: list[tuple[int, str]], count: int) -> bool:
    """Whether the area found (the last ``count`` tokens) is only the tail of a longer printed name.

    "Cardiff and the Vale of Glamorgan" is not the Vale of Glamorgan's board, "Greater Manchester"
    not Manchester's, "Foo and Hackney" not Hackney's: the words before the area on its line join
    it to more of a name. Reading the tail alone gave a different, real board: wrong and confident.
    """
    start = tokens[-count][0]
    before = [t for t in tokens[:-count] if "\n" not in text[t[0] : start]]
    if not before:
        return False
    if text[max(0, start - 2) : start].strip() == ",":
        # "Southend, Essex and Thurrock": a list of areas (but "Independent Chair, North Wales …" is not)
        return before[-1][1].lower() in _area_words()
    word = before[-1][1].lower()
    if word in ("and", "&", "a'r", "a’r", "nan", "na", "y", "yr"):
        return True
    if word == "of" and len(before) > 1 and before[-2][1].lower() in _QUALIFIERS:
        return False  # "London Borough of Hackney", "City of Bradford": the council's style
    if word in ("the", "of", "an") and len(before) > 1:
        # "Cardiff and the Vale …", "… of the …": a joiner after a capitalised word is part of the name
        prior = before[-2][1]
        return prior[:1].isupper() and (prior.lower() in _JOINERS or prior.lower() in _area_words())
    if word in _JOINERS:
        return False  # "The Cwm Taf Safeguarding Board"
    if area_index().get(area_key(before[-1][1])) is area_index().get(
        area_key(" ".join(w for _, w in tokens[-count:]))
    ):
        return False  # "CYSUR Mid and West Wales …": the area's other name before its name
    return word in _AREA_PREFIXES or (word in _area_words() and before[-1][1][:1].isupper())


def _longest_area(
    text: str, tokens: list[tuple[int, str]], index: dict[str, Area]
) -> tuple[Area, int] | None:
    for count in range(min(_AREA_WORDS, len(tokens)), 0, -1):
        words = tokens[-count:]
        area = index.get(area_key(" ".join(word for _, word in words)))
        if area is not None:
            if _cut_short(text, tokens, count):
                # the whole printed area is not in the gazetteer: no board is better than its tail's
                return None
            return area, words[0][0]
    return None


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
        tokens = list(_WORD_TOKEN.finditer(text, match.end(), line_end if line_end >= 0 else len(text)))
        for count in range(min(_AREA_WORDS, len(tokens)), 0, -1):
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
        named = _area_before(text, match.start())
        end = match.end()
        if named is None:
            # "Local Safeguarding Children Board for the London Borough of Hackney": the area after
            after = _area_after(text, match.end())
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
