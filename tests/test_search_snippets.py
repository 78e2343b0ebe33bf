"""Match spans read through one posting cursor equal those read document by document."""

from __future__ import annotations

import random
from pathlib import Path

from builders import make_html

from index import IndexStore, IngestOptions, ingest
from search.query import parse, positive_leaves
from search.snippets import PostingCursor, match_spans


def test_a_shared_cursor_gives_every_document_its_own_spans_in_any_order(tmp_path: Path) -> None:
    rng = random.Random(3)
    folder = tmp_path / "reports"
    folder.mkdir()
    words = ["the", "unseen", "male", "neglect", "housing", "school", "referral"]
    for number in range(300):  # several posting blocks per word, across segments
        body = " ".join(rng.choices(words, k=rng.randrange(5, 50)))
        make_html(folder / f"r{number:03d}.html", title=f"Review {number}", body=f"<p>{body}</p>")
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1, commit_every=100))
        leaves = list(positive_leaves(parse('neglect OR "unseen male" OR "school referral"~2')))
        with store.searcher() as searcher:
            docnums = list(range(searcher.doc_count_all()))
            alone = {d: match_spans(searcher, d, leaves) for d in docnums}
            assert sum(map(bool, alone.values())) > 200
            for order in (sorted(docnums), rng.sample(docnums, len(docnums))):
                cursor = PostingCursor(searcher)
                assert {d: match_spans(searcher, d, leaves, cursor=cursor) for d in order} == alone
