"""Posting blocks with positions apart from offsets: the same postings, positions read alone and at once."""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path
from pickle import dumps

import pytest
from segment_builders import WORDS, merge_all, random_texts, text_postings, write_segment
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec
from whoosh.writing import SegmentWriter

from index import fields as F
from index.codec import SplitCodec, values_for
from index.keyed import KEY_BITS
from index.position_blocks import (
    PACKED_FORMATS,
    PositionsApartCodec,
    PositionsApartMatcher,
    PositionsApartWriter,
    join_values,
    keyed_positions_in,
    split_values,
)
from index.positions import pack, pack_positions, positions


def test_split_values_join_back_to_the_same_values():
    rng = random.Random(1)
    values = []
    for _ in range(300):
        here = sorted(rng.sample(range(rng.choice([200, 70_000, 5_000_000])), rng.randrange(1, 40)))
        entries = [(p, p * 400, p * 400 + rng.randrange(1, 300)) for p in here]
        values.append(pack(entries) if rng.random() < 0.7 else pack_positions(here))
    part, rests = split_values(values)
    assert join_values(part, rests) == values
    assert len(part) + sum(map(len, rests)) == sum(map(len, values))  # nothing stored twice
    assert {v[4] & 3 for v in values} == {0, 1, 2}


def test_the_same_postings_as_whooshs_codec(tmp_path: Path) -> None:
    texts = random_texts(700, seed=1)  # every word in hundreds of documents: several 128-posting blocks
    write_segment(tmp_path / "w3", texts, W3Codec())
    write_segment(tmp_path / "apart", texts, PositionsApartCodec())
    ours = text_postings(tmp_path / "apart")
    assert ours == text_postings(tmp_path / "w3")
    assert len(ours["the"]) > 3 * 128


@pytest.fixture
def apart_index(tmp_path: Path):
    write_segment(tmp_path / "ix", random_texts(700, seed=9), PositionsApartCodec())
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    with ix.searcher() as searcher:
        yield searcher.reader()
    ix.close()


def test_keyed_positions_from_the_blocks_equal_each_documents_value(apart_index) -> None:
    reader = apart_index
    rng = random.Random(4)
    for word in WORDS:
        assert isinstance(reader.postings(F.TEXT, word), PositionsApartMatcher)
        holding = list(reader.postings(F.TEXT, word).all_ids())
        assert len(holding) > 300, word
        for size in (1, 7, 150, len(holding)):
            docs = sorted(rng.sample(holding, size))  # in one block, in some, in every block
            by = rng.randrange(-3, 3)
            keyed = keyed_positions_in(reader.postings(F.TEXT, word), docs, by)
            held = values_for(reader.postings(F.TEXT, word), docs)
            expected = [(i << KEY_BITS) + p + by for i, value in enumerate(held) for p in positions(value)]
            assert keyed.tolist() == expected, (word, size)


def test_reading_positions_leaves_the_offsets_unread(apart_index, monkeypatch) -> None:
    docs = list(apart_index.postings(F.TEXT, "the").all_ids())
    whole = apart_index.postings(F.TEXT, "the")
    whole.skip_to(docs[150])
    assert whole.value_as("characters")  # whole values can be read
    read = []
    monkeypatch.setattr(PositionsApartMatcher, "_read_values", lambda self: read.append(self))
    assert len(apart_index.postings(F.TEXT, "the").keyed_positions(docs)) > len(docs)
    assert read == []  # the offsets were not decompressed


def test_an_index_of_the_previous_layout_is_read_and_converted_by_merging(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    write_segment(folder, random_texts(200, seed=3), SplitCodec())
    write_segment(folder, random_texts(200, seed=4), PositionsApartCodec(), start=200)
    expected = text_postings(folder)
    ix = whoosh_index.open_dir(str(folder))
    assert {type(s.codec()).__name__ for s in ix._segments()} == {"SplitCodec", "PositionsApartCodec"}
    writer = SegmentWriter(ix, codec=PositionsApartCodec(), compound=False)
    writer.commit(mergetype=merge_all)
    ix.close()
    ix = whoosh_index.open_dir(str(folder))
    assert [type(s.codec()).__name__ for s in ix._segments()] == ["PositionsApartCodec"]
    ix.close()
    assert text_postings(folder) == expected


class _CompressedPositionsWriter(PositionsApartWriter):
    """The layout before positions parts were stored as they are: all three parts compressed."""

    def _write_block(self, last: bool = False) -> None:
        if not isinstance(self._format, PACKED_FORMATS):
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        head = dumps((self._mini_ids(), self._mini_weights()), 2)
        part, rests = split_values(self._values)
        head, part, rest = (zlib.compress(p, self._compression) for p in (head, part, dumps(rests, 2)))
        self._write_data(struct.pack("!II", len(head), len(part)) + head + part + rest, last)


class _CompressedPositionsCodec(PositionsApartCodec):
    def postings_writer(self, dbfile, byteids=False):
        return _CompressedPositionsWriter(
            dbfile, blocklimit=self._blocklimit, compression=self._compression, inlinelimit=self._inlinelimit
        )


def _positions_parts(reader) -> list[tuple[bool, bytes, bytes]]:
    """(stored as it is?, the bytes in the file, the part as read) of every block of "the"."""
    matcher = reader.postings(F.TEXT, "the")
    found = []
    while matcher.is_active():
        part = matcher._positions_part()
        stored = matcher._postfile.get(matcher._positions_at, matcher._rest_at - matcher._positions_at)
        found.append((matcher._positions_raw, stored, part))
        matcher._next_block()
    return found


def test_positions_parts_are_stored_as_they_are(apart_index) -> None:
    parts = _positions_parts(apart_index)
    assert len(parts) > 3
    assert all(raw and stored == part for raw, stored, part in parts)


def test_blocks_with_compressed_positions_parts_are_still_read_and_merged_into_the_new_layout(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ix"
    texts = random_texts(400, seed=6)
    write_segment(folder, texts, _CompressedPositionsCodec())
    write_segment(tmp_path / "w3", texts, W3Codec())
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as searcher:
        parts = _positions_parts(searcher.reader())
        assert parts and not any(raw or stored == part for raw, stored, part in parts)  # compressed
        reader = searcher.reader()
        docs = list(reader.postings(F.TEXT, "the").all_ids())[::3]
        held = values_for(reader.postings(F.TEXT, "the"), docs)
        expected = [(i << KEY_BITS) + p for i, value in enumerate(held) for p in positions(value)]
        assert keyed_positions_in(reader.postings(F.TEXT, "the"), docs).tolist() == expected
    assert text_postings(folder) == text_postings(tmp_path / "w3")
    writer = SegmentWriter(ix, codec=PositionsApartCodec(), compound=False)
    writer.commit(mergetype=merge_all)
    ix.close()
    ix = whoosh_index.open_dir(str(folder))
    with ix.searcher() as searcher:
        assert all(raw for raw, _, _ in _positions_parts(searcher.reader()))
    ix.close()
    assert text_postings(folder) == text_postings(tmp_path / "w3")
