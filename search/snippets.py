"""Snippets from stored character positions, without re-analysing the document.

The index stores each word's position and character offsets. For a hit,
the postings of the query's words give where they occur; phrases are
matched by consecutive positions. The passages around those offsets are
cut from the stored page texts, and each cites the page it starts on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.searching import Searcher

from index import fields as F
from index.analysis import COMMON_WORDS, PAGE_SEPARATOR, normal_word

from .model import MARK_END, MARK_START, Snippet
from .phrases import phrase_pieces
from .query import Phrase, Word
from .whoosh_query import word_terms

#: Characters of context shown on each side of a match.
CONTEXT = 90
_SPACE = re.compile(r"\s+")


def page_starts(pages: Sequence[str]) -> list[int]:
    """Offset of each page in the indexed text (pages joined by a blank line)."""
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    return starts


class PostingCursor:
    """One document's postings at a time, for documents asked for in ascending order.

    Each (segment, term) keeps one matcher that only moves forward, so the hits of a
    search (or every match of a concordance) decode each posting block once, instead of
    once per document. A document before the matcher's place gets a fresh matcher.
    """

    def __init__(self, searcher: Searcher) -> None:
        self._leaves = list(searcher.reader().leaf_readers())
        self._offsets = [offset for _, offset in self._leaves]
        self._matchers: dict[tuple[int, str, str], object] = {}

    def get(self, docnum: int, field: str, term: str) -> list[tuple[int, int, int]]:
        """(position, start, end) of ``term`` in ``field`` of document ``docnum`` (global number)."""
        matcher = self._at(docnum, field, term)
        return [] if matcher is None else [(p, s, e) for p, s, e in matcher.value_as("characters")]

    def positions(self, docnum: int, field: str, term: str) -> list[int]:
        """Positions of ``term`` in ``field`` of document ``docnum`` (a field without offsets too)."""
        matcher = self._at(docnum, field, term)
        return [] if matcher is None else list(matcher.value_as("positions"))

    def _at(self, docnum: int, field: str, term: str) -> Any:
        """The term's matcher standing on ``docnum``, or None when the document does not hold it."""
        index = bisect.bisect_right(self._offsets, docnum) - 1
        reader, offset = self._leaves[index]
        local = docnum - offset
        key = (index, field, term)
        matcher: Any = self._matchers.get(key)
        if matcher is None or not matcher.is_active() or matcher.id() > local:
            if (field, term) not in reader:
                return None
            matcher = reader.postings(field, term)
            self._matchers[key] = matcher
        if matcher.is_active() and matcher.id() < local:
            matcher.skip_to(local)  # skip_to on an exhausted matcher raises ReadTooFar
        if not matcher.is_active() or matcher.id() != local:
            return None
        return matcher


def _word_terms(leaf: Word, expansions: dict[Word, list[str]]) -> list[str]:
    if leaf.prefix or leaf.fuzzy:
        return expansions.get(leaf, [leaf.text])
    return word_terms(leaf.text)


def match_spans(
    searcher: Searcher,
    docnum: int,
    leaves: Sequence[Word | Phrase],
    expansions: dict[Word, list[str]] | None = None,
    cursor: PostingCursor | None = None,
    text: str | None = None,
) -> list[tuple[int, int]]:
    """Character spans in the ``text`` field of ``docnum`` that the query's words and phrases match.

    Pass one ``cursor`` for many documents taken in ascending order, and the document's indexed
    ``text`` (:func:`index.analysis.indexed_text`) when it is at hand: a phrase's very common words
    are then placed from the text and the common-word pairs, not read from their own postings.
    """
    cursor = cursor or PostingCursor(searcher)
    get = cursor.get
    pairs = None
    if text is not None:

        def pairs(term: str) -> list[int]:
            return cursor.positions(docnum, F.PAIRS, term)

    return spans_of(leaves, lambda term: get(docnum, F.TEXT, term), expansions, pairs=pairs, text=text)


def spans_of(
    leaves: Sequence[Word | Phrase],
    postings: Callable[[str], list[tuple[int, int, int]]],
    expansions: dict[Word, list[str]] | None = None,
    *,
    pairs: Callable[[str], list[int]] | None = None,
    text: str | None = None,
) -> list[tuple[int, int]]:
    """Character spans the text leaves match, given each term's (position, start, end) list.

    The postings come from the index (:func:`match_spans`) or from a passage analysed as the
    index analyses text (a recommendation's text). With ``pairs`` (a common-word pair's positions)
    and the ``text``, phrases holding very common words are placed without those words' postings.
    """
    spans: set[tuple[int, int]] = set()
    expansions = expansions or {}
    for leaf in leaves:
        if leaf.field != F.TEXT:
            continue
        if isinstance(leaf, Word):
            for term in _word_terms(leaf, expansions):
                spans.update((s, e) for _, s, e in postings(term))
            continue
        if pairs is not None and text is not None and leaf.slop is None:
            placed = _phrase_by_pairs(leaf.words, postings, pairs, text)
            if placed is not None:
                spans.update(placed)
                continue
        occurrences = [{pos: (s, e) for pos, s, e in postings(w)} for w in leaf.words]
        if not all(occurrences):
            continue
        if len(leaf.words) == 1:
            spans.update(occurrences[0].values())
            continue
        # work from the rarest word: a common word ("the") may occur thousands of times
        rarest = min(range(len(occurrences)), key=lambda k: len(occurrences[k]))
        last = len(leaf.words) - 1
        if leaf.slop is None:
            for pos in occurrences[rarest]:
                first = pos - rarest
                if all(first + k in occurrences[k] for k in range(len(occurrences))):
                    spans.add((occurrences[0][first][0], occurrences[last][first + last][1]))
            continue
        reach = leaf.slop + 1
        ordered = [sorted(occ) for occ in occurrences]
        for pos in occurrences[rarest]:
            near = []
            for k, positions in enumerate(ordered):
                if k == rarest:
                    near.append(pos)
                    continue
                i = bisect.bisect_left(positions, pos - reach)
                if i < len(positions) and positions[i] <= pos + reach:
                    near.append(min(positions[i : bisect.bisect_right(positions, pos + reach)],
                                    key=lambda p: abs(p - pos)))  # fmt: skip
                else:
                    break
            else:
                spans.update(occurrences[k][p] for k, p in enumerate(near))
    return sorted(spans)


