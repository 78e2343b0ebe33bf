"""``a NOT b`` removes b's documents from a's, the first of each segment too."""

from __future__ import annotations

import random

from conftest import LIBRARY_WORDS
from whoosh import query as wq

import search
from index import IndexStore
from index import fields as F
from search.and_not import AndNot
from search.docsets import matching_docs
from search.phrases import ExactPhrase, NearWords


def _collected(store: IndexStore, query: wq.Query) -> list[int]:
    with store.searcher() as searcher:
        return sorted(hit.docnum for hit in searcher.search(query, limit=None))


def test_a_first_match_that_the_excluded_part_holds_is_removed(library: IndexStore) -> None:
    # "b" starts earlier in a segment than "a" and holds a's first document: Whoosh's own
    # AndNotMatcher kept that document
    phrase, near = ExactPhrase(F.TEXT, ["mother", "drift"]), NearWords(F.TEXT, ["mother", "drift"], 5)
    assert _collected(library, wq.AndNot(phrase, near))  # Whoosh's: reports that hold the phrase
    assert _collected(library, AndNot(phrase, near)) == []


def test_random_and_not_queries_match_the_counts_from_posting_lists(library: IndexStore) -> None:
    rng = random.Random(5)
    with library.searcher() as searcher:
        for _ in range(60):
            a, b = (ExactPhrase(F.TEXT, rng.sample(LIBRARY_WORDS, 2)) for _ in range(2))
            for query in (AndNot(a, b), AndNot(a, wq.Term(F.TEXT, rng.choice(LIBRARY_WORDS)))):
                assert _collected(library, query) == matching_docs(searcher, query), query


def test_a_search_sorted_by_date_lists_none_of_the_excluded_reports(library: IndexStore) -> None:
    result = search.search(library, '"mother drift" NOT "mother drift"~4', sort="published", limit=None)
    assert result.total == 0 and result.hits == ()
