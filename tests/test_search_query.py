"""The query parser: every form of the language, and no traceback on any input."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search import QueryError, search
from search.query import And, Not, Or, Phrase, Word, parse


def test_bare_words_are_anded():
    assert parse("neglect housing") == And((Word("neglect"), Word("housing")))


def test_quoted_phrase_and_proximity():
    assert parse('"disguised compliance"') == Phrase(("disguised", "compliance"))
    assert parse('"unseen male"~3') == Phrase(("unseen", "male"), slop=3)


def test_operators_precedence_and_groups():
    assert parse("a AND b OR c") == Or((And((Word("a"), Word("b"))), Word("c")))
    assert parse("a AND (b OR c)") == And((Word("a"), Or((Word("b"), Word("c")))))
    assert parse("a NOT b") == And((Word("a"), Not(Word("b"))))
    assert parse("a -b") == And((Word("a"), Not(Word("b"))))


def test_lowercase_operators_are_words():
    assert parse("cats and dogs") == And((Word("cats"), Word("and"), Word("dogs")))


def test_prefix_fuzzy_and_fields():
    assert parse("safeguard*") == Word("safeguard", prefix=True)
    assert parse("neglct~") == Word("neglct", fuzzy=1)
    assert parse("neglct~2") == Word("neglct", fuzzy=2)
    assert parse('title:"baby m"') == Phrase(("baby", "m"), field="title")
    assert parse("lscb:(bexley OR bolton)") == Or((Word("bexley", "lscb"), Word("bolton", "lscb")))
    assert parse("year:2016") == Word("2016", "year")


def test_unknown_field_is_plain_text():
    assert parse("chapter:47") == Phrase(("chapter", "47"))


def test_hyphenated_word_is_a_phrase():
    assert parse("ill-health") == Phrase(("ill", "health"))


def test_lenient_forms():
    assert parse('"unclosed phrase') == Phrase(("unclosed", "phrase"))
    assert parse("(a OR b") == Or((Word("a"), Word("b")))
    assert parse("a ) b") == And((Word("a"), Word("b")))
    assert parse("???") is None
    assert parse("“curly quotes”") == Phrase(("curly", "quotes"))


@pytest.mark.parametrize(
    ("query", "message"),
    [("AND a", "AND needs a term before"), ("a AND", "AND needs a term after"), ("a OR", "OR needs"),
     ("OR a", "OR needs"), ("NOT", "NOT needs"), ("*", "prefix needs"), ("a~3", "1 or 2 edits"),
     ("year:soon", "four-digit year")],
)  # fmt: skip
def test_rejections_say_what_to_fix(query, message):
    with pytest.raises(QueryError, match=message):
        parse(query)


def test_prefix_expansion_cap(store, monkeypatch):
    import search.whoosh_query as whoosh_query

    monkeypatch.setattr(whoosh_query, "MAX_EXPANSION", 3)
    with pytest.raises(QueryError, match="longer prefix"):
        search(store, "c*")


QUERY_ALPHABET = st.sampled_from(
    [*"abcdeilnorst ", '"', "(", ")", "*", "~", "-", ":", "?", "!", "\\", "'", "«", "é", "1", "2",
     " AND ", " OR ", " NOT ", "title:", "lscb:", "year:", "text:", '"~2', "\x00", "\n"]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=30).map("".join))
def test_parser_never_raises_anything_but_query_error(text):
    with contextlib.suppress(QueryError):
        parse(text)


def test_search_never_raises_anything_but_query_error(indexed):
    from index import IndexStore

    with IndexStore.open(indexed) as opened:

        @settings(max_examples=300, deadline=None)
        @given(st.lists(QUERY_ALPHABET, max_size=20).map("".join))
        def run(text):
            try:
                result = search(opened, text, limit=2)
            except QueryError:
                return
            assert result.total >= len(result.hits)

        run()


def _extreme(draw_words: list[str], shape: str, size: int) -> str:
    """A structurally extreme query: very long, very deep, very wide."""
    words = (draw_words * (size // max(1, len(draw_words)) + 1))[:size]
    if shape == "long":
        return " ".join(words)
    if shape == "deep":
        return "(" * size + " ".join(words[:2]) + ")" * size
    if shape == "unbalanced":
        return "(" * size + words[0]
    if shape == "or":
        return " OR ".join(words)
    if shape == "not":
        return " ".join(f"NOT {w}" for w in words)
    if shape == "phrase":
        return '"' + " ".join(words) + '"'
    if shape == "near":
        return '"' + " ".join(words) + f'"~{size}'
    return " AND ".join(f"({a} OR -{b})" for a, b in zip(words, reversed(words), strict=True))


def test_structurally_extreme_queries_get_a_result_or_a_one_line_error(indexed):
    from index import IndexStore

    with IndexStore.open(indexed) as opened:

        @settings(max_examples=150, deadline=None, derandomize=True)
        @given(
            st.lists(st.sampled_from(["neglect", "the", "home", "information", "x*", "sharin~"]), min_size=1),
            st.sampled_from(["long", "deep", "unbalanced", "or", "not", "phrase", "near", "mixed"]),
            st.sampled_from([1, 31, 33, 64, 65, 199, 201, 400, 1000]),
        )
        def run(words, shape, size):
            try:
                result = search(opened, _extreme(words, shape, size), limit=2)
            except QueryError as error:
                assert "\n" not in str(error)
                return
            assert result.total >= len(result.hits)

        run()


def test_a_recursion_error_past_the_caps_is_still_a_query_error(store, monkeypatch):
    import search.engine

    def too_deep(_text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(search.engine, "parse_required", too_deep)
    with pytest.raises(QueryError, match="too complex"):
        search.engine.search(store, "anything")


def test_a_dash_before_a_phrase_or_a_group_excludes_it() -> None:
    assert parse('supervision -"information sharing"') == And(
        (Word("supervision"), Not(Phrase(("information", "sharing"))))
    )
    assert parse("neglect -(school OR police)") == And(
        (Word("neglect"), Not(Or((Word("school"), Word("police")))))
    )
    assert parse("a - b") == And((Word("a"), Word("b")))  # a dash alone is punctuation
