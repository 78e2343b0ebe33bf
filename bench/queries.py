"""The benchmark's query mix, and its latency in casereviews and in both FTS5 layouts.

Every query runs with and without an age-band filter; casereviews returns the
top 10 hits with snippets and pages, the total and the facet counts, and each
FTS5 layout does the same work (:mod:`bench.fts5`). One warm-up round is not
counted. Also: snippets cut at stored offsets against re-analysing the report.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index import IndexStore
from search import Filters, cache, search

from . import fts5


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


def measure_queries(index_dir: Path, work: Path, repeat: int) -> dict[str, Any]:
    """Latency of the query mix in casereviews and in both FTS5 layouts over the same text."""
    store = IndexStore.open(index_dir)
    dbs = {layout: fts5.build(store, work / f"fts5-{layout}.sqlite", layout) for layout in fts5.LAYOUTS}
    mix = [(q, filtered) for q in QUERIES for filtered in (False, True)]
    times: dict[str, list[float]] = {"casereviews": [], "warm": [], **{layout: [] for layout in dbs}}
    per_query: list[dict[str, Any]] = [
        {"query": q.query, "filtered": filtered, "ms": {name: [] for name in times}} for q, filtered in mix
    ]
    for round_number in range(repeat + 1):  # the first round warms caches and is not counted
        for (query, filtered), row in zip(mix, per_query, strict=True):
            cache.clear()  # cold: the totals and facets are counted (targets are judged on these)
            started = time.perf_counter()
            result = search(store, query.query, FILTERED if filtered else None, limit=10)
            seconds = {"casereviews": time.perf_counter() - started}
            started = time.perf_counter()  # warm: the same search again, its counts kept
            search(store, query.query, FILTERED if filtered else None, limit=10)
            seconds["warm"] = time.perf_counter() - started
            row["hits"] = result.total
            for layout, db in dbs.items():
                started = time.perf_counter()
                row[f"fts5_{layout}_hits"] = fts5.query(db, layout, query.fts5, filtered)
                seconds[layout] = time.perf_counter() - started
            if round_number:
                for name, value in seconds.items():
                    times[name].append(value)
                    row["ms"][name].append(value)
    store.close()
    for db in dbs.values():
        db.close()
    for row in per_query:
        row["ms"] = {name: round(statistics.median(values) * 1000, 1) for name, values in row["ms"].items()}
    out: dict[str, Any] = {
        "queries": len(mix),
        "rounds": repeat,
        "casereviews": latency_summary(times["casereviews"]),
        "casereviews_warm": latency_summary(times["warm"]),
        "fts5": latency_summary(times["docs"]),
        "fts5_pages": latency_summary(times["pages"]),
        "per_query": per_query,
    }
    best = min(out["fts5"]["p50_ms"], out["fts5_pages"]["p50_ms"])
    out["best_fts5_p50_ms"] = best
    out["p95_vs_best_fts5_p50"] = round(out["casereviews"]["p95_ms"] / max(best, 1e-6), 2)
    out["p95_vs_fts5"] = round(out["casereviews"]["p95_ms"] / max(out["fts5"]["p95_ms"], 1e-6), 2)
    out["p50_vs_fts5"] = round(out["casereviews"]["p50_ms"] / max(out["fts5"]["p50_ms"], 1e-6), 2)
    return out


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
