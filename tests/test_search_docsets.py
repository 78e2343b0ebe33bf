"""Counting from posting lists, and ranking a lone phrase from its counts, give what scoring every match gave.

The reference is the exhaustive path: Whoosh's collector over every match, each scored, with no
block skipping and no matcher replacement (how searches ran before counting from posting lists).
"""

from __future__ import annotations

import random

import pytest
from conftest import LIBRARY_WORDS
from whoosh import collectors

import search
from index import IndexStore
from search.counting import collect, count_facets
from search.docsets import matching_docs
from search.filters import Filters
from search.query import parse_required
from search.whoosh_query import to_whoosh

WORDS = LIBRARY_WORDS


def _query(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if depth > 1 or roll < 0.35:
        return rng.choice(WORDS)
    if roll < 0.5:
        return '"' + " ".join(rng.choices(WORDS, k=rng.randrange(2, 4))) + '"'
    if roll < 0.58:
        return '"' + " ".join(rng.sample(WORDS, 2)) + f'"~{rng.randrange(1, 6)}'
    if roll < 0.64:
        return rng.choice(["vis*", "ne*", "s*", "hou*"])
    op = rng.choice([" AND ", " OR ", " NOT ", " "])
    return f"({_query(rng, depth + 1)}{op}{_query(rng, depth + 1)})"


def _exhaustive(searcher, whoosh_query, allow) -> tuple[list[tuple[int, float]], list[int]]:
    """Every match scored by Whoosh's collector, best first: the path searches took before."""
    top = searcher.collector(limit=None, optimize=False)
    collector = collectors.FilterCollector(top, allow=allow) if allow is not None else top
    searcher.search_with_collector(whoosh_query, collector)
    ranked = [(hit.docnum, hit.score) for hit in collector.results()]
    return ranked, sorted(docnum for docnum, _ in ranked)


def test_the_library_has_segments_and_deleted_documents(library: IndexStore) -> None:
    with library.searcher() as searcher:
        leaves = searcher.reader().leaf_readers()
        assert len(leaves) > 2
        assert any(reader.has_deletions() for reader, _ in leaves)


@pytest.mark.parametrize("seed", range(4))
def test_random_queries_count_rank_and_facet_as_scoring_every_match(library: IndexStore, seed: int) -> None:
    rng = random.Random(seed)
    checked = 0
    with library.searcher() as searcher:
        for _ in range(60):
            text = _query(rng)
            allow = Filters.build(age_bands=["1-5"]).to_query(searcher) if rng.random() < 0.3 else None
            node = parse_required(text)
            every, every_docs = _exhaustive(searcher, to_whoosh(node, searcher), allow)
            for limit in (0, 1, 3, 10):  # 0: counted from posting lists alone
                ranked, matched = collect(searcher, to_whoosh(node, searcher), allow, limit=limit)
                assert matched == every_docs, text
                assert ranked == every[:limit], (text, limit)
            assert count_facets(searcher, matched) == count_facets(searcher, every_docs)
            checked += bool(every_docs)
    assert checked > 30  # most random queries match something


def test_matches_never_include_a_deleted_document(library: IndexStore) -> None:
    with library.searcher() as searcher:
        live = set()
        for reader, offset in searcher.reader().leaf_readers():
            live.update(d + offset for d in reader.all_doc_ids())
        for text in ["the", "neglect OR housing", '"the unseen"', "NOT drift"]:
            found = matching_docs(searcher, to_whoosh(parse_required(text), searcher))
            assert found and set(found) <= live, text
            assert found == sorted(set(found))


def test_a_search_page_after_the_first_is_the_same_as_the_full_ranking(library: IndexStore) -> None:
    everything = search.search(library, "neglect OR school", limit=None, snippets=0)
    page = search.search(library, "neglect OR school", limit=5, offset=5, snippets=0)
    assert page.total == everything.total
    assert [h.document.id for h in page.hits] == [h.document.id for h in everything.hits][5:10]
    assert [h.score for h in page.hits] == [h.score for h in everything.hits][5:10]
