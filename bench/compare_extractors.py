"""How far pdfium's page text agrees with pdfplumber's, word by word, and how fast each is.

    python -m bench.compare_extractors [--corpus DIR ...]

For every page of every PDF: the words (as the index sees them) from pypdfium2
(``get_text_bounded``), from pdfplumber's default ``extract_text()`` and from
``extract_text(use_text_flow=True)``. Reports, per pairing, the share of words
in common (multiset overlap) and the share in the same order (difflib's
matching blocks), over all pages and over the pages where they differ most,
plus pages/s of each. This is the measurement behind the choice recorded in
docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from index.analysis import words
from ingest.text import fold

DEFAULT_CORPORA = [Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "dev" / "pdf"]


def _overlap(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def _order(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(a), len(b))


def compare(files: list[Path]) -> dict[str, object]:
    """Per-page agreement and speed of the three readings over ``files``."""
    readings: dict[str, list[list[str]]] = {"pdfium": [], "plumber": [], "plumber_flow": []}
    seconds = dict.fromkeys(readings, 0.0)
    for path in files:
        started = time.perf_counter()
        pdf = pdfium.PdfDocument(str(path))
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            readings["pdfium"].append(words(fold(textpage.get_text_bounded())))
            textpage.close()
            page.close()
        pdf.close()
        seconds["pdfium"] += time.perf_counter() - started
        for name, flow in (("plumber", False), ("plumber_flow", True)):
            started = time.perf_counter()
            with pdfplumber.open(path) as document:
                for plumber_page in document.pages:
                    readings[name].append(words(fold(plumber_page.extract_text(use_text_flow=flow) or "")))
                    plumber_page.close()
            seconds[name] += time.perf_counter() - started
    pages = len(readings["pdfium"])
    result: dict[str, object] = {"files": len(files), "pages": pages}
    result["pages_per_second"] = {name: round(pages / s, 1) for name, s in seconds.items()}
    for other in ("plumber", "plumber_flow"):
        overlap = [_overlap(a, b) for a, b in zip(readings["pdfium"], readings[other], strict=True)]
        order = [_order(a, b) for a, b in zip(readings["pdfium"], readings[other], strict=True)]
        result[f"pdfium_vs_{other}"] = {
            "words_in_common_mean": round(statistics.mean(overlap), 4),
            "words_in_common_min": round(min(overlap), 4),
            "same_order_mean": round(statistics.mean(order), 4),
            "same_order_min": round(min(order), 4),
            "pages_below_99pct_order": sum(1 for o in order if o < 0.99),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, action="append", help="folder of PDFs (repeatable)")
    parser.add_argument("--max-files", type=int, default=60)
    args = parser.parse_args(argv)
    for folder in args.corpus or DEFAULT_CORPORA:
        files = sorted(folder.rglob("*.pdf"))[: args.max_files]
        if not files:
            print(f"{folder}: no PDFs", file=sys.stderr)
            continue
        result = compare(files)
        print(f"{folder}: {result['files']} PDFs, {result['pages']} pages")
        print(f"  pages/s: {result['pages_per_second']}")
        for key in ("pdfium_vs_plumber", "pdfium_vs_plumber_flow"):
            print(f"  {key}: {result[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
