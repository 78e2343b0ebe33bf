"""A report's postings built for all its words at once (numpy), in the packed layouts.

:func:`index.analysis.occurrences` groups a report's words in a Python loop
over every word, and :func:`index.positions.pack` then packs each term's list
in another; with the common-word pairs that was about two fifths of an
extraction worker's time (docs/BENCHMARKS.md). Here the per-word work runs in
C: the regular expression lists the words and the gaps between them (their
lengths give every offset), a dict maps each word to a number, and numpy sorts
the occurrences by term, takes the steps and widths of every term together and
writes every packed value into one buffer. Python still loops over the
distinct terms, which are a tenth or less of a report's words.

The values are byte for byte those of :func:`index.positions.pack` and
:func:`index.positions.pack_positions` for the entries
:func:`index.analysis.occurrences` and :func:`index.analysis.pair_occurrences`
give (a test holds them equal on random texts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from whoosh.support.charset import accent_map

from .analysis import (
    COMMON_WORDS,
    STEM_MARK,
    WORD_PATTERN,
    occurrences,
    pair_occurrences,
    pair_term,
    stem,
)
from .positions import pack, pack_positions

Posting = tuple[bytes, int, float, bytes]

_HEADER = 5  # Whoosh's 4-byte big-endian count, then the byte of array widths
_WORD_SPLIT = re.compile(f"({WORD_PATTERN})")  # the words kept between the gaps


@dataclass(frozen=True)
class Tokens:
    """A text's words: their index terms, and where each starts and ends."""

    terms: list[str]  # the distinct index words, numbered by first occurrence
    term_of: NDArray[np.int64]  # each word's number in ``terms``
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]


def tokens(lowered: str) -> Tokens:
    """The words of an already lowercased text, as :data:`analysis.WORD_PATTERN` finds them."""
    parts = _WORD_SPLIT.split(lowered)  # text between words, word, text between words, ...
    found = parts[1::2]
    count = len(found)
    # each part ends where the sum of the lengths up to it says: a word's end, or the next one's start
    edges = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)))
    starts, ends = edges[0:-1:2], edges[1::2]
    numbered = {word: number for number, word in enumerate(dict.fromkeys(found))}
    raw_of = np.fromiter(map(numbered.__getitem__, found), dtype=np.int64, count=count)
    # accents are folded per distinct word ("café" and "cafe" are one term)
    terms: dict[str, int] = {}
    fold = np.empty(len(numbered), dtype=np.int64)
    for number, word in enumerate(numbered):
        key = word if word.isascii() else word.translate(accent_map)
        fold[number] = terms.setdefault(key, len(terms))
    return Tokens(list(terms), fold[raw_of], starts, ends)


def _codes(largest: NDArray[np.int64]) -> NDArray[np.int64]:
    """Width codes (0: 1 byte, 1: 2 bytes, 2: 4 bytes) for values up to ``largest``."""
    return (largest >= 1 << 8).astype(np.int64) + (largest >= 1 << 16)


def _scatter(
    out: NDArray[np.uint8], at: NDArray[np.int64], values: NDArray[np.int64], size: NDArray[np.int64]
) -> None:
    """Write each value little-endian in ``size`` bytes at ``at``."""
    for byte in range(4):
        wide = size > byte
        out[at[wide] + byte] = (values[wide] >> (8 * byte)) & 0xFF


