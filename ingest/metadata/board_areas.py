"""The gazetteer's areas, and where an area's printed name starts and ends around a board's kind.

A board's name is read from its kind outwards: the longest gazetteer spelling that ends just
before the kind ("Rochdale Borough Safeguarding Children Board"), or that follows it ("… Board
for the London Borough of Hackney"). An area that is only the tail of a longer printed name
("Cardiff and the Vale of Glamorgan", "Greater Manchester") is no board at all: reading the tail
alone named a different, real board, wrong and confident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class Area:
    """One gazetteer row: a canonical area name, its nation and other spellings."""

    name: str
    nation: str
    aliases: tuple[str, ...]
    #: areas of the same board under an older or newer name (a rename or a reorganisation)
    same_board: tuple[str, ...] = ()


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


#: How far before a board kind its area name may start, and how many words it may have.
_AREA_WINDOW = 90
AREA_WORDS = 8
WORD_TOKEN = re.compile(r"[^\s,()]+")


def area_before(text: str, end: int) -> tuple[Area, int] | None:
    """The longest gazetteer area whose spelling ends just before ``end``, and where it starts."""
    window_start = max(0, end - _AREA_WINDOW)
    tokens = [(m.start(), m.group(0)) for m in WORD_TOKEN.finditer(text, window_start, end)]
    if window_start > 0 and tokens and tokens[0][0] == window_start:
        tokens = tokens[1:]  # may be the tail of a longer word
    if tokens and tokens[-1][1].lower().endswith(("'s", "’s")):
        # "on behalf of Gwent's Safeguarding Board": the area in the possessive
        tokens[-1] = (tokens[-1][0], tokens[-1][1][:-2])
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


def area_after(text: str, end: int) -> tuple[Area, int] | None:
    """The longest gazetteer area named right after a board's kind ("… Board for Rotherham"), and its end."""
    lead = _AREA_AFTER.match(text, end)
    if lead is None:
        return None
    tokens = [
        (m.start(), m.group(0).rstrip(".;:")) for m in WORD_TOKEN.finditer(text, lead.end(), lead.end() + 80)
    ]
    index = area_index()
    for count in range(min(AREA_WORDS, len(tokens)), 0, -1):
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
        return word.lower() in area_words() and word[:1].isupper()
    if word.lower() in ("and", "&", "a'r", "a’r"):
        rest = text[following[0] + len(word) : following[0] + len(word) + 30].split()
        return bool(rest) and rest[0][:1].isupper()
    return False


#: Words a council puts between its area and a board's kind ("Rochdale Borough …").
_QUALIFIERS = frozenset({"borough", "county", "city", "district", "metropolitan", "council", "local"})


#: Words that join two parts of one area's name, in English, Welsh and Gaelic ("Cardiff and the Vale",
#: "Caerdydd a'r Fro", "Comhairle nan Eilean Siar"): an area right after one is the tail of a longer name.
_JOINERS = frozenset({"and", "&", "the", "a'r", "a’r", "nan", "na", "y", "yr", "an", "of"})
#: Words that make a longer area of the one after them ("Greater Manchester", "Mid Sussex").
_AREA_PREFIXES = frozenset({"greater", "mid", "north", "south", "east", "west", "central", "inner", "outer",
                            "upper", "lower", "new", "royal"})  # fmt: skip


@lru_cache(maxsize=1)
def area_words() -> frozenset[str]:
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
        return before[-1][1].lower() in area_words()
    word = before[-1][1].lower()
    if word in ("and", "&", "a'r", "a’r", "nan", "na", "y", "yr"):
        return True
    if word == "of" and len(before) > 1 and before[-2][1].lower() in _QUALIFIERS:
        return False  # "London Borough of Hackney", "City of Bradford": the council's style
    if word in ("the", "of", "an") and len(before) > 1:
        # "Cardiff and the Vale …", "… of the …": a joiner after a capitalised word is part of the name
        prior = before[-2][1]
        return prior[:1].isupper() and (prior.lower() in _JOINERS or prior.lower() in area_words())
    if word in _JOINERS:
        return False  # "The Cwm Taf Safeguarding Board"
    if area_index().get(area_key(before[-1][1])) is area_index().get(
        area_key(" ".join(w for _, w in tokens[-count:]))
    ):
        return False  # "CYSUR Mid and West Wales …": the area's other name before its name
    return word in _AREA_PREFIXES or (word in area_words() and before[-1][1][:1].isupper())


def _longest_area(
    text: str, tokens: list[tuple[int, str]], index: dict[str, Area]
) -> tuple[Area, int] | None:
    for count in range(min(AREA_WORDS, len(tokens)), 0, -1):
        words = tokens[-count:]
        area = index.get(area_key(" ".join(word for _, word in words)))
        if area is not None:
            if _cut_short(text, tokens, count):
                # the whole printed area is not in the gazetteer: no board is better than its tail's
                return None
            return area, words[0][0]
    return None
