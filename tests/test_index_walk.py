"""Walking a batch's inputs: which files a folder gives, loops reported, names always printable."""

from __future__ import annotations

import os
import sys

import pytest
from builders import body_page, cover, make_html, make_pdf

from index import display_path, walk


def good_pdf(path):
    return make_pdf(path, [cover("Leeds Safeguarding Children Board", "Serious Case Review: Child R"),
                           body_page("The good report mentions disguised compliance.")])  # fmt: skip


def test_walk_skips_unrelated_files_but_keeps_reports_without_suffix(tmp_path):
    good_pdf(tmp_path / "a.pdf")
    good_pdf(tmp_path / "no-suffix")
    (tmp_path / "gold.json").write_text("{}")
    (tmp_path / ".hidden.pdf").write_bytes(b"")
    sub = tmp_path / "sub"
    sub.mkdir()
    make_html(sub / "page.htm", title="T", body="<p>x</p>")
    files, failures, skipped = walk([tmp_path])
    assert sorted(os.path.basename(f) for f in files) == ["a.pdf", "no-suffix", "page.htm"]
    assert (failures, skipped) == ([], 1)


def test_symlink_loop_is_reported_once(tmp_path):
    (tmp_path / "d").mkdir()
    good_pdf(tmp_path / "d" / "a.pdf")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    files, failures, _ = walk([tmp_path / "d"])
    assert len(files) == 1
    assert [f.reason for f in failures] == ["symlink loop (directory already visited)"]


def test_a_file_named_twice_is_walked_once(tmp_path):
    path = good_pdf(tmp_path / "a.pdf")
    files, failures, _ = walk([path, tmp_path, str(path)])
    assert [os.path.basename(f) for f in files] == ["a.pdf"] and failures == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file names are bytes on Linux only")
def test_a_name_that_is_not_utf8_is_walked_and_printable(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"report-\xff.pdf")
    os.rename(good_pdf(tmp_path / "a.pdf"), raw)
    files, failures, _ = walk([tmp_path])
    assert failures == [] and len(files) == 1
    shown = display_path(files[0])
    assert shown.endswith("report-\\xff.pdf")
    shown.encode("utf-8")  # printable: no lone surrogates left in it
