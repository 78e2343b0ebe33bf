"""Measure metadata extraction against a labelled set (``gold.json``).

    python -m bench.eval_metadata [--corpus ../shared/corpora/dev] [--json out.json] [--show-errors]

Works on any folder holding a ``gold.json`` in the shared format (a list of
objects with ``file``, ``lscb``, ``published``, ``child_ages_years``,
``age_bands``, ``review_type``, ``nation``). For each field — board, published
date (at the printed precision), age band, exact ages (within 5%), review type,
nation — prints precision (right / values given), recall
(right / values expected), accuracy (right or rightly unknown / documents),
and the number of *wrong-but-confident* values; for themes, precision and
recall over (document, theme) pairs; and: a value given that is not the
expected one. It also reports how much of extraction time goes to reading
metadata (the cover layout and the rules), against the text extraction itself.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from index.analysis import indexed_text
from index.schema import preanalyse
from ingest import age_bands
from ingest.metadata import area_of, read_metadata
from ingest.metadata.themes import find_themes
from ingest.registry import ExtractOptions, extractor_for, sniff
from ingest.text import normalise_pages, normalise_text

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "dev"
FIELDS = ("lscb", "published", "age_band", "exact_age", "review_type", "nation")


def _key(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(text.lower().replace("&", "and").replace("-", " ").split())


def expected(gold: dict[str, Any]) -> dict[str, object]:
    """The gold values in the form they are compared in."""
    lscb = gold.get("lscb")
    if lscb is None and "anonymous" in gold.get("traps", []):
        lscb = "Anonymous"
    ages = gold.get("child_ages_years") or []
    return {
        "lscb": _key(lscb),
        "published": gold.get("published"),
        "age_band": tuple(sorted(gold.get("age_bands") or [])) or None,
        "exact_age": tuple(sorted(ages)) or None,
        "review_type": gold.get("review_type"),
        "nation": gold.get("nation"),
    }


def predicted(
    lscb: str | None,
    published: str | None,
    ages: tuple[float, ...],
    review_type: str | None = None,
    nation: str | None = None,
) -> dict[str, object]:
    """Our values in the form they are compared in (the board by its area)."""
    area = "Anonymous" if lscb == "Anonymous" else (area_of(lscb) if lscb else None)
    return {
        "lscb": _key(area if area else lscb),
        "published": published,
        "age_band": tuple(sorted(age_bands(ages))) if ages else None,
        "exact_age": tuple(sorted(ages)) or None,
        "review_type": review_type,
        "nation": nation,
    }


def same(field: str, ours: object, theirs: object) -> bool:
    """Whether a predicted value is right (ages within 5%, or 0.02 years for newborns)."""
    if field != "exact_age" or ours is None or theirs is None:
        return ours == theirs
    a, b = ours, theirs
    return len(a) == len(b) and all(  # type: ignore[arg-type]
        abs(x - y) <= max(0.05 * y, 0.02)
        for x, y in zip(a, b, strict=True)  # type: ignore[call-overload]
    )


def evaluate(corpus: Path) -> dict[str, Any]:
    """Run extraction over every labelled file; return the per-field scores and errors."""
    golds = json.loads((corpus / "gold.json").read_text())
    counts = {f: {"right": 0, "given": 0, "expected": 0, "rightly_unknown": 0, "wrong": 0} for f in FIELDS}
    errors: list[dict[str, object]] = []
    theme_counts = {"right": 0, "given": 0, "expected": 0}
    shares: list[float] = []
    theme_shares: list[float] = []
    totals: list[float] = []
    for gold in golds:
        path = corpus / gold["file"]
        started = time.perf_counter()
        content_type = sniff(path.read_bytes()[:2048])
        raw = extractor_for(content_type or "pdf").extract(path, ExtractOptions())
        pages = normalise_pages(raw.pages) if raw.paged else [normalise_text(p) for p in raw.pages]
        normalised = time.perf_counter()
        meta = read_metadata(raw, pages, path.name)
        read = time.perf_counter()
        preanalyse(indexed_text(pages))
        analysed = time.perf_counter()
        find_themes(pages, raw.paged)  # timed again alone: its share of the worker's time
        theme_shares.append((time.perf_counter() - analysed) / (analysed - started))
        # metadata against text extraction, and against everything a worker does per report
        shares.append((read - normalised) / (normalised - started))
        totals.append((read - normalised) / (analysed - started))
        ours = predicted(meta.lscb, meta.published, meta.child_ages, meta.review_type, meta.nation)
        if "themes" in gold:  # themes are scored per (document, theme) pair, not per field
            wanted, given = set(gold["themes"]), set(meta.themes)
            theme_counts["right"] += len(wanted & given)
            theme_counts["given"] += len(given)
            theme_counts["expected"] += len(wanted)
            errors += [
                {"file": gold["file"], "field": "themes", "ours": t, "gold": None} for t in given - wanted
            ]
            errors += [
                {"file": gold["file"], "field": "themes", "ours": None, "gold": t} for t in wanted - given
            ]
        theirs = expected(gold)
        for field in FIELDS:
            c = counts[field]
            if theirs[field] is not None:
                c["expected"] += 1
            if ours[field] is not None:
                c["given"] += 1
            if same(field, ours[field], theirs[field]):
                if ours[field] is None:
                    c["rightly_unknown"] += 1
                else:
                    c["right"] += 1
            elif ours[field] is not None:
                c["wrong"] += 1
                errors.append(
                    {"file": gold["file"], "field": field, "ours": ours[field], "gold": theirs[field]}
                )
            else:
                errors.append({"file": gold["file"], "field": field, "ours": None, "gold": theirs[field]})
    documents = len(golds)
    fields: dict[str, dict[str, float | int]] = {}
    for field, c in counts.items():
        fields[field] = {
            "precision": round(c["right"] / c["given"], 4) if c["given"] else 1.0,
            "recall": round(c["right"] / c["expected"], 4) if c["expected"] else 1.0,
            "accuracy": round((c["right"] + c["rightly_unknown"]) / documents, 4),
            "wrong_but_confident": c["wrong"],
            **c,
        }
    wrong = sum(c["wrong"] for c in counts.values())
    themes = {
        "precision": round(theme_counts["right"] / theme_counts["given"], 4)
        if theme_counts["given"]
        else 1.0,
        "recall": round(theme_counts["right"] / theme_counts["expected"], 4)
        if theme_counts["expected"]
        else 1.0,
        **theme_counts,
    }
    return {
        "themes": themes,
        "corpus": str(corpus),
        "documents": documents,
        "fields": fields,
        "wrong_but_confident": wrong,
        "wrong_but_confident_share": round(wrong / (documents * len(FIELDS)), 4),
        "metadata_time_vs_text_median": round(statistics.median(shares), 4) if shares else None,
        "metadata_time_share_of_worker_median": round(statistics.median(totals), 4) if totals else None,
        "themes_time_share_of_worker_median": round(statistics.median(theme_shares), 4)
        if theme_shares
        else None,
        "errors": errors,
    }


def print_table(result: dict[str, Any], show_errors: bool) -> None:
    """The scores as a table for people."""
    print(f"{result['documents']} labelled documents in {result['corpus']}\n")
    print(f"{'field':<11} {'precision':>9} {'recall':>7} {'accuracy':>8} {'wrong':>6}")
    for field, score in result["fields"].items():
        print(
            f"{field:<11} {score['precision']:>9.1%} {score['recall']:>7.1%} "
            f"{score['accuracy']:>8.1%} {score['wrong_but_confident']:>6}"
        )
    themes = result["themes"]
    print(
        f"{'themes':<11} {themes['precision']:>9.1%} {themes['recall']:>7.1%}   (per document and theme: "
        f"{themes['right']} right of {themes['given']} given, {themes['expected']} expected)"
    )
    print(
        f"\nwrong-but-confident values: {result['wrong_but_confident']} "
        f"({result['wrong_but_confident_share']:.1%} of all fields)"
    )
    if result["metadata_time_vs_text_median"] is not None:
        print(
            "metadata reading time, median per report: "
            f"{result['metadata_time_vs_text_median']:.1%} of text extraction, "
            f"{result['metadata_time_share_of_worker_median']:.1%} of a worker's whole time "
            "(extraction + metadata + index analysis)"
        )
        print(f"of which themes: {result['themes_time_share_of_worker_median']:.1%} of a worker's whole time")
    if show_errors:
        for field in (*FIELDS, "themes"):
            misses = [e for e in result["errors"] if e["field"] == field]
            if not misses:
                continue
            print(f"\n{field}: {len(misses)} misses")
            for error in misses:
                kind = "unknown" if error["ours"] is None else "WRONG"
                print(f"  {kind:<7} {error['file']}: ours={error['ours']} gold={error['gold']}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with gold.json")
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--show-errors", action="store_true", help="list every miss and wrong value")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.json").exists():
        print(f"no gold.json in {args.corpus}", file=sys.stderr)
        return 2
    result = evaluate(args.corpus)
    print_table(result, args.show_errors)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=list))
    return 0


if __name__ == "__main__":
    sys.exit(main())
