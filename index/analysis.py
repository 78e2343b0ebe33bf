"""How text becomes index terms, shared by indexing, querying and verification.

Every word is indexed exactly (lowercased, accents folded) so that quoted
phrases match literally, and, when its Porter stem differs, a second time as
``STEM_MARK + stem`` at the same position, so that bare words can match any
inflection ("abused" finds "abuse") without a second field.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer
from whoosh.analysis.acore import Token
from whoosh.lang.porter import stem as _porter
from whoosh.support.charset import accent_map

from ingest.outline import PAGE_SEPARATOR as _PAGE_SEPARATOR

#: Prefix of stem terms; sorts before any word, so prefix expansion never meets one.
STEM_MARK = "\x01"
#: What a word is, for the index and for every check against it.
WORD_PATTERN = r"\w+"


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a lowercased word (cached: reports reuse a small vocabulary)."""
    return _porter(word)


class StemVariantFilter(Filter):
    """Pass every token through and add its stem at the same position when it differs."""

    is_morph = True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StemVariantFilter)

    def __hash__(self) -> int:
        return hash(StemVariantFilter)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            yield token
            word = token.text
            stemmed = stem(word)
            if stemmed != word:
                # whoosh reuses one Token object; consumers read it before the next yield
                token.text = STEM_MARK + stemmed
                yield token
                token.text = word


def word_analyzer() -> object:
    """Tokens for exact matching only: words, lowercased, accents folded."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def text_analyzer() -> object:
    """The analyzer of every full-text field: exact words plus stem variants."""
    return word_analyzer() | StemVariantFilter()


# ---------------------------------------------------------------- the fast path
#
# The analyzers above define what the terms are; the functions below produce
# the same terms without whoosh's per-token objects, several times faster.
# They index every document and read every query, and a test holds them equal
# to the analyzer chain.

_TOKEN = re.compile(WORD_PATTERN)
#: Pages are joined with a blank line into one indexed text, so phrases run across pages.
PAGE_SEPARATOR = _PAGE_SEPARATOR


def normal_word(word: str) -> str:
    """A word as the index holds it: lowercased, accents folded."""
    return word.lower().translate(accent_map)


_normal = normal_word


def indexed_text(pages: Sequence[str]) -> str:
    """The text indexed for a document: its pages joined by :data:`PAGE_SEPARATOR`."""
    return PAGE_SEPARATOR.join(pages)


def words(text: str) -> list[str]:
    """The exact index words of ``text``, in order (what a quoted phrase must match)."""
    return [_normal(m.group()) for m in _TOKEN.finditer(text)]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Index words of ``text`` with their start and end character offsets."""
    return [(_normal(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def occurrences(text: str) -> dict[str, list[tuple[int, int, int]]]:
    """Every term of ``text`` (words and stem variants) with its (position, start, end) list.

    This runs over every word of every report, so it avoids per-word work: the
    text is lowercased once (when that keeps every offset), accents are folded
    only in words that have any, and each distinct word is stemmed once.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lowercase is longer: offsets would drift
        return _occurrences_per_word(text)
    seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for position, match in enumerate(_TOKEN.finditer(lowered)):
        start, end = match.span()
        seen[lowered[start:end]].append((position, start, end))
    folded: dict[str, list[tuple[int, int, int]]] = {}
    for word, entries in seen.items():
        key = word if word.isascii() else word.translate(accent_map)
        # "café" and "cafe" are one term
        folded[key] = sorted(folded[key] + entries) if key in folded else entries
    terms = dict(folded)
    for word, entries in folded.items():
        stemmed = stem(word)
        if stemmed != word:
            key = STEM_MARK + stemmed
            terms[key] = sorted(terms[key] + entries) if key in terms else entries
    return terms


def _occurrences_per_word(text: str) -> dict[str, list[tuple[int, int, int]]]:
    seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for position, match in enumerate(_TOKEN.finditer(text)):
        word = _normal(match.group())
        entry = (position, match.start(), match.end())
        seen[word].append(entry)
        stemmed = stem(word)
        if stemmed != word:
            seen[STEM_MARK + stemmed].append(entry)
    return seen


#: The most frequent English words. A phrase holding one ("the unseen male") would have to read
#: where that word stands in every candidate report (a third of all positions); instead each of
#: them is also indexed with the word after it (``pair_term``), a term as rare as that next word.
COMMON_WORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his in is it its not of on or "  # noqa: SIM905
    "she that the their them there they this to was we were which who with".split()
)


def pair_term(common: str, following: str) -> str:
    """The term for ``common`` followed by ``following`` (both index words)."""
    return f"{common} {following}"


def pair_occurrences(text: str) -> dict[str, list[int]]:
    """Each pair of a :data:`COMMON_WORDS` word and the word after it in ``text``, with its positions."""
    lowered = text.lower()
    if len(lowered) != len(text):  # tokens as :func:`occurrences` reads them in that case
        found = [_normal(w) for w in _TOKEN.findall(text)]
    elif lowered.isascii():
        found = _TOKEN.findall(lowered)
    else:  # folded word by word, as the analyzer does ("thé" is indexed as "the")
        found = [w if w.isascii() else w.translate(accent_map) for w in _TOKEN.findall(lowered)]
    pairs: dict[str, list[int]] = defaultdict(list)
    last = len(found) - 1
    for position in [i for i, word in enumerate(found) if word in COMMON_WORDS]:
        if position < last:
            pairs[pair_term(found[position], found[position + 1])].append(position)
    return pairs


def postings(text: str, fmt: Any, boost: float = 1.0) -> list[tuple[bytes, int, float, bytes]]:
    """What a Whoosh field's ``index()`` yields for ``text``: (term, freq, weight, encoded positions)."""
    return [
        (term.encode("utf-8"), len(entries), len(entries) * boost, fmt.encode(entries))
        for term, entries in occurrences(text).items()
    ]
