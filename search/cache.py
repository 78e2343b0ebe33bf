"""Counts and facets of recent searches, kept while the index stays as it was when they were counted.

A total and its facet counts read every match; a second search for the same
query, filters and page of hits (the web page asking again for a facet's
counts, a reader going back, a script repeating a query) gets them from here,
the way Elasticsearch's request cache serves repeated aggregations. An entry
is keyed by the parsed query, the filters and what else changes the answer,
and holds only for the state of the index it was counted on (:meth:`index.IndexStore.state`:
the Whoosh generation and segments, and the catalog's version): when that
changes, the entries counted on the old state are dropped.

The cache lives in the process: it serves the web page and any program that
searches many times; each command-line search is a process of its own. The
benchmark measures searches cold (:func:`clear` before each) and warm apart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from index.kept import Kept

from .filters import Filters
from .phrases import forget_answers

T = TypeVar("T")

#: Entries kept across every index the process reads (each a total, a few facets, ranked numbers).
_ENTRIES: Kept[Any] = Kept(512)
_STATES: dict[str, tuple[object, ...]] = {}  # each index directory's state its entries hold for
_STATES_LOCK = threading.Lock()  # the web page searches from several threads


def filters_key(filters: Filters) -> tuple[Hashable, ...]:
    """The filters as a hashable value (equal filters, equal keys)."""
    facets = tuple(sorted((name, tuple(values)) for name, values in filters.facets.items()))
    return (facets, filters.min_age, filters.max_age, str(filters.published_from), str(filters.published_to))


def cached(state: tuple[object, ...], key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """The value kept for ``key`` on the index in ``state``, else ``compute()``'s, kept.

    ``state[0]`` names the index (its directory); entries of an older state of it are dropped.
    """
    directory = str(state[0])
    with _STATES_LOCK:
        if _STATES.get(directory) != state:
            _ENTRIES.drop(lambda k: k[0] == directory)
            _STATES[directory] = state
    full = (directory, state, key)
    kept: T | None = _ENTRIES.get(full)
    if kept is not None:
        return kept
    value = compute()  # outside any lock: two threads may count the same search once each
    with _STATES_LOCK:
        if _STATES.get(directory) == state:  # not for a state whose entries were dropped meanwhile
            _ENTRIES.put(full, value)
    return value


def clear() -> None:
    """Forget every kept result and phrase answer (the benchmark's cold measurements start here)."""
    with _STATES_LOCK:
        _ENTRIES.clear()
        _STATES.clear()
    forget_answers()


def size() -> int:
    """How many results are kept."""
    return len(_ENTRIES)


__all__ = ["cached", "clear", "filters_key", "size"]
