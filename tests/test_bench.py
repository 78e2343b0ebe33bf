"""The benchmark harness runs end to end at a tiny size (its figures are checked for shape, not speed)."""

from __future__ import annotations

import json

from bench import corpus
from bench.run import QUERIES, main
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
    assert len(queries["per_query"]) == queries["queries"]
    assert result["size_on_disk"]["index_mb"] > 0
    assert result["snippets"]["hits"] > 0 and result["snippets"]["stored_offsets_ms_median"] > 0
    assert result["long_report"]["pages"] == 30 and result["long_report"]["worker_peak_rss_mb"] > 0
    assert set(result["targets"]) == {
        "ingest_pages_per_second_jobs2",
        "ingest_vs_pdftotext",
        "query_p95_vs_fts5",
        "web_page_p95_vs_library",
        "worker_peak_rss_mb",
    }
    web = result["web"]
    assert web["requests"] == 2 * len(QUERIES) and web["page"]["p95_ms"] > 0 and web["library"]["p95_ms"] > 0
    assert result["targets"]["web_page_p95_vs_library"]["value"] == web["p95_ratio"]
    if ocr.available():
        assert result["ocr"]["pages"] == 4 and result["ocr"]["pages_per_second"] > 0
    assert "Targets" in capsys.readouterr().out
