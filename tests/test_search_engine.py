"""Search over the session index: phrases, operators, filters, facets, snippets with pages."""

from __future__ import annotations

import pytest
from builders import make_html

from index import IndexStore, IngestOptions, ingest
from ingest import extract
from search import FilterError, Filters, QueryError, facet_counts, list_documents, search


def titles(result):
    return {hit.document.title for hit in result.hits}


def test_phrase_finds_every_document_containing_it(store):
    result = search(store, '"disguised compliance"')
    assert titles(result) == {"Serious Case Review: Baby F", "Child P SCR"}
    assert result.total == 2


def test_phrase_is_exact_but_bare_words_are_stemmed(store):
    assert search(store, '"disguise compliance"').total == 0
    assert search(store, "disguise compliance").total == 2


def test_a_plural_finds_the_word_that_is_its_stem(tmp_path):
    # "record" is its own stem, so it is indexed without a stem term: "records" must still find it
    (tmp_path / "r").mkdir()
    make_html(tmp_path / "r" / "a.html", title="Review A", body="<p>The school kept a record of it.</p>")
    make_html(tmp_path / "r" / "b.html", title="Review B", body="<p>The school kept records of it.</p>")
    with IndexStore.open(tmp_path / "ix", create=True) as opened:
        ingest(opened, [tmp_path / "r"], IngestOptions(jobs=1))
        assert titles(search(opened, "records")) == {"Review A", "Review B"}
        assert titles(search(opened, "record")) == {"Review A", "Review B"}
        assert titles(search(opened, '"records"')) == {"Review B"}
        [hit] = [h for h in search(opened, "records").hits if h.document.title == "Review A"]
        assert "«record»" in hit.snippets[0].text


def test_snippet_cites_the_page_and_marks_the_phrase(store, corpus):
    [hit] = search(store, '"unseen male partner"').hits
    assert hit.match_pages == (3,)
    [snippet] = hit.snippets
    assert snippet.page == 3
    assert "«unseen male partner»" in snippet.text


def test_html_snippets_have_no_page(store):
    result = search(store, '"little information sharing"')
    [hit] = result.hits
    assert hit.snippets[0].page is None and hit.match_pages == ()


def test_boolean_operators(store):
    assert titles(search(store, "compliance AND tenancy")) == {"Serious Case Review: Baby F"}
    assert titles(search(store, "exploitation OR tenancy")) == {
        "Serious Case Review: Baby F",
        "Local Child Safeguarding Practice Review: Child M",
    }
    assert titles(search(store, '"information sharing" NOT tenancy')) == {
        "Child P SCR",
        "Local Child Safeguarding Practice Review: Child M",
    }
    assert search(store, '(exploitation OR tenancy) AND "disguised compliance"').total == 1


def test_proximity_prefix_fuzzy_and_fields(store):
    assert titles(search(store, '"compliance disguised"~2')) == {
        "Serious Case Review: Baby F",
        "Child P SCR",
    }
    assert search(store, "exploit*").total == 1
    assert search(store, "explotation~").total == 1
    assert titles(search(store, 'title:"family t"')) == {"Serious Case Review: Family T"}
    assert titles(search(store, "lscb:knowsley conditions")) == {"Child AB SCR"}
    assert titles(search(store, "year:2015 conditions")) == {"Serious Case Review: Family T"}


def test_facet_counts_cover_the_whole_result_not_the_page(store):
    result = search(store, "conditions", limit=1)
    assert len(result.hits) == 1
    assert result.total == 3
    assert sum(result.facets.year.values()) == 3
    assert result.facets.age_band == {"under-1": 1, "1-5": 1, "6-10": 1, "unknown": 1}


def test_each_filter(store):
    def found(**kwargs):
        return titles(search(store, "review", Filters.build(**kwargs), limit=50))

    assert found(age_bands=["under-1"]) == {"Serious Case Review: Baby F"}
    assert found(age_bands=["unknown"]) == {"Child AB SCR"}
    assert found(min_age=14) == {"Local Child Safeguarding Practice Review: Child M"}
    assert found(max_age=1) == {"Serious Case Review: Baby F"}
    assert found(lscb=["sussex"]) == {"Local Child Safeguarding Practice Review: Child M"}
    assert found(lscb=["bexley", "devon"]) == {"Serious Case Review: Baby F", "Child P SCR"}
    assert found(years=[2016, 2017]) == {"Serious Case Review: Baby F", "Child P SCR"}
    assert found(published_from="2017", published_to="2021-07") == {"Child P SCR"}
    assert found(published_from="2021-08-11") == {"Local Child Safeguarding Practice Review: Child M"}
    # a month-only date matches a range it could fall in
    assert found(published_from="2015-06-30", published_to="2015-06-30") == {"Serious Case Review: Family T"}
    assert found(age_bands=["1-5"], lscb=["leeds"]) == {"Serious Case Review: Family T"}
    assert found(age_bands=["1-5"], lscb=["devon"]) == {"Child P SCR"}


