"""Render benchmark results (the JSON of ``python -m bench --json``) as Markdown tables.

python -m bench.report bench/out/medium.json [bench/out/national.json ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .targets import TARGETS, verdict


def _cell(value: object, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def render(results: list[dict[str, Any]]) -> str:
    """One table per measurement, one column per corpus size."""
    names = [f"{r['size']} ({r['reports']:,} reports, {r['pages']:,} pages)" for r in results]
    lines: list[str] = []

    def table(title: str, rows: list[tuple[str, list[object]]], digits: int = 1) -> None:
        lines.extend([f"**{title}**", "", "| | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"])
        for label, values in rows:
            lines.append(f"| {label} | " + " | ".join(_cell(v, digits) for v in values) + " |")
        lines.append("")

    def get(path: str) -> list[object]:
        out = []
        for result in results:
            value: Any = result
            for key in path.split("."):
                value = value.get(key) if isinstance(value, dict) else None
            out.append(value)
        return out

    table(
        "Extraction, one core, same PDF sample (pages/s)",
        [
            (
                "sample (PDFs / pages)",
                [f"{f} / {p}" for f, p in zip(get("extraction.files"), get("extraction.pages"), strict=True)],
            ),
            ("casereviews extractor", get("extraction.casereviews_pages_per_second")),
            ("pdftotext (poppler)", get("extraction.pdftotext_pages_per_second")),
            ("plain pdfplumber", get("extraction.pdfplumber_pages_per_second")),
            ("casereviews / pdftotext", get("extraction.casereviews_vs_pdftotext")),
            ("casereviews / pdfplumber", get("extraction.casereviews_vs_pdfplumber")),
        ],
        digits=2,
    )
    table(
        "End-to-end `casereviews ingest`",
        [
            ("--jobs 1: pages/s", get("ingest.jobs1.pages_per_second")),
            ("--jobs 1: documents/s", get("ingest.jobs1.documents_per_second")),
            ("--jobs 2: pages/s", get("ingest.jobs2.pages_per_second")),
            ("--jobs 2: documents/s", get("ingest.jobs2.documents_per_second")),
            ("--jobs 2 / pdftotext single core", get("targets.ingest_vs_pdftotext.value")),
            (
                "Word-like PDFs: reports / pages",
                [f"{r} / {p}" for r, p in zip(get("wordlike.reports"), get("wordlike.pages"), strict=True)],
            ),
            ("Word-like PDFs: --jobs 2 pages/s", get("wordlike.ingest_pages_per_second")),
            ("Word-like PDFs: pdftotext one core pages/s", get("wordlike.pdftotext_pages_per_second")),
            ("Word-like PDFs: --jobs 2 / pdftotext", get("wordlike.ingest_vs_pdftotext")),
            ("medium in the same run: --jobs 2 pages/s", get("reference.ingest_pages_per_second")),
            ("peak worker RSS, corpus ingest (MB)", get("ingest.jobs2.worker_peak_rss_mb")),
            ("one 300-page report: peak worker RSS (MB)", get("long_report.worker_peak_rss_mb")),
            ("re-ingest of the unchanged corpus (s)", get("ingest.reingest_unchanged_seconds")),
        ],
        digits=2,
    )
    table(
        "Query latency, 34 queries with facet counts and snippets, after warm-up (ms)",
        [
            ("casereviews p50 (cold: counted)", get("queries.casereviews.p50_ms")),
            ("casereviews p95 (cold: counted)", get("queries.casereviews.p95_ms")),
            ("casereviews max (cold: counted)", get("queries.casereviews.max_ms")),
            ("casereviews p50 (warm: counts kept)", get("queries.casereviews_warm.p50_ms")),
            ("casereviews p95 (warm: counts kept)", get("queries.casereviews_warm.p95_ms")),
            ("medium in the same run: casereviews p95", get("reference.query_p95_ms")),
            ("FTS5, a row per report: p50", get("queries.fts5.p50_ms")),
            ("FTS5, a row per report: p95", get("queries.fts5.p95_ms")),
            ("FTS5, a row per report: max", get("queries.fts5.max_ms")),
            ("FTS5, a row per page: p50", get("queries.fts5_pages.p50_ms")),
            ("FTS5, a row per page: p95", get("queries.fts5_pages.p95_ms")),
            ("FTS5, a row per page: max", get("queries.fts5_pages.max_ms")),
            ("casereviews p95 / the faster FTS5 p50", get("queries.p95_vs_best_fts5_p50")),
        ],
        digits=1,
    )
    table(
        "Snippets per phrase hit (ms, median)",
        [
            ("from stored character offsets", get("snippets.stored_offsets_ms_median")),
            ("re-analysing the whole report", get("snippets.reanalysis_ms_median")),
        ],
        digits=2,
    )
    table(
        "Size on disk (MB)",
        [
            ("extracted text", get("size_on_disk.extracted_text_mb")),
            ("index (Whoosh + catalog)", get("size_on_disk.index_mb")),
            ("index / text", get("size_on_disk.index_vs_text")),
        ],
        digits=2,
    )
    rows = [(t.label, [verdict(r["targets"][t.name]) for r in results]) for t in TARGETS]
    table("Targets", rows)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", nargs="+", type=Path, help="JSON files written by python -m bench --json")
    args = parser.parse_args(argv)
    print(render([json.loads(p.read_text()) for p in args.results]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
