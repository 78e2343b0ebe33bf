"""The benchmark: ingest, re-ingest, query latency and memory, against baselines in the same run.

    python -m bench [--size small|medium|national] [--seed 1] [--repeat 5] [--json FILE]

Figures, each measured on the same generated corpus in one run:

- extraction pages/s of casereviews' extractor, of poppler's ``pdftotext`` (if
  installed) and of plain pdfplumber, on the same sample of PDFs, with ratios;
- end-to-end ``casereviews ingest`` pages/s and documents/s with ``--jobs 1``
  and ``--jobs 2``, and the peak resident memory of a worker;
- the time to re-ingest the unchanged corpus;
- query latency p50/p95/max over a fixed mix of queries (with facet counts and
  snippets), after a warm-up, and the same queries on SQLite FTS5 built over
  the same extracted text, as a ratio;
- the index size on disk against the size of the extracted text.

Timings are medians of the repeated runs; nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index import IndexStore
from ingest import extract
from search import Filters, search

from .corpus import SIZES, generate

#: Pages of PDF in the extraction sample (pdfplumber reads about 10 pages/s).
EXTRACTION_SAMPLE_PAGES = {"tiny": 20, "small": 300, "medium": 1200, "national": 1500}

TARGETS = {
    "ingest_pages_per_second_jobs2": 250.0,
    "ingest_vs_pdftotext": 1 / 3,
    "query_p95_vs_fts5": 5.0,
    "web_page_p95_vs_library": 1.25,
    "worker_peak_rss_mb": 200.0,
}


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix, in casereviews syntax and as the equivalent FTS5 MATCH."""

    name: str
    kind: str
    query: str
    fts5: str


QUERIES = [
    BenchQuery("neglect", "word", "neglect", "neglect"),
    BenchQuery("escalation", "word", "escalation", "escalation"),
    BenchQuery("supervision", "word", "supervision", "supervision"),
    BenchQuery("immunisation", "word", "immunisation", "immunisation"),
    BenchQuery("caravan", "rare word", "caravan", "caravan"),
    BenchQuery("info-sharing", "phrase", '"information sharing"', '"information sharing"'),
    BenchQuery("disguised", "phrase", '"disguised compliance"', '"disguised compliance"'),
    BenchQuery("curiosity", "phrase", '"professional curiosity"', '"professional curiosity"'),
    BenchQuery("unseen-male", "phrase", '"the unseen male"', '"the unseen male"'),
    BenchQuery("safer-sleep", "phrase", '"safer sleeping advice"', '"safer sleeping advice"'),
    BenchQuery("near-abuse", "proximity", '"domestic incident"~5', "NEAR(domestic incident, 5)"),
    BenchQuery("near-hv", "proximity", '"health referral"~3', "NEAR(health referral, 3)"),
    BenchQuery("prefix-safeguard", "prefix", "safeguard*", "safeguard*"),
    BenchQuery("prefix-exploit", "prefix", "exploit*", "exploit*"),
    BenchQuery("and", "boolean", "neglect AND housing", "neglect AND housing"),
    BenchQuery("or-and", "boolean", "(police OR school) AND referral", "(police OR school) AND referral"),
    BenchQuery("not", "boolean", "exploitation NOT drift", "exploitation NOT drift"),
]
FILTERED = Filters.build(age_bands=["under-1", "1-5"])
ROOT = Path(__file__).resolve().parents[1]
FILTER_SQL = "SELECT doc FROM bands WHERE band IN ('under-1', '1-5')"


