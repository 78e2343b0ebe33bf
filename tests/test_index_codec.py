"""Posting blocks with the positions apart: the same postings as Whoosh's codec, read lazily."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from index import fields as F
from index.codec import SplitCodec, SplitLeafMatcher
from index.schema import build_schema

WORDS = ["the", "unseen", "male", "neglect", "housing", "school", "referral", "health", "visitor"]


def _documents(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randrange(3, 60))) for _ in range(count)]


def _write(folder: Path, texts: list[str], codec: object, start: int = 0) -> None:
    ix = whoosh_index.open_dir(str(folder)) if folder.exists() else None
    if ix is None:
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
    writer = SegmentWriter(ix, codec=codec, compound=False)
    for number, text in enumerate(texts, start=start):
        writer.add_document(**{F.ID: str(number), F.TEXT: text})
    writer.commit(mergetype=lambda w, segments: segments)  # no merge: one segment per write
    ix.close()


def _postings(folder: Path) -> dict[str, list[tuple[str, float, list]]]:
    ix = whoosh_index.open_dir(str(folder))
    out = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in WORDS:
            matcher = reader.postings(F.TEXT, word)
            rows = []
            while matcher.is_active():
                rows.append(
                    (
                        searcher.stored_fields(matcher.id())[F.ID],
                        matcher.weight(),
                        matcher.value_as("characters"),
                    )
                )
                matcher.next()
            out[word] = rows
    ix.close()
    return out


def test_the_same_postings_as_whooshs_codec_across_many_blocks(tmp_path: Path) -> None:
    texts = _documents(700, seed=1)  # every word in hundreds of documents: several 128-posting blocks
    _write(tmp_path / "w3", texts, W3Codec())
    _write(tmp_path / "split", texts, SplitCodec())
    ours, theirs = _postings(tmp_path / "split"), _postings(tmp_path / "w3")
    assert ours == theirs
    assert len(ours["the"]) > 3 * 128


def test_walking_documents_and_weights_leaves_the_positions_packed(tmp_path: Path) -> None:
    _write(tmp_path / "split", _documents(400, seed=2), SplitCodec())
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
    first, second = _documents(200, seed=3), _documents(200, seed=4)
    _write(folder, first, W3Codec())
    _write(folder, second, SplitCodec(), start=200)
    expected = _postings(folder)
    ix = whoosh_index.open_dir(str(folder))
    assert {type(s.codec()).__name__ for s in ix._segments()} == {"W3Codec", "SplitCodec"}
    writer = SegmentWriter(ix, codec=SplitCodec(), compound=False)
    writer.commit(mergetype=_merge_all)
    ix.close()
    ix = whoosh_index.open_dir(str(folder))
    assert [type(s.codec()).__name__ for s in ix._segments()] == ["SplitCodec"]
    ix.close()
    assert _postings(folder) == expected


def _merge_all(writer: SegmentWriter, segments: list) -> list:
    from whoosh.reading import SegmentReader

    for segment in segments:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return []


def test_block_skipping_without_recorded_lengths_still_finds_the_best_documents(tmp_path: Path) -> None:
    from whoosh import query as wq

    texts = _documents(900, seed=5)
    _write(tmp_path / "split", texts, SplitCodec())
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

    _write(tmp_path / "ix", _documents(700, seed=9), SplitCodec())  # several blocks per word
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
