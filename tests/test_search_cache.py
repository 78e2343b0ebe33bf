"""Counts and facets kept per index state: served again while the index is unchanged, dropped after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import make_html
from conftest import build_reports

import search
from index import IndexStore, IngestOptions, ingest
from search import cache, counting, engine
from search.filters import Filters


@pytest.fixture
def store(tmp_path: Path) -> Iterator[IndexStore]:
    build_reports(tmp_path / "reports")
    opened = IndexStore.open(tmp_path / "ix", create=True)
    ingest(opened, [tmp_path / "reports"], IngestOptions(jobs=1))
    yield opened
    opened.close()


@pytest.fixture
def collections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times matches are collected (what a kept result saves)."""
    calls: list[int] = []
    original = counting.collect

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(engine, "collect", counted)
    return calls


def test_a_repeated_search_is_served_from_the_kept_counts(store: IndexStore, collections: list[int]) -> None:
    first = search.search(store, "neglect")
    assert len(collections) == 1 and cache.size() == 1
    again = search.search(store, "neglect")
    assert len(collections) == 1  # not collected again
    assert again == first
    search.search(store, "neglect", Filters.build(age_bands=["1-5"]))  # other filters: counted
    search.search(store, "neglect", limit=3)  # another window of the ranking: counted
    search.search(store, "neglect", sort="published")
    assert len(collections) == 4 and cache.size() == 4


def test_a_write_to_the_index_drops_what_was_counted_before(
    store: IndexStore, collections: list[int], tmp_path: Path
) -> None:
    before = search.search(store, "neglect")
    facets_before = search.facet_counts(store, "neglect")
    folder = tmp_path / "more"
    folder.mkdir()
    make_html(folder / "new.html", title="Review of neglect", body="<p>Neglect was seen by the school.</p>")
    ingest(store, [folder], IngestOptions(jobs=1))
    after = search.search(store, "neglect")
    assert after.total == before.total + 1  # counted again on the new state
    assert len(collections) == 3  # search, facet counts, search again
    counted_again = search.facet_counts(store, "neglect")
    assert counted_again != facets_before
    assert cache.size() == 2  # the entries of the old state are gone
    cache.clear()
    assert search.facet_counts(store, "neglect") == counted_again
    with store.writer() as writer:
        writer.remove(after.hits[0].document.id)
    assert search.search(store, "neglect").total == before.total


def test_another_connections_commit_to_the_catalog_changes_the_state(
    store: IndexStore, tmp_path: Path
) -> None:
    with store.searcher() as searcher:
        first = store.state(searcher)
        assert store.state(searcher) == first
        with IndexStore.open(tmp_path / "ix") as other:
            other.catalog.set_meta("touched", "yes")
        assert store.state(searcher) != first


def test_facet_counts_are_kept_and_equal_counting_again(store: IndexStore) -> None:
    kept = search.facet_counts(store, "neglect OR school")
    assert search.facet_counts(store, "neglect OR school") is kept
    cache.clear()
    assert search.facet_counts(store, "neglect OR school") == kept


def test_a_search_within_sections_is_not_kept(store: IndexStore, collections: list[int]) -> None:
    search.search(store, "neglect", Filters.build(sections=["analysis"]))
    search.search(store, "neglect", Filters.build(sections=["analysis"]))
    assert cache.size() == 0


def test_a_phrase_is_verified_once_per_segment_until_the_segment_changes(
    store: IndexStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search import phrases

    verified: list[tuple[str, ...]] = []
    original = phrases.phrase_documents

    def counted(reader, field, words, within=None):
        verified.append(words)
        return original(reader, field, words, within)

    monkeypatch.setattr(phrases, "phrase_documents", counted)
    with store.searcher() as searcher:
        segments = len(searcher.reader().leaf_readers())
    first = search.search(store, '"the school"')
    assert len(verified) == segments
    # the web page's second count of the same phrase, without a filter: no verification again
    search.facet_counts(store, '"the school"', Filters.build(age_bands=["1-5"]), names=["age_band"])
    assert len(verified) == segments
    # a search filtered to some documents takes them from the answer kept for every document
    search.search(store, '"the school"', Filters.build(age_bands=["1-5"]))
    assert len(verified) == segments
    with store.writer() as writer:  # a deletion changes the segment's live documents
        writer.remove(first.hits[0].document.id)
    after = search.search(store, '"the school"')
    assert after.total == first.total - 1
    assert len(verified) > segments
    cache.clear()  # a cold search verifies again
    seen = len(verified)
    search.search(store, '"the school"')
    assert len(verified) > seen
