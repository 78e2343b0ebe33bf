"""The fast analysis path must produce exactly what the analyzer chain defines."""

from __future__ import annotations

from whoosh.fields import TEXT

from index.analysis import STEM_MARK, occurrences, text_analyzer, word_spans, words
from index.schema import FastText, preanalyse

SAMPLE = (
    "The children's café visits were ABUSED; Child T's ill-health and disguised compliance\n\n"
    "Naïve multi-agency working — information sharing (page 2) in 2016. Æsir ß ﬁ Café cafe CAFÉ abuse"
)


def _decoded(field, text):
    """(term, frequency, weight, (position, start, end) entries), as the field's format reads them back."""
    return sorted((t, f, w, field.format.decode_characters(v)) for t, f, w, v in field.index(text))


def test_fast_postings_equal_the_whoosh_analyzer_chain():
    reference = TEXT(analyzer=text_analyzer(), phrase=True, chars=True)
    fast = FastText(analyzer=text_analyzer(), phrase=True, chars=True)
    assert _decoded(fast, SAMPLE) == _decoded(reference, SAMPLE)


def test_fast_path_falls_back_when_lowercasing_changes_lengths():
    text = "İstanbul visit: the child's İnspector noted abuse"  # "İ".lower() is two characters
    reference = TEXT(analyzer=text_analyzer(), phrase=True, chars=True)
    fast = FastText(analyzer=text_analyzer(), phrase=True, chars=True)
    assert _decoded(fast, text) == _decoded(reference, text)


def test_preanalysed_postings_are_indexed_as_given():
    fast = FastText(analyzer=text_analyzer(), phrase=True, chars=True)
    assert list(fast.index(preanalyse(SAMPLE))) == sorted(fast.index(SAMPLE)) or sorted(
        fast.index(preanalyse(SAMPLE))
    ) == sorted(fast.index(SAMPLE))


def test_words_and_stems():
    assert words("Café ABUSED ill-health") == ["cafe", "abused", "ill", "health"]
    terms = occurrences("abused children")
    assert terms["abused"] == [(0, 0, 6)]
    assert terms[STEM_MARK + "abus"] == [(0, 0, 6)]
    assert word_spans("a bc") == [("a", 0, 1), ("bc", 2, 4)]


def test_common_word_pairs_are_each_common_word_with_the_next_word():
    from index.analysis import COMMON_WORDS, pair_occurrences

    for text in (SAMPLE, "İstanbul: the İnspector and the child", "Thé Café of thé unseen male. The end the"):
        found = words(text)
        expected: dict[str, list[int]] = {}
        for i, word in enumerate(found[:-1]):
            if word in COMMON_WORDS:
                expected.setdefault(f"{word} {found[i + 1]}", []).append(i)
        assert dict(pair_occurrences(text)) == expected
    assert pair_occurrences("Thé unseen")["the unseen"] == [0]  # folded as the index folds it