def _postings(
    terms: list[str], groups: NDArray[np.int64], arrays: list[NDArray[np.int64]], boost: float
) -> list[Posting]:
    """Each group's arrays packed as ``[count][widths][array 1][array 2]...``, as postings of ``terms``.

    ``groups`` holds each group's first index into the arrays (sorted by group),
    ``terms`` each group's term.
    """
    total = len(arrays[0])
    counts = np.diff(np.append(groups, total))
    group_of = np.repeat(np.arange(len(groups)), counts)
    within = np.arange(total) - groups[group_of]
    codes = [_codes(np.maximum.reduceat(values, groups)) for values in arrays]
    sizes = [1 << code for code in codes]
    lengths = _HEADER + counts * sum(sizes)
    bounds = np.zeros(len(groups) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    out = np.zeros(int(bounds[-1]), dtype=np.uint8)
    starts = bounds[:-1]
    for byte in range(4):  # the count, big-endian
        out[starts + byte] = (counts >> (8 * (3 - byte))) & 0xFF
    out[starts + 4] = sum(code << (2 * k) for k, code in enumerate(codes))
    offset = starts + _HEADER
    for values, size in zip(arrays, sizes, strict=True):
        _scatter(out, offset[group_of] + size[group_of] * within, values, size[group_of])
        offset = offset + size * counts
    buffer, edges = out.tobytes(), bounds.tolist()
    return [
        (term.encode("utf-8"), frequency, frequency * boost, buffer[a:b])
        for term, frequency, a, b in zip(terms, counts.tolist(), edges, edges[1:], strict=False)
    ]


def _by_term(term_of: NDArray[np.int64], number: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """The indexes of ``term_of`` sorted by term (stable), and each present term's first index."""
    # numpy sorts 16-bit numbers by radix, 8 times faster than 64-bit ones (300,000 words: 3 against 25 ms)
    order = np.argsort(term_of.astype(np.uint16) if number <= 1 << 16 else term_of, kind="stable")
    counts = np.bincount(term_of, minlength=number)
    firsts = np.zeros(number, dtype=np.int64)
    np.cumsum(counts[:-1], out=firsts[1:])
    return order, firsts[counts > 0]


def _previous(values: NDArray[np.int64], groups: NDArray[np.int64]) -> NDArray[np.int64]:
    """Each value's predecessor in its group, 0 for a group's first."""
    previous = np.empty_like(values)
    previous[1:] = values[:-1]
    previous[groups] = 0  # groups[0] is 0
    return previous


def text_postings(found: Tokens, boost: float) -> list[Posting]:
    """The full-text field's postings (words and stem variants) in :func:`index.positions.pack`'s layout."""
    count = len(found.term_of)
    if not count:
        return []
    stem_of = np.full(len(found.terms), -1, dtype=np.int64)
    numbered = {term: number for number, term in enumerate(found.terms)}
    for number, word in enumerate(found.terms):  # each distinct word stemmed once
        stemmed = stem(word)
        if stemmed != word:
            stem_of[number] = numbered.setdefault(STEM_MARK + stemmed, len(numbered))
    terms = list(numbered)
    stems = stem_of[found.term_of]
    with_stem = np.flatnonzero(stems >= 0)
    term_of = np.concatenate((found.term_of, stems[with_stem]))
    position = np.concatenate((np.arange(count), with_stem))
    order, groups = _by_term(term_of, len(terms))
    position = position[order]
    starts, ends = found.starts[position], found.ends[position]
    steps = position - _previous(position, groups)
    gaps = starts - _previous(ends, groups)
    present = [terms[number] for number in term_of[order[groups]].tolist()]
    return _postings(present, groups, [steps, gaps, ends - starts], boost)


def pair_postings(found: Tokens) -> list[Posting]:
    """The pair field's postings, as :func:`index.analysis.pair_occurrences` and ``pack_positions`` give."""
    common = np.fromiter((term in COMMON_WORDS for term in found.terms), dtype=bool, count=len(found.terms))
    term_of = found.term_of
    at = np.flatnonzero(common[term_of[:-1]])
    if not len(at):
        return []
    keys, pair_of = np.unique(term_of[at] * len(found.terms) + term_of[at + 1], return_inverse=True)
    pair_of = pair_of.reshape(-1)
    order, groups = _by_term(pair_of, len(keys))
    position = at[order]
    words = found.terms
    names = [pair_term(words[key // len(words)], words[key % len(words)]) for key in keys.tolist()]
    return _postings(names, groups, [position - _previous(position, groups)], 1.0)


def _lowered(text: str) -> str | None:
    lowered = text.lower()
    # a character whose lowercase is longer ("İ") would shift every offset after it: such
    # texts (rare) take the word-by-word path of index.analysis
    return lowered if len(lowered) == len(text) else None


def text_field_postings(text: str, boost: float = 1.0) -> list[Posting]:
    """The postings of ``text`` in a full-text field (:class:`index.positions.PackedCharacters`)."""
    lowered = _lowered(text)
    if lowered is None:
        return [(t.encode("utf-8"), len(e), len(e) * boost, pack(e)) for t, e in occurrences(text).items()]
    return text_postings(tokens(lowered), boost)


def pair_field_postings(text: str) -> list[Posting]:
    """The postings of ``text`` in the pair field (:class:`index.positions.PackedPositions`)."""
    lowered = _lowered(text)
    if lowered is None:
        found = pair_occurrences(text)
        return [(t.encode("utf-8"), len(p), float(len(p)), pack_positions(p)) for t, p in found.items()]
    return pair_postings(tokens(lowered))


def analyse(text: str, boost: float = 1.0) -> tuple[list[Posting], list[Posting]]:
    """Both fields' postings of ``text``, its words read once."""
    lowered = _lowered(text)
    if lowered is None:
        return text_field_postings(text, boost), pair_field_postings(text)
    found = tokens(lowered)
    return text_postings(found, boost), pair_postings(found)
