"""How a batch's sub-batches grow, and the segments a batch writes."""

from __future__ import annotations

import pytest
from builders import make_pdf

from index import IndexStore, IngestOptions, ingest
from index.segments import MAX_SEGMENTS, sub_batch_size


def _commits(total: int, first: int, growth: float) -> list[int]:
    """The committed total after each sub-batch of a batch of ``total`` documents (the last: the rest)."""
    committed, after = 0, []
    while committed < total:
        committed = min(total, committed + sub_batch_size(committed, first, growth))
        after.append(committed)
    return after


def test_a_sub_batch_holds_the_first_size_then_half_of_what_is_committed():
    assert sub_batch_size(0, 200) == 200
    assert sub_batch_size(200, 200) == 200  # half of 200 is less than the first size
    assert sub_batch_size(400, 200) == 200
    assert sub_batch_size(600, 200) == 300
    assert sub_batch_size(1350, 200) == 675
    assert sub_batch_size(7, 1, 0.5) == 3  # whole documents, rounded down
    assert sub_batch_size(5000, 200, 0) == 200  # no growth: every sub-batch the first size


@pytest.mark.parametrize(("total", "segments"), [(500, 3), (3000, 7), (10_000, 10)])
def test_a_growing_batch_writes_about_log_n_segments(total, segments):
    """The committed total grows by half each time: a national batch (3,000) stays under the merge limit."""
    after = _commits(total, 200, 0.5)
    assert after[-1] == total and len(after) == segments
    assert len(after) <= MAX_SEGMENTS
    assert len(_commits(total, 200, 0)) == -(-total // 200)  # without growth, one per 200


def _segment_count(store: IndexStore) -> int:
    with store.searcher() as searcher:
        return len(searcher.reader().leaf_readers())


@pytest.mark.parametrize(("growth", "segments"), [(0.5, 7), (0.0, 10)])
def test_an_ingest_commits_growing_sub_batches(tmp_path, growth, segments):
    """20 reports, the first sub-batch 2: 2, 2, 2, 3, 4, 6 and the last 1, or ten of 2 without growth."""
    paths = [make_pdf(tmp_path / f"{n:02d}.pdf", [[f"report {n} on home conditions"]]) for n in range(20)]
    assert len(_commits(20, 2, growth)) == segments
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        report = ingest(store, paths, IngestOptions(jobs=1, commit_every=2, commit_growth=growth))
        assert report.added == 20
        assert _segment_count(store) == segments  # each commit one segment; none merged (10 at most)
        assert len(store.documents()) == 20
