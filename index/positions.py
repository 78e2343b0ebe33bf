"""How a word's positions and character offsets are stored in one posting: packed arrays.

Whoosh's ``Characters`` format pickles a list of (position step, start step,
length) tuples for each word of each document. A pickled tuple costs about
nine bytes before compression (the pickler also numbers every tuple in its
memo), and reading one back builds a Python tuple per occurrence: most of the
time of a phrase query over common words went to ``pickle.loads``.

:class:`PackedCharacters` stores the same three sequences as arrays of the
narrowest unsigned integer that holds them (1, 2 or 4 bytes), little-endian,
after the number of occurrences::

    [occurrences: 4 bytes, as Whoosh writes it][array widths: 1 byte][steps][start steps][lengths]

Reading positions is then ``array.frombytes`` and ``itertools.accumulate``,
both in C. The compressed postings take half the space (the national
benchmark index went from 1.63 to 1.05 times its text) and phrase verification
got faster (see docs/BENCHMARKS.md).
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate
from operator import add, sub

from whoosh.formats import Characters, Positions
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint

#: Array type codes by width code (0: 1 byte, 1: 2 bytes, 2: 4 bytes).
_TYPES = ("B", "H", "I")
_LIMITS = (1 << 8, 1 << 16, 1 << 32)
assert array("I").itemsize == 4, "this platform's unsigned int is not 4 bytes"
_SWAP = sys.byteorder == "big"  # stored little-endian on every machine


def _width(values: list[int]) -> int:
    top = max(values)
    return 0 if top < _LIMITS[0] else 1 if top < _LIMITS[1] else 2


def _packed(values: list[int], width: int) -> bytes:
    packed = array(_TYPES[width], values)
    if _SWAP:
        packed.byteswap()
    return packed.tobytes()


def _one(value: int) -> tuple[int, bytes]:
    width = 0 if value < _LIMITS[0] else 1 if value < _LIMITS[1] else 2
    return width, value.to_bytes(1 << width, "little")


def pack(entries: list[tuple[int, int, int]]) -> bytes:
    """The stored form of (position, start, end) entries, ascending by position."""
    if len(entries) == 1:  # a fifth of a report's words occur once: no arrays needed
        (pos, start, stop) = entries[0]
        (w0, b0), (w1, b1), (w2, b2) = _one(pos), _one(start), _one(stop - start)
        return pack_uint(1) + bytes((w0 | w1 << 2 | w2 << 4,)) + b0 + b1 + b2
    steps, gaps, lengths = [], [], []
    position = end = 0
    for pos, start, stop in entries:
        steps.append(pos - position)
        gaps.append(start - end)
        lengths.append(stop - start)
        position, end = pos, stop
    widths = (_width(steps), _width(gaps), _width(lengths))
    return (
        pack_uint(len(entries))
        + bytes((widths[0] | widths[1] << 2 | widths[2] << 4,))
        + _packed(steps, widths[0])
        + _packed(gaps, widths[1])
        + _packed(lengths, widths[2])
    )


def _arrays(value: bytes, wanted: int) -> list[array]:
    """The first ``wanted`` of the three arrays in ``value``."""
    count = unpack_uint(value[:_INT_SIZE])[0]
    widths = value[_INT_SIZE]
    offset = _INT_SIZE + 1
    out = []
    for k in range(wanted):
        unpacked = array(_TYPES[(widths >> (2 * k)) & 3])
        end = offset + unpacked.itemsize * count
        unpacked.frombytes(value[offset:end])
        if _SWAP:
            unpacked.byteswap()
        out.append(unpacked)
        offset = end
    return out


def positions(value: bytes) -> list[int]:
    """Word positions from a stored value."""
    (steps,) = _arrays(value, 1)
    return list(accumulate(steps))


def characters(value: bytes) -> list[tuple[int, int, int]]:
    """(position, start, end) entries from a stored value."""
    steps, gaps, lengths = _arrays(value, 3)
    ends = list(accumulate(map(add, gaps, lengths)))
    return list(zip(accumulate(steps), map(sub, ends, lengths), ends, strict=True))


class PackedCharacters(Characters):
    """Whoosh's ``Characters`` format (positions and character offsets), stored packed."""

    def encode(self, poslist: list[tuple[int, int, int]]) -> bytes:
        return pack(poslist)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        return characters(valuestring)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return positions(valuestring)


def pack_positions(entries: list[int]) -> bytes:
    """The stored form of ascending positions (the first array of :func:`pack` alone)."""
    steps = list(map(sub, entries, (0, *entries[:-1])))
    width = _width(steps)
    return pack_uint(len(entries)) + bytes((width,)) + _packed(steps, width)


class PackedPositions(Positions):
    """Whoosh's ``Positions`` format (positions only), stored packed."""

    def encode(self, poslist: list[int]) -> bytes:
        return pack_positions(poslist)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return positions(valuestring)
