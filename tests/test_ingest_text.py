"""Text normalisation: what makes phrases survive PDF layout."""

from __future__ import annotations

from ingest.text import fold, normalise_pages, normalise_text


def test_fold_ligatures_quotes_and_spaces():
    assert (
        fold("e\ufb03cient \u201cbest\u201d child\u2019s\u00a0safety") == 'efficient "best" child\'s safety'
    )


def test_cid_placeholders_become_spaces():
    assert fold("a(cid:127)b") == "a b"


def test_line_end_hyphen_joins_a_split_word():
    [page] = normalise_pages(["there was dis-\nguised compliance"])
    assert page == "there was disguised compliance"


def test_line_end_hyphen_keeps_a_compound_seen_elsewhere():
    text = "a half-sibling lived there; the half-\nsibling moved"
    assert normalise_text(text) == "a half-sibling lived there; the half-sibling moved"


def test_line_end_hyphen_joins_when_the_whole_word_occurs_elsewhere():
    text = "information was shared; infor-\nmation was lost"
    assert normalise_text(text) == "information was shared; information was lost"


def test_compound_prefix_keeps_its_hyphen():
    assert normalise_text("a multi-\nagency meeting") == "a multi-agency meeting"


def test_pdfium_soft_hyphen_marker_is_a_line_end_hyphen():
    # pdfium reports a hyphenated line end as STX with no newline
    [page] = normalise_pages(["the lod\x02ger upstairs"])
    assert page == "the lodger upstairs"


def test_running_header_and_page_footer_are_removed():
    pages = [
        f"CONFIDENTIAL\nBody text of page {n} about neglect.\nMore text.\nPage {n} of 5" for n in range(1, 6)
    ]
    result = normalise_pages(pages)
    for n, page in enumerate(result, start=1):
        assert "CONFIDENTIAL" not in page
        assert "Page" not in page
        assert f"Body text of page {n}" in page


def test_phrase_across_a_page_break_is_not_interrupted_by_margins():
    pages = [
        "Header line\nthe unseen male partner on the\nPage 1 of 4",
        "Header line\ntenancy was not assessed\nPage 2 of 4",
        "Header line\nfiller\nPage 3 of 4",
        "Header line\nfiller\nPage 4 of 4",
    ]
    result = normalise_pages(pages)
    assert result[0].endswith("the unseen male partner on the")
    assert result[1].startswith("tenancy was not assessed")


def test_word_hyphenated_across_a_page_break_completes_on_its_first_page():
    pages = [
        "Running head\nthe practi-\n3",
        "Running head\ntioner saw her\n4",
        "Running head\nx\n5",
    ]
    result = normalise_pages(pages)
    assert result[0].endswith("the practitioner")
    assert result[1].startswith("saw her")


def test_short_documents_keep_lines_that_only_look_like_headers():
    # with fewer than three pages nothing counts as a running header
    assert normalise_pages(["Title\nbody", "Title\nmore"]) == ["Title\nbody", "Title\nmore"]


def test_line_end_hyphen_decisions_ignore_case_and_the_split_itself():
    # the compound written elsewhere with a capital keeps the hyphen
    assert (
        normalise_text("Well-being matters. Their well-\nbeing was")
        == "Well-being matters. Their well-being was"
    )
    # the joined word written elsewhere in capitals joins
    assert (
        normalise_text("INFORMATION SHARING; poor infor-\nmation") == "INFORMATION SHARING; poor information"
    )
    # a word split at a line end is no evidence for itself: "hous-" + "ing" joins by default
    assert normalise_text("the hous-\ning officer") == "the housing officer"
    # a longer word holding the joined one is no evidence for it ("childminders" is not "childminder")
    assert normalise_text("childminders met. Child-\nMinder Smith") == "childminders met. Child-Minder Smith"
    assert normalise_text("a childminder met. Child-\nMinder Smith") == "a childminder met. ChildMinder Smith"


def test_line_end_hyphens_are_found_as_one_regex_over_the_word_before_finds_them():
    # the definition: a word, a hyphen, spaces, a line break, spaces, a word; matches taken left to
    # right without overlapping. repair() finds them from the hyphen; on random texts both agree.
    import random
    import re

    from ingest.text import _Dehyphenator

    definition = re.compile(r"(?<!\w)(\w+)-[ ]*\n[ ]*(\w+)")
    rng = random.Random(5)
    pieces = ("co", "operate", "Multi", "agency", "é", "x1", "_", "-", " ", "\n", "- \n", "-\n ", "--\n", ".")
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        fixer = _Dehyphenator(text)
        expected = definition.sub(lambda m, fixer=fixer: fixer.join(m.group(1), m.group(2)), text)
        assert fixer.repair(text) == expected, repr(text)
    # "co" keeps its hyphen (a compound prefix); "c" ends the first join, so "c-\nd" stays
    assert normalise_text("a co-\noperate b-\nc-\nd") == "a co-operate bc-\nd"


def test_trailing_spaces_and_blank_line_runs_are_tidied():
    assert normalise_text("one \ntwo\n\n\nthree \n") == "one\ntwo\n\nthree"
