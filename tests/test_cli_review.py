"""Review type and nation through the CLI, unknown fields explained, and the librarian's review queue."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import body_page, cover, make_pdf

from cli import main
from index import IndexStore
from index.catalog import CATALOG_NAME, Catalog

FILLER = "The panel met on five occasions and read every agency's chronology of its involvement."


def build_nations(folder: Path) -> dict[str, Path]:
    """Four reports: English, Welsh, Scottish and one whose date and board no rule can find."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "england": make_pdf(
            folder / "england.pdf",
            [cover("Leeds Safeguarding Children Partnership", "Child Safeguarding Practice Review: Child R",
                   "Published 3 March 2021"),
             body_page("1.2 Child R, aged 4 months, died at home.", FILLER)],
        ),
        "wales": make_pdf(
            folder / "wales.pdf",
            [cover("Cwm Taf Safeguarding Board", "Child Practice Review: Baby T",
                   "Date of publication: May 2018"),
             body_page("1.2 Baby T was six weeks old when he was admitted to hospital.", FILLER)],
        ),
        "scotland": make_pdf(
            folder / "scotland.pdf",
            [cover("Fife Child Protection Committee", "Significant Case Review: Child F",
                   "Publication date: 12/09/2019"),
             body_page("1.2 Child F was fifteen years old when she was found.", FILLER)],
        ),
        "unknown": make_pdf(
            folder / "unknown.pdf",
            [cover("Overview Report", "Review: Child Z"), body_page(FILLER, "1.2 The family moved twice.")],
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def nations(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    base = tmp_path_factory.mktemp("nations")
    files = build_nations(base / "reports")
    index_dir = base / "index"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--index", str(index_dir), "ingest", str(base / "reports")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return index_dir, files


def run(runner, index_dir, *args):
    return runner.invoke(main, ["--index", str(index_dir), *args])


def listed(runner, index_dir, *filters) -> list[dict]:
    result = run(runner, index_dir, "list", "--format", "json", *filters)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (("--nation", "wales"), {"wales"}),
        (("--nation", "Wales", "--nation", "scotland"), {"wales", "scotland"}),
        (("--review-type", "child-practice-review"), {"wales"}),
        (("--review-type", "significant_case_review"), {"scotland"}),
        (("--nation", "unknown"), {"unknown"}),
        (("--nation", "england", "--review-type", "significant-case-review"), set()),
    ],
)
def test_review_type_and_nation_filters(runner, nations, filters, expected):
    index_dir, _files = nations
    names = {Path(d["paths"][0]).stem for d in listed(runner, index_dir, *filters)}
    assert names == expected


def test_review_type_and_nation_facets_agree_with_list(runner, nations):
    index_dir, _ = nations
    documents = listed(runner, index_dir)
    facets = json.loads(run(runner, index_dir, "facets", "--format", "json").stdout)
    for field in ("review_type", "nation"):
        counted: dict[str, int] = {}
        for document in documents:
            key = document[field] or "unknown"
            counted[key] = counted.get(key, 0) + 1
        assert facets[field] == counted
    text = run(runner, index_dir, "facets").stdout
    assert "Review type" in text and "child-practice-review" in text and "Nation" in text


def test_bad_filter_value_is_a_usage_error(runner, nations):
    result = run(runner, nations[0], "list", "--nation", "atlantis")
    assert result.exit_code == 2
    assert "atlantis" in result.output and "northern-ireland" in result.output


def test_csv_and_json_carry_review_type_and_nation(runner, nations):
    index_dir, _ = nations
    rows = list(csv.DictReader(io.StringIO(run(runner, index_dir, "list", "--format", "csv").stdout)))
    assert {(r["review_type"], r["nation"]) for r in rows} >= {("child-practice-review", "wales")}
    hits = json.loads(run(runner, index_dir, "search", "hospital", "--format", "json").stdout)["hits"]
    assert [(h["review_type"], h["nation"]) for h in hits] == [("child-practice-review", "wales")]


def test_show_explains_unknown_fields(runner, nations):
    index_dir, files = nations
    text = run(runner, index_dir, "show", str(files["unknown"])).stdout
    assert "why unknown:" in text
    assert "published: no candidate found" in text
    data = json.loads(run(runner, index_dir, "show", str(files["unknown"]), "--format", "json").stdout)
    assert data["unknown_because"]["lscb"]["reason"] == "no candidate found"
    assert "nation" in data["unknown_because"]
    known = json.loads(run(runner, index_dir, "show", str(files["wales"]), "--format", "json").stdout)
    assert known["unknown_because"] == {}
    assert known["provenance_detail"]["nation"]["source"] == "board"


