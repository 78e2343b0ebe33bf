"""The benchmark's targets: one entry each, read by the run's report and by ``bench.report``.

Every target is a ratio or a value from one benchmark run, compared with the
baseline measured in that same run. A target a run cannot measure (no
pdftotext, no web extra, a size without its reference run) reports ``met: None``
with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Target:
    """A figure the project promises, how to read it from a run's result, and its limit."""

    name: str
    label: str
    limit: float
    at_least: bool
    value: Callable[[dict[str, Any]], float | None]
    missing: str = "baseline missing"


def _get(result: dict[str, Any], path: str) -> Any:
    value: Any = result
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _ratio(top: Any, bottom: Any, digits: int = 3) -> float | None:
    return round(top / bottom, digits) if top and bottom else None


def _worker_rss(result: dict[str, Any]) -> float | None:
    values = [v["worker_peak_rss_mb"] for k, v in result["ingest"].items() if k.startswith("jobs")]
    values.append(_get(result, "long_report.worker_peak_rss_mb"))
    values += [_get(result, "wordlike.worker_peak_rss_mb")]
    present = [v for v in values if v]
    return max(present) if present else None


TARGETS: tuple[Target, ...] = (
    Target(
        "ingest_pages_per_second_jobs2",
        "ingest ≥ 250 pages/s with 2 workers",
        250.0,
        True,
        lambda r: _get(r, "ingest.jobs2.pages_per_second"),
    ),
    Target(
        "ingest_vs_pdftotext",
        "ingest (2 workers) ≥ 0.7× pdftotext on one core, benchmark corpus",
        0.7,
        True,
        lambda r: _ratio(
            _get(r, "ingest.jobs2.pages_per_second"), _get(r, "extraction.pdftotext_pages_per_second")
        ),
    ),
    Target(
        "wordlike_ingest_vs_pdftotext",
        "ingest (2 workers) ≥ 0.8× pdftotext on one core, Word-made PDFs",
        0.8,
        True,
        lambda r: _get(r, "wordlike.ingest_vs_pdftotext"),
    ),
    Target(
        "ingest_national_vs_medium",
        "ingest pages/s national ÷ medium ≥ 0.9",
        0.9,
        True,
        lambda r: _ratio(
            _get(r, "ingest.jobs2.pages_per_second"), _get(r, "reference.ingest_pages_per_second")
        ),
        missing="national runs only",
    ),
    Target(
        "query_p95_vs_best_fts5_p50",
        "query p95 ≤ the faster FTS5 layout's p50",
        1.0,
        False,
        lambda r: _get(r, "queries.p95_vs_best_fts5_p50"),
    ),
    Target(
        "query_p95_vs_six_tenths_fts5_p50",
        "query p95 ≤ 0.6× the faster FTS5 layout's p50 (cold)",
        0.6,
        False,
        lambda r: _get(r, "queries.p95_vs_best_fts5_p50"),
    ),
    Target(
        "query_p95_national_vs_medium",
        "query p95 national ÷ medium ≤ 2",
        2.0,
        False,
        lambda r: _ratio(_get(r, "queries.casereviews.p95_ms"), _get(r, "reference.query_p95_ms"), 2),
        missing="national runs only",
    ),
    Target(
        "web_page_p95_vs_library",
        "web page p95 ≤ 1.25× the library call's",
        1.25,
        False,
        lambda r: _get(r, "web.p95_ratio"),
        missing="web extra not installed",
    ),
    Target("worker_peak_rss_mb", "peak RSS per worker ≤ 200 MB", 200.0, False, _worker_rss),
    Target(
        "index_vs_text",
        "index size ≤ 1.6× the extracted text",
        1.6,
        False,
        lambda r: _get(r, "size_on_disk.index_vs_text"),
    ),
)


def targets(result: dict[str, Any]) -> dict[str, Any]:
    """Each target, the measured value, and whether (and by how much) it is met."""
    out: dict[str, Any] = {}
    for target in TARGETS:
        value = target.value(result)
        if value is None:
            out[target.name] = {"value": None, "target": target.limit, "met": None, "why": target.missing}
            continue
        met = value >= target.limit if target.at_least else value <= target.limit
        out[target.name] = {
            "value": value,
            "target": target.limit,
            "met": met,
            "ratio_to_target": round(value / target.limit, 3),
        }
    return out


def verdict(check: dict[str, Any]) -> str:
    """One target's outcome in words: ``0.82: met (×1.025 of target)``, or why it was not measured."""
    if check["met"] is None:
        return f"not measured ({check.get('why', 'baseline missing')})"
    return (
        f"{check['value']:g}: {'met' if check['met'] else 'NOT MET'} (×{check['ratio_to_target']} of target)"
    )
