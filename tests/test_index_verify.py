"""verify: re-hash every indexed file; report changed, missing and moved ones; fix moved ones if asked."""

from __future__ import annotations

import json
import shutil

from builders import make_pdf
from click.testing import CliRunner

from cli import main


def test_verify_reports_changed_missing_and_moved_files_and_changes_nothing(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    files = {n: make_pdf(folder / f"{n}.pdf", [[f"Serious Case Review {n}", "home conditions"]])
             for n in ("same", "changed", "missing", "moved")}  # fmt: skip
    runner, index_dir = CliRunner(), str(tmp_path / "ix")

    def cli(*args):
        return runner.invoke(main, ["--index", index_dir, *args])

    assert cli("ingest", str(folder)).exit_code == 0
    clean = cli("verify")
    assert clean.exit_code == 0 and "Checked 4 files: all unchanged." in clean.stdout

    make_pdf(files["changed"], [["Serious Case Review changed", "other bytes now"]])
    files["missing"].unlink()
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.move(files["moved"], archive / "renamed.pdf")
    before = json.loads(cli("list", "--format", "json").stdout)

    result = cli("verify", "--search-in", str(archive), "--format", "json")
    assert result.exit_code == 1
    status = {item["path"]: item for item in json.loads(result.stdout)}
    assert status[str(files["changed"])]["status"] == "changed"
    assert status[str(files["missing"])]["status"] == "missing"
    assert status[str(files["moved"])]["moved_to"] == str(archive / "renamed.pdf")
    assert str(files["same"]) not in status
    assert json.loads(cli("list", "--format", "json").stdout) == before  # nothing was touched

    text = cli("verify")  # without --search-in the renamed file is not found: just missing
    assert "1 changed, 2 missing." in text.stdout and "casereviews prune" in text.stdout

    fixed = cli("verify", "--search-in", str(archive), "--fix-moved")
    assert fixed.exit_code == 1 and "Recorded 1 moved file" in fixed.stdout  # changed and missing remain
    paths = {p for d in json.loads(cli("list", "--format", "json").stdout) for p in d["paths"]}
    assert str(archive / "renamed.pdf") in paths and str(files["moved"]) not in paths
