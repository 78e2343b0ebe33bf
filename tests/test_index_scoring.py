"""Scores from a segment's length table are Whoosh's own BM25F scores, float for float."""

from __future__ import annotations

import random

import pytest
from builders import make_html
from conftest import LIBRARY_WORDS
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from index import IndexStore, IngestOptions, ingest, scoring
from index import fields as F
from index.kept import Kept
from search.query import parse_required
from search.whoosh_query import to_whoosh


def _every_hit(searcher: Searcher, text: str) -> list[tuple[int, float]]:
    top = searcher.collector(limit=None, optimize=False)
    searcher.search_with_collector(to_whoosh(parse_required(text), searcher), top)
    return [(hit.docnum, hit.score) for hit in top.results()]


def _words_query(rng: random.Random) -> str:
    words = rng.sample(LIBRARY_WORDS, rng.randrange(1, 5))
    ops = [rng.choice([" AND ", " OR ", " NOT ", " "]) for _ in words[1:]]
    text = words[0] + "".join(op + word for op, word in zip(ops, words[1:], strict=True))
    return f"({text}) AND {rng.choice(LIBRARY_WORDS)}" if rng.random() < 0.3 else text


def test_the_store_searches_with_the_table_scorer(library: IndexStore) -> None:
    with library.searcher() as searcher:
        assert isinstance(searcher.weighting, scoring.TableBM25F)


@pytest.mark.parametrize("seed", range(3))
def test_random_word_queries_score_exactly_as_whoosh_bm25f(library: IndexStore, seed: int) -> None:
    rng = random.Random(seed)
    compared = 0
    with library.searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 2  # several segments, some with deletions
        whoosh_own = Searcher(searcher.reader(), weighting=BM25F(), closereader=False)
        for _ in range(40):
            text = _words_query(rng)
            ours, theirs = _every_hit(searcher, text), _every_hit(whoosh_own, text)
            assert ours == theirs, text  # the same documents, order and float scores
            compared += len(ours)
    assert compared > 1000


def test_the_table_holds_whoosh_s_length_of_each_document_none_where_the_field_is_empty(tmp_path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    make_html(folder / "a.html", title="A", body="<p>neglect at home</p>")
    make_html(folder / "b.html", title="B", body="<p>Wigan Safeguarding Children Board: neglect</p>")
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        with store.searcher() as searcher:
            reader = searcher.reader()
            # one report names no board: its lscb field is empty (no length: no word of it matches there)
            table = scoring.length_table(reader, F.LSCB_TEXT)
            assert table == [
                reader.doc_field_length(d, F.LSCB_TEXT, 1) for d in range(reader.doc_count_all())
            ]
            assert table.count(None) == 1 and max(v for v in table if v is not None) > 1


def test_a_segments_lengths_are_read_once_per_field(library: IndexStore, monkeypatch) -> None:
    monkeypatch.setattr(scoring, "_LENGTHS", Kept(256))
    with library.searcher() as searcher:
        leaves = searcher.reader().leaf_readers()
        _every_hit(searcher, "neglect OR housing")
        assert len(scoring._LENGTHS) == len(leaves)  # one table per segment, for the one text field
        first = {reader.segment().segment_id(): scoring.length_table(reader, F.TEXT) for reader, _ in leaves}
        _every_hit(searcher, "school AND police")
        assert len(scoring._LENGTHS) == len(leaves)
        for reader, _ in leaves:  # the same lists, not read again
            assert scoring.length_table(reader, F.TEXT) is first[reader.segment().segment_id()]
