"""Totals and facet counts from per-segment value tables equal a count over the catalog's documents."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import build_reports

import search
from index import IndexStore, IngestOptions, ingest
from index.facets import FACETS
from index.kept import Kept
from search import cache, counting


def _expected(store: IndexStore, ids: list[str], words: bool = True) -> dict[str, dict[str, int]]:
    documents = store.documents(ids)
    out = {}
    for name, facet in FACETS.items():
        if facet.per_match and words:
            continue  # a search with words counts it only when it is restricted to sections
        tally = Counter(value for d in documents for value in (facet.index_value(d).split(",")))
        out[name] = facet.ordered(dict(tally))
    return out


def _check(store: IndexStore, query: str) -> int:
    result = search.search(store, query, limit=None, snippets=0)
    ids = [hit.document.id for hit in result.hits]
    assert result.total == len(ids) == len(set(ids))
    assert result.facets.to_dict() == _expected(store, ids), query
    return result.total


def test_counts_over_several_segments_with_replaced_and_removed_documents(tmp_path: Path) -> None:
    made = build_reports(folder := tmp_path / "reports")
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1, commit_every=1, commit_growth=0))  # one per report
        with store.searcher() as searcher:
            assert len(searcher.reader().leaf_readers()) > 1
        queries = ["neglect", "the", "home OR school", '"information sharing"', "the NOT neglect"]
        before = {q: _check(store, q) for q in queries}
        assert before["the"] == 5
        (removed,) = [d for d in store.documents() if d.title and "Baby F" in d.title]
        with store.writer() as writer:
            writer.remove(removed.id)  # deleted in its segment: its values must not be counted
        assert _check(store, "the") == 4
        with store.writer() as writer:  # re-indexed into a new segment, the old copy deleted
            writer.correct(store.documents()[0].id, {"lscb": "Wigan Safeguarding Children Board"})
        for query in queries:
            _check(store, query)
        everything = search.facet_counts(store).to_dict()
        assert everything == _expected(store, [d.id for d in store.documents()], words=False)
        assert made


def test_segment_tables_are_read_once_and_dropped_when_old(tmp_path: Path, monkeypatch) -> None:
    build_reports(folder := tmp_path / "reports")
    reads: list[str] = []
    original = counting._read_table
    monkeypatch.setattr(
        counting, "_read_table", lambda reader, facet: reads.append(facet.name) or original(reader, facet)
    )
    monkeypatch.setattr(counting, "_TABLES", Kept(256))
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        first_counts = search.search(store, "neglect").facets.to_dict()
        first = len(reads)
        # one table per facet for the one segment (a search with words counts no section)
        assert first == len([f for f in FACETS.values() if not f.per_match])
        search.search(store, "the")
        assert len(reads) == first  # the second search reads none
    monkeypatch.setattr(counting._TABLES, "limit", 2)
    counting._TABLES.clear()
    cache.clear()  # counted again, not served from the result cache
    with IndexStore.open(tmp_path / "ix") as store:
        assert search.search(store, "neglect").facets.to_dict() == first_counts
    assert len(counting._TABLES) == 2  # the least recently used are dropped


def test_totals_and_counts_take_every_match_not_only_the_top_ones(tmp_path: Path) -> None:
    """With more matches than the page shows, and scores that differ, every match is counted.

    Whoosh's top-N collector drops matches that can no longer reach the top (block-quality
    skipping and matcher replacement); the totals must not.
    """
    from builders import make_html

    folder = tmp_path / "reports"
    folder.mkdir()
    for number in range(30):
        # later reports (and so later segments) score lower, so the top ones are found first
        repeats = " ".join(["the unseen male was present near the domestic incident"] * (30 - number))
        filler = " ".join(["the family moved house"] * (number % 5 + 1))
        body = f"<p>{repeats} {filler} domestic incident noted</p>"
        make_html(folder / f"r{number:02d}.html", title=f"Review {number}", body=body)
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1, commit_every=1))  # several segments
        for query in ['"the unseen male"', "unseen", '"domestic incident"~3', "unseen OR moved"]:
            every = search.search(store, query, limit=None, snippets=0)
            assert every.total == 30, query
            for limit in (1, 3, 10):
                shown = search.search(store, query, limit=limit, snippets=0)
                assert shown.total == 30 and shown.facets == every.facets, (query, limit)
                assert [h.document.id for h in shown.hits] == [h.document.id for h in every.hits][:limit]


def test_facet_counts_of_named_facets_skip_reading_every_match_for_sections(
    tmp_path: Path, monkeypatch
) -> None:
    """The web page's ticked facet asks for its own counts: the costly section counts are not read."""
    from search import engine

    build_reports(folder := tmp_path / "reports")
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        everything = search.facet_counts(store, "the")
        assert everything["section"]  # all facets: the sections of the matches counted
        reads: list[int] = []
        original = engine.match_sections
        monkeypatch.setattr(engine, "match_sections", lambda *a: reads.append(1) or original(*a))
        one = search.facet_counts(store, "the", names=["age_band"])
        assert one.to_dict() == {"age_band": everything.to_dict()["age_band"]}
        assert reads == []
        cache.clear()
        assert search.facet_counts(store, "the", names=["section"])["section"] == everything["section"]
        assert reads == [1]
