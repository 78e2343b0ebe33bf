"""Research outputs: cross-tabs against list, charts read back, the concordance against search,
the stored text at a cited page, and the file address at a page."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from click.testing import CliRunner
from test_search_phrases import long_report

from cli import main
from index import IndexStore, IngestOptions, ingest
from search import search
from search.research import concordance


def run(indexed, *args, **kwargs):
    result = CliRunner().invoke(main, ["--index", str(indexed), *args], **kwargs)
    return result


def test_two_facet_cross_tab_equals_counts_from_list(indexed):
    documents = json.loads(run(indexed, "list", "--format", "json").stdout)
    expected: Counter = Counter()
    for document in documents:
        year = document["published"][:4] if document["published"] else "unknown"
        for band in document["age_bands"]:
            expected[(band, year)] += 1
    result = run(indexed, "stats", "--by", "age-band", "--by", "year", "--format", "json")
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    got = {(c["age_band"], c["year"]): c["reviews"] for c in table["cells"] if c["reviews"]}
    assert got == dict(expected)
    assert table["reviews"] == len(documents)
    # years in order, the years between them shown even when empty
    years = [y for y in table["columns"] if y != "unknown"]
    assert years == [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    # percentages: a row's cells add up to 100% when each review has one value of the column facet
    for band in table["rows"]:
        shares = [c["row_percent"] for c in table["cells"] if c["age_band"] == band and c["reviews"]]
        assert not shares or abs(sum(shares) - 100) < 0.5


def test_one_facet_counts_csv_and_text(indexed):
    rows = list(
        csv.DictReader(io.StringIO(run(indexed, "stats", "--by", "nation", "--format", "csv").stdout))
    )
    assert {(r["nation"], r["reviews"]) for r in rows} == {("england", "5")}
    text = run(indexed, "stats", "--by", "board").stdout
    assert "Bexley Safeguarding Children Board" in text and "5 reviews" in text


def test_ages_grouped_by_cut_points(indexed):
    table = json.loads(run(indexed, "stats", "--by", "age", "--age-cuts", "1,14", "--format", "json").stdout)
    got = {c["age"]: c["reviews"] for c in table["cells"]}
    # baby 5 months; Family T 9, 6 and 2; toddler 2.5; teen 15; one with no age
    assert got == {"under 1": 1, "1-13": 2, "14 and over": 1, "unknown": 1}


@pytest.mark.parametrize(("args", "message"), [
    (["stats", "--by", "colour"], "cannot count by 'colour'"),
    (["stats", "--by", "year", "--by", "nation", "--by", "theme"], "one facet or two"),
    (["stats", "--by", "age", "--age-cuts", "x"], "1,14"),
    (["stats", "--by", "year", "--chart", "chart.gif"], ".png or .svg"),
])  # fmt: skip
def test_stats_errors_say_what_to_do(indexed, args, message):
    result = run(indexed, *args)
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("ending", ["png", "svg"])
def test_chart_is_written_and_reads_back(indexed, tmp_path, ending):
    path = tmp_path / f"chart.{ending}"
    result = run(indexed, "stats", "--by", "year", "--by", "age-band", "--chart", str(path))
    assert result.exit_code == 0, result.output
    if ending == "png":
        from PIL import Image

        with Image.open(path) as image:
            assert image.format == "PNG" and image.width > 300 and image.height > 200
    else:
        texts = {"".join(e.itertext()).strip() for e in ET.parse(path).iter() if e.tag.endswith("title")}
        svg = path.read_text()
        table = json.loads(
            run(indexed, "stats", "--by", "year", "--by", "age-band", "--format", "json").stdout
        )
        for series in table["columns"]:  # every age band is a series in the legend
            assert series in svg, series
        assert texts is not None


def test_missing_matplotlib_is_a_clear_message(indexed, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the extra were not installed
    result = run(indexed, "stats", "--by", "year", "--chart", str(tmp_path / "c.png"))
    assert result.exit_code == 2 and "pip install 'casereviews[charts]'" in result.stderr


@pytest.mark.parametrize(
    "query", ["the", '"information sharing"', '"home conditions"~3', "neglect OR housing"]
)
def test_concordance_rows_per_review_equal_each_hits_matches(store, query):
    per_review = Counter(o.document.id for o in concordance(store, query))
    hits = search(store, query, limit=None).hits
    assert per_review == {h.document.id: h.matches for h in hits if h.matches}


def test_concordance_through_the_cli(indexed):
    out = run(indexed, "matches", '"information sharing"', "--context", "3", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["match"].lower() == "information sharing" for r in rows)
    assert all(len(r["before"].split()) <= 3 and len(r["after"].split()) <= 3 for r in rows)
    lines = run(indexed, "matches", "neglect", "--format", "jsonl").stdout.splitlines()
    assert lines and all(json.loads(line)["match"].lower().startswith("neglect") for line in lines)
    text = run(indexed, "matches", "neglect").stdout
    assert re.search(r"\d+ occurrences?\.", text)


@pytest.fixture(scope="module")
def long_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long-research")
    planted: dict[str, int] = {}
    long_report(folder / "report-0.pdf", 0, planted)
    with IndexStore.open(folder / "ix", create=True) as store:
        assert ingest(store, [folder], IngestOptions(jobs=1)).failed == 0
    return folder / "ix", planted


def test_text_at_the_page_a_snippet_cited(long_store):
    index_dir, planted = long_store
    for phrase, page in planted.items():
        with IndexStore.open(index_dir) as store:
            hit = search(store, f'"{phrase}"').hits[0]
        cited = hit.snippets[0].page
        assert cited == page
        shown = run(index_dir, "text", hit.document.id, "--page", str(cited))
        assert shown.exit_code == 0
        assert " ".join(phrase.split()[:3]) in " ".join(shown.stdout.split()), phrase
    several = run(index_dir, "text", hit.document.id, "--pages", "2-3").stdout
    assert "--- page 2 ---" in several and "--- page 3 ---" in several
    beyond = run(index_dir, "text", hit.document.id, "--page", "999")
    assert beyond.exit_code == 2 and "has 45 pages" in beyond.stderr


def test_open_prints_the_file_address_at_the_page(indexed):
    document = json.loads(run(indexed, "list", "--format", "json").stdout)[0]
    result = run(indexed, "open", document["id"], "--page", "3", "--print-url")
    assert result.stdout.strip().startswith("file://") and result.stdout.strip().endswith("#page=3")
