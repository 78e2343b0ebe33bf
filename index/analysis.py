"""How text becomes index terms, shared by indexing, querying and verification.

Every word is indexed exactly (lowercased, accents folded) so that quoted
phrases match literally, and, when its Porter stem differs, a second time as
``STEM_MARK + stem`` at the same position, so that bare words can match any
inflection ("abused" finds "abuse") without a second field.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer
from whoosh.analysis.acore import Token
from whoosh.lang.porter import stem as _porter
from whoosh.support.charset import accent_map

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


_WORDS = word_analyzer()


def words(text: str) -> list[str]:
    """The exact index words of ``text``, in order (what a quoted phrase must match)."""
    return [token.text for token in _WORDS(text)]  # type: ignore[operator]


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Index words of ``text`` with their start and end character offsets."""
    return [
        (token.text, token.startchar, token.endchar)
        for token in _WORDS(text, chars=True)  # type: ignore[operator]
    ]
