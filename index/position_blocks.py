"""Posting blocks that keep a word's positions apart from its character offsets.

:class:`index.codec.SplitCodec` stores a block's ids and weights apart from its
values, but each value holds a document's positions *and* its character
offsets, so verifying a phrase decompressed and unpickled both, and then decoded
each candidate's value in Python. For the fields whose values are
:mod:`index.positions` packed arrays, :class:`PositionsApartCodec` writes a
block's values as two parts: every value's positions (counts, widths, then the
steps, one value after another) and the rest (the offsets); the ids and weights and
the rest are compressed, the positions part is stored as it is (older blocks
have it compressed, and a flag in the block says which).
A phrase is verified from the positions parts alone, decoded for every
candidate at once (:meth:`PositionsApartMatcher.keyed_positions`); snippets,
merges and Whoosh's own reads get whole values back (:func:`join_values`).

Segments remember the codec that wrote them: an index written by
:class:`~index.codec.SplitCodec` keeps being read, and its segments move to
this layout as they are merged.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from pickle import dumps, loads
from typing import Any, cast

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher
from whoosh.system import pack_uint

from .codec import SplitCodec, SplitLeafMatcher, SplitPostingsWriter, values_for
from .keyed import keyed_positions, keyed_steps
from .positions import PackedCharacters, PackedPositions

#: Formats whose values are :mod:`index.positions` packed arrays, positions first.
PACKED_FORMATS = (PackedCharacters, PackedPositions)
_PARTS = struct.Struct("!II")  # a block's data: the lengths of its ids-and-weights and positions parts
#: Set in the positions part's length when the part is stored as it is (blocks written before
#: this flag have their positions part compressed like the others, and never have it set).
_STORED_RAW = 1 << 31
_VALUE_HEAD = struct.Struct("!IB")  # a packed value: occurrences (as Whoosh packs them), then the widths
_BIG_ENDIAN = sys.byteorder == "big"


def split_values(values: list[bytes]) -> tuple[bytes, list[bytes]]:
    """A block's packed values as (their positions part, the rest of each value).

    The positions part is every value's occurrence count (4 bytes, little-endian), then every
    value's widths byte, then every value's position steps, one value after another. The rest
    of a value is what follows its steps (the character offsets of ``PackedCharacters``).
    """
    counts = array("I")
    widths = bytearray()
    steps, rests = [], []
    head = _VALUE_HEAD.unpack_from
    for value in values:
        count, width = head(value)
        end = 5 + (count << (width & 3))
        counts.append(count)
        widths.append(width)
        steps.append(value[5:end])
        rests.append(value[end:])
    if _BIG_ENDIAN:
        counts.byteswap()
    return counts.tobytes() + bytes(widths) + b"".join(steps), rests


def join_values(positions: bytes, rests: list[bytes]) -> list[bytes]:
    """The packed values :func:`split_values` split."""
    count = len(rests)
    counts = array("I", positions[: 4 * count])
    if _BIG_ENDIAN:
        counts.byteswap()
    widths = positions[4 * count : 5 * count]
    at = 5 * count
    values = []
    for occurrences, width, rest in zip(counts, widths, rests, strict=True):
        end = at + (occurrences << (width & 3))
        values.append(b"".join((pack_uint(occurrences), bytes((width,)), positions[at:end], rest)))
        at = end
    return values


class PositionsApartWriter(SplitPostingsWriter):
    """Writes a block of packed values as [ids, weights][positions][the rest]; others as its parent.

    Verifying a phrase reads only the positions part: for the words of the benchmark's phrase
    and proximity queries at national scale it is 48% of the values' compressed bytes, and
    decompressing it took 16 ms against 64 ms for decompressing and unpickling whole values.
    """

    def _write_block(self, last: bool = False) -> None:
        if not isinstance(self._format, PACKED_FORMATS):
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        assert len(self._values) == len(self._ids), "a packed value for every posting"
        head = dumps((self._mini_ids(), self._mini_weights()), 2)
        positions, rests = split_values(self._values)
        rest = dumps(rests, 2)
        level = self._compression
        if level:
            head, rest = zlib.compress(head, level), zlib.compress(rest, level)
        # the positions part is stored as it is: zlib made it only 1.44 times smaller (the mix's
        # phrase words at national), and decompressing it was a third of verifying a phrase
        head_and_positions = _PARTS.pack(len(head), len(positions) | _STORED_RAW) + head + positions
        self._write_data(head_and_positions + rest, last)


class PositionsApartMatcher(SplitLeafMatcher):
    """Reads :class:`PositionsApartWriter` blocks of packed values, each part only when asked for."""

    def _read_data(self) -> None:
        postfile = self._postfile
        head_length, positions_length = _PARTS.unpack(postfile.get(self._dataoffset, _PARTS.size))
        start = self._dataoffset + _PARTS.size
        head = postfile.get(start, head_length)
        if self._compression:
            head = zlib.decompress(head)
        ids, weights = loads(head)
        self._positions_raw = bool(positions_length & _STORED_RAW)
        self._positions_at = start + head_length
        self._rest_at = self._positions_at + (positions_length & ~_STORED_RAW)
        self._data: tuple[Any, Any, Any] = (ids, weights, None)

    def _positions_part(self) -> bytes:
        if self._data is None:
            self._read_data()
        part = self._postfile.get(self._positions_at, self._rest_at - self._positions_at)
        return zlib.decompress(part) if self._compression and not self._positions_raw else part

    def _read_values(self) -> None:
        positions = self._positions_part()
        raw = self._postfile.get(self._rest_at, self._nextoffset - self._rest_at)
        rests = loads(zlib.decompress(raw) if self._compression else raw)
        ids, weights, _ = self._data
        self._data = (ids, weights, join_values(positions, rests))
        W3LeafMatcher._read_values(self)

    def keyed_positions(self, docs: list[int], by: int = 0) -> np.ndarray:
        """Keyed positions (:mod:`index.keyed`) of the word in ``docs`` (ascending; index in ``docs``).

        Only the positions part of each block holding one of ``docs`` is read, and every
        block's steps are decoded together, with no step through Python per document.
        """
        wanted = np.asarray(docs, dtype=np.int64)
        counts, widths, starts, owners, steps = [], [], [], [], []
        at = 0
        while self.is_active() and len(wanted):
            if wanted[0] > self._maxid:
                self._next_block()
                continue
            if self._ids is None:
                self._read_ids()
            ids = np.asarray(self._ids, dtype=np.int64)
            place = np.minimum(np.searchsorted(wanted, ids), len(wanted) - 1)
            held = wanted[place] == ids
            if held.any():
                part = self._positions_part()
                n = len(ids)
                block_counts = np.frombuffer(part, dtype="<u4", count=n).astype(np.int64)
                block_widths = np.frombuffer(part, dtype=np.uint8, count=n, offset=4 * n)
                sizes = block_counts << (block_widths & 3)
                block_starts = at + 5 * n + np.cumsum(sizes) - sizes
                counts.append(block_counts[held])
                widths.append(block_widths[held])
                starts.append(block_starts[held])
                owners.append(place[held] + (len(docs) - len(wanted)))
                steps.append(part)
                at += len(part)
            wanted = wanted[np.searchsorted(wanted, self._maxid, "right") :]
            self._next_block()
        if not counts:
            return np.zeros(0, dtype=np.int64)
        return keyed_steps(
            np.concatenate(counts),
            np.concatenate(widths),
            np.concatenate(starts),
            np.concatenate(owners),
            b"".join(steps),
            by,
        )


class PositionsApartCodec(SplitCodec):
    """:class:`SplitCodec` with the positions of packed values apart (:class:`PositionsApartWriter`).

    Segments written by :class:`SplitCodec` keep their codec and are read as before; merging
    rewrites them in this layout.
    """

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:
            return super().postings_writer(dbfile, byteids)
        return PositionsApartWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined() or not isinstance(format_, PACKED_FORMATS):
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PositionsApartMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def keyed_positions_in(matcher: Any, docs: list[int], by: int = 0) -> np.ndarray:
    """Keyed positions (:mod:`index.keyed`) of a fresh posting matcher's word in ``docs`` (ascending).

    Every one of ``docs`` must hold the word. Read from the positions part of each block
    (:meth:`PositionsApartMatcher.keyed_positions`) when the segment has one; otherwise from
    each document's value.
    """
    inner = getattr(matcher, "child", matcher)
    if isinstance(inner, PositionsApartMatcher):
        return inner.keyed_positions(docs, by)
    return keyed_positions(cast("list[bytes]", values_for(matcher, docs)), by)