def _median_rate(count: float, seconds: Iterable[float]) -> float:
    return count / statistics.median(seconds)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def latency_summary(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of timings in seconds, as milliseconds."""
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(_percentile(values, 0.95) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
    }


def _cli(*args: str, index_dir: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "cli", "--index", str(index_dir), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return dict(json.loads(done.stdout))


# ---------------------------------------------------------------- extraction


def _pdf_sample(corpus: Path, reports: list[dict[str, Any]], pages: int) -> tuple[list[Path], int]:
    chosen, total = [], 0
    for report in reports:
        if report["format"] == "pdf" and total < pages:
            chosen.append(corpus / report["file"])
            total += report["pages"]
    return chosen, total


def _time(func: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return samples


def measure_extraction(files: list[Path], pages: int, repeat: int) -> dict[str, Any]:
    """Pages/s of our extractor, pdftotext and plain pdfplumber over the same files, one core."""
    import pdfplumber

    def ours() -> None:
        for path in files:
            extract(path)

    def plain_pdfplumber() -> None:
        for path in files:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()

    def pdftotext() -> None:
        for path in files:
            subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=True)

    result: dict[str, Any] = {"files": len(files), "pages": pages}
    result["casereviews_pages_per_second"] = round(_median_rate(pages, _time(ours, repeat)), 1)
    result["pdfplumber_pages_per_second"] = round(_median_rate(pages, _time(plain_pdfplumber, 1)), 1)
    if shutil.which("pdftotext"):
        result["pdftotext_pages_per_second"] = round(_median_rate(pages, _time(pdftotext, repeat)), 1)
        result["casereviews_vs_pdftotext"] = round(
            result["casereviews_pages_per_second"] / result["pdftotext_pages_per_second"], 3
        )
    else:
        result["pdftotext_pages_per_second"] = None
        result["casereviews_vs_pdftotext"] = None
    result["casereviews_vs_pdfplumber"] = round(
        result["casereviews_pages_per_second"] / result["pdfplumber_pages_per_second"], 2
    )
    return result


# ---------------------------------------------------------------- ingest


def measure_ingest(
    corpus: Path, work: Path, repeat: int, job_counts: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """End-to-end ingest with 1 and 2 workers, then a re-ingest of the unchanged corpus."""
    result: dict[str, Any] = {}
    for jobs in job_counts:
        runs = []
        for attempt in range(repeat):
            index_dir = work / f"index-j{jobs}-{attempt}"
            summary = _cli(
                "ingest", str(corpus), "--jobs", str(jobs), "--format", "json", index_dir=index_dir
            )
            runs.append(summary)
            if attempt < repeat - 1:
                shutil.rmtree(index_dir)
        seconds = [r["seconds"] for r in runs]
        pages, documents = runs[0]["pages"], runs[0]["documents"]
        result[f"jobs{jobs}"] = {
            "seconds_median": round(statistics.median(seconds), 2),
            "pages_per_second": round(_median_rate(pages, seconds), 1),
            "documents_per_second": round(_median_rate(documents, seconds), 2),
            "worker_peak_rss_mb": max(r["worker_peak_rss_mb"] for r in runs),
            "failed": runs[0]["failed"],
        }
        result["pages"], result["documents"] = pages, documents
    index_dir = work / f"index-j{job_counts[-1]}-{repeat - 1}"
    reingest = [
        _cli("ingest", str(corpus), "--format", "json", index_dir=index_dir)["seconds"] for _ in range(repeat)
    ]
    result["reingest_unchanged_seconds"] = round(statistics.median(reingest), 3)
    result["index_dir"] = str(index_dir)
    return result


# ---------------------------------------------------------------- queries


def _build_fts5(store: IndexStore, path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='porter unicode61');"
        "CREATE TABLE docs (doc INTEGER PRIMARY KEY, id TEXT, year TEXT, board TEXT);"
        "CREATE TABLE bands (doc INTEGER, band TEXT); CREATE INDEX bands_band ON bands(band);"
    )
    for number, document in enumerate(store.documents(), start=1):
        db.execute(
            "INSERT INTO fts(rowid, text) VALUES (?, ?)", (number, "\n\n".join(store.pages(document.id)))
        )
        year = (document.published or "unknown")[:4]
        db.execute(
            "INSERT INTO docs VALUES (?, ?, ?, ?)", (number, document.id, year, document.lscb or "unknown")
        )
        db.executemany("INSERT INTO bands VALUES (?, ?)", [(number, b) for b in document.age_bands])
    db.commit()
    return db


def _fts5_query(db: sqlite3.Connection, match: str, filtered: bool) -> int:
    """Hits (top 10 with snippets), the total, and facet counts: what a casereviews search returns.

    The MATCH runs twice: once ranked with snippets for the page shown, once into a
    temporary table that the total and the three facet counts are read from.
    """
    where = f"fts MATCH ? {'AND rowid IN (' + FILTER_SQL + ')' if filtered else ''}"
    db.execute(
        f"SELECT rowid, bm25(fts), snippet(fts, 0, '«', '»', '…', 24) FROM fts WHERE {where} "
        "ORDER BY bm25(fts) LIMIT 10",
        (match,),
    ).fetchall()
    db.execute("DROP TABLE IF EXISTS temp.matched")
    db.execute(f"CREATE TEMP TABLE matched AS SELECT rowid AS doc FROM fts WHERE {where}", (match,))
    total = db.execute("SELECT COUNT(*) FROM matched").fetchone()[0]
    db.execute("SELECT band, COUNT(*) FROM bands JOIN matched USING (doc) GROUP BY band").fetchall()
    db.execute("SELECT year, COUNT(*) FROM docs JOIN matched USING (doc) GROUP BY year").fetchall()
    db.execute("SELECT board, COUNT(*) FROM docs JOIN matched USING (doc) GROUP BY board").fetchall()
    return int(total)


def measure_queries(index_dir: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Latency of the query mix in casereviews and in FTS5 over the same text."""
    store = IndexStore.open(index_dir)
    db = _build_fts5(store, work / "fts5.sqlite")
    mix = [(q, filtered) for q in QUERIES for filtered in (False, True)]
    ours: list[float] = []
    theirs: list[float] = []
    per_query = []
    for round_number in range(repeat + 1):  # the first round warms caches and is not counted
        for query, filtered in mix:
            started = time.perf_counter()
            result = search(store, query.query, FILTERED if filtered else None, limit=10)
            ours_seconds = time.perf_counter() - started
            started = time.perf_counter()
            fts_total = _fts5_query(db, query.fts5, filtered)
            fts_seconds = time.perf_counter() - started
            if round_number:
                ours.append(ours_seconds)
                theirs.append(fts_seconds)
            if round_number == 1:
                per_query.append(
                    {"query": query.query, "filtered": filtered, "hits": result.total, "fts5_hits": fts_total}
                )
    store.close()
    db.close()

    result = {
        "queries": len(mix),
        "rounds": repeat,
        "casereviews": latency_summary(ours),
        "fts5": latency_summary(theirs),
        "per_query": per_query,
    }
    result["p95_vs_fts5"] = round(result["casereviews"]["p95_ms"] / max(result["fts5"]["p95_ms"], 1e-6), 2)
    result["p50_vs_fts5"] = round(result["casereviews"]["p50_ms"] / max(result["fts5"]["p50_ms"], 1e-6), 2)
    return result


def measure_long_report(work: Path, pages: int = 300) -> dict[str, Any]:
    """Peak worker memory ingesting one long report alone (the per-worker memory target)."""
    import random

    from .corpus import _facts, _pdf

    folder = work / "long-report"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(300)
    _pdf(folder / "long.pdf", rng, _facts(rng), pages)
    summary = _cli("ingest", str(folder), "--jobs", "1", "--format", "json", index_dir=work / "index-long")
    return {
        "pages": summary["pages"],
        "seconds": summary["seconds"],
        "worker_peak_rss_mb": summary["worker_peak_rss_mb"],
    }


def measure_snippets(index_dir: Path, repeat: int) -> dict[str, Any]:
    """Snippets from stored character offsets against re-analysing each hit's whole text."""
    from index.analysis import indexed_text, word_spans
    from search.query import Phrase, parse, positive_leaves
    from search.snippets import make_snippets, match_spans

    store = IndexStore.open(index_dir)
    stored: list[float] = []
    reanalysed: list[float] = []
    with store.searcher() as searcher:
        for query in [q for q in QUERIES if q.kind == "phrase"]:
            leaves = list(positive_leaves(parse(query.query)))
            phrase = list(leaves[0].words) if isinstance(leaves[0], Phrase) else []
            for hit in search(store, query.query, limit=10, snippets=0).hits:
                pages = store.pages(hit.document.id)
                docnum = searcher.document_number(id=hit.document.id)
                for _ in range(repeat):
                    started = time.perf_counter()
                    make_snippets(pages, match_spans(searcher, docnum, leaves), True, 3)
                    stored.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    spans = word_spans(indexed_text(pages))
                    found = [
                        (spans[i][1], spans[i + len(phrase) - 1][2])
                        for i in range(len(spans) - len(phrase) + 1)
                        if [w for w, _, _ in spans[i : i + len(phrase)]] == phrase
                    ]
                    make_snippets(pages, found, True, 3)
                    reanalysed.append(time.perf_counter() - started)
    store.close()
    return {
        "hits": len(stored) // max(repeat, 1),
        "stored_offsets_ms_median": round(statistics.median(stored) * 1000, 2),
        "reanalysis_ms_median": round(statistics.median(reanalysed) * 1000, 2),
        "reanalysis_vs_stored": round(statistics.median(reanalysed) / statistics.median(stored), 1),
    }


def measure_concordance(index_dir: Path, word: str = "the") -> dict[str, Any]:
    """``casereviews matches WORD --format csv`` for a common word: rows/s and the process's peak RSS."""
    command = [sys.executable, "-m", "cli", "--index", str(index_dir), "matches", word, "--format", "csv"]
    started = time.perf_counter()
    rows = -1  # the header
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT) as process:
        assert process.stdout is not None
        for chunk in iter(lambda: process.stdout.read(1 << 16), b""):  # type: ignore[union-attr]
            rows += chunk.count(b"\n")
        # wait4 gives this child's own peak memory (getrusage would give every child's so far)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return {
        "word": word,
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds, 1) if seconds else None,
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # kB on Linux
        "exit_code": process.returncode,
    }


