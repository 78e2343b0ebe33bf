"""Match spans read through one posting cursor equal those read document by document."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from builders import make_html

from index import IndexStore, IngestOptions, ingest
from index.analysis import indexed_text, normal_word
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


def test_phrases_placed_through_common_word_pairs_match_reading_every_posting(tmp_path: Path) -> None:
    """With the text at hand, a phrase's common words are placed from the text: the same spans."""
    rng = random.Random(11)
    folder = tmp_path / "reports"
    folder.mkdir()
    words = ["the", "The", "THÉ", "of", "in", "unseen", "male", "father", "care", "of_the", "thé"]
    gaps = [" ", "  ", ", ", " (", ") ", " — ", ".\n", " '", " 'the' ", " " + "-" * 70 + " "]
    for number in range(200):
        body = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randrange(5, 60)))
        make_html(folder / f"r{number:03d}.html", title=f"Review {number}", body=f"<p>{body}</p>")
    queries = [
        '"the unseen male"',
        '"of the father"',
        '"in the father"',
        '"male of the"',
        '"unseen male"',
        '"the male"',
    ]
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1, commit_every=70))
        with store.searcher() as searcher:
            ids = {d: searcher.stored_fields(d)["id"] for d in range(searcher.doc_count_all())}
            texts = {d: indexed_text(store.pages(doc_id)) for d, doc_id in ids.items()}
            for query in queries:
                leaves = list(positive_leaves(parse(query)))
                read = {d: match_spans(searcher, d, leaves) for d in ids}
                placed = {d: match_spans(searcher, d, leaves, text=texts[d]) for d in ids}
                assert placed == read, query
                assert sum(map(bool, read.values())) > 5, query
                first, last = query.strip('"').split()[0], query.strip('"').split()[-1]
                for d, spans in read.items():  # each span runs from the phrase's first word to its last
                    for start, end in spans:
                        found = re.findall(r"\w+", texts[d][start:end])
                        assert (normal_word(found[0]), normal_word(found[-1])) == (first, last)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the unseen male", 0),  # at the very start
        ("saw the unseen male", 4),
        ("saw the-unseen male", 4),  # a mark, not a space
        ("saw The unseen male", 4),  # capitals: read through the pattern
        ("saw the   unseen male", 4),  # several spaces
        ("saw the\nunseen male", 4),
        ("saw bathe unseen male", None),  # "the" ends a longer word
        ("saw them unseen male", None),
        ("saw the_unseen male", None),  # an underscore joins words, as \w does
        ("saw a unseen male", None),
        ("unseen male", None),  # nothing before
    ],
)
def test_the_common_word_before_a_phrase_word_is_placed_in_the_text(text, expected):
    from search.snippets import _start_before

    assert _start_before(text, text.index("unseen"), "the") == expected
