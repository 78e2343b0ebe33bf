"""The benchmark harness runs end to end at a tiny size (its figures are checked for shape, not speed)."""

from __future__ import annotations

import json

from builders import make_pdf

from bench import corpus, report
from bench.queries import QUERIES
from bench.run import main
from bench.targets import TARGETS
from ingest import ocr


def test_generator_is_deterministic_and_records_facts(tmp_path):
    first = corpus.generate("tiny", seed=5, out=tmp_path / "a", jobs=1)
    second = corpus.generate("tiny", seed=5, out=tmp_path / "b", jobs=1)
    facts = json.loads((first / "corpus.json").read_text())
    assert facts == json.loads((second / "corpus.json").read_text())
    assert len(facts) == corpus.SIZES["tiny"][0]
    for fact in facts:
        assert (first / fact["file"]).read_bytes() == (second / fact["file"]).read_bytes()
        assert fact["lscb"].endswith(("Board", "Partnership")) and fact["child_ages"]


def test_harness_reports_every_figure(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CASEREVIEWS_BENCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "result.json"
    assert main(["--size", "tiny", "--repeat", "1", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["extraction"]["casereviews_pages_per_second"] > 0
    assert result["extraction"]["pdfplumber_pages_per_second"] > 0
    for jobs in ("jobs1", "jobs2"):
        assert result["ingest"][jobs]["pages_per_second"] > 0
        assert result["ingest"][jobs]["failed"] == 0
        assert result["ingest"][jobs]["worker_peak_rss_mb"] > 0
    assert result["ingest"]["reingest_unchanged_seconds"] >= 0
    queries = result["queries"]
    assert queries["queries"] >= 30
    assert queries["casereviews"]["p95_ms"] > 0 and queries["fts5"]["p95_ms"] > 0
    assert queries["fts5_pages"]["p95_ms"] > 0
    assert queries["best_fts5_p50_ms"] == min(queries["fts5"]["p50_ms"], queries["fts5_pages"]["p50_ms"])
    # both baselines find what casereviews finds for a word that no page break can split
    word = next(row for row in queries["per_query"] if row["query"] == "neglect" and not row["filtered"])
    assert word["hits"] == word["fts5_docs_hits"] == word["fts5_pages_hits"] > 0
    wordlike = result["wordlike"]
    assert wordlike["reports"] == 2 and wordlike["failed"] == 0 and wordlike["ingest_pages_per_second"] > 0
    assert len(queries["per_query"]) == queries["queries"]
    assert result["size_on_disk"]["index_mb"] > 0
    assert result["snippets"]["hits"] > 0 and result["snippets"]["stored_offsets_ms_median"] > 0
    assert result["long_report"]["pages"] == 30 and result["long_report"]["worker_peak_rss_mb"] > 0
    assert set(result["targets"]) == {t.name for t in TARGETS}
    assert result["targets"]["query_p95_national_vs_medium"]["met"] is None  # a national run's figure
    assert result["targets"]["index_vs_text"]["value"] == result["size_on_disk"]["index_vs_text"]
    web = result["web"]
    assert web["requests"] == 2 * len(QUERIES) and web["page"]["p95_ms"] > 0 and web["library"]["p95_ms"] > 0
    assert result["targets"]["web_page_p95_vs_library"]["value"] == web["p95_ratio"]
    if ocr.available():
        assert result["ocr"]["pages"] == 4 and result["ocr"]["pages_per_second"] > 0
    printed = capsys.readouterr().out
    for target in TARGETS:  # every target printed, with its verdict
        assert target.label in printed
    assert "FTS5, a row per page" in printed
    # the same figures as the Markdown tables of docs/BENCHMARKS.md
    assert report.main([str(out)]) == 0
    tables = capsys.readouterr().out
    assert "| casereviews extractor |" in tables and "| index / text |" in tables
    assert f"| {result['size_on_disk']['index_vs_text']:.2f} |" in tables


def test_wordlike_reports_are_laid_out_as_word_writes_them(tmp_path):
    import pdfplumber

    from bench import wordlike

    first = wordlike.generate("tiny", seed=3, out=tmp_path / "a")
    second = wordlike.generate("tiny", seed=3, out=tmp_path / "b")
    facts = json.loads((first / "corpus.json").read_text())
    assert len(facts) == wordlike.SIZES["tiny"][0]
    for fact in facts:
        assert (first / fact["file"]).read_bytes() == (second / fact["file"]).read_bytes()
    with pdfplumber.open(first / facts[0]["file"]) as pdf:
        assert len(pdf.pages) == facts[0]["pages"]
        page = pdf.pages[2]
        words = page.extract_words()
        body = [c for c in page.chars if c["size"] == wordlike._SIZE]
        # embedded TrueType subsets (a six-letter tag before the name), tagged paragraphs, a raster logo
        assert body and all("+BitstreamVeraSans" in c["fontname"] for c in body)
        assert {c.get("tag") for c in body} == {"P"} and len({c.get("mcid") for c in body}) > 3
        assert page.images
        assert len(words) > 150


def test_slowest_times_every_query_of_the_mix_slowest_first(tmp_path):
    from conftest import build_reports

    from bench.slowest import slowest
    from index import IndexStore, IngestOptions, ingest
    from search import search

    build_reports(folder := tmp_path / "reports")
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
        rows = slowest(tmp_path / "ix", repeat=1)
        assert len(rows) == 2 * len(QUERIES)
        assert [ms for ms, *_ in rows] == sorted((ms for ms, *_ in rows), reverse=True)
        for _, query, filtered, total in rows:
            if not filtered:
                assert total == search(store, query).total


def test_sealed_family_is_deterministic_and_its_gold_reads_as_the_shared_corpora(tmp_path):
    from bench import sealed
    from bench.eval_metadata import evaluate

    first = json.loads((sealed.write_family(tmp_path / "a", count=10) / "gold.json").read_text())
    again = json.loads((sealed.write_family(tmp_path / "b", count=10) / "gold.json").read_text())
    assert first == again
    assert all((tmp_path / "a" / gold["file"]).stat().st_size > 0 for gold in first)
    assert {g["format"] for g in first} == {"pdf", "html"}
    # several children with their bands, and each form named in the traps
    assert any(len(g["child_ages_years"]) > 1 for g in first)
    assert all(len(g["traps"]) == 3 for g in first)
    result = evaluate(tmp_path / "a")
    assert result["documents"] == 10
    assert set(result["fields"]) >= {"lscb", "published", "age_band"}


def test_second_sealed_family_prints_its_board_and_names_its_forms(tmp_path):
    from bench import sealed_v2

    golds = json.loads((sealed_v2.write_family(tmp_path, count=10) / "gold.json").read_text())
    assert all(g["lscb"] for g in golds)  # every report of this family prints its board
    assert {g["traps"][0] for g in golds} >= {"weekday-label", "the-of", "policy-sentence"}
    twins = [g for g in golds if g["traps"][2] == "twins"]
    assert twins and all(len(g["child_ages_years"]) == 2 for g in twins)


def test_third_sealed_family_lays_out_sheets_columns_and_abbreviations(tmp_path):
    from bench import sealed_v3

    golds = json.loads((sealed_v3.write_family(tmp_path, count=12) / "gold.json").read_text())
    forms = {form for g in golds for form in g["traps"]}
    assert {"sheet-area-only", "two-column", "table-abbrev", "pub-dot-date"} <= forms
    assert all((tmp_path / g["file"]).stat().st_size > 0 for g in golds)


def test_fourth_sealed_family_is_board_website_pages(tmp_path):
    from bench import sealed_v4

    golds = json.loads((sealed_v4.write_family(tmp_path, count=8) / "gold.json").read_text())
    assert {g["format"] for g in golds} == {"html"}
    page = (tmp_path / golds[0]["file"]).read_text()
    assert "<title>" in page and "Related reviews" in page


def test_fifth_sealed_family_says_ages_and_dates_its_own_ways(tmp_path):
    from bench import sealed_v5

    golds = json.loads((sealed_v5.write_family(tmp_path, count=7) / "gold.json").read_text())
    assert {g["traps"][2] for g in golds} == set(sealed_v5.AGE_FORMS)
    assert all(len(g["child_ages_years"]) == 1 for g in golds)


def test_the_sections_family_is_scored_by_heading_and_recommendation(tmp_path, capsys):
    from bench import eval_sections, sections_family

    folder = sections_family.write_family(tmp_path / "family", count=8)
    golds = json.loads((folder / "gold.json").read_text())
    assert {g["layout"] for g in golds} == set(sections_family.LAYOUTS)  # one report per layout
    assert all(g["headings"] and g["recommendations"] for g in golds)
    result = eval_sections.evaluate(folder)
    assert result["headings"]["precision"] >= 0.9 and result["headings"]["recall"] >= 0.85
    assert result["recommendations"]["recall"] >= 0.9
    assert eval_sections.main(["--corpus", str(folder)]) == 0
    assert "recommendations found whole" in capsys.readouterr().out


def test_sections_cost_times_the_type_and_the_outline(tmp_path):
    from bench import sections_cost

    make_pdf(tmp_path / "a.pdf", [["Cover"], [("1. Findings", 14.0), "The review found delays."]])
    found = sections_cost.measure(tmp_path, limit=5)
    assert found["reports"] == 1 and 0 < found["outline"] < 1 and 0 < found["type"] < 1
    assert abs(found["both"] - found["type"] - found["outline"]) < 1e-9


def test_worker_cost_times_a_page_and_both_analysis_paths(tmp_path, capsys):
    from bench import worker_cost

    make_pdf(tmp_path / "a.pdf", [["Cover"], ["The review found the unseen male at the home."]])
    make_pdf(tmp_path / "b.pdf", [["Another review of the case"]])
    found = worker_cost.measure(tmp_path, limit=5, rounds=1)
    assert found["reports"] == 2 and found["pages"] == 3
    assert found["worker_ms_per_page"] > 0
    assert 0 < found["word_by_word_ms_per_page"] < float("inf")
    assert 0 < found["all_at_once_ms_per_page"] < float("inf")
    # the old path is the reference: both give the same postings
    text = "Naïve multi-agency working, the unseen male and the café"
    old_items, old_pairs = worker_cost.word_by_word(text)
    new_items, new_pairs = worker_cost.analyse(text)
    assert sorted(old_items) == sorted(new_items) and sorted(old_pairs) == sorted(new_pairs)
    assert worker_cost.main(["--folder", str(tmp_path), "--rounds", "1"]) == 0
    assert "ms of CPU a page" in capsys.readouterr().out
