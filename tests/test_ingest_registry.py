"""Extractors are found by sniffing content through one registry, open to plugins."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_pdf

from ingest import ExtractOptions, RawDocument, extract, register, registered
from ingest.errors import UnsupportedFormatError
from ingest.registry import _registry


def test_builtins_are_registered():
    assert {"pdf", "html"} <= set(registered())


def test_file_without_suffix_is_sniffed(tmp_path):
    path = make_pdf(tmp_path / "report", [["no suffix here"]])
    assert extract(path).page_texts == ("no suffix here",)


class PlainText:
    """A toy plugin: '#!review' text files."""

    content_type = "review-text"
    label = "review text"
    suffixes = (".review",)
    media_types = ("text/x-review",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"#!review")

    def extract(self, path: Path, options: ExtractOptions) -> RawDocument:
        body = path.read_text().split("\n", 1)[1]
        return RawDocument(format="review-text", pages=(body,), paged=False, info={"title": "Toy"})


@pytest.fixture
def plugin():
    register(PlainText())
    yield
    del _registry["review-text"]


def test_a_plugin_registers_through_the_same_route(tmp_path, plugin):
    path = tmp_path / "note.txt"
    path.write_text("#!review\nThe child, Child Z, aged 4, was seen.")
    result = extract(path)
    assert result.document.format == "review-text"
    assert "Child Z" in result.page_texts[0]


def test_unknown_content_is_unsupported(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("#!review\nnot registered now")
    with pytest.raises(UnsupportedFormatError):
        extract(path)


def test_register_rejects_objects_that_are_not_extractors():
    with pytest.raises(TypeError):
        register(object())  # type: ignore[arg-type]


def test_declared_suffixes_feed_the_folder_walk_and_the_messages(tmp_path, plugin):
    from index import walk
    from ingest import kinds, report_suffixes

    assert {".pdf", ".html", ".review"} <= report_suffixes()
    assert kinds() == "review text, PDF or HTML"
    (tmp_path / "a.review").write_text("#!review\nChild Z, aged 4.")
    (tmp_path / "b.unknown").write_text("plain words, not a report")
    files, failures, skipped = walk([tmp_path])
    assert [Path(f).name for f in files] == ["a.review"] and skipped == 1 and not failures


def test_the_extractors_load_their_heavy_libraries_only_when_used(tmp_path):
    """What an ingest's worker imports before its first file holds neither bs4 nor pdfplumber.

    Both are registered (the HTML extractor, the PDF fallback) and both still read their files.
    """
    import subprocess
    import sys
    from pathlib import Path

    from builders import make_html

    page = make_html(
        tmp_path / "review.html", title="Serious Case Review: Child A", body="<p>Neglect was seen.</p>"
    )
    script = (
        "import sys, ingest, index.schema\n"
        "print(sorted(m for m in ('bs4', 'pdfplumber') if m in sys.modules))\n"
        f"ingest.extract({str(page)!r})\n"
        "print(sorted(m for m in ('bs4', 'pdfplumber') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.splitlines() == ["[]", "['bs4']"]
