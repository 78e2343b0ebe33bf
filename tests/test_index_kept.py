"""The bounded map the search floor keeps computed values in."""

from __future__ import annotations

from index.kept import Kept


def test_the_least_recently_used_value_is_dropped_beyond_the_limit() -> None:
    kept: Kept[int] = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # now the most recently used
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)
    assert len(kept) == 2


def test_a_value_is_computed_once_and_then_served() -> None:
    kept: Kept[list[int]] = Kept(4)
    calls: list[int] = []
    first = kept.get_or_compute("k", lambda: calls.append(1) or [7])
    assert kept.get_or_compute("k", lambda: calls.append(1) or [8]) is first
    assert calls == [1]


def test_values_are_dropped_by_key_and_all_at_once() -> None:
    kept: Kept[int] = Kept(10)
    for key in [("x", 1), ("x", 2), ("y", 1)]:
        kept.put(key, key[1])
    kept.drop(lambda key: key[0] == "x")
    assert (kept.get(("x", 1)), kept.get(("y", 1))) == (None, 1)
    kept.clear()
    assert len(kept) == 0
