"""Scanned reports: catalogued and flagged without OCR, read by real tesseract with it, never twice.

Scans are built at test time: known text rendered to a 300-dpi bitmap and
wrapped as an image-only PDF. Tests that run tesseract skip when it is not
installed, except under CI (``CI`` set), where a missing tesseract fails them.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
from pathlib import Path

import pytest
from builders import make_pdf, make_scan
from click.testing import CliRunner

from cli import main
from index import IndexStore, IngestOptions, OcrUnavailableError, ingest
from ingest import ExtractOptions, extract
from ingest import ocr as ocr_engine
from search import search

COVER = [
    "Bexley Safeguarding Children Board",
    "Serious Case Review: Baby Q",
    "Published: 14 March 2016",
]
BODY = [
    "1.1 Baby Q was seven weeks old when she was admitted to hospital.",
    "1.2 Practitioners did not meet the unseen male partner in the household",
    "and there was poor information sharing between the health visitor and",
    "children's social care when the family moved to a new address.",
]

needs_tesseract = pytest.mark.skipif(
    not ocr_engine.available() and not os.environ.get("CI"),
    reason="tesseract with English data is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)",
)


@pytest.fixture
def no_tesseract(monkeypatch):
    """As on a machine without tesseract (the batch decides once, in this process)."""
    monkeypatch.setattr(ocr_engine, "available", lambda: False)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


# ---------------------------------------------------------------- without OCR


def test_a_scan_is_catalogued_and_flagged_without_ocr(tmp_path: Path, no_tesseract) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    make_scan(folder / "scan.pdf", [COVER, BODY])
    make_pdf(folder / "typed.pdf", [["Serious Case Review: Child A", "neglect of the children"]])
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        report = ingest(store, [folder], IngestOptions(jobs=1))
        assert report.failures == ()
        assert (report.added, report.unread_pages, report.unread_reports, report.ocr_pages) == (2, 2, 1, 0)
        assert report.ocr_available is False
        [scan] = [d for d in store.documents() if d.paths[0].endswith("scan.pdf")]
        assert scan.flags == ("no_text_layer",) and scan.unread_pages == (1, 2) and scan.pages == 2
        assert search(store, "neglect").total == 1


def test_the_cli_warns_once_per_batch_with_how_to_enable_ocr(tmp_path: Path, no_tesseract) -> None:
    for name in ("a.pdf", "b.pdf"):
        make_scan(tmp_path / name, [COVER, BODY])
    result = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), "ingest", str(tmp_path)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "no text layer" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("Warning: 4 pages in 2 reports have no text layer and are not searchable;")
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in warnings[0]
    assert "casereviews ingest --ocr always" in warnings[0]
    show = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), "list", "--format", "json"])
    assert all(
        d["unread_pages"] == [1, 2] and d["flags"] == ["no_text_layer"] for d in json.loads(show.stdout)
    )


def test_ocr_always_without_tesseract_is_a_usage_error(tmp_path: Path, no_tesseract) -> None:
    make_scan(tmp_path / "a.pdf", [COVER])
    with IndexStore.open(tmp_path / "ix", create=True) as store, pytest.raises(OcrUnavailableError):
        ingest(store, [tmp_path / "a.pdf"], IngestOptions(jobs=1, ocr="always"))
    result = CliRunner().invoke(
        main, ["--index", str(tmp_path / "ix"), "ingest", "--ocr", "always", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "OCR needs the tesseract program" in result.stderr and "apt-get install" in result.stderr


def test_ocr_never_leaves_pages_unread_even_with_tesseract(tmp_path: Path) -> None:
    scan = make_scan(tmp_path / "a.pdf", [COVER])
    result = extract(scan, ExtractOptions(ocr="never"))
    assert result.document.unread_pages == (1,) and result.page_texts == ("",)


# ---------------------------------------------------------------- with OCR (real tesseract)


@needs_tesseract
def test_word_accuracy_on_a_clean_300_dpi_scan(tmp_path: Path) -> None:
    scan = make_scan(tmp_path / "scan.pdf", [COVER + BODY])
    result = extract(scan, ExtractOptions(ocr="always"))
    expected = _words(" ".join(COVER + BODY))
    read = _words(result.page_texts[0])
    matcher = difflib.SequenceMatcher(a=expected, b=read, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched / len(expected) >= 0.95, (matched, len(expected), result.page_texts[0])
    assert result.document.flags == ("ocr",) and result.document.ocr_pages == (1,)
    assert result.document.unread_pages == ()


@needs_tesseract
def test_metadata_is_read_from_ocr_text(tmp_path: Path) -> None:
    scan = make_scan(tmp_path / "scan.pdf", [COVER, BODY])
    document = extract(scan, ExtractOptions(ocr="auto")).document
    assert document.lscb == "Bexley Safeguarding Children Board"
    assert document.published == "2016-03-14"
    assert document.review_type == "serious-case-review"
    assert document.child_ages == (0.13,)


@needs_tesseract
def test_a_phrase_on_a_scanned_page_is_found_on_that_page(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    # typed pages around one scanned page: only page 2 needs OCR
    make_pdf(folder / "mixed.pdf", [[*COVER], {"image": True, "text": BODY}, ["3.1 The panel met twice."]])
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        report = ingest(store, [folder], IngestOptions(jobs=2))
        assert (report.ocr_pages, report.unread_pages) == (1, 0)
        result = search(store, '"unseen male partner"')
        assert result.total == 1
        [hit] = result.hits
        assert hit.match_pages == (2,)
        assert hit.document.ocr_pages == (2,) and hit.document.flags == ("ocr",)
        assert hit.to_dict()["snippets"][0]["ocr"] is True
    text = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), "search", '"unseen male"'])
    assert "p.2 (OCR) · other: " in text.stdout
    web = pytest.importorskip("web")
    page = web.create_app(tmp_path / "ix").test_client().get("/?q=%22unseen+male%22").get_data(as_text=True)
    assert re.search(r'#page=2"[^>]*>p\. 2</a><span class="ocr"', page)
    card = web.create_app(tmp_path / "ix").test_client().get(f"/doc/{hit.document.id}").get_data(as_text=True)
    assert "Read by OCR</th><td>pages 2" in card


@needs_tesseract
def test_no_second_ocr_on_re_ingest(tmp_path: Path, monkeypatch) -> None:
    scan = make_scan(tmp_path / "scan.pdf", [COVER, BODY])
    calls: list[int] = []
    real = ocr_engine.read_page_image
    monkeypatch.setattr(ocr_engine, "read_page_image", lambda png, t: calls.append(1) or real(png, t))
    options = ExtractOptions(ocr="always", ocr_cache=str(tmp_path / "cache"))
    first = extract(scan, options)
    assert len(calls) == 2
    again = extract(scan, options)
    assert len(calls) == 2  # both pages from the cache
    assert again.page_texts == first.page_texts and again.document.ocr_pages == (1, 2)
    # through the batch: --force reads the file again, but its pages come from the index's cache
    ticks: list[int] = []
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        one = ingest(store, [scan], IngestOptions(jobs=1), progress=lambda p: ticks.append(p.ocr_pages))
        two = ingest(store, [scan], IngestOptions(jobs=1, force=True),
                     progress=lambda p: ticks.append(-p.ocr_pages))  # fmt: skip
    assert one.ocr_pages == two.ocr_pages == 2
    assert max(ticks) == 2 and min(ticks) == 0  # the second batch read no page by OCR
    assert (tmp_path / "ix" / "ocr-cache").is_dir()


@needs_tesseract
def test_a_page_over_the_time_limit_is_named_and_left_unread(tmp_path: Path) -> None:
    scan = make_scan(tmp_path / "scan.pdf", [COVER, BODY])
    result = extract(scan, ExtractOptions(ocr="always", ocr_timeout=0.001))
    assert result.document.unread_pages == (1, 2)
    assert result.document.flags == ("no_text_layer",)
    assert result.warnings == ("page 1: OCR timed out after 0.001 s", "page 2: OCR timed out after 0.001 s")


@needs_tesseract
def test_ocr_always_later_reads_what_was_skipped(tmp_path: Path, monkeypatch) -> None:
    scan = make_scan(tmp_path / "scan.pdf", [COVER, BODY])
    with IndexStore.open(tmp_path / "ix", create=True) as store:
        first = ingest(store, [scan], IngestOptions(jobs=1, ocr="never"))
        assert first.unread_pages == 2 and search(store, "unseen").total == 0
        unchanged = ingest(store, [scan], IngestOptions(jobs=1))  # auto: an unchanged file is not read
        assert unchanged.unchanged == 1 and unchanged.ocr_pages == 0
        later = ingest(store, [scan], IngestOptions(jobs=1, ocr="always"))
        assert (later.updated + later.replaced, later.ocr_pages, later.unread_pages) == (1, 2, 0)
        assert search(store, '"unseen male"').total == 1
        [document] = store.documents()
        assert document.unread_pages == () and document.ocr_pages == (1, 2)
        nothing_left = ingest(store, [scan], IngestOptions(jobs=1, ocr="always"))
        assert nothing_left.unchanged == 1  # nothing unread: not read again


def test_progress_line_counts_ocr_pages() -> None:
    from commands.ingesting import ProgressBar
    from index import Progress
    from search.terminal import Environment

    bar = ProgressBar(Environment(width=100, stderr_tty=True))
    assert "OCR 7 pages" in bar.line(Progress(1, 4, 30, "a.pdf", 10.0, ocr_pages=7))
    assert "OCR" not in bar.line(Progress(1, 4, 30, "a.pdf", 10.0))


def test_a_page_that_cannot_be_drawn_is_named_and_the_others_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ocr_engine, "read_page_image", lambda png, timeout: "text read from the image")

    def render(number: int) -> bytes:
        if number == 2:
            raise ValueError("bad page tree")
        return b"png"

    outcome = ocr_engine.read_pages([1, 2, 3], render, sha256="0" * 64, cache_dir=None, timeout=5)
    assert sorted(outcome.texts) == [1, 3]
    assert outcome.failures == {2: "the page could not be drawn for OCR (bad page tree)"}


def test_a_huge_page_is_drawn_within_the_pixel_cap(tmp_path: Path) -> None:
    from PIL import Image

    from ingest.pdf import MAX_RENDER_PIXELS, PdfExtractor

    poster = tmp_path / "poster.pdf"
    Image.new("L", (400, 400), 255).save(poster, "PDF", resolution=2)  # 200 x 200 inches
    png = PdfExtractor().render_page(poster, 1, 300, ExtractOptions())
    with Image.open(io.BytesIO(png)) as drawn:
        assert drawn.width * drawn.height <= MAX_RENDER_PIXELS * 1.01
        assert drawn.width > 1000  # still drawn large enough to read
