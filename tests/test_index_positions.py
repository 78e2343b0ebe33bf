"""Packed positions: the same entries back, in the documented layout, smaller than Whoosh's pickles."""

from __future__ import annotations

import random
import zlib

from whoosh.formats import Characters

from index.positions import PackedCharacters, characters, pack, positions


def _entries(rng: random.Random, count: int, step: int) -> list[tuple[int, int, int]]:
    entries, position, char = [], 0, 0
    for _ in range(count):
        position += rng.randrange(1, step)
        char += rng.randrange(0, step * 7)
        length = rng.randrange(1, 40)
        entries.append((position, char, char + length))
        char += length
    return entries


def test_every_width_and_count_reads_back_the_same_entries():
    rng = random.Random(1)
    for step in (3, 200, 5_000, 300_000):  # steps that need 1, 2 and 4 bytes
        for count in (1, 2, 17, 400):
            entries = _entries(rng, count, step)
            value = pack(entries)
            assert characters(value) == entries
            assert positions(value) == [p for p, _, _ in entries]
            fmt = PackedCharacters()
            assert fmt.decode_frequency(value) == count  # Whoosh's own reader of the count agrees
            assert fmt.decode_positions(value) == positions(value)


def test_the_layout_is_the_documented_one():
    value = pack([(1, 2, 5), (300, 310, 312)])
    assert value == (
        b"\x00\x00\x00\x02"  # two occurrences (Whoosh's big-endian count)
        + bytes([1 | 1 << 2 | 0 << 4])  # steps and start steps in 2 bytes, lengths in 1
        + b"\x01\x00\x2b\x01"  # position steps 1, 299 (little-endian)
        + b"\x02\x00\x31\x01"  # start steps 2, 305 (from the previous end)
        + b"\x03\x02"  # lengths 3, 2
    )
    assert (
        pack([(70_000, 9, 12)])
        == b"\x00\x00\x00\x01" + bytes([2]) + (70_000).to_bytes(4, "little") + b"\x09\x03"
    )


def test_packed_values_compress_to_about_half_of_whooshs():
    rng = random.Random(2)
    lists = [_entries(rng, rng.randrange(1, 300), 60) for _ in range(300)]
    ours = zlib.compress(b"".join(pack(e) for e in lists), 3)
    theirs = zlib.compress(b"".join(Characters().encode(e) for e in lists), 3)
    assert len(ours) < 0.7 * len(theirs)


def _reference_pack(entries: list[tuple[int, int, int]]) -> bytes:
    """The layout written out by hand, one entry at a time (what pack must produce)."""
    import struct

    steps, gaps, lengths, position, end = [], [], [], 0, 0
    for pos, start, stop in entries:
        steps.append(pos - position)
        gaps.append(start - end)
        lengths.append(stop - start)
        position, end = pos, stop
    codes = []
    for values in (steps, gaps, lengths):
        top = max(values)
        codes.append(0 if top < 256 else 1 if top < 65536 else 2)
    out = struct.pack(">I", len(entries)) + bytes((codes[0] | codes[1] << 2 | codes[2] << 4,))
    for values, code in zip((steps, gaps, lengths), codes, strict=True):
        out += struct.pack("<" + "BHI"[code] * len(values), *values)
    return out


def test_packing_equals_the_layout_written_entry_by_entry():
    rng = random.Random(12)
    for _ in range(400):
        count = rng.randrange(2, 300)
        positions = sorted(rng.sample(range(rng.choice([300, 70_000, 5_000_000])), count))
        entries, end = [], 0
        for pos in positions:
            start = end + rng.randrange(0, rng.choice([3, 400, 90_000]))
            end = start + rng.randrange(1, rng.choice([9, 300]))
            entries.append((pos, start, end))
        assert pack(entries) == _reference_pack(entries)
