"""The sections faces of the CLI: outline, recommendations, --section and section: in every format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from builders import sectioned_pdf

from cli import ExitStatus, main
from index import IndexStore, IngestOptions, ingest

HEADINGS = {
    "chronology": "Key practice episodes",
    "analysis": "Findings",
    "recommendations": "Recommendations",
}
PARTS = {
    "chronology": "The school raised concerns about information sharing with the health visitor.",
    "analysis": "Supervision was rare and information sharing was poor between agencies.",
    "recommendations": "1. Agencies should improve information sharing at every transfer of a case.\n"
    "2. Managers should make supervision reflective, and record the reasons for their decisions "
    "whenever a plan ends.",
}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    sectioned_pdf(folder / "child-q.pdf", PARTS, HEADINGS)
    directory = tmp_path_factory.mktemp("ix")
    with IndexStore.open(directory, create=True) as store:
        ingest(store, [folder], IngestOptions(jobs=1))
    return directory


def run(runner, indexed: Path, *args: str):
    return runner.invoke(main, ["--index", str(indexed), *args])


def _id(runner, indexed: Path) -> str:
    return json.loads(run(runner, indexed, "list", "--format", "json").stdout)[0]["id"]


def test_outline_as_text_and_json(runner, indexed) -> None:
    doc_id = _id(runner, indexed)
    text = run(runner, indexed, "outline", doc_id)
    assert text.exit_code == 0, text.stderr
    lines = text.stdout.splitlines()
    assert any(line.startswith("p.2") and "chronology" in line and "1. Key practice episodes" in line
               for line in lines)  # fmt: skip
    assert "2 recommendations" in text.stdout
    data = json.loads(run(runner, indexed, "outline", doc_id, "--format", "json").stdout)
    assert [(h["text"], h["section"], h["page"]) for h in data["headings"]] == [
        ("1. Key practice episodes", "chronology", 2),
        ("2. Findings", "analysis", 3),
        ("3. Recommendations", "recommendations", 4),
    ]
    assert data["sections"] == ["chronology", "analysis", "recommendations"]
    missing = run(runner, indexed, "outline", "ffffffffffff")
    assert missing.exit_code == ExitStatus.FAILED and missing.stderr.startswith("Error: no document")


def test_recommendations_csv_reads_back_one_row_each_with_the_text_whole(runner, indexed) -> None:
    result = run(runner, indexed, "recommendations", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["number"], r["page"]) for r in rows] == [("1", "4"), ("2", "4")]
    assert rows[1]["text"] == (
        "Managers should make supervision reflective, and record the reasons for their decisions whenever a "
        "plan ends."
    )
    assert list(rows[0])[:5] == ["id", "title", "lscb", "published", "age_bands"]
    only = list(csv.DictReader(io.StringIO(run(runner, indexed, "recommendations", "supervision", "--format",
                                               "csv").stdout)))  # fmt: skip
    assert [r["number"] for r in only] == ["2"]
    text = run(runner, indexed, "recommendations", "transfer")
    assert "1 (p.4) Agencies should improve information sharing" in text.stdout
    assert text.stdout.rstrip().endswith("1 recommendation.")


def test_search_within_a_section_shows_it_beside_the_page_in_every_format(runner, indexed) -> None:
    text = run(runner, indexed, "search", '"information sharing"', "--section", "recommendations")
    assert text.exit_code == 0, text.stderr
    assert "p.4 · recommendations: " in text.stdout and "p.3" not in text.stdout
    data = json.loads(run(runner, indexed, "search", 'section:analysis "information sharing"', "--format",
                          "json").stdout)  # fmt: skip
    assert [s["section"] for s in data["hits"][0]["snippets"]] == ["analysis"]
    assert data["facets"]["section"] == {"analysis": 1}
    rows = list(
        csv.DictReader(io.StringIO(run(runner, indexed, "search", "supervision", "--format", "csv").stdout))
    )
    assert "p.3 · analysis: " in rows[0]["snippets"] and "p.4 · recommendations: " in rows[0]["snippets"]
    matches = list(csv.DictReader(io.StringIO(run(runner, indexed, "matches", "supervision", "--format",
                                                  "csv").stdout)))  # fmt: skip
    assert [(m["page"], m["section"]) for m in matches] == [("3", "analysis"), ("4", "recommendations")]
    counts = json.loads(run(runner, indexed, "facets", "supervision", "--format", "json").stdout)
    assert counts["section"] == {"analysis": 1, "recommendations": 1}


def test_a_section_inside_or_and_an_unknown_section_are_usage_errors(runner, indexed) -> None:
    inside = run(runner, indexed, "search", "neglect OR section:analysis")
    assert inside.exit_code == ExitStatus.USAGE and "beside the other words" in inside.stderr
    unknown = run(runner, indexed, "search", "neglect", "--section", "findings")
    assert unknown.exit_code == ExitStatus.USAGE and "recommendations" in unknown.stderr


def test_recommendations_as_a_subprocess(indexed) -> None:
    env = {**os.environ, "CASEREVIEWS_INDEX": str(indexed)}
    done = subprocess.run([sys.executable, "-m", "cli", "recommendations", "information sharing", "--format",
                           "jsonl"], env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["number"], r["page"]) for r in rows] == [("1", 4)]
    assert rows[0]["text"].startswith("Agencies should improve information sharing")
