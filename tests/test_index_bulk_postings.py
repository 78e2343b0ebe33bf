"""Postings built for all words at once: byte for byte those of the word-by-word path."""

from __future__ import annotations

import random

from index.analysis import pair_occurrences, postings
from index.bulk_postings import analyse, pair_field_postings, text_field_postings, tokens
from index.positions import PackedCharacters, pack_positions

SAMPLE = (
    "The children's café visits were ABUSED; Child T's ill-health and disguised compliance "
    "Naïve multi-agency working — information sharing (page 2) in 2016. Æsir ß ﬁ Café cafe CAFÉ "
    "abuse the of thé unseen male a an Is it"
)
WORDS = tuple(SAMPLE.split())


def _reference(text: str, boost: float = 1.0) -> tuple[list, list]:
    """What the word-by-word functions of index.analysis and index.positions give."""
    items = postings(text, PackedCharacters(), boost)
    pairs = [
        (t.encode(), len(p), float(len(p)), pack_positions(p)) for t, p in pair_occurrences(text).items()
    ]
    return sorted(items), sorted(pairs)


def _both(text: str, boost: float = 1.0) -> tuple[list, list]:
    items, pairs = analyse(text, boost)
    return sorted(items), sorted(pairs)


def _text(rng: random.Random, count: int, words=WORDS) -> str:
    gaps = ("", " ", "  ", "\n\n", ", ", " " * 300, "\u2014")  # long gaps need wider start steps
    return " ".join(rng.choice(words) + rng.choice(gaps) for _ in range(count))


def test_random_texts_give_the_same_bytes_as_the_word_by_word_path():
    rng = random.Random(7)
    for _ in range(200):
        text = _text(rng, rng.randrange(0, 120))
        assert _both(text, 1.5) == _reference(text, 1.5)


def test_every_array_width_is_the_same():
    rng = random.Random(2)
    # 70,000 words: positions past 65,535 need 4 bytes; a 300-letter word a 2-byte length
    text = _text(rng, 70_000, (*WORDS, "x" * 300))
    assert _both(text) == _reference(text)


def test_more_terms_than_sixteen_bits_number():
    # the sort by term takes a 16-bit fast path below 65,536 terms: above it, the same bytes
    text = " ".join(f"w{n:x}" for n in range(70_000)) + " the w0 the w1"
    assert _both(text) == _reference(text)


def test_texts_whose_lowercase_is_longer_take_the_word_by_word_path():
    text = "İstanbul visit: the child's İnspector noted abuse"  # "İ".lower() is two characters
    assert _both(text) == _reference(text)
    assert sorted(text_field_postings(text)) == _reference(text)[0]
    assert sorted(pair_field_postings(text)) == _reference(text)[1]


def test_empty_and_one_word_texts():
    assert analyse("") == ([], [])
    assert analyse("  ,  ") == ([], [])
    assert _both("the") == _reference("the")
    assert pair_field_postings("the") == []


def test_tokens_give_each_word_its_offsets_and_folded_term():
    found = tokens("café, the cafe\u2014x")
    assert found.terms == ["cafe", "the", "x"]  # "café" and "cafe" are one term
    assert found.term_of.tolist() == [0, 1, 0, 2]
    assert found.starts.tolist() == [0, 6, 10, 15]
    assert found.ends.tolist() == [4, 9, 14, 16]
