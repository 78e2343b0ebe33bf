"""Stress the index the way the crash and concurrency issues describe, and count the failures.

    python -m bench.stress writers --runs 50     # two writers and a reader on a fresh index, each run
    python -m bench.stress kills --runs 20       # SIGKILL ingest at a random moment, rerun, check
    python -m bench.stress queries --count 10000 # random and structurally extreme queries

Each prints one line per failure and a closing ``N passed, N failed`` line; the
exit status is 1 if anything failed. The reports are generated (no corpus is
needed), in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _reports(folder: Path, count: int, prefix: str) -> list[Path]:
    """Small PDF reports written with reportlab (a test dependency)."""
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"{prefix}-{n:03d}.pdf"
        pdf = canvas.Canvas(str(path))
        for page in range(4):
            pdf.drawString(
                72, 760, f"Leeds Safeguarding Children Board - Serious Case Review: Child {prefix}{n}"
            )
            pdf.drawString(72, 700, f"Report {prefix}{n} page {page} on neglect and home conditions.")
            pdf.showPage()
        pdf.save()
        made.append(path)
    return made


def _cli(index_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "--index", str(index_dir), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _documents(index_dir: Path) -> list[dict[str, object]]:
    listed = _cli(index_dir, "list", "--format", "json")
    out, err = listed.communicate(timeout=120)
    if listed.returncode != 0:
        raise AssertionError(f"list failed: {err.strip()}")
    return json.loads(out)


def _exactly_once(index_dir: Path, files: list[Path]) -> str | None:
    documents = _documents(index_dir)
    paths = sorted(str(p) for d in documents for p in d["paths"])  # type: ignore[attr-defined]
    ids = [d["id"] for d in documents]
    if len(ids) != len(set(ids)) or paths != sorted(str(f) for f in files):
        return f"{len(documents)} documents for {len(files)} files"
    return None


def writers(runs: int) -> list[str]:
    """Two writers on a fresh index, and a reader polling it, ``runs`` times."""
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        first, second = _reports(base / "a", 4, "a"), _reports(base / "b", 4, "b")
        for run in range(runs):
            index_dir = base / f"ix-{run}"
            procs = [_cli(index_dir, "ingest", str(base / "a")), _cli(index_dir, "ingest", str(base / "b"))]
            reader_errors = []
            while any(p.poll() is None for p in procs):
                if (index_dir / "catalog.sqlite").exists():
                    reader = _cli(index_dir, "search", "neglect", "--format", "json")
                    _, err = reader.communicate(timeout=120)
                    if reader.returncode not in (0, 3) or "Traceback" in err:
                        reader_errors.append(err.strip().splitlines()[-1:])
                time.sleep(0.05)
            outcomes = [(p.returncode, p.communicate()[1].strip()) for p in procs]
            problem = next((err for code, err in outcomes if code != 0), None)
            problem = (
                problem
                or (reader_errors and f"reader: {reader_errors[0]}")
                or _exactly_once(index_dir, first + second)
            )
            if problem:
                failures.append(f"run {run + 1}: {problem}")
    return failures


def kills(runs: int, seed: int = 7) -> list[str]:
    """SIGKILL an ingest at a random moment (index creation included), rerun it once, check."""
    failures = []
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        files = _reports(base / "in", 16, "k")
        for run in range(runs):
            index_dir = base / f"ix-{run}"
            delay = rng.uniform(0.0, 2.5)
            process = _cli(index_dir, "ingest", str(base / "in"), "--jobs", "2", "--commit-every", "3")
            time.sleep(delay)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            rerun = _cli(index_dir, "ingest", str(base / "in"), "--jobs", "2")
            _, err = rerun.communicate(timeout=300)
            problem = (err.strip() if rerun.returncode != 0 else None) or _exactly_once(index_dir, files)
            if problem:
                failures.append(f"run {run + 1} (killed after {delay:.2f} s): {problem}")
    return failures


def queries(count: int, seed: int = 11) -> list[str]:
    """Random and structurally extreme queries against a small index: a result or a QueryError."""
    from index import IndexStore, IngestOptions, ingest
    from search import QueryError, search

    rng = random.Random(seed)
    alphabet = [*"abcdeilnorst ", '"', "(", ")", "*", "~", "-", ":", "?", "\\", "'", "«", "é", "1",
                " AND ", " OR ", " NOT ", "title:", "lscb:", "year:", '"~2', "\x00", "\n"]  # fmt: skip
    words = ["neglect", "the", "home", "information", "x*", "sharin~", "conditions", "board"]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        _reports(base / "in", 6, "q")
        with IndexStore.open(base / "ix", create=True) as store:
            ingest(store, [base / "in"], IngestOptions(jobs=1))
            for n in range(count):
                if n % 2:
                    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                else:
                    size = rng.choice([1, 31, 33, 64, 65, 199, 201, 400, 1000])
                    chosen = [rng.choice(words) for _ in range(size)]
                    shape = rng.choice(["long", "deep", "or", "not", "phrase", "near", "unbalanced"])
                    text = {
                        "long": " ".join(chosen),
                        "deep": "(" * size + chosen[0] + ")" * size,
                        "or": " OR ".join(chosen),
                        "not": " ".join(f"NOT {w}" for w in chosen),
                        "phrase": '"' + " ".join(chosen) + '"',
                        "near": '"' + " ".join(chosen[:8]) + f'"~{size}',
                        "unbalanced": "(" * size + chosen[0],
                    }[shape]
                try:
                    search(store, text, limit=2)
                except QueryError as error:
                    if "\n" in str(error):
                        failures.append(f"{text[:60]!r}: a multi-line error")
                except Exception as error:  # the thing this counts
                    failures.append(f"{text[:60]!r}: {type(error).__name__}: {error}")
    return failures


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=("writers", "kills", "queries"))
    parser.add_argument("--runs", type=int, default=20, help="runs (writers, kills)")
    parser.add_argument("--count", type=int, default=10_000, help="queries")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.what == "writers":
        total, failures = args.runs, writers(args.runs)
    elif args.what == "kills":
        total, failures = args.runs, kills(args.runs)
    else:
        total, failures = args.count, queries(args.count)
    for failure in failures:
        print(failure)
    print(f"{args.what}: {time.monotonic() - started:.0f} s")
    print(f"{total - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
