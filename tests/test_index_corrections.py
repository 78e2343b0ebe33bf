"""Librarians' corrections: validation, manifests, and the set command."""

from __future__ import annotations

import json

import pytest
from builders import body_page, cover, make_pdf

from cli import ExitStatus, main
from index import CorrectionError, ManifestError, read_manifest, validate


def test_validate_normalises_values():
    fields = validate(
        {"lscb": "bexley lscb", "published": "14 March 2016", "child_ages": "5 months; 3", "notes": " n "}
    )
    assert fields == {
        "lscb": "Bexley Safeguarding Children Board",
        "published": "2016-03-14",
        "child_ages": [0.42, 3.0],
        "notes": "n",
    }
    assert validate({"lscb": "unknown", "title": ""}) == {"lscb": None}
    assert validate({"lscb": "Some New Partnership"}) == {"lscb": "Some New Partnership"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("published", "soon", "published must be a date"), ("child_ages", "abc", "child_ages takes"),
     ("child_ages", "45", "between 0 and 19"), ("colour", "red", "cannot correct")],
)  # fmt: skip
def test_validate_rejects_bad_values(field, value, message):
    with pytest.raises(CorrectionError, match=message):
        validate({field: value})


def test_csv_and_json_manifests(tmp_path):
    (tmp_path / "m.csv").write_text("path,lscb,child_ages\nreports/a.pdf,Leeds SCB,4\n")
    [row] = read_manifest(tmp_path / "m.csv")
    assert row.ref == str(tmp_path / "reports" / "a.pdf")
    assert row.fields == {"lscb": "Leeds Safeguarding Children Board", "child_ages": [4.0]}
    assert row.where.endswith("m.csv:2")
    (tmp_path / "m.json").write_text(json.dumps([{"id": "abc123", "published": "2014"}]))
    [row] = read_manifest(tmp_path / "m.json")
    assert (row.ref, row.fields) == ("abc123", {"published": "2014"})


def test_manifest_errors_name_the_row(tmp_path):
    (tmp_path / "m.csv").write_text("path,published\na.pdf,sometime\n")
    with pytest.raises(ManifestError, match=r"m.csv:2: published must be"):
        read_manifest(tmp_path / "m.csv")
    (tmp_path / "n.csv").write_text("path,colour\na.pdf,red\n")
    with pytest.raises(ManifestError, match="unknown column 'colour'"):
        read_manifest(tmp_path / "n.csv")
    (tmp_path / "o.csv").write_text("title\nA title\n")
    with pytest.raises(ManifestError, match="needs an id or a path"):
        read_manifest(tmp_path / "o.csv")


def report(path):
    return make_pdf(
        path,
        [cover("Leeds Safeguarding Children Board", "Serious Case Review: Child R", "Published 2 May 2016"),
         body_page("1.2 Child R, aged 4, lived with Mother.")],
    )  # fmt: skip


