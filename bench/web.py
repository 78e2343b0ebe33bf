"""The web page's search latency against the library call it wraps, over the benchmark's query mix.

Each round times, for every query (unfiltered, and filtered to two age bands):
the library's ``search(..., limit=20)`` (what the page shows), then a GET of the
search page for the same query over loopback HTTP from a served thread (the
page also counts the sidebar's facets, the index size and renders HTML). The
first round warms caches and is not counted. The target: the page's p95 within
1.25× the library's p95.

    python -m bench.web --size medium            # generates and indexes the corpus if needed
    python -m bench.web --index DIR              # an existing index
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from index import IndexStore, IngestOptions, ingest
from search import cache, search

from .corpus import SIZES, generate
from .queries import FILTERED, QUERIES, latency_summary

#: The page's p95 may be at most this multiple of the library's.
TARGET = 1.25
PAGE_SIZE = 20


def measure_web(index_dir: Path, repeat: int) -> dict[str, Any]:
    """p50/p95 of the library call and of the page, and the p95 ratio."""
    import logging

    import web  # the web extra; the caller checks it is installed

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request

    server = web.serve(index_dir, "127.0.0.1", 0)
    server.serve_in_thread()
    store = IndexStore.open(index_dir)
    library: list[float] = []
    page: list[float] = []
    try:
        for round_number in range(repeat + 1):
            for query in QUERIES:
                for filtered in (False, True):
                    params = [("q", query.query)]
                    if filtered:
                        params += [("age_band", band) for band in FILTERED.values("age_band")]
                    url = server.url + "?" + urllib.parse.urlencode(params)
                    cache.clear()  # both cold: the page would otherwise reuse the library call's counts
                    started = time.perf_counter()
                    search(store, query.query, FILTERED if filtered else None, limit=PAGE_SIZE)
                    library_seconds = time.perf_counter() - started
                    cache.clear()
                    started = time.perf_counter()
                    with urllib.request.urlopen(url, timeout=120) as response:
                        response.read()
                    page_seconds = time.perf_counter() - started
                    if round_number:
                        library.append(library_seconds)
                        page.append(page_seconds)
    finally:
        store.close()
        server.shutdown()

    result: dict[str, Any] = {
        "requests": len(page),
        "library": latency_summary(library),
        "page": latency_summary(page),
    }
    result["p95_ratio"] = round(result["page"]["p95_ms"] / max(result["library"]["p95_ms"], 1e-6), 3)
    result["target"] = TARGET
    result["met"] = result["p95_ratio"] <= TARGET
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure the page against the library; print the figures (and write JSON if asked)."""
    parser = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--index", type=Path, help="an existing index (else the corpus is indexed first)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    index_dir = args.index
    if index_dir is None:
        corpus = generate(args.size, args.seed)
        index_dir = Path(tempfile.mkdtemp(prefix="casereviews-bench-web-")) / "index"
        with IndexStore.open(index_dir, create=True) as store:
            ingest(store, [corpus], IngestOptions(jobs=2))
    result = measure_web(index_dir, args.repeat)
    print(f"Search page vs library ({result['requests']} timed requests, {args.repeat} rounds)")
    for name in ("library", "page"):
        figures = result[name]
        print(f"  {name:<8} p50 {figures['p50_ms']:>8.2f} ms  p95 {figures['p95_ms']:>8.2f} ms")
    verdict = "met" if result["met"] else "not met"
    print(f"  page p95 / library p95: ×{result['p95_ratio']} (target ≤ ×{TARGET}: {verdict})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