#: How far back a common word is looked for before the word after it (a word, then spaces or
#: punctuation; a longer gap reads the word's postings instead).
_LOOK_BACK = 64
_WORD_BEFORE = re.compile(r"(\w+)\W*\Z")


def _is_gap(char: str) -> bool:
    """Whether ``char`` is no word character (what ``\\W`` matches)."""
    return not (char.isalnum() or char == "_")


def _start_before(text: str, start: int, word: str) -> int | None:
    """Where the word just before the one at ``start`` begins, if it is ``word``; else None."""
    # the usual case, read without the pattern: ``word`` as it is, then one space or mark (a
    # phrase with 135 matches in each of ten hits searched 1,350 times a query, 8 ms of it)
    begin = start - 1 - len(word)
    if (
        begin >= 0
        and _is_gap(text[start - 1])
        and text.startswith(word, begin)
        and (begin == 0 or _is_gap(text[begin - 1]))
    ):
        return begin
    low = max(0, start - _LOOK_BACK)
    found = _WORD_BEFORE.search(text, low, start)
    if found is None or (found.start() == low and low > 0) or normal_word(found.group(1)) != word:
        return None  # none, or it may run on before the window: not placed from the text
    return found.start()


def _phrase_by_pairs(
    words: tuple[str, ...],
    postings: Callable[[str], list[tuple[int, int, int]]],
    pairs: Callable[[str], list[int]],
    text: str,
) -> list[tuple[int, int]] | None:
    """Spans of an exact phrase whose common words are found through their pairs, or None.

    "the unseen male" is where the pair "the unseen" stands one place before "unseen" and two
    before "male" (the pieces a search matches it by, :func:`search.phrases.phrase_pieces`); the
    span starts where the word before "unseen" starts in the text, so the postings of "the",
    thousands of entries in a long report, are never read. None when this does not apply (no
    pair among the pieces, or a common word that would still be read) or the text disagrees.
    """
    pieces = phrase_pieces(F.TEXT, words)
    if not any(field == F.PAIRS for field, _, _ in pieces) or any(
        field == F.TEXT and term in COMMON_WORDS for field, term, _ in pieces
    ):
        return None
    chars: dict[int, dict[int, tuple[int, int]]] = {}
    starts: set[int] | None = None
    for field, term, offset in pieces:
        if field == F.PAIRS:
            shifted = {p - offset for p in pairs(term)}
        else:
            chars[offset] = {pos: (s, e) for pos, s, e in postings(term)}
            shifted = {p - offset for p in chars[offset]}
        starts = shifted if starts is None else starts & shifted
        if not starts:
            return []
    assert starts is not None
    last = len(words) - 1
    known = sorted(chars)  # the phrase's rarer words, whose offsets are stored
    if last not in chars:
        return None  # a phrase ending in common words after another: not placed here
    spans = []
    for first in sorted(starts):
        k = known[0]
        begin = chars[k][first + k][0]
        for j in range(k - 1, -1, -1):  # walk back over the common words before the first rarer one
            found = _start_before(text, begin, words[j])
            if found is None:
                return None
            begin = found
        spans.append((begin, chars[last][first + last][1]))
    return spans


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) by the context, snapped to word boundaries."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


def make_snippets(
    pages: Sequence[str],
    spans: Sequence[tuple[int, int]],
    paged: bool,
    limit: int,
    section_at: Callable[[int], str] | None = None,
) -> tuple[tuple[Snippet, ...], tuple[int, ...]]:
    """Up to ``limit`` marked passages, and every page that holds a match.

    ``section_at`` tells the section of an offset (from the report's outline), for each snippet.
    """
    full = PAGE_SEPARATOR.join(pages)
    starts = page_starts(pages)

    def page_of(offset: int) -> int | None:
        return bisect.bisect_right(starts, offset) if paged else None

    match_pages = tuple(sorted({p for p in (page_of(s) for s, _ in spans) if p is not None}))
    snippets: list[Snippet] = []
    index = 0
    while index < len(spans) and len(snippets) < limit:
        start, end = spans[index]
        left, right = _cut(full, start, end)
        # every match inside this window is marked; the next snippet starts after it
        inside = []
        while index < len(spans) and spans[index][0] < right:
            s, e = spans[index]
            if s >= left:
                inside.append((s, min(e, right)))
            index += 1
        pieces, cursor = [], left
        for s, e in inside:
            if s < cursor:
                continue
            pieces += [full[cursor:s], MARK_START, full[s:e], MARK_END]
            cursor = e
        pieces.append(full[cursor:right])
        text = _SPACE.sub(" ", "".join(pieces)).strip()
        text = ("…" if left > 0 else "") + text + ("…" if right < len(full) else "")
        snippets.append(Snippet(page_of(start), text, section_at(start) if section_at else None))
    return tuple(snippets), match_pages