def show(runner, index_dir, ref):
    result = runner.invoke(main, ["--index", index_dir, "show", ref, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_manifest_ingest_and_set_show_as_manual_and_survive_force(runner, tmp_path):
    index_dir = str(tmp_path / "ix")
    folder = tmp_path / "reports"
    folder.mkdir()
    a = report(folder / "a.pdf")
    b = make_pdf(folder / "b.pdf", [["Another review about neglect."]])
    (folder / "corrections.csv").write_text(
        "path,lscb,published,source_url\n"
        "a.pdf,Bradford Safeguarding Children Board,2016-06,https://example.org/a\n"
    )
    result = runner.invoke(
        main,
        ["--index", index_dir, "ingest", "--manifest", str(folder / "corrections.csv"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["corrected"] == 1  # the manifest's file was ingested with it
    shown = show(runner, index_dir, str(a))
    assert shown["lscb"] == "Bradford Safeguarding Children Board"
    assert shown["published"] == "2016-06"
    assert shown["provenance"]["lscb"] == "manual" and shown["provenance"]["published"] == "manual"
    assert shown["provenance"]["child_ages"] == "age-phrase"
    assert shown["corrected"] == ["lscb", "published"]
    assert shown["source_url"] == "https://example.org/a"

    runner.invoke(main, ["--index", index_dir, "ingest", str(b)])
    result = runner.invoke(
        main, ["--index", index_dir, "set", str(b), "--child-ages", "0.5", "--title", "Baby B"]
    )
    assert result.exit_code == 0, result.output
    assert "6 months" in result.stdout

    forced = runner.invoke(main, ["--index", index_dir, "ingest", str(folder), "--force"])
    assert forced.exit_code == 0, forced.output
    assert show(runner, index_dir, str(a))["provenance"]["lscb"] == "manual"
    again = show(runner, index_dir, str(b))
    assert (again["title"], again["child_ages"], again["provenance"]["child_ages"]) == (
        "Baby B",
        [0.5],
        "manual",
    )
    listed = json.loads(
        runner.invoke(
            main, ["--index", index_dir, "list", "--age-band", "under-1", "--format", "json"]
        ).stdout
    )
    assert [d["title"] for d in listed] == ["Baby B"]

    cleared = runner.invoke(main, ["--index", index_dir, "set", str(a), "--clear", "lscb"])
    assert cleared.exit_code == 0
    assert show(runner, index_dir, str(a))["lscb"] == "Leeds Safeguarding Children Board"


def test_set_rejects_bad_values_and_unknown_documents(runner, tmp_path):
    index_dir = str(tmp_path / "ix")
    path = report(tmp_path / "a.pdf")
    runner.invoke(main, ["--index", index_dir, "ingest", str(path)])
    bad = runner.invoke(main, ["--index", index_dir, "set", str(path), "--published", "last spring"])
    assert bad.exit_code == ExitStatus.USAGE and bad.stderr.startswith("Error: published must be")
    missing = runner.invoke(main, ["--index", index_dir, "set", "ffffffffffff", "--title", "x"])
    assert missing.exit_code == ExitStatus.FAILED
    nothing = runner.invoke(main, ["--index", index_dir, "set", str(path)])
    assert nothing.exit_code == ExitStatus.USAGE


def test_manifest_row_for_an_unknown_document_fails_that_row(runner, tmp_path):
    index_dir = str(tmp_path / "ix")
    path = report(tmp_path / "a.pdf")
    (tmp_path / "m.csv").write_text("id,title\nffffffffffff,Nothing\n")
    result = runner.invoke(
        main, ["--index", index_dir, "ingest", str(path), "--manifest", str(tmp_path / "m.csv")]
    )
    assert result.exit_code == ExitStatus.FAILED
    assert "m.csv:2: no document" in result.stderr


def test_prune_and_reindex(runner, tmp_path):
    index_dir = str(tmp_path / "ix")
    a = report(tmp_path / "a.pdf")
    b = make_pdf(tmp_path / "b.pdf", [["kept review"]])
    runner.invoke(main, ["--index", index_dir, "ingest", str(a), str(b)])
    a.unlink()
    result = runner.invoke(main, ["--index", index_dir, "prune"])
    assert result.exit_code == 0
    assert f"{a}: removed" in result.stdout and "Pruned 1 missing file." in result.stdout
    rebuilt = runner.invoke(main, ["--index", index_dir, "reindex"])
    assert rebuilt.exit_code == 0 and "1 documents" in rebuilt.stdout
    found = runner.invoke(main, ["--index", index_dir, "search", "kept", "--format", "json"])
    assert json.loads(found.stdout)["total"] == 1


def test_spreadsheet_formulas_go_out_as_text_and_control_characters_are_refused(runner, tmp_path):
    import csv
    import io

    index_dir = str(tmp_path / "ix")
    path = report(tmp_path / "a.pdf")
    runner.invoke(main, ["--index", index_dir, "ingest", str(path)])
    hostile = '=HYPERLINK("http://example.invalid/x","click")'
    assert runner.invoke(main, ["--index", index_dir, "set", str(path), "--title", hostile]).exit_code == 0
    for command in (["list"], ["search", "review", "--limit", "all"]):
        out = runner.invoke(main, ["--index", index_dir, *command, "--format", "csv"]).stdout
        row = next(csv.DictReader(io.StringIO(out)))
        assert row["title"] == "'" + hostile  # a spreadsheet shows it, never runs it
    assert (
        json.loads(runner.invoke(main, ["--index", index_dir, "list", "--format", "json"]).stdout)[0]["title"]
        == hostile
    )  # JSON keeps the value as it is
    for bad in ("Serious Case Review\nTY  - JOUR", "tab\there", "nul\x00"):
        result = runner.invoke(main, ["--index", index_dir, "set", str(path), "--title", bad])
        assert result.exit_code == 2 and "control character" in result.stderr
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps([{"path": str(path), "notes": "line one\nline two"}]))
    result = runner.invoke(main, ["--index", index_dir, "ingest", "--manifest", str(manifest)])
    assert result.exit_code == 2 and "m.json:1" in result.stderr and "control character" in result.stderr
