"""The search floor: queries and filters in, plain hits and facet counts out."""

from . import cache, charts, outlines, renderers, research
from .citations import bibtex, ris
from .engine import (
    DEFAULT_SNIPPETS,
    LIST_SORTS,
    SORTS,
    facet_counts,
    list_documents,
    search,
    similar,
    unmatched_boards,
)
from .errors import FilterError, QueryError
from .filters import AGE_BAND_CHOICES, NATION_CHOICES, REVIEW_TYPE_CHOICES, Filters
from .model import MARK_END, MARK_START, FacetCounts, Hit, SearchResult, Snippet
from .review import SHEET_COLUMNS, Concern, ReviewItem, review_queue

__all__ = [
    "AGE_BAND_CHOICES",
    "DEFAULT_SNIPPETS",
    "LIST_SORTS",
    "MARK_END",
    "MARK_START",
    "NATION_CHOICES",
    "REVIEW_TYPE_CHOICES",
    "SHEET_COLUMNS",
    "SORTS",
    "Concern",
    "FacetCounts",
    "FilterError",
    "Filters",
    "Hit",
    "QueryError",
    "ReviewItem",
    "SearchResult",
    "Snippet",
    "bibtex",
    "cache",
    "charts",
    "facet_counts",
    "list_documents",
    "outlines",
    "renderers",
    "research",
    "review_queue",
    "ris",
    "search",
    "similar",
    "unmatched_boards",
]
