"""Ranking over whole posting lists gives Whoosh's collector's matches, scores and order."""

from __future__ import annotations

import random
from typing import Any

import pytest
from conftest import LIBRARY_WORDS
from whoosh import collectors
from whoosh import query as wq
from whoosh.searching import Searcher

from index import IndexStore
from index import fields as F
from search import counting, ranking
from search.docsets import matching_docs
from search.query import all_leaves, parse_required
from search.whoosh_query import to_whoosh

#: Scores are sums of the same word scores, perhaps added in another order.
_CLOSE = 1e-12


def _whoosh_ranking(searcher: Searcher, query: wq.Query, allow: Any = None) -> list[tuple[int, float]]:
    """Every match, best first, as Whoosh's own collector ranks them."""
    top = searcher.collector(limit=None, optimize=False)
    collector = collectors.FilterCollector(top, allow=allow) if allow is not None else top
    searcher.search_with_collector(query, collector)
    return [(hit.docnum, hit.score) for hit in collector.results()]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _CLOSE * max(1.0, abs(a), abs(b))


def _assert_same_ranking(ours: list[tuple[int, Any]], theirs: list[tuple[int, float]], text: str) -> None:
    """The same documents with the same scores, in the same order but among scores within _CLOSE."""
    assert len(ours) == len(theirs), text
    assert dict(ours).keys() == dict(theirs).keys(), text
    by_doc = dict(theirs)
    assert all(_close(score, by_doc[doc]) for doc, score in ours), text
    start = 0
    while start < len(theirs):  # each run of (nearly) equal scores holds the same documents
        end = start + 1
        while end < len(theirs) and _close(theirs[end][1], theirs[start][1]):
            end += 1
        assert {d for d, _ in ours[start:end]} == {d for d, _ in theirs[start:end]}, text
        start = end


def _random_query(rng: random.Random) -> str:
    def leaf() -> str:
        kind = rng.random()
        if kind < 0.15:
            return f'"{rng.choice(LIBRARY_WORDS)} {rng.choice(LIBRARY_WORDS)}"'
        if kind < 0.25:
            return f'"{rng.choice(LIBRARY_WORDS)} {rng.choice(LIBRARY_WORDS)}"~{rng.randrange(1, 6)}'
        if kind < 0.3:
            return "visit*"
        return rng.choice(LIBRARY_WORDS)

    parts = [leaf() for _ in range(rng.randrange(1, 5))]
    ops = [rng.choice([" AND ", " OR ", " NOT ", " "]) for _ in parts[1:]]
    text = parts[0] + "".join(op + part for op, part in zip(ops, parts[1:], strict=True))
    return f"({text}) OR {leaf()}" if rng.random() < 0.3 else text


@pytest.mark.parametrize("seed", range(4))
def test_random_queries_rank_and_count_as_whoosh_s_collector(library: IndexStore, seed: int) -> None:
    rng = random.Random(seed)
    compared = sums = singles = 0
    with library.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 2  # several segments, some with deletions
        every = [doc for doc, _ in _whoosh_ranking(searcher, wq.Every())]
        for _ in range(40):
            text = _random_query(rng)
            expansions: dict[Any, list[str]] = {}
            node = parse_required(text)
            query = to_whoosh(node, searcher, expansions)
            allow = set(rng.sample(every, len(every) // 2)) if rng.random() < 0.3 else None
            answer = ranking.rank(searcher, query, allow, None)
            assert answer is not None, text
            ours, matched = answer
            theirs = _whoosh_ranking(searcher, query, allow)
            _assert_same_ranking(ours, theirs, text)
            if len(list(all_leaves(node))) == 1:  # one word's two terms, or a phrase: no order to differ
                assert ours == theirs, text
                singles += 1
            assert matched == matching_docs(searcher, query, allow) == sorted(d for d, _ in theirs), text
            top = ranking.rank(searcher, query, allow, 10)
            assert top is not None and top[0] == ours[:10] and top[1] == matched, text
            compared += len(ours)
            sums += len(list(all_leaves(node))) >= 3  # a sum of three scores or more
    assert compared > 1000 and sums > 5 and singles > 2


def test_boosts_titles_and_fields_without_lengths_score_as_whoosh_does(library: IndexStore) -> None:
    queries = [
        wq.Or([wq.Term(F.TEXT, "neglect", boost=2.0), wq.Term(F.TEXT, "drift")], boost=1.5),
        wq.And([wq.Term(F.TITLE, "review"), wq.Term(F.TEXT, "housing", boost=0.5)]),
        wq.And([wq.Term(F.FORMAT, "html"), wq.Or([wq.Term(F.TEXT, "police"), wq.Term(F.TEXT, "school")])]),
        wq.AndNot(wq.Every(), wq.Term(F.TEXT, "unseen")),
        wq.Or([wq.Term(F.TEXT, "no-such-word"), wq.Term("no_such_field", "x"), wq.Term(F.TEXT, "male")]),
    ]
    with library.searcher() as searcher:
        for query in queries:
            answer = ranking.rank(searcher, query, None, None)
            assert answer is not None, query
            theirs = _whoosh_ranking(searcher, query)
            assert theirs, query
            _assert_same_ranking(answer[0], theirs, str(query))


@pytest.mark.parametrize(
    "query",
    [
        wq.And([wq.Term(F.TEXT, "neglect"), wq.NumericRange(F.PUB_START, 0, 99_999_999)]),
        wq.Ordered([wq.Term(F.TEXT, "neglect"), wq.Term(F.TEXT, "housing")]),  # its words in order
        wq.Or([wq.Term(F.TEXT, "neglect"), wq.Term(F.TEXT, "drift"), wq.Term(F.TEXT, "male")], minmatch=2),
    ],
    ids=["range", "ordered", "minmatch"],
)
def test_a_query_of_another_kind_is_left_to_whoosh_s_collector(library: IndexStore, query: wq.Query) -> None:
    with library.searcher() as searcher:
        assert ranking.rank(searcher, query, None, 10) is None
        ranked, matched = counting.collect(searcher, query, None, limit=None)
        assert ranked == _whoosh_ranking(searcher, query)
        assert matched == sorted(doc for doc, _ in ranked)


def test_a_search_by_relevance_is_ranked_without_whoosh_s_collector(
    library: IndexStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("Whoosh's collector walked the matches")

    with library.searcher() as searcher:
        query = to_whoosh(parse_required('(police OR school) AND referral NOT "the unseen"'), searcher)
        expected = _whoosh_ranking(searcher, query)
        monkeypatch.setattr(searcher, "search_with_collector", refuse)
        ranked, matched = counting.collect(searcher, query, None, limit=5)
    assert [doc for doc, _ in ranked] == [doc for doc, _ in expected[:5]]
    assert len(matched) == len(expected)
