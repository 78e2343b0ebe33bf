"""The benchmark's figures as text for people (``python -m bench`` prints this)."""

from __future__ import annotations

from typing import Any

from .targets import TARGETS, verdict


def print_report(result: dict[str, Any]) -> None:
    """The figures as tables for people."""
    ex, ing, q, size = result["extraction"], result["ingest"], result["queries"], result["size_on_disk"]
    print(f"casereviews benchmark — {result['size']}: {result['reports']} reports, {result['pages']} pages")
    print(f"machine: {result['machine']['cpus']} CPUs, Python {result['machine']['python']}, "
          f"{result['machine']['platform']}; medians of {result['repeat']} runs\n")  # fmt: skip
    print(f"Extraction, one core ({ex['files']} PDFs, {ex['pages']} pages)")
    print(f"  casereviews   {ex['casereviews_pages_per_second']:>8.1f} pages/s")
    if ex["pdftotext_pages_per_second"]:
        print(f"  pdftotext     {ex['pdftotext_pages_per_second']:>8.1f} pages/s   "
              f"casereviews/pdftotext = {ex['casereviews_vs_pdftotext']:.2f}")  # fmt: skip
    else:
        print("  pdftotext     (not installed)")
    print(f"  pdfplumber    {ex['pdfplumber_pages_per_second']:>8.1f} pages/s   "
          f"casereviews/pdfplumber = {ex['casereviews_vs_pdfplumber']:.1f}\n")  # fmt: skip
    print(f"End-to-end ingest ({ing['documents']} documents, {ing['pages']} pages)")
    for jobs in (1, 2):
        if f"jobs{jobs}" not in ing:
            print(f"  --jobs {jobs}      (not run)")
            continue
        run_ = ing[f"jobs{jobs}"]
        print(f"  --jobs {jobs}      {run_['pages_per_second']:>8.1f} pages/s  {run_['documents_per_second']:>7.2f} docs/s"
              f"  peak worker RSS {run_['worker_peak_rss_mb']:.0f} MB")  # fmt: skip
    print(f"  re-ingest of the unchanged corpus: {ing['reingest_unchanged_seconds']:.2f} s")
    word = result.get("wordlike") or {}
    if word:
        rate = word.get("pdftotext_pages_per_second")
        print(f"  Word-like PDFs ({word['reports']} reports, {word['pages']} pages): --jobs 2 "
              f"{word['ingest_pages_per_second']:.1f} pages/s, pdftotext one core "
              f"{f'{rate:.1f} pages/s' if rate else '(not installed)'}")  # fmt: skip
    ref = result.get("reference")
    if ref:
        print(f"  {ref['size']} in the same run: --jobs 2 {ref['ingest_pages_per_second']:.1f} pages/s, "
              f"query p50 {ref['query_p50_ms']} ms, p95 {ref['query_p95_ms']} ms")  # fmt: skip
    print()
    print(f"Queries ({q['queries']} in the mix, facets and snippets, {q['rounds']} rounds after warm-up)")
    for name, label in (("casereviews", "casereviews (cold)"), ("casereviews_warm", "casereviews (warm)"),
                        ("fts5", "FTS5, a row per report"), ("fts5_pages", "FTS5, a row per page")):  # fmt: skip
        if name not in q:  # a result file from before the cold/warm split
            continue
        s = q[name]
        print(
            f"  {label:<24} p50 {s['p50_ms']:>8.2f} ms  p95 {s['p95_ms']:>8.2f} ms  max {s['max_ms']:>8.2f} ms"
        )
    print(f"  casereviews p95 ÷ the faster FTS5 p50: ×{q['p95_vs_best_fts5_p50']}\n")
    sn, long = result["snippets"], result["long_report"]
    print(
        f"Snippets for {sn['hits']} phrase hits: from stored offsets {sn['stored_offsets_ms_median']} ms, "
        f"re-analysing the report {sn['reanalysis_ms_median']} ms (×{sn['reanalysis_vs_stored']})"
    )
    print(
        f"One {long['pages']}-page report alone: peak worker RSS {long['worker_peak_rss_mb']:.0f} MB, "
        f"{long['seconds']:.1f} s"
    )
    cc = result["concordance"]
    print(
        f"Concordance of '{cc['word']}': {cc['rows']} rows in {cc['seconds']} s ({cc['rows_per_second']} rows/s), "
        f"peak RSS {cc['peak_rss_mb']} MB\n"
    )
    web = result.get("web")
    if web:
        print(f"Search page over HTTP: p50 {web['page']['p50_ms']} ms, p95 {web['page']['p95_ms']} ms; "
              f"the library call: p50 {web['library']['p50_ms']} ms, p95 {web['library']['p95_ms']} ms "
              f"(p95 ×{web['p95_ratio']})")  # fmt: skip
    ocr = result.get("ocr") or {}
    if ocr.get("pages_per_second"):
        print(f"OCR: {ocr['pages']} generated 300-dpi pages with {ocr['jobs']} workers: "
              f"{ocr['pages_per_second']} pages/s\n")  # fmt: skip
    else:
        print("OCR: not measured (tesseract not installed)\n")
    print(f"Index size: {size['index_mb']} MB on disk (Whoosh {size['whoosh_mb']} MB, catalog "
          f"{size['catalog_mb']} MB) for {size['extracted_text_mb']} MB of text: ×{size['index_vs_text']}\n")  # fmt: skip
    print("Targets")
    for target in TARGETS:
        print(f"  {target.label:<68} {verdict(result['targets'][target.name])}")
