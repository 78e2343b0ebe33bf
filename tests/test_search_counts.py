"""Totals and facet counts agree with the documents in the index, after every kind of change.

Deleted copies (a replaced file, a forced re-ingest, a removed or pruned
document) linger in Whoosh segments until a merge; no query may count them.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import build_reports

from index import IndexStore, IngestOptions, ingest, prune
from search import facet_counts, list_documents, search

QUERIES = ("neglect", "NOT neglect", "housing NOT neglect", "housing OR NOT neglect",
           "NOT (neglect OR housing)", "-neglect", "information AND NOT compliance",
           '"information sharing" OR NOT home')  # fmt: skip


def _check(store: IndexStore) -> None:
    everything = {d.id for d in list_documents(store)}
    totals = {q: search(store, q, limit=1000) for q in QUERIES}
    for query, result in totals.items():
        ids = [hit.document.id for hit in result.hits]
        assert len(ids) == len(set(ids)) == result.total, query  # no document twice
        assert set(ids) <= everything, query
        assert sum(result.facets.year.values()) == result.total, query  # one year value per document
        assert "None" not in result.facets.age_band, query
    # the complement adds up: w and NOT w partition the index
    assert totals["neglect"].total + totals["NOT neglect"].total == len(everything)
    assert totals["-neglect"].total == totals["NOT neglect"].total
    either = {h.document.id for h in totals["housing OR NOT neglect"].hits}
    housing = {h.document.id for h in search(store, "housing", limit=1000).hits}
    neglect = {h.document.id for h in totals["neglect"].hits}
    assert either == housing | (everything - neglect)
    facets = facet_counts(store)
    assert sum(facets.year.values()) == len(everything)


@pytest.fixture
def changing(tmp_path):
    folder = tmp_path / "reports"
    files = build_reports(folder)
    store = IndexStore.open(tmp_path / "index", create=True)
    ingest(store, [folder], IngestOptions(jobs=1))
    yield store, folder, files
    store.close()


def test_counts_after_a_forced_reingest(changing):
    store, folder, _ = changing
    ingest(store, [folder], IngestOptions(jobs=1, force=True))
    _check(store)


def test_counts_after_a_file_is_replaced_and_one_removed(changing):
    store, folder, files = changing
    shutil.copy(files["teen"], files["baby"])  # new bytes at a known path replace the old document
    ingest(store, [folder], IngestOptions(jobs=1))
    with store.writer() as writer:
        writer.remove(str(files["siblings"]))
    _check(store)


def test_counts_after_prune(changing):
    store, _, files = changing
    files["html_nodate"].unlink()
    prune(store)
    _check(store)
    assert len(list_documents(store)) == len(files) - 1