def test_set_review_type_and_nation(runner, tmp_path):
    index_dir = tmp_path / "index"
    files = build_nations(tmp_path / "reports")
    assert run(runner, index_dir, "ingest", str(files["unknown"])).exit_code == 0
    result = run(runner, index_dir, "set", str(files["unknown"]), "--review-type", "Learning Review",
                 "--nation", "scotland", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["review_type"], data["nation"]) == ("learning-review", "scotland")
    assert data["provenance"]["nation"] == "manual"
    assert "nation" not in data["unknown_because"]
    assert [d["id"] for d in listed(runner, index_dir, "--nation", "scotland")] == [data["id"]]
    bad = run(runner, index_dir, "set", str(files["unknown"]), "--review-type", "inquest")
    assert bad.exit_code == 2 and "inquest" in bad.output
    # a correction survives re-extraction
    assert run(runner, index_dir, "ingest", "--force", str(files["unknown"])).exit_code == 0
    again = json.loads(run(runner, index_dir, "show", str(files["unknown"]), "--format", "json").stdout)
    assert (again["review_type"], again["nation"]) == ("learning-review", "scotland")


def test_review_queue_lists_unknown_and_weak_fields(runner, nations):
    index_dir, _files = nations
    items = json.loads(run(runner, index_dir, "review", "--format", "json").stdout)
    by_path = {Path(item["paths"][0]).stem: item for item in items}
    assert "unknown" in by_path and "wales" not in by_path
    concerns = {c["field"]: c for c in by_path["unknown"]["concerns"]}
    assert {"lscb", "published", "child_ages", "nation"} <= set(concerns)
    assert concerns["published"]["status"] == "unknown"
    text = run(runner, index_dir, "review").stdout
    assert "lscb: unknown, no candidate found" in text and "to check" in text
    only_wales = json.loads(run(runner, index_dir, "review", "--nation", "wales", "--format", "json").stdout)
    assert only_wales == []


def test_review_sheet_round_trip_through_the_manifest(runner, tmp_path):
    index_dir = tmp_path / "index"
    files = build_nations(tmp_path / "reports")
    assert run(runner, index_dir, "ingest", str(tmp_path / "reports")).exit_code == 0
    sheet = run(runner, index_dir, "review", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(sheet)))
    row = next(r for r in rows if r["path"].endswith("unknown.pdf"))
    assert row["published"] == "" and "published" in row["to_check"].split(";")
    # a librarian fills in two blanks in a spreadsheet and leaves the rest empty
    row["published"], row["lscb"] = "2015-06", "Rutland Safeguarding Children Board"
    filled = tmp_path / "filled.csv"
    with filled.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run(runner, index_dir, "ingest", "--manifest", str(filled))
    assert result.exit_code == 0, result.output
    shown = json.loads(run(runner, index_dir, "show", str(files["unknown"]), "--format", "json").stdout)
    assert (shown["published"], shown["lscb"]) == ("2015-06", "Rutland Safeguarding Children Board")
    assert shown["provenance"]["published"] == "manual"
    # fields left blank changed nothing; the corrected ones leave the queue, the rest stay in it
    wales = json.loads(run(runner, index_dir, "show", str(files["wales"]), "--format", "json").stdout)
    assert wales["provenance"]["published"] != "manual"
    items = json.loads(run(runner, index_dir, "review", "--format", "json").stdout)
    left = next(i for i in items if i["paths"][0].endswith("unknown.pdf"))
    fields = {c["field"] for c in left["concerns"]}
    assert "published" not in fields and "lscb" not in fields and "child_ages" in fields


def test_half_created_index_is_finished_by_the_next_ingest(runner, tmp_path):
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    Catalog.create(index_dir / CATALOG_NAME).close()  # killed after the catalog, before the version
    reader = run(runner, index_dir, "list")
    assert reader.exit_code == 3 and "never finished" in reader.output
    files = build_nations(tmp_path / "reports")
    result = run(runner, index_dir, "ingest", str(files["wales"]))
    assert result.exit_code == 0, result.output
    with IndexStore.open(index_dir) as store:
        assert store.schema_version > 0
    assert len(listed(runner, index_dir)) == 1


def test_a_field_a_librarian_set_to_unknown_leaves_the_queue(runner, tmp_path):
    index_dir = tmp_path / "index"
    files = build_nations(tmp_path / "reports")
    assert run(runner, index_dir, "ingest", str(files["unknown"])).exit_code == 0

    def fields() -> set[str]:
        items = json.loads(run(runner, index_dir, "review", "--format", "json").stdout)
        return {c["field"] for item in items for c in item["concerns"]}

    assert "published" in fields()
    assert run(runner, index_dir, "set", str(files["unknown"]), "--published", "unknown").exit_code == 0
    assert "published" not in fields()
