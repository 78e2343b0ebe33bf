"""Metadata extraction: board, publication date, child ages and title, with provenance."""

from .boards import ANONYMOUS, area_of, find_boards, matches_filter, resolve_board
from .candidates import WEAK_SCORE
from .dates import PartialDate, parse_date, parse_iso_partial
from .reader import read_metadata

__all__ = [
    "ANONYMOUS",
    "WEAK_SCORE",
    "PartialDate",
    "area_of",
    "find_boards",
    "matches_filter",
    "parse_date",
    "parse_iso_partial",
    "read_metadata",
    "resolve_board",
]
