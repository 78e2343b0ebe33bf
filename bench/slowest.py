"""Each query of the benchmark's mix on an existing index, slowest first: where the tail comes from.

    python -m bench.slowest --index DIR [--repeat 3]

Times ``search(..., limit=10)`` (hits with snippets, the total, every facet) for
each of the 34 queries, keeping the fastest of ``repeat`` runs after one warm-up,
and prints them slowest first with their totals.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from index import IndexStore
from search import cache, search

from .queries import FILTERED, QUERIES


def slowest(index_dir: Path, repeat: int) -> list[tuple[float, str, bool, int]]:
    """(milliseconds, query, filtered, total) for every query of the mix, slowest first."""
    store = IndexStore.open(index_dir)
    rows = []
    try:
        for query in QUERIES:
            for filtered in (False, True):
                runs = []
                for attempt in range(repeat + 1):
                    cache.clear()  # cold: counted each time, not served from the result cache
                    started = time.perf_counter()
                    result = search(store, query.query, FILTERED if filtered else None, limit=10)
                    if attempt:
                        runs.append(time.perf_counter() - started)
                rows.append((round(min(runs) * 1000, 1), query.query, filtered, result.total))
    finally:
        store.close()
    return sorted(rows, reverse=True)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for ms, query, filtered, total in slowest(args.index, max(1, args.repeat)):
        print(f"{ms:>9.1f} ms  {total:>6} hits  {'filtered' if filtered else '        '}  {query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
