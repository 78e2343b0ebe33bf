"""Keyed positions: many values' positions in one sorted array, equal to decoding each value."""

from __future__ import annotations

import random

import numpy as np

from index.keyed import KEY_BITS, held_in, intersect_sorted, keyed_positions, keyed_steps
from index.positions import pack, pack_positions, positions


def _values(rng: random.Random, count: int) -> tuple[list[bytes], list[list[int]]]:
    """Packed values of every width (steps below 256, below 65,536 and beyond), and their positions."""
    values, found = [], []
    for _ in range(count):
        reach = rng.choice([200, 70_000, 5_000_000])
        here = sorted(rng.sample(range(reach), rng.randrange(1, 60)))
        entries = [(p, p * 400, p * 400 + rng.randrange(1, 300)) for p in here]
        values.append(pack(entries) if rng.random() < 0.7 else pack_positions(here))
        found.append(here)
    return values, found


def test_keyed_positions_equal_each_value_decoded_and_moved():
    rng = random.Random(2)
    widths_seen = set()
    for _ in range(150):
        values, found = _values(rng, rng.randrange(1, 30))
        by = rng.randrange(-5, 5)
        expected = [(i << KEY_BITS) + p + by for i, here in enumerate(found) for p in here]
        keyed = keyed_positions(values, by)
        assert keyed.dtype == np.int64 and keyed.tolist() == expected
        assert [positions(v) for v in values] == found
        widths_seen.update(v[4] & 3 for v in values)
    assert widths_seen == {0, 1, 2}  # every step width was read
    assert keyed_positions([]).tolist() == []


def test_keyed_steps_reads_only_the_values_it_is_pointed_at():
    """Values picked out of a longer run of steps (a posting block's), under owners of their own."""
    rng = random.Random(3)
    values, found = _values(rng, 40)
    steps = [v[5 : 5 + (int.from_bytes(v[:4], "big") << (v[4] & 3))] for v in values]
    starts = np.cumsum([0] + [len(s) for s in steps[:-1]])
    chosen = sorted(rng.sample(range(40), 15))
    keyed = keyed_steps(
        np.array([len(found[j]) for j in chosen]),
        np.array([values[j][4] for j in chosen], dtype=np.uint8),
        starts[chosen],
        np.arange(len(chosen)) * 3,
        b"".join(steps),
        by=1,
    )
    assert keyed.tolist() == [((k * 3) << KEY_BITS) + p + 1 for k, j in enumerate(chosen) for p in found[j]]


def test_keyed_steps_skips_a_value_without_steps():
    """An empty value between two others moves neither's keys."""
    steps = bytes([2, 3]) + (300).to_bytes(2, "little") + bytes([1])
    keyed = keyed_steps(
        np.array([2, 0, 1, 1]),
        np.array([0, 0, 1, 0], dtype=np.uint8),
        np.array([0, 2, 2, 4]),
        np.array([0, 1, 2, 3]),
        steps,
    )
    assert keyed.tolist() == [2, 5, (2 << KEY_BITS) + 300, (3 << KEY_BITS) + 1]


def _sorted_keys(rng: random.Random, count: int, reach: int) -> np.ndarray:
    return np.array(sorted(rng.sample(range(reach), count)), dtype=np.int64)


def test_intersect_sorted_equals_the_common_values_of_two_sorted_arrays():
    """Either side the shorter, values below, among and past the other's, keys beyond 2**32, none shared."""
    rng = random.Random(5)
    for _ in range(200):
        reach = rng.choice([50, 5_000, 1 << 40])
        a = _sorted_keys(rng, rng.randrange(0, 40), reach)
        b = _sorted_keys(rng, rng.randrange(0, 40), reach)
        expected = sorted(set(a.tolist()) & set(b.tolist()))
        assert intersect_sorted(a, b).tolist() == expected
        assert intersect_sorted(b, a).tolist() == expected
    high = np.array([3 << KEY_BITS, (3 << KEY_BITS) + 9], dtype=np.int64)
    assert intersect_sorted(np.array([1, 2, 3], dtype=np.int64), high).tolist() == []
    assert intersect_sorted(high, np.array([(3 << KEY_BITS) + 9], dtype=np.int64)).tolist() == [high[1]]


def test_held_in_says_for_each_value_whether_the_sorted_array_holds_it():
    """Values in any order, repeated, before the first and past the last; an empty array holds none."""
    sorted_values = np.array([4, 9, 12, 1 << 35], dtype=np.int64)
    values = np.array([12, 0, 4, 13, 1 << 35, 12, 99, (1 << 35) + 1], dtype=np.int64)
    assert held_in(values, sorted_values).tolist() == [True, False, True, False, True, True, False, False]
    assert held_in(values, sorted_values[:0]).tolist() == [False] * len(values)
    assert held_in(values[:0], sorted_values).tolist() == []
