"""What reading sections costs a worker: the PDF type reading and the outline, per report.

    python -m bench.sections_cost --folder ~/.cache/casereviews-bench/medium-seed1 [--limit 60]

For each PDF of the folder, times one worker's whole job (``ingest.extract``, then the index
analysis of its text) and, inside it, the time spent reading line types
(:func:`ingest.pdf_headings.styled_lines`) and the outline (:func:`ingest.read_outline`); prints
the medians of their shares. docs/BENCHMARKS.md has the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ingest
import ingest.pdf as pdf_module
from index.analysis import indexed_text
from index.schema import preanalyse


def measure(folder: Path, limit: int) -> dict[str, float]:
    """Median shares of a worker's time (type reading, outline, both) over the folder's PDFs."""
    spent = {"type": 0.0, "outline": 0.0}

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    styled, outline = pdf_module.styled_lines, ingest.read_outline
    pdf_module.styled_lines = timed("type", styled)  # type: ignore[assignment]
    ingest.read_outline = timed("outline", outline)  # type: ignore[assignment]
    shares: list[tuple[float, float]] = []
    try:
        for path in sorted(folder.glob("*.pdf"))[:limit]:
            spent["type"] = spent["outline"] = 0.0
            started = time.perf_counter()
            extraction = ingest.extract(path)
            preanalyse(indexed_text(extraction.page_texts))
            whole = time.perf_counter() - started
            shares.append((spent["type"] / whole, spent["outline"] / whole))
    finally:
        pdf_module.styled_lines, ingest.read_outline = styled, outline  # type: ignore[assignment]
    return {
        "reports": len(shares),
        "type": statistics.median(s[0] for s in shares) if shares else 0.0,
        "outline": statistics.median(s[1] for s in shares) if shares else 0.0,
        "both": statistics.median(s[0] + s[1] for s in shares) if shares else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the shares."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args(argv)
    found = measure(args.folder, args.limit)
    print(f"{found['reports']} PDFs in {args.folder}: sections take {100 * found['both']:.1f}% of a worker's "
          f"time (median; type {100 * found['type']:.1f}%, outline {100 * found['outline']:.1f}%)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
