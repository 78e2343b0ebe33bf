"""Posting blocks with their positions apart, so a query that needs no positions never unpacks them.

Whoosh's own codec writes each block of up to 128 postings as one compressed
pickle of (document numbers, weights, values), the values being each
document's positions and character offsets, by far the largest part. Walking
a posting list (a word query scoring its documents, the candidates of a
phrase, a ``NOT``) therefore decompressed and unpickled every position of the
word: 40% of the time of a one-word query at national scale went there.

:class:`SplitCodec` writes the same block as two compressed parts: document
numbers and weights first, then the values. Its matcher reads the first part
when the block's documents or weights are asked for, and the values only
when a document's positions are. Everything else (block headers, skipping,
term info, inlined postings) is Whoosh's own.

Segments remember the codec that wrote them, so an index written before this
codec keeps being read with Whoosh's, and its segments are rewritten in this
layout as they are merged.
"""

from __future__ import annotations

import struct
import zlib
from itertools import accumulate
from pickle import dumps, loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter
from whoosh.matching import ListMatcher
from whoosh.util.numeric import length_to_byte

_HEAD_LENGTH = struct.Struct("!I")


class SplitPostingsWriter(W3PostingsWriter):
    """Writes each block as [length of part 1][part 1: ids, weights][part 2: values]."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        head = dumps((self._mini_ids(), self._mini_weights()), 2)
        values = dumps(self._mini_values(), 2)
        level = self._compression
        if level:
            head, values = zlib.compress(head, level), zlib.compress(values, level)
        self._write_data(_HEAD_LENGTH.pack(len(head)) + head + values, last)

    def _write_data(self, databytes: bytes, last: bool) -> None:
        """Write the block's info (Whoosh's) and ``databytes``, and start the next block."""
        ids = self._ids
        info = (len(ids), ids[-1], self._maxweight, self._compression, _length_byte(self._minlength))
        infobytes = dumps((*info, _length_byte(self._maxlength)), 2)
        length = len(infobytes) + len(databytes)
        self._postfile.write_int(-length if last else length)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


def _length_byte(length: int | None) -> int:
    return int(length_to_byte(length))


class SplitLeafMatcher(W3LeafMatcher):
    """Reads :class:`SplitPostingsWriter` blocks, unpacking the values only when asked for."""

    def _read_data(self) -> None:
        postfile = self._postfile
        (head_length,) = _HEAD_LENGTH.unpack(postfile.get(self._dataoffset, _HEAD_LENGTH.size))
        start = self._dataoffset + _HEAD_LENGTH.size
        head = postfile.get(start, head_length)
        if self._compression:
            head = zlib.decompress(head)
        ids, weights = loads(head)
        self._values_at = start + head_length
        self._data = (ids, weights, None)

    def _read_ids(self) -> None:
        """The block's document numbers: its stored gaps summed in C (``itertools.accumulate``).

        Whoosh sums them in a Python generator, a step per posting: 2 ms of a proximity
        query's 30 at national, where each of its words' lists is read twice.
        """
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        self._ids = ids if self._byteids else tuple(accumulate(ids))

    def all_ids(self) -> Any:
        """Every document number from here on, a block at a time.

        Whoosh's generic loop calls ``id()`` and ``next()`` for each posting (about 1 µs each);
        a search counting its matches from posting lists (:mod:`search.docsets`) reads them all.
        """
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            yield from self._ids[self._i :]
            self._next_block()

    def id_array(self) -> np.ndarray:
        """Every document number from here on, as one array (int64), a block at a time."""
        ids: list[Any] = []
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            ids.append(np.asarray(self._ids[self._i :], dtype=np.int64))
            self._next_block()
        return np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)

    def ids_and_weights(self) -> tuple[np.ndarray, np.ndarray]:
        """Every document number and weight from here on, as arrays, a block at a time.

        Ranking a query over whole posting lists (:mod:`search.ranking`) scores them all at once.
        """
        ids: list[Any] = []
        weights: list[Any] = []
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            if self._weights is None:
                self._read_weights()
            ids.append(np.asarray(self._ids[self._i :], dtype=np.int64))
            weights.append(np.asarray(self._weights[self._i :], dtype=np.float64))
            self._next_block()
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(ids), np.concatenate(weights)

    def values_for(self, docs: list[int]) -> list[bytes | None]:
        """The stored value of each of ``docs`` (ascending), None where the term is not in one.

        Verifying a phrase reads the positions of a few thousand candidates; going to each with
        ``skip_to`` and ``value`` cost about 6 µs a candidate in Python calls. Here each block
        holding a candidate is read once and its values looked up by document number; blocks
        before the next candidate are passed over on their headers, as ``skip_to`` does.
        """
        found: list[bytes | None] = []
        i, count = 0, len(docs)
        while i < count and self.is_active():
            if docs[i] > self._maxid:
                self._next_block()
                continue
            if self._ids is None:
                self._read_ids()
            if self._values is None:
                self._read_values()
            here = dict(zip(self._ids, self._values, strict=True))
            top = self._maxid
            while i < count and docs[i] <= top:
                found.append(here.get(docs[i]))
                i += 1
            self._next_block()
        found.extend([None] * (count - i))
        return found

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        raw = self._postfile.get(self._values_at, self._nextoffset - self._values_at)
        if self._compression:
            raw = zlib.decompress(raw)
        ids, weights, _ = self._data
        self._data = (ids, weights, loads(raw))
        super()._read_values()


class SplitFieldWriter(W3FieldWriter):
    """Whoosh's field writer, without looking up each posting's document length.

    Whoosh read every posting's document length from a column as it wrote it (a fifth of
    the single writer's time in an ingest), only to record each block's shortest and
    longest document for skipping blocks that cannot score high enough. Without them a
    block's score bound is taken at the shortest length, which is never too low: a search
    skips fewer blocks, never a match. Scores themselves read the lengths column as before.
    """

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        super().add_postings(schema, None, items)


class SplitCodec(W3Codec):
    """Whoosh's codec with :class:`SplitPostingsWriter` blocks for the inverted index."""

    def field_writer(self, storage: Any, segment: Any) -> Any:
        return SplitFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:  # term vectors (unused here) keep Whoosh's layout: its vector reader expects it
            return super().postings_writer(dbfile, byteids)
        return SplitPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return SplitLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def ids_and_weights(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every document number (int64) and weight (float64, as Whoosh's ``weight()`` gives it) of a
    fresh posting matcher. A matcher that hides deleted documents is read underneath: they are
    included, for the caller to remove.
    """
    matcher = getattr(matcher, "child", matcher)
    if isinstance(matcher, SplitLeafMatcher):
        return matcher.ids_and_weights()
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():  # inlined postings, or a segment in Whoosh's own layout
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def id_array(matcher: Any) -> np.ndarray:
    """Every document number (int64, ascending) of a fresh posting matcher. A matcher that hides
    deleted documents is read underneath: they are included, for the caller to remove.
    """
    matcher = getattr(matcher, "child", matcher)
    if isinstance(matcher, SplitLeafMatcher):
        return matcher.id_array()
    return np.fromiter(matcher.all_ids(), dtype=np.int64)  # inlined, or Whoosh's own layout


def values_for(matcher: Any, docs: list[int]) -> list[bytes | None]:
    """The stored value of each of ``docs`` (ascending) in a fresh posting matcher, None where absent.

    Block by block for this codec's matcher (:meth:`SplitLeafMatcher.values_for`); any other
    (inlined postings, a segment written by Whoosh's own codec) is walked with ``skip_to``.
    A matcher that hides deleted documents is read underneath: ``docs`` are live ones.
    """
    matcher = getattr(matcher, "child", matcher)
    if isinstance(matcher, SplitLeafMatcher):
        return matcher.values_for(docs)
    found: list[bytes | None] = []
    for doc in docs:
        if matcher.is_active() and matcher.id() < doc:
            matcher.skip_to(doc)
        found.append(matcher.value() if matcher.is_active() and matcher.id() == doc else None)
    return found
