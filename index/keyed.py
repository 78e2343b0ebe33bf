"""Keyed positions: the positions of a word in many documents as one sorted array.

Verifying a phrase, or counting the pairs of a proximity query, needs the
positions of each word in every candidate report: thousands at national scale.
Decoded report by report into Python sets or lists, that cost 5 to 30 µs of
Python a report (two thirds of a proximity query's time). Here every
candidate's positions are decoded at once, with array operations in C, into
one array of *keys*::

    (index of the candidate << KEY_BITS) + position

Keys of one candidate are ascending and every key of a candidate comes before
the next candidate's, so two words' keys can be intersected or searched
against each other in one call, and a key's candidate is ``key >> KEY_BITS``.

The positions come from :mod:`index.positions` values: a value's steps (the
gaps between positions) are 1, 2 or 4 bytes wide, little-endian; a value's
positions are the running sum of its steps.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

#: Keys of two candidates are this many bits apart: a report's positions stay below 2**32.
KEY_BITS = 32
_HEAD = struct.Struct("!IB")  # a packed value: occurrences (as Whoosh packs them), then the widths


def keyed_positions(values: Sequence[bytes], by: int = 0) -> np.ndarray:
    """Every position held in packed ``values``, moved by ``by``, keyed by its value's index.

    The result (int64, ascending) holds ``(i << KEY_BITS) + position + by`` for each position
    of ``values[i]``.
    """
    counts, widths, starts, steps = [], [], [], []
    at = 0
    head = _HEAD.unpack_from
    for value in values:
        count, width = head(value)
        size = count << (width & 3)
        counts.append(count)
        widths.append(width)
        starts.append(at)
        steps.append(value[5 : 5 + size])
        at += size
    if not counts:
        return np.zeros(0, dtype=np.int64)
    return keyed_steps(
        np.array(counts, dtype=np.int64),
        np.array(widths, dtype=np.uint8),
        np.array(starts, dtype=np.int64),
        np.arange(len(counts), dtype=np.int64),
        b"".join(steps),
        by,
    )


def keyed_steps(
    counts: np.ndarray, widths: np.ndarray, starts: np.ndarray, owners: np.ndarray, steps: bytes, by: int = 0
) -> np.ndarray:
    """Keyed positions of values whose steps lie in ``steps``, one entry per value.

    Value ``j`` holds ``counts[j]`` steps, each ``1 << (widths[j] & 3)`` bytes wide, from byte
    ``starts[j]`` of ``steps``; its keys are ``(owners[j] << KEY_BITS) + position + by``. Owners
    must ascend. Values of each width are decoded together: every step's bytes are gathered
    by index (no loop over values), and positions are running sums less the sum before each
    value.
    """
    data = np.frombuffer(steps, dtype=np.uint8)
    widths = widths & 3
    keyed = []
    for width in range(3):
        chosen = widths == width
        if not chosen.any():
            continue
        sizes = counts[chosen]
        total = int(sizes.sum())
        first = np.cumsum(sizes) - sizes  # where each value's steps begin in the output
        within = np.arange(total, dtype=np.int64) - np.repeat(first, sizes)
        at = np.repeat(starts[chosen], sizes) + (within << width)
        gathered = data[at].astype(np.int64)
        for byte in range(1, 1 << width):
            gathered |= data[at + byte].astype(np.int64) << (8 * byte)
        sums = np.cumsum(gathered)
        before = np.where(first > 0, sums[first - 1], 0)
        base = (owners[chosen] << KEY_BITS) - before + by
        keyed.append(sums + np.repeat(base, sizes))
    if len(keyed) == 1:
        return keyed[0]
    return np.sort(np.concatenate(keyed))
