"""Batch ingestion: skipping unchanged files, and one bad file never stopping a batch."""

from __future__ import annotations

import os
import sys

import pytest
from builders import body_page, cover, make_html, make_pdf

from index import IndexStore, IngestOptions, ingest
from search import search


def good_pdf(path):
    return make_pdf(
        path,
        [cover("Leeds Safeguarding Children Board", "Serious Case Review: Child R"),
         body_page("The good report mentions disguised compliance.")],
    )  # fmt: skip


def bad_inputs(folder):
    """One of each kind of bad input, and the reason its line must name."""
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    whole = good_pdf(folder / "whole.tmp")
    (folder / "truncated.pdf").write_bytes(whole.read_bytes()[:700])
    whole.unlink()
    make_pdf(folder / "locked.pdf", [["secret"]], user_password="pw")
    (folder / "notes.pdf").write_text("plain text, not a PDF")
    (folder / "junk.html").write_bytes(bytes(range(256)) * 4)
    return {
        "empty.pdf": "empty",
        "truncated.pdf": "damaged",
        "locked.pdf": "encrypted",
        "notes.pdf": "not a PDF or HTML",
        "junk.html": "not a PDF or HTML",
    }


@pytest.fixture
def store(tmp_path):
    with IndexStore.open(tmp_path / "ix", create=True) as opened:
        yield opened


def test_bad_files_are_reported_and_the_good_ones_indexed(tmp_path, store):
    expected = bad_inputs(tmp_path / "in")
    good_pdf(tmp_path / "in" / "good.pdf")
    make_html(tmp_path / "in" / "good.html", title="Child E SCR", body="<p>disguised compliance again</p>")
    report = ingest(store, [tmp_path / "in"], IngestOptions(jobs=2))
    reasons = {os.path.basename(f.path): f.reason for f in report.failures}
    assert set(reasons) == set(expected)
    for name, fragment in expected.items():
        assert fragment in reasons[name], (name, reasons[name])
    assert report.added == 2
    assert len(search(store, '"disguised compliance"').hits) == 2


def test_missing_input_is_a_failure_not_a_crash(tmp_path, store):
    report = ingest(store, [tmp_path / "nope.pdf"], IngestOptions(jobs=1))
    assert [(f.reason) for f in report.failures] == ["no such file or directory"]


def test_unchanged_files_are_skipped_without_extraction(tmp_path, store):
    path = good_pdf(tmp_path / "a.pdf")
    ingest(store, [path], IngestOptions(jobs=1))
    # same size and mtime, different bytes: a run that only stats cannot tell
    info = os.stat(path)
    path.write_bytes(b"x" * info.st_size)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    report = ingest(store, [path], IngestOptions(jobs=1))
    assert (report.unchanged, report.failed, report.replaced) == (1, 0, 0)
    assert len(search(store, '"disguised compliance"').hits) == 1


def test_touched_but_identical_file_is_hashed_not_extracted(tmp_path, store):
    path = good_pdf(tmp_path / "a.pdf")
    ingest(store, [path], IngestOptions(jobs=1))
    os.utime(path, (1_000_000, 1_000_000))
    report = ingest(store, [path], IngestOptions(jobs=1))
    assert (report.unchanged, report.added, report.updated) == (1, 0, 0)


def test_force_extracts_again(tmp_path, store):
    path = good_pdf(tmp_path / "a.pdf")
    ingest(store, [path], IngestOptions(jobs=1))
    report = ingest(store, [path], IngestOptions(jobs=1, force=True))
    assert (report.updated, report.documents) == (1, 1)


def test_progress_is_reported_per_file(tmp_path, store):
    paths = [good_pdf(tmp_path / f"{n}.pdf") for n in range(3)]
    make_pdf(tmp_path / "3.pdf", [["different bytes"]])
    seen = []
    ingest(store, [*paths, tmp_path / "3.pdf"], IngestOptions(jobs=2), progress=seen.append)
    # the three identical files are extracted once
    assert [p.done for p in seen] == [1, 2]
    assert seen[-1].total == 2 and seen[-1].pages >= 3


def test_password_option_opens_encrypted_pdfs(tmp_path, store):
    path = make_pdf(tmp_path / "locked.pdf", [["secret review text"]], user_password="pw")
    report = ingest(store, [path], IngestOptions(jobs=1, password="pw"))
    assert (report.added, report.failed) == (1, 0)


def test_small_commit_batches_keep_everything(tmp_path, store):
    paths = [make_pdf(tmp_path / f"{n}.pdf", [[f"report number {n} text"]]) for n in range(5)]
    report = ingest(store, paths, IngestOptions(jobs=2, commit_every=2))
    assert report.added == 5 and len(store.documents()) == 5


