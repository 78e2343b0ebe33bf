"""Values kept between searches: a bounded map, least recently used dropped first, safe across threads.

Searches keep four kinds of computed values in the process: each segment's
field-length tables for scoring (:mod:`index.scoring`), each segment's facet
tables (:mod:`search.counting`), each segment's verified phrase answers
(:mod:`search.phrases`) and whole searches' counts (:mod:`search.cache`). They
share this one structure (in the index floor, which the search floor builds
on); what a key means, and when it stops being true, is each user's own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """At most ``limit`` values by key; reading one makes it the most recently used."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()  # the web page searches from several threads

    def get(self, key: Hashable) -> V | None:
        """The value kept for ``key``, or None."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> None:
        """Keep ``value`` for ``key``, dropping the least recently used beyond the limit."""
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.limit:
                self._values.popitem(last=False)

    def get_or_compute(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``compute()``'s, kept.

        ``compute`` runs outside the lock: two threads may compute the same value once each.
        """
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value

    def drop(self, which: Callable[[Any], bool]) -> None:
        """Forget the values whose keys ``which`` accepts."""
        with self._lock:
            for key in [k for k in self._values if which(k)]:
                del self._values[key]

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._values)


def segment_key(reader: Any) -> tuple[str, str] | None:
    """What names one segment of one index on disk (its folder and id); None for a reader of
    several segments, an empty index or one in memory, whose values are not kept."""
    segment = reader.segment()
    folder = getattr(reader.storage(), "folder", None)
    if segment is None or folder is None:
        return None
    return (str(folder), segment.segment_id())


__all__ = ["Kept", "segment_key"]