def measure_size(index_dir: Path) -> dict[str, Any]:
    """Index size on disk against the extracted text it holds."""
    store = IndexStore.open(index_dir)
    text_bytes = sum(len("\n\n".join(store.pages(d.id)).encode()) for d in store.documents())
    store.close()
    on_disk = sum(f.stat().st_size for f in index_dir.rglob("*") if f.is_file())
    whoosh = sum(f.stat().st_size for f in index_dir.rglob("whoosh-*/*") if f.is_file())
    return {
        "extracted_text_mb": round(text_bytes / 1e6, 2),
        "index_mb": round(on_disk / 1e6, 2),
        "whoosh_mb": round(whoosh / 1e6, 2),
        "catalog_mb": round((on_disk - whoosh) / 1e6, 2),
        "index_vs_text": round(on_disk / max(text_bytes, 1), 2),
    }


# ---------------------------------------------------------------- report


def run(
    size: str, seed: int, repeat: int, keep: Path | None = None, job_counts: tuple[int, ...] = (1, 2)
) -> dict[str, Any]:
    """Generate (or reuse) the corpus and take every measurement."""
    corpus = generate(size, seed)
    reports = json.loads((corpus / "corpus.json").read_text())
    work = keep or Path(tempfile.mkdtemp(prefix="casereviews-bench-"))
    try:
        files, pages = _pdf_sample(corpus, reports, EXTRACTION_SAMPLE_PAGES[size])
        result: dict[str, Any] = {
            "size": size,
            "seed": seed,
            "corpus": str(corpus),
            "reports": len(reports),
            "pages": sum(r["pages"] or 1 for r in reports),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "processor": platform.machine(),
            },
            "repeat": repeat,
        }
        result["extraction"] = measure_extraction(files, pages, repeat)
        result["ingest"] = measure_ingest(corpus, work, repeat, job_counts)
        index_dir = Path(result["ingest"].pop("index_dir"))
        result["queries"] = measure_queries(index_dir, work, repeat)
        result["snippets"] = measure_snippets(index_dir, repeat)
        result["concordance"] = measure_concordance(index_dir)
        result["size_on_disk"] = measure_size(index_dir)
        result["long_report"] = measure_long_report(work, pages=30 if size == "tiny" else 300)
        result["web"] = _measure_web(index_dir, repeat)
        from .ocr import measure_ocr

        result["ocr"] = measure_ocr(work / "ocr", pages=OCR_PAGES[size], repeat=1)
        result["targets"] = targets(result)
        return result
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