def test_prune_refuses_to_forget_most_of_the_index_unless_told(tmp_path):
    import json

    from click.testing import CliRunner

    from cli import main

    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(3):
        make_pdf(folder / f"r{n}.pdf", [[f"Serious Case Review number {n}", "home conditions"]])
    kept = make_pdf(tmp_path / "kept.pdf", [["Serious Case Review kept", "home conditions"]])
    runner, index_dir = CliRunner(), str(tmp_path / "ix")
    assert runner.invoke(main, ["--index", index_dir, "ingest", str(folder), str(kept)]).exit_code == 0
    folder.rename(tmp_path / "moved")  # an unmounted or renamed folder: 3 of 4 files look deleted

    def count() -> int:
        return len(json.loads(runner.invoke(main, ["--index", index_dir, "list", "--format", "json"]).stdout))

    refused = runner.invoke(main, ["--index", index_dir, "prune"])
    assert refused.exit_code == 1
    assert (
        "3 of 4 documents" in refused.stderr and "--yes" in refused.stderr and "--dry-run" in refused.stderr
    )
    assert count() == 4
    dry = runner.invoke(main, ["--index", index_dir, "prune", "--dry-run", "--format", "json"])
    assert dry.exit_code == 0 and len(json.loads(dry.stdout)) == 3 and count() == 4
    assert (
        "Would prune 3 missing files"
        in runner.invoke(main, ["--index", index_dir, "prune", "--dry-run"]).stdout
    )
    done = runner.invoke(main, ["--index", index_dir, "prune", "--yes"])
    assert done.exit_code == 0 and "Pruned 3 missing files." in done.stdout
    assert count() == 1


def test_removed_files_stay_out_until_readmitted_and_a_folder_can_be_removed(tmp_path):
    import json

    from click.testing import CliRunner

    from cli import main

    folder = tmp_path / "reports"
    (folder / "drafts").mkdir(parents=True)
    keep = make_pdf(folder / "keep.pdf", [["Serious Case Review kept", "home conditions"]])
    drop = make_pdf(folder / "drop.pdf", [["Serious Case Review dropped", "home conditions"]])
    for n in range(2):
        make_pdf(folder / "drafts" / f"d{n}.pdf", [[f"Serious Case Review draft {n}", "home conditions"]])
    runner, index_dir = CliRunner(), str(tmp_path / "ix")

    def cli(*args):
        return runner.invoke(main, ["--index", index_dir, *args])

    def indexed() -> set[str]:
        return {os.path.basename(d["paths"][0]) for d in json.loads(cli("list", "--format", "json").stdout)}

    assert cli("ingest", str(folder)).exit_code == 0 and len(indexed()) == 4
    assert cli("remove", str(drop)).exit_code == 0
    removed = cli("remove", str(folder / "drafts") + os.sep)
    assert removed.exit_code == 0 and "Removed 2 files under" in removed.stdout
    assert indexed() == {keep.name}
    again = cli("ingest", str(folder), "--format", "json")  # the folder again: removed files stay out
    assert json.loads(again.stdout)["excluded"] == 3 and indexed() == {keep.name}
    assert "3 left out" in cli("ingest", str(folder)).stdout
    assert cli("remove", "--undo", str(folder / "drafts")).exit_code == 0
    assert cli("ingest", str(folder)).exit_code == 0
    assert indexed() == {keep.name, "d0.pdf", "d1.pdf"}
    missing = cli("remove", str(tmp_path / "nowhere.pdf"))
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: ")


def test_ingest_summary_counts_read_as_english(tmp_path):
    from click.testing import CliRunner

    from cli import main

    one = make_pdf(tmp_path / "one.pdf", [["Serious Case Review one", "home conditions"]])
    result = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(one)])
    assert "Indexed 1 file," in result.stdout and "holds 1 document." in result.stdout
    assert "1 documents" not in result.stdout and "(0 pages/s)" not in result.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork from a server on Linux only")
def test_the_fork_server_is_started_before_any_worker_is_asked_for():
    """start_early launches the process workers are forked from (its imports overlap the batch's plan)."""
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "from multiprocessing import forkserver\n"
        "from index.workers import start_early\n"
        "print(forkserver._forkserver._forkserver_pid is None)\n"
        "start_early()\n"
        "print(forkserver._forkserver._forkserver_pid is not None)\n"
    )
    root = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=root
    )
    assert done.stdout.split() == ["True", "True"]