def test_bad_filters_say_what_to_fix():
    with pytest.raises(FilterError, match="under-1, 1-5"):
        Filters.build(age_bands=["toddler"])
    with pytest.raises(FilterError, match="YYYY-MM"):
        Filters.build(published_from="March 2016")
    with pytest.raises(FilterError, match="greater than"):
        Filters.build(min_age=10, max_age=2)


def test_sort_by_date_and_paging(store):
    newest = search(store, "review", sort="-published", limit=10)
    dates = [h.document.published for h in newest.hits]
    assert dates[:4] == ["2021-08-11", "2017-04-27", "2016-03-14", "2015-06"]
    assert dates[-1] is None  # undated last
    oldest = search(store, "review", sort="published", limit=2, offset=1)
    assert [h.document.published for h in oldest.hits] == ["2016-03-14", "2017-04-27"]
    assert oldest.total == newest.total


def test_no_hits_is_not_an_error(store):
    result = search(store, '"a phrase that appears nowhere"')
    assert (result.total, result.hits) == (0, ())


def test_unreadable_queries_raise_query_error(store):
    for query in ("AND neglect", "neglect OR", "", "  ", "*", "year:last"):
        with pytest.raises(QueryError):
            search(store, query)


def test_list_with_filters_returns_exactly_the_babies(store):
    documents = list_documents(store, Filters.build(age_bands=["under-1"]))
    assert [d.title for d in documents] == ["Serious Case Review: Baby F"]
    assert len(list_documents(store)) == 5


def test_facets_without_query(store):
    counts = facet_counts(store)
    assert sum(counts.lscb.values()) == 5
    assert counts.year == {"2015": 1, "2016": 1, "2017": 1, "2021": 1, "unknown": 1}


def test_phrase_results_agree_with_a_scan_of_the_text(store, corpus):
    """Every document whose normalised text holds the phrase is found, and no other."""
    from index.analysis import words

    texts = {
        extract(p).document.id: " ".join(words(" ".join(extract(p).page_texts))) for p in corpus.values()
    }
    for phrase in (
        "information sharing",
        "home conditions",
        "disguised compliance",
        "the unseen male",
    ):
        expected = {doc_id for doc_id, text in texts.items() if f" {phrase} " in f" {text} "}
        found = {h.document.id for h in search(store, f'"{phrase}"', limit=50).hits}
        assert found == expected, phrase


def test_did_you_mean_offers_a_spelling_with_more_hits(store):
    result = search(store, "disgused complience")
    assert result.total == 0
    assert result.suggestion == "disguised compliance"
    assert search(store, result.suggestion).total == 2


def test_no_suggestion_when_the_query_is_spelt_right(store):
    assert search(store, '"unseen male partner"').suggestion is None


def test_similar_reviews_exclude_the_review_itself(store):
    from search import similar

    baby = next(d for d in list_documents(store) if d.title == "Serious Case Review: Baby F")
    hits = similar(store, baby.id, limit=4)
    assert hits and baby.id not in {h.document.id for h in hits}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    [devon] = similar(store, baby.id, limit=4, filters=Filters.build(lscb=["devon"]))
    assert devon.document.title == "Child P SCR"


def test_filter_errors_carry_the_filter_as_data_and_the_cli_names_its_option(runner, indexed):
    from cli import main

    with pytest.raises(FilterError) as caught:
        Filters.build(age_bands=["toddler"])
    assert caught.value.subject == "age_band"
    assert str(caught.value).startswith("age band: unknown value 'toddler'")  # no CLI option in it
    with pytest.raises(FilterError) as caught:
        Filters.build(min_age=10, max_age=2)
    assert (caught.value.subject, str(caught.value)) == (
        "min_age",
        "min age: 10 is greater than the max age, 2",
    )
    result = runner.invoke(main, ["--index", str(indexed), "list", "--min-age", "10", "--max-age", "2"])
    assert result.exit_code == 2
    assert "Error: --min-age: 10 is greater than the max age, 2" in result.stderr
    result = runner.invoke(main, ["--index", str(indexed), "list", "--published-from", "March 2016"])
    assert "Error: --published-from: takes a date as YYYY" in result.stderr
