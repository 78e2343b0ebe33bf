"""What an extraction worker spends a page, and the index analysis done both ways.

    python -m bench.worker_cost --folder ~/.cache/casereviews-bench/medium-seed1 [--limit 25] [--rounds 5]

Reads the folder's first PDFs as a worker does (``ingest.extract``, then the
analysis of the text for the index) and prints the CPU time a page of that
whole job; then times the analysis alone over the same texts, the word-by-word
path (:func:`index.analysis.postings` and :func:`index.analysis.pair_occurrences`,
packed one term at a time) against the one ingest uses
(:func:`index.bulk_postings.analyse`), alternating the two, fastest of the
rounds. docs/BENCHMARKS.md has the figures.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import ingest
from index.analysis import indexed_text, pair_occurrences, postings
from index.bulk_postings import analyse
from index.positions import PackedCharacters, pack_positions
from index.schema import preanalyse


def word_by_word(text: str) -> tuple[list, list]:
    """The analysis as it was before :mod:`index.bulk_postings`: one word, one term at a time."""
    items = postings(text, PackedCharacters(), 1.0)
    pairs = [
        (t.encode(), len(p), float(len(p)), pack_positions(p)) for t, p in pair_occurrences(text).items()
    ]
    return items, pairs


def measure(folder: Path, limit: int, rounds: int) -> dict[str, float]:
    """CPU ms a page of a worker's job, and ms a page of each analysis path (fastest round)."""
    texts, pages = [], 0
    started = time.process_time()
    for path in sorted(folder.glob("*.pdf"))[:limit]:
        extraction = ingest.extract(path)
        text = indexed_text(extraction.page_texts)
        preanalyse(text)
        texts.append(text)
        pages += len(extraction.page_texts)
    worker = time.process_time() - started
    best = {"word_by_word": float("inf"), "all_at_once": float("inf")}
    for _ in range(rounds):
        for name, analysis in (("word_by_word", word_by_word), ("all_at_once", analyse)):
            started = time.perf_counter()
            for text in texts:
                analysis(text)
            best[name] = min(best[name], time.perf_counter() - started)
    per_page = 1000 / max(pages, 1)
    return {
        "reports": len(texts),
        "pages": pages,
        "worker_ms_per_page": worker * per_page,
        "word_by_word_ms_per_page": best["word_by_word"] * per_page,
        "all_at_once_ms_per_page": best["all_at_once"] * per_page,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    found = measure(args.folder, args.limit, args.rounds)
    old, new = found["word_by_word_ms_per_page"], found["all_at_once_ms_per_page"]
    print(f"{found['reports']} PDFs, {found['pages']} pages in {args.folder}: "
          f"a worker spends {found['worker_ms_per_page']:.3f} ms of CPU a page; the index analysis "
          f"{old:.3f} ms a page word by word, {new:.3f} all at once (x{old / new:.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
