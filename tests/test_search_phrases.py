"""Exhaustive phrase search on long reports: engine results equal a brute-force scan."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from builders import make_pdf, wrap

from bench.eval_phrases import _word_texts, brute_force, random_phrases
from index import IndexStore, IngestOptions, ingest
from index import fields as F
from search import search

PROSE = (
    "the health visitor recorded neglect and the school raised concerns about attendance while "
    "the police attended a domestic incident and children's social care closed the case without "
    "seeing the child alone so professional curiosity and information sharing were limited"
)
VOCABULARY = PROSE.split()


def _page(rng: random.Random, lines: int = 40) -> list[str]:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(lines * 12))
    return wrap(text, 86)[:lines]


def long_report(path: Path, seed: int, planted: dict[str, int]) -> Path:
    """A 45-page report with running header and footer, hyphenated line ends and a two-column page.

    ``planted`` maps phrases to the page they must be cited on; one crosses a page break
    and one is hyphenated across lines.
    """
    rng = random.Random(seed)
    pages: list = [[("Bexley Safeguarding Children Board", 14.0), ("Serious Case Review", 24.0)]]
    for number in range(2, 46):
        lines = _page(rng)
        if number == 10:
            lines[5] = "the family was referred after concerns about dis-"
            lines[6] = "guised compliance were raised by the midwife"
            planted["concerns about disguised compliance were raised"] = 10
        if number == 20:
            lines[-1] = "the practitioners agreed that the unseen male"
            planted["agreed that the unseen male partner on the tenancy"] = 20
        if number == 21:
            lines[0] = "partner on the tenancy had never been assessed"
        if number == 30:
            lines[3] = "a pram left in the communal stairwell was noted"
            planted["pram left in the communal stairwell"] = 30
        if number == 33:
            pages.append({"columns": [lines[:20], lines[20:40]]})
            continue
        pages.append(lines)
    return make_pdf(path, pages, header="Bexley SCR – CONFIDENTIAL", footer=True)


@pytest.fixture(scope="module")
def long_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    planted: dict[str, int] = {}
    for seed in range(3):
        long_report(folder / f"report-{seed}.pdf", seed, planted if seed == 0 else {})
    with IndexStore.open(folder / "ix", create=True) as store:
        report = ingest(store, [folder], IngestOptions(jobs=2))
        assert report.failed == 0
        yield store, planted


def test_planted_phrases_are_found_and_cite_their_first_page(long_index):
    store, planted = long_index
    for phrase, page in planted.items():
        hits = search(store, f'"{phrase}"').hits
        assert len(hits) == 3  # every report carries the planted lines
        for hit in hits:
            assert page in hit.match_pages, (phrase, hit.match_pages)
            assert hit.snippets[0].page == page


def test_random_phrases_agree_with_a_brute_force_scan(long_index):
    store, _ = long_index
    texts = _word_texts(store)
    phrases = random_phrases(texts, 200, seed=3)
    for phrase in phrases:
        found = {h.document.id for h in search(store, f'"{phrase}"', limit=10, snippets=0).hits}
        assert found == brute_force(texts, phrase), phrase


def test_proximity_agrees_with_whooshs_span_query(tmp_path):
    """``"a b"~N`` keeps the meaning Whoosh's SpanNear2 gave it (unordered, 1..N+1 apart), per document."""
    from whoosh import index as whoosh_index
    from whoosh import query as wq
    from whoosh.query.spans import SpanNear2

    from index import fields as F
    from index.schema import build_schema
    from search.phrases import NearWords

    rng = random.Random(11)
    vocabulary = VOCABULARY[:14]
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    with ix.writer() as writer:  # short documents, so a pair is near in some and far in others
        for number in range(300):
            writer.add_document(
                **{F.ID: str(number), F.TEXT: " ".join(rng.choices(vocabulary, k=rng.randrange(5, 40)))}
            )
    checked = 0
    with ix.searcher() as searcher:
        for _ in range(80):
            words = rng.sample(vocabulary, rng.choice((2, 2, 3)))
            slop = rng.choice((0, 1, 2, 4, 8))
            spans = SpanNear2([wq.Term(F.TEXT, w) for w in words], slop=slop + 1, ordered=False)
            expected = {hit.docnum for hit in searcher.search(spans, limit=None)}
            found = {hit.docnum for hit in searcher.search(NearWords(F.TEXT, words, slop + 1), limit=None)}
            assert found == expected, (words, slop)
            both = {
                hit.docnum for hit in searcher.search(wq.And([wq.Term(F.TEXT, w) for w in words]), limit=None)
            }
            checked += 0 < len(expected) < len(both)  # near in some documents, far apart in others
    ix.close()
    assert checked > 40  # the comparison is not vacuous


