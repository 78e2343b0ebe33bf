"""OCR throughput: generated scans (text rendered to 300-dpi page images) ingested with 2 workers.

python -m bench.ocr --pages 40          # pages/s with --ocr always, 2 workers
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from index import IndexStore, IngestOptions, ingest
from ingest import ocr

#: Pages per generated scan (reports of a few pages, as older scanned reviews often are).
PAGES_PER_REPORT = 4
_WORDS = [
    "the",
    "health",
    "visitor",
    "social",
    "worker",
    "police",
    "school",
    "referral",
    "assessment",
    "neglect",
    "mother",
    "father",
    "child",
    "family",
    "home",
    "visit",
    "concerns",
    "agency",
    "information",
    "sharing",
    "strategy",
    "meeting",
    "plan",
    "review",
    "practitioners",
    "housing",
    "domestic",
    "abuse",
    "safeguarding",
    "partnership",
    "hospital",
    "injury",
    "baby",
]


def _scan(path: Path, pages: int, rng: random.Random) -> None:
    from PIL import Image, ImageDraw, ImageFont

    dpi = 300
    font = ImageFont.load_default(size=42)
    images = []
    for _ in range(pages):
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for row in range(40):  # a full page of text: about 40 lines of 11 words
            line = " ".join(rng.choice(_WORDS) for _ in range(11))
            draw.text((240, 260 + row * 74), line, font=font, fill=0)
        images.append(image)
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def measure_ocr(work: Path, pages: int = 24, jobs: int = 2, repeat: int = 1, seed: int = 1) -> dict[str, Any]:
    """Pages/s of an ingest that OCRs every page (median of ``repeat`` runs, no cache between runs)."""
    if not ocr.available():
        return {"pages": 0, "pages_per_second": None, "note": "tesseract not installed"}
    rng = random.Random(seed)
    folder = work / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    reports = max(1, pages // PAGES_PER_REPORT)
    for number in range(reports):
        _scan(folder / f"scan-{number:03d}.pdf", PAGES_PER_REPORT, rng)
    rates = []
    for attempt in range(repeat):
        index_dir = work / f"ocr-index-{attempt}"
        with IndexStore.open(index_dir, create=True) as store:
            started = time.perf_counter()
            report = ingest(store, [folder], IngestOptions(jobs=jobs, ocr="always"))
            seconds = time.perf_counter() - started
        if report.failures or report.ocr_pages != reports * PAGES_PER_REPORT:
            raise RuntimeError(f"OCR benchmark did not read every page: {report.to_dict()}")
        rates.append(report.ocr_pages / seconds)
        shutil.rmtree(index_dir, ignore_errors=True)
    return {
        "pages": reports * PAGES_PER_REPORT,
        "jobs": jobs,
        "pages_per_second": round(statistics.median(rates), 2),
        "dpi": ocr.DPI,
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print OCR pages/s."""
    parser = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="casereviews-bench-ocr-"))
    try:
        result = measure_ocr(work, args.pages, args.jobs, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if result["pages_per_second"] is None:
        print("OCR: not measured (tesseract is not installed)", file=sys.stderr)
        return 1
    print(f"OCR, {result['jobs']} workers, {result['pages']} generated 300-dpi pages: "
          f"{result['pages_per_second']} pages/s (median of {args.repeat})")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
