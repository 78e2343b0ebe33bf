"""Boards looked up in the gazetteer by other routes than a printed name: an area named alone, a
site's name run together ("perthandkinrosschildprotection"), and a board's other names after a rename.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .board_areas import Area, area_index, area_key, areas
from .boards import canonical_name, find_boards


def board_of_area(text: str, year: int | None = None) -> str | None:
    """The board of an area named alone ("LSCB: Gwent" on a library sheet), with its nation's kind.

    England's boards became partnerships in 2019: before it (or with no year) the board, after it the
    partnership; Wales has safeguarding boards, Scotland child protection committees.
    """
    area = area_index().get(area_key(text))
    if area is None:
        return None
    kind = {"Wales": "safeguarding-board", "Scotland": "committee"}.get(area.nation)
    if kind is None:
        kind = "partnership" if area.nation == "England" and year is not None and year >= 2019 else "board"
    return canonical_name(area, kind)


def same_board_names(board: str) -> tuple[str, ...]:
    """The other names of ``board`` in the gazetteer: the same board before or after a rename
    ("Cwm Taf Safeguarding Board" and "Cwm Taf Morgannwg Safeguarding Board")."""
    mentions = find_boards(board)
    if not mentions:
        return ()
    area = area_index()[area_key(mentions[0].area)]
    suffix = board[len(" ".join(board.split()[: len(area.name.split())])) :]
    return tuple(f"{area_index()[area_key(other)].name}{suffix}" for other in area.same_board)


@lru_cache(maxsize=1)
def _areas_by_letters() -> dict[str, Area]:
    index: dict[str, Area] = {}
    for area in areas():
        for spelling in (area.name, *area.aliases):
            index.setdefault(re.sub(r"[^a-z0-9]", "", spelling.lower().replace("&", "and")), area)
    return index


def area_by_letters(letters: str) -> Area | None:
    """The area whose name, run together without spaces or punctuation, is ``letters``."""
    return _areas_by_letters().get(letters)