def test_near_spans_counts_each_word_within_reach_in_either_order():
    from search.phrases import near_spans

    assert near_spans([[10], [12]], 2) == {(10, 12)}
    assert near_spans([[10], [7]], 3) == {(7, 10)}  # before the first word counts too
    assert near_spans([[10], [14]], 3) == set()  # one too far
    assert near_spans([[10], [10]], 3) == set()  # the same position is no pair (distance 0)
    assert near_spans([[10], [12], [15]], 3) == {(10, 15)}  # the third word near the first two's span


def _keyed(lists: list[list[int]]):
    import numpy as np

    from index.keyed import KEY_BITS

    return np.array([(i << KEY_BITS) + p for i, found in enumerate(lists) for p in found], dtype=np.int64)


def test_near_pairs_of_many_reports_at_once_equal_the_spans_of_each():
    """Counted over every report in one array, each report's count is its own spans' number."""
    import numpy as np

    from search.phrases import near_pairs, near_spans

    rng = random.Random(5)
    for _ in range(60):
        firsts, seconds = [], []
        for _report in range(rng.randrange(1, 12)):
            both = rng.sample(range(300), rng.randrange(2, 60))
            cut = rng.randrange(1, len(both))
            firsts.append(sorted(both[:cut]))  # two words: never the same position
            seconds.append(sorted(both[cut:]))
        slop = rng.randrange(1, 9)
        owners, near = near_pairs(_keyed(firsts), _keyed(seconds), slop)
        counted = np.bincount(owners, weights=near, minlength=len(firsts)).astype(int).tolist()
        assert counted == [len(near_spans([a, b], slop)) for a, b in zip(firsts, seconds, strict=True)], slop
    owners, near = near_pairs(_keyed([[10], [0]]), _keyed([[12], [3]]), 2)
    assert owners.tolist() == [0, 1] and near.tolist() == [1, 0]  # a window never reaches the next report
    assert near_pairs(_keyed([[10]]), _keyed([[10, 12]]), 1)[1].tolist() == [
        0
    ]  # the same position is no pair


@pytest.mark.parametrize("slop", [1, 3, 6, 7, 12])
def test_near_pairs_counts_a_full_window_but_not_the_same_position(slop):
    """Every position within the slop either way is a pair (a window at its fullest), the same one not."""
    from search.phrases import near_pairs

    dense = list(range(100 - slop - 2, 100 + slop + 3))  # the window and a position beyond each end
    owners, near = near_pairs(_keyed([[7], [100]]), _keyed([[], dense]), slop)
    assert owners.tolist() == [0, 1] and near.tolist() == [0, 2 * slop]


@pytest.mark.parametrize(
    "phrase",
    [
        "the health visitor",  # a common word first
        "recorded neglect and the school",  # common words side by side in the middle
        "concerns about the",  # a common word last, after a rarer one
        "and the",  # nothing but common words
        "the school raised concerns about attendance while the police",
        "children's social care",  # an apostrophe splits "children" and "s"
    ],
)
def test_phrases_with_common_words_agree_with_a_brute_force_scan(long_index, phrase):
    store, _ = long_index
    texts = _word_texts(store)
    expected = brute_force(texts, phrase)
    found = {h.document.id for h in search(store, f'"{phrase}"', limit=None, snippets=0).hits}
    assert found == expected


