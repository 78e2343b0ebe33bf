"""The benchmark: ingest, re-ingest, query latency and memory, against baselines in the same run.

    python -m bench [--size small|medium|national] [--seed 1] [--repeat 5] [--json FILE]

Figures, each measured on the same generated corpus in one run:

- extraction pages/s of casereviews' extractor, of poppler's ``pdftotext`` (if
  installed) and of plain pdfplumber, on the same sample of PDFs, with ratios;
- end-to-end ``casereviews ingest`` pages/s and documents/s with ``--jobs 1``
  and ``--jobs 2``, and the peak resident memory of a worker;
- the time to re-ingest the unchanged corpus;
- ingest with 2 workers against pdftotext on one core over Word-like PDFs
  (:mod:`bench.wordlike`);
- query latency p50/p95/max over a fixed mix of queries (with facet counts and
  snippets), after a warm-up, and the same queries on SQLite FTS5 built over
  the same extracted text, a row per report and a row per page (:mod:`bench.queries`);
- the index size on disk against the size of the extracted text;
- at ``national``, the same ingest and queries at ``medium`` (the national ÷
  medium ratios);
- every target of :mod:`bench.targets`, met or not.

Timings are medians of the repeated runs; nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from index import IndexStore
from ingest import extract

from . import wordlike
from .corpus import SIZES, generate
from .queries import measure_queries, measure_snippets
from .summary import print_report
from .targets import targets

#: Pages of PDF in the extraction sample (pdfplumber reads about 10 pages/s).
EXTRACTION_SAMPLE_PAGES = {"tiny": 20, "small": 300, "medium": 1200, "national": 1500}


ROOT = Path(__file__).resolve().parents[1]


def _median_rate(count: float, seconds: Iterable[float]) -> float:
    return count / statistics.median(seconds)


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


def measure_wordlike(size: str, seed: int, work: Path) -> dict[str, Any]:
    """Ingest with 2 workers against pdftotext on one core, over the Word-like PDFs."""
    corpus = wordlike.generate(size, seed)
    reports = json.loads((corpus / "corpus.json").read_text())
    files = [corpus / r["file"] for r in reports]
    pages = sum(r["pages"] for r in reports)
    out: dict[str, Any] = {"corpus": str(corpus), "reports": len(reports), "pages": pages}
    if shutil.which("pdftotext"):
        seconds = _time(lambda: [subprocess.run(["pdftotext", "-q", str(f), "-"], capture_output=True, check=True)
                                 for f in files], 1)  # fmt: skip
        out["pdftotext_pages_per_second"] = round(_median_rate(pages, seconds), 1)
    summary = _cli(
        "ingest", str(corpus), "--jobs", "2", "--format", "json", index_dir=work / "index-wordlike"
    )
    out["ingest_pages_per_second"] = round(pages / summary["seconds"], 1)
    out["worker_peak_rss_mb"] = summary["worker_peak_rss_mb"]
    out["failed"] = summary["failed"]
    out["ingest_vs_pdftotext"] = (
        round(out["ingest_pages_per_second"] / out["pdftotext_pages_per_second"], 3)
        if out.get("pdftotext_pages_per_second")
        else None
    )
    return out


def measure_reference(size: str, seed: int, work: Path, repeat: int) -> dict[str, Any]:
    """Ingest pages/s (2 workers) and query p95 at ``size``, for the national ÷ medium ratios."""
    corpus = generate(size, seed)
    ingest = measure_ingest(corpus, work / f"reference-{size}", 1, (2,))
    queries = measure_queries(Path(ingest["index_dir"]), work / f"reference-{size}", repeat)
    return {
        "size": size,
        "ingest_pages_per_second": ingest["jobs2"]["pages_per_second"],
        "query_p95_ms": queries["casereviews"]["p95_ms"],
        "query_p50_ms": queries["casereviews"]["p50_ms"],
    }


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
        result["wordlike"] = measure_wordlike(size, seed, work)
        if size == "national":
            result["reference"] = measure_reference("medium", seed, work, repeat)
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