#: Generated scan pages OCR'd per size (about 2 s a page a core: kept small).
OCR_PAGES = {"tiny": 4, "small": 8, "medium": 24, "national": 40}


def _measure_web(index_dir: Path, repeat: int) -> dict[str, Any] | None:
    """The web page against the library call, when the web extra is installed."""
    try:
        import flask  # noqa: F401
    except ImportError:
        return None
    from .web import measure_web

    return measure_web(index_dir, repeat)


def targets(result: dict[str, Any]) -> dict[str, Any]:
    """Each target, the measured value, and whether (and by how much) it is met."""
    ingest2 = result["ingest"].get("jobs2", {}).get("pages_per_second")
    pdftotext = result["extraction"]["pdftotext_pages_per_second"]
    checks = {
        "ingest_pages_per_second_jobs2": (ingest2, TARGETS["ingest_pages_per_second_jobs2"], ">="),
        "ingest_vs_pdftotext": (
            round(ingest2 / pdftotext, 3) if pdftotext and ingest2 else None,
            TARGETS["ingest_vs_pdftotext"],
            ">=",
        ),
        "query_p95_vs_fts5": (result["queries"]["p95_vs_fts5"], TARGETS["query_p95_vs_fts5"], "<="),
        "web_page_p95_vs_library": (
            result["web"]["p95_ratio"] if result.get("web") else None,
            TARGETS["web_page_p95_vs_library"],
            "<=",
        ),
        "worker_peak_rss_mb": (
            max(
                *(v["worker_peak_rss_mb"] for k, v in result["ingest"].items() if k.startswith("jobs")),
                result["long_report"]["worker_peak_rss_mb"],
            ),
            TARGETS["worker_peak_rss_mb"],
            "<=",
        ),
    }
    out = {}
    for name, (value, target, op) in checks.items():
        if value is None:
            out[name] = {"value": None, "target": target, "met": None}
            continue
        met = value >= target if op == ">=" else value <= target
        out[name] = {
            "value": value,
            "target": target,
            "met": met,
            "ratio_to_target": round(value / target, 3),
        }
    return out


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
    print(f"  re-ingest of the unchanged corpus: {ing['reingest_unchanged_seconds']:.2f} s\n")
    print(f"Queries ({q['queries']} in the mix, facets and snippets, {q['rounds']} rounds after warm-up)")
    for name in ("casereviews", "fts5"):
        s = q[name]
        print(
            f"  {name:<12} p50 {s['p50_ms']:>8.2f} ms  p95 {s['p95_ms']:>8.2f} ms  max {s['max_ms']:>8.2f} ms"
        )
    print(f"  casereviews/FTS5: p50 ×{q['p50_vs_fts5']}, p95 ×{q['p95_vs_fts5']}\n")
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
    for name, check in result["targets"].items():
        if check["met"] is None:
            print(f"  {name:<32} not measured (baseline missing)")
            continue
        verdict = "met" if check["met"] else "MISSED"
        print(f"  {name:<32} {check['value']} (target {check['target']:.3g}): {verdict}, "
              f"×{check['ratio_to_target']} of target")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (medians are reported)")
    parser.add_argument("--json", type=Path, help="write the figures here as JSON")
    parser.add_argument(
        "--jobs", type=int, action="append", help="worker counts to ingest with (default: 1 and 2)"
    )
    args = parser.parse_args(argv)
    result = run(args.size, args.seed, max(1, args.repeat), job_counts=tuple(args.jobs or (1, 2)))
    print_report(result)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))
    return 0


__all__ = ["main", "run"]
