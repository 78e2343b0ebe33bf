"""Searching inside sections, section counts and recommendations, checked by brute force over the
stored outline and pages (not through the index)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from builders import make_html, sectioned_pdf

import search
from index import IndexStore, IngestOptions, ingest
from index.analysis import PAGE_SEPARATOR
from ingest import SECTIONS

#: What each report says in each of its parts (the words the queries below look for).
REPORTS = {
    "a": {
        "chronology": "The school raised concerns about information sharing with the health visitor.",
        "analysis": "Supervision was rare and information sharing was poor between agencies.",
        "recommendations": "1. Agencies should improve information sharing at every transfer of a case.",
    },
    "b": {
        "chronology": "Information sharing between police and school was timely in this period.",
        "analysis": "Supervision did not challenge the plan, and fathers were not assessed.",
        "recommendations": "1. Managers should make supervision reflective and record it.",
    },
    "c": {
        "analysis": "Neglect was chronic; supervision was infrequent.",
        "recommendations": "1. The Board should audit neglect cases.\n"
        "2. Supervision should consider the history of neglect and information sharing.",
    },
    "d": {"chronology": "Neglect was seen by the school.", "analysis": "Information sharing was good."},
}
HEADINGS = {
    "chronology": "Key practice episodes",
    "analysis": "Findings",
    "recommendations": "Recommendations",
}
FILLER = "The panel met six times and read every agency's report before it drew any conclusion."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("reports")
    for name, parts in REPORTS.items():
        sectioned_pdf(folder / f"{name}.pdf", parts, HEADINGS, FILLER)
    make_html(
        folder / "e.html",
        title="Child Practice Review: Child E",
        body="<h2>Timeline of significant events</h2><p>Neglect and information sharing were noted.</p>"
        "<h2>Improving systems and practice</h2><ol><li>Agencies should share information about neglect.</li>"
        "<li>Schools should record supervision.</li></ol>",
    )
    with IndexStore.open(tmp_path_factory.mktemp("ix"), create=True) as opened:
        ingest(opened, [folder], IngestOptions(jobs=1, commit_every=2))  # several segments
        yield opened


def _section_texts(store: IndexStore, doc_id: str) -> dict[str, str]:
    """Each section's text, cut from the stored pages at the stored outline's offsets."""
    text = PAGE_SEPARATOR.join(store.pages(doc_id))
    outline = store.outlines([doc_id])[doc_id]
    found: dict[str, str] = {}
    for start, end, section in outline.spans(len(text)):
        found[section] = found.get(section, "") + " " + text[start:end]
    return found


def _says(text: str, phrase: str) -> bool:
    words = " " + " ".join(re.findall(r"\w+", text.lower())) + " "
    return f" {phrase} " in words


def _brute(store: IndexStore, sections: set[str], holds) -> set[str]:
    return {
        d.id
        for d in store.documents()
        if holds(" ".join(t for s, t in _section_texts(store, d.id).items() if s in sections))
    }


CASES = [
    ('section:recommendations "information sharing"', {"recommendations"},
     lambda t: _says(t, "information sharing")),
    ("section:analysis supervision", {"analysis"}, lambda t: _says(t, "supervision")),
    ("section:recommendations section:chronology neglect", {"recommendations", "chronology"},
     lambda t: _says(t, "neglect")),
    ('section:analysis supervision -"information sharing"', {"analysis"},
     lambda t: _says(t, "supervision") and not _says(t, "information sharing")),
    ("section:chronology (school OR police)", {"chronology"},
     lambda t: _says(t, "school") or _says(t, "police")),
]  # fmt: skip


@pytest.mark.parametrize(("query", "sections", "holds"), CASES)
def test_a_section_query_returns_exactly_the_reports_whose_sections_match(
    store: IndexStore, query: str, sections: set[str], holds
) -> None:
    result = search.search(store, query, limit=None)
    found = {hit.document.id for hit in result.hits}
    assert found == _brute(store, sections, holds) and result.total == len(found)
    assert found  # each case matches something, so it can tell a wrong answer from none
    for hit in result.hits:
        assert hit.snippets and all(s.section in sections for s in hit.snippets)


def test_a_word_only_outside_the_section_finds_nothing(store) -> None:
    assert search.search(store, "fathers").total == 1  # said in one report's findings
    assert search.search(store, "section:recommendations fathers").total == 0
    assert search.search(store, "section:recommendations fathers", limit=None).hits == ()


def test_the_section_filter_is_the_same_as_the_query_field_and_its_values_are_alternatives(store) -> None:
    by_field = search.search(store, "section:recommendations section:chronology neglect", limit=None)
    by_filter = search.search(
        store, "neglect", search.Filters.build(sections=["recommendations", "chronology"]), limit=None
    )
    assert [h.document.id for h in by_field.hits] == [h.document.id for h in by_filter.hits]
    only_recs = search.search(
        store, "neglect", search.Filters.build(sections=["recommendations"]), limit=None
    )
    assert {h.document.id for h in only_recs.hits} < {h.document.id for h in by_filter.hits}


def test_section_counts_say_how_many_reports_match_in_each_section(store) -> None:
    counts = search.facet_counts(store, '"information sharing"')["section"]
    expected = {}
    for section in SECTIONS:
        n = len(_brute(store, {section}, lambda t: _says(t, "information sharing")))
        if n:
            expected[section] = n
    assert dict(counts) == expected
    assert "section" not in search.search(store, '"information sharing"').facets.counts  # not counted there
    restricted = search.search(store, 'section:chronology "information sharing"').facets["section"]
    assert dict(restricted) == {"chronology": expected["chronology"]}
    # with two sections asked, a report counts under the one (or both) its matches are in
    both = search.search(store, 'section:chronology section:recommendations "information sharing"')
    assert dict(both.facets["section"]) == {s: expected[s] for s in ("chronology", "recommendations")}
    assert expected["chronology"] != expected["recommendations"] or both.total < sum(
        both.facets["section"].values()
    )


def test_stats_by_section_count_as_the_facets_do(store) -> None:
    table = search.research.cross_tab(store, ["section"], '"information sharing"')
    counts = search.facet_counts(store, '"information sharing"')["section"]
    assert {row: table.count(row) for row in table.rows if table.count(row)} == dict(counts)
    assert table.documents == search.search(store, '"information sharing"').total
    everything = search.research.cross_tab(store, ["section"])  # no query: the parts reports have
    assert everything.count("recommendations") == 4


def test_listing_by_section_gives_the_reports_that_have_that_part(store) -> None:
    listed = search.list_documents(store, search.Filters.build(sections=["recommendations"]))
    assert {d.id for d in listed} == {d.id for d in store.documents() if "recommendations" in d.sections}
    assert len(listed) == 4  # a, b, c and e (d has no recommendations)


def test_section_under_or_is_refused_with_a_way_forward(store) -> None:
    with pytest.raises(search.QueryError, match="beside the other words"):
        search.search(store, "neglect OR section:analysis")


def test_the_concordance_keeps_to_the_sections_and_names_each_rows_section(store) -> None:
    rows = list(search.research.concordance(store, "section:analysis supervision"))
    assert rows and all(r.section == "analysis" and r.match.lower() == "supervision" for r in rows)
    whole = list(search.research.concordance(store, "supervision"))
    assert {r.section for r in whole} >= {"analysis", "recommendations"}


def test_recommendations_matching_a_query_inside_their_own_text(store) -> None:
    rows = list(search.outlines.recommendations(store, '"information sharing"'))
    texts = sorted(r.recommendation.text for r in rows)
    everything = list(search.outlines.recommendations(store))
    saying = [
        r.recommendation.text for r in everything if _says(r.recommendation.text, "information sharing")
    ]
    assert texts == sorted(saying)
    assert len(texts) == 2 and len(everything) == 6
    stemmed = list(search.outlines.recommendations(store, "records"))  # any inflection, as search
    assert {r.recommendation.text for r in stemmed} == {
        "Managers should make supervision reflective and record it.",
        "Schools should record supervision.",
    }
    excluded = {r.recommendation.text for r in search.outlines.recommendations(store, "neglect -audit")}
    assert excluded == {
        "Supervision should consider the history of neglect and information sharing.",
        "Agencies should share information about neglect.",
    }
    welsh = search.outlines.recommendations(store, "neglect", search.Filters.build(nations=["wales"]))
    assert [r.recommendation.number for r in welsh] == ["1"]  # the Welsh review's list, numbered as shown


def test_an_index_from_before_outlines_gets_them_when_rebuilt(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    sectioned_pdf(folder / "a.pdf", REPORTS["a"], HEADINGS, FILLER)
    with IndexStore.open(tmp_path / "ix", create=True) as opened:
        ingest(opened, [folder], IngestOptions(jobs=1))
        (doc,) = opened.documents()
        before = opened.outlines([doc.id])[doc.id]
        opened.catalog.db.execute("DELETE FROM outlines")  # as a catalog made before outlines
        assert opened.outlines([doc.id]) == {} and opened.documents()[0].sections == ()
        opened.reindex()
        assert opened.outlines([doc.id])[doc.id] == before
        assert opened.documents()[0].sections == ("chronology", "analysis", "recommendations")
        assert search.search(opened, "section:recommendations transfer").total == 1


def test_a_catalog_from_before_sections_gets_its_outlines_table_and_outlines(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    sectioned_pdf(folder / "a.pdf", REPORTS["a"], HEADINGS, FILLER)
    with IndexStore.open(tmp_path / "ix", create=True) as opened:
        ingest(opened, [folder], IngestOptions(jobs=1))
        opened.catalog.db.execute("DROP TABLE outlines")  # as a catalog made by an earlier version
    with IndexStore.open(tmp_path / "ix", check_version=False) as reopened:
        assert reopened.documents()[0].sections == ()
        reopened.reindex()
        assert reopened.documents()[0].sections == ("chronology", "analysis", "recommendations")
        assert search.search(reopened, "section:recommendations transfer").total == 1
