"""Posting blocks with the positions apart: the same postings as Whoosh's codec, read lazily."""

from __future__ import annotations

import random
from pathlib import Path

from segment_builders import WORDS, merge_all, random_texts, text_postings, write_segment
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from index import fields as F
from index.codec import SplitCodec, SplitLeafMatcher


def test_the_same_postings_as_whooshs_codec_across_many_blocks(tmp_path: Path) -> None:
    texts = random_texts(700, seed=1)  # every word in hundreds of documents: several 128-posting blocks
    write_segment(tmp_path / "w3", texts, W3Codec())
    write_segment(tmp_path / "split", texts, SplitCodec())
    ours, theirs = text_postings(tmp_path / "split"), text_postings(tmp_path / "w3")
    assert ours == theirs
    assert len(ours["the"]) > 3 * 128


def test_walking_documents_and_weights_leaves_the_positions_packed(tmp_path: Path) -> None:
    write_segment(tmp_path / "split", random_texts(400, seed=2), SplitCodec())
    ix = whoosh_index.open_dir(str(tmp_path / "split"))
    with ix.searcher() as searcher:
        matcher = searcher.reader().postings(F.TEXT, "the")
        assert isinstance(matcher, SplitLeafMatcher)
        ids = list(matcher.all_ids())
        assert len(ids) > 300
        matcher = searcher.reader().postings(F.TEXT, "the")
        matcher.skip_to(ids[200])
        assert matcher.weight() > 0 and matcher._data[2] is None  # ids and weights read, values not
        assert matcher.value_as("positions") and matcher._data[2] is not None
    ix.close()


def test_an_index_written_by_whooshs_codec_is_read_and_converted_by_merging(tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    first, second = random_texts(200, seed=3), random_texts(200, seed=4)
    write_segment(folder, first, W3Codec())
    write_segment(folder, second, SplitCodec(), start=200)
    expected = text_postings(folder)
    ix = whoosh_index.open_dir(str(folder))
    assert {type(s.codec()).__name__ for s in ix._segments()} == {"W3Codec", "SplitCodec"}
    writer = SegmentWriter(ix, codec=SplitCodec(), compound=False)
    writer.commit(mergetype=merge_all)
    ix.close()
    ix = whoosh_index.open_dir(str(folder))
    assert [type(s.codec()).__name__ for s in ix._segments()] == ["SplitCodec"]
    ix.close()
    assert text_postings(folder) == expected


def test_block_skipping_without_recorded_lengths_still_finds_the_bestrandom_texts(tmp_path: Path) -> None:
    from whoosh import query as wq

    texts = random_texts(900, seed=5)
    write_segment(tmp_path / "split", texts, SplitCodec())
    ix = whoosh_index.open_dir(str(tmp_path / "split"))
    with ix.searcher() as searcher:
        for word in ("unseen", "neglect", "visitor"):
            query = wq.Term(F.TEXT, word)
            every = [(round(h.score, 6), h.docnum) for h in searcher.search(query, limit=None)]
            best = sorted(every, key=lambda pair: (-pair[0], pair[1]))[:5]
            skipping = searcher.search(query, limit=5)  # Whoosh's top-N collector, block skipping on
            assert [(round(h.score, 6), h.docnum) for h in skipping] == best
    ix.close()


def test_ids_and_values_read_a_block_at_a_time_equal_those_walked_one_by_one(tmp_path: Path) -> None:
    from index.codec import values_for

    write_segment(tmp_path / "ix", random_texts(700, seed=9), SplitCodec())  # several blocks per word
    rng = random.Random(4)
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in WORDS:
            walked = {}
            matcher = reader.postings(F.TEXT, word)
            assert isinstance(matcher, SplitLeafMatcher)
            while matcher.is_active():
                walked[matcher.id()] = matcher.value()
                matcher.next()
            assert list(reader.postings(F.TEXT, word).all_ids()) == sorted(walked)
            assert len(walked) > 300, word
            for size in (1, 5, 80, 700):
                docs = sorted(rng.sample(range(700), size))  # some hold the word, some do not
                assert values_for(reader.postings(F.TEXT, word), docs) == [walked.get(d) for d in docs]
    ix.close()