def test_a_phrase_is_found_by_its_rare_words_and_common_word_pairs():
    from index import fields as F
    from search.phrases import phrase_pieces

    assert phrase_pieces(F.TEXT, ("the", "unseen", "male")) == [
        (F.PAIRS, "the unseen", 0),
        (F.TEXT, "unseen", 1),
        (F.TEXT, "male", 2),
    ]
    assert phrase_pieces(F.TEXT, ("child", "in", "need")) == [
        (F.TEXT, "child", 0),
        (F.PAIRS, "in need", 1),
        (F.TEXT, "need", 2),
    ]
    # a common word last: read as itself after a rarer word, as a pair's end after a common one
    assert phrase_pieces(F.TEXT, ("looked", "after", "the")) == [
        (F.TEXT, "looked", 0),
        (F.TEXT, "after", 1),
        (F.TEXT, "the", 2),
    ]
    assert phrase_pieces(F.TEXT, ("one", "of", "the")) == [(F.TEXT, "one", 0), (F.PAIRS, "of the", 1)]
    assert phrase_pieces(F.TITLE, ("the", "unseen")) == [(F.TITLE, "the", 0), (F.TITLE, "unseen", 1)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # the word after a common word is placed by the pair: its own postings are not read
        (("the", "unseen", "male"), [(F.PAIRS, "the unseen", 0), (F.TEXT, "male", 2)]),
        (("child", "in", "need"), [(F.TEXT, "child", 0), (F.PAIRS, "in need", 1)]),
        (
            ("voice", "of", "the", "child"),
            [(F.TEXT, "voice", 0), (F.PAIRS, "of the", 1), (F.PAIRS, "the child", 2)],
        ),
        (("of", "concern"), [(F.PAIRS, "of concern", 0)]),
        # no pair: every word is read
        (("disguised", "compliance"), [(F.TEXT, "disguised", 0), (F.TEXT, "compliance", 1)]),
        (("looked", "after", "the"), [(F.TEXT, "looked", 0), (F.TEXT, "after", 1), (F.TEXT, "the", 2)]),
    ],
)
def test_a_phrase_is_matched_without_the_words_its_pairs_place(words, expected):
    from search.phrases import matching_pieces

    assert matching_pieces(F.TEXT, words) == expected
    assert matching_pieces(F.TITLE, words) == [(F.TITLE, word, i) for i, word in enumerate(words)]


@pytest.mark.parametrize(
    "make",
    [
        lambda: __import__("search.phrases").phrases.ExactPhrase(F.TEXT, ["domestic", "incident"]),
        lambda: __import__("search.phrases").phrases.ExactPhrase(F.TEXT, ["the", "unseen", "male"]),
        lambda: __import__("search.phrases").phrases.NearWords(F.TEXT, ["police", "referral"], 3),
        lambda: __import__("search.phrases").phrases.NearWords(F.TEXT, ["health", "visits", "school"], 4),
    ],
)
def test_a_phrase_asked_for_some_documents_answers_for_those_alone(library, make):
    """Verified within the documents asked for, or cut from the whole answer when it is kept:
    the same documents and counts as the whole answer's among them, and no others."""
    from search.phrases import forget_answers

    query = make()
    rng = random.Random(5)
    checked = 0
    with library.searcher() as searcher:
        for leaf, _ in searcher.reader().leaf_readers():
            forget_answers()
            docs, counts = query.answer(leaf)
            within = np.array(sorted(rng.sample(range(leaf.doc_count_all()), leaf.doc_count_all() // 2)))
            expected = [(d, c) for d, c in zip(docs, counts, strict=True) if d in set(within.tolist())]
            cut = query.answer(leaf, within)  # the whole answer is kept: cut from it
            forget_answers()
            verified = query.answer(leaf, within)  # nothing kept: only those documents verified
            assert list(zip(*cut, strict=True)) == expected == list(zip(*verified, strict=True))
            checked += len(expected)
    assert checked > 0
