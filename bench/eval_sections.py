"""Score section detection against a labelled corpus: headings by section, recommendations found.

    python -m bench.eval_sections --corpus /tmp/sections [--show-errors] [--json out.json]

The corpus holds a ``gold.json`` listing per file its ``headings`` (text, section, page) and its
``recommendations`` (number as printed, whole text): ``bench.sections_family`` writes one. A
found heading is right when a gold heading has the same words (numbering and case aside) and the
same section. Precision by section is over the headings found with that section, recall over the
gold headings of it. A recommendation is found when one found has its whole text (spaces aside).
The time is the outline's share of what a worker does for a report (extraction, metadata,
outline and index analysis), median over the reports.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from index.analysis import indexed_text
from index.schema import preanalyse
from ingest import SECTIONS, ExtractOptions, normalise_pages, normalise_text, read_outline
from ingest.metadata import read_metadata
from ingest.registry import extractor_for, sniff
from ingest.section_names import heading_words


def _words(text: str) -> str:
    return heading_words(text).replace(" / ", " ")


def evaluate(corpus: Path) -> dict[str, Any]:
    """Heading precision and recall by section, recommendation recall, and the time share."""
    golds = json.loads((corpus / "gold.json").read_text())
    right: Counter[str] = Counter()
    found: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    errors: list[dict[str, object]] = []
    recs_expected = recs_found = recs_given = 0
    shares: list[float] = []
    for gold in golds:
        path = corpus / gold["file"]
        started = time.perf_counter()
        raw = extractor_for(sniff(path.read_bytes()[:2048]) or "pdf").extract(path, ExtractOptions())
        pages = normalise_pages(raw.pages) if raw.paged else [normalise_text(p) for p in raw.pages]
        read_metadata(raw, pages, path.name)
        before = time.perf_counter()
        outline = read_outline(pages, raw.paged, raw.info.get("headings", ""))
        after = time.perf_counter()
        preanalyse(indexed_text(pages))
        shares.append((after - before) / (time.perf_counter() - started))
        wanted = {_words(str(h["text"])): str(h["section"]) for h in gold["headings"]}
        seen = set()
        for heading in outline.headings:
            key = _words(heading.text)
            found[heading.section] += 1
            if wanted.get(key) == heading.section and key not in seen:
                right[heading.section] += 1
                seen.add(key)
            else:
                errors.append({"file": gold["file"], "found": heading.text, "section": heading.section,
                               "gold": wanted.get(key)})  # fmt: skip
        for key, section in wanted.items():
            expected[section] += 1
            if key not in seen:
                errors.append({"file": gold["file"], "missed": key, "section": section})
        texts = {" ".join(r.text.split()) for r in outline.recommendations}
        recs_given += len(outline.recommendations)
        for rec in gold["recommendations"]:
            recs_expected += 1
            if " ".join(str(rec["text"]).split()) in texts:
                recs_found += 1
            else:
                errors.append({"file": gold["file"], "recommendation missed": str(rec["text"])[:80]})
    by_section = {
        s: {
            "precision": round(right[s] / found[s], 3) if found[s] else None,
            "recall": round(right[s] / expected[s], 3) if expected[s] else None,
            "found": found[s],
            "expected": expected[s],
        }
        for s in SECTIONS
    }
    total_right, total_found, total_expected = (
        sum(right.values()),
        sum(found.values()),
        sum(expected.values()),
    )
    return {
        "corpus": str(corpus),
        "documents": len(golds),
        "headings": {
            "precision": round(total_right / total_found, 3) if total_found else None,
            "recall": round(total_right / total_expected, 3) if total_expected else None,
        },
        "by_section": by_section,
        "recommendations": {
            "expected": recs_expected,
            "found_whole": recs_found,
            "recall": round(recs_found / recs_expected, 3) if recs_expected else None,
            "given": recs_given,
        },
        "outline_time_share_median": round(statistics.median(shares), 4) if shares else None,
        "errors": errors,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the scores (and the errors with ``--show-errors``)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold.json").exists():
        print(
            f"{args.corpus}/gold.json not found: write a corpus with python -m bench.sections_family --out DIR"
        )
        return 2
    result = evaluate(args.corpus)
    heads = result["headings"]
    print(f"{result['documents']} labelled documents in {args.corpus}")
    print(f"headings: precision {heads['precision']}, recall {heads['recall']}")
    print(f"{'section':<20}{'precision':>10}{'recall':>8}{'found':>7}{'gold':>6}")
    for section, row in result["by_section"].items():
        if row["found"] or row["expected"]:
            print(f"{section:<20}{row['precision'] if row['precision'] is not None else '-':>10}"
                  f"{row['recall'] if row['recall'] is not None else '-':>8}{row['found']:>7}{row['expected']:>6}")  # fmt: skip
    recs = result["recommendations"]
    print(f"recommendations found whole: {recs['found_whole']} of {recs['expected']} ({recs['recall']}); "
          f"{recs['given']} given")  # fmt: skip
    print(
        f"outline reading time, median per report: {100 * result['outline_time_share_median']:.1f}% "
        "of a worker's whole time"
    )
    if args.show_errors:
        for error in result["errors"]:
            print(json.dumps(error, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
