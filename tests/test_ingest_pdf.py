"""PDF extraction on real PDFs built by the tests."""

from __future__ import annotations

import pytest
from builders import body_page, cover, make_pdf

from ingest import (
    DamagedFileError,
    EmptyFileError,
    EncryptedError,
    ExtractOptions,
    UnsupportedFormatError,
    extract,
)


def test_pages_are_kept_separate_and_counted(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", [["first page words"], ["second page words"], ["third"]])
    result = extract(path)
    assert result.document.pages == 3
    assert result.page_texts == ("first page words", "second page words", "third")
    assert result.document.format == "pdf"


def test_id_is_derived_from_the_bytes(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", [["some text"]])
    document = extract(path).document
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.sha256 == digest
    assert document.id == digest[:12]


def test_info_title_is_a_weak_title_source(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", [["plain body text only"]], title="Serious Case Review: Child Q")
    document = extract(path).document
    assert document.title == "Serious Case Review: Child Q"
    assert document.metadata.provenance["title"].source == "pdf-info"


def test_word_processor_info_title_is_ignored(tmp_path):
    path = make_pdf(
        tmp_path / "child-q.pdf",
        [cover("Bexley Safeguarding Children Board", "Serious Case Review: Child Q")],
        title="Microsoft Word - draft3.docx",
    )
    assert extract(path).document.title == "Serious Case Review: Child Q"


def test_two_column_page_reads_each_column_in_order(tmp_path):
    left = ["the first column starts", "and continues down", "to its end"]
    right = ["the second column then", "follows in order"]
    path = make_pdf(tmp_path / "r.pdf", [{"columns": [left, right]}])
    text = extract(path).page_texts[0]
    assert "the first column starts\nand continues down\nto its end" in text
    assert text.index("to its end") < text.index("the second column then")


def test_encrypted_pdf_needs_the_password(tmp_path):
    path = make_pdf(tmp_path / "locked.pdf", [["secret review text"]], user_password="pw")
    with pytest.raises(EncryptedError, match=r"encrypted: give its password$"):
        extract(path)
    with pytest.raises(EncryptedError, match="wrong password"):
        extract(path, ExtractOptions(password="nope"))
    assert extract(path, ExtractOptions(password="pw")).page_texts == ("secret review text",)


def test_owner_password_only_pdf_is_extractable(tmp_path):
    path = make_pdf(tmp_path / "owner.pdf", [["restricted but readable"]], owner_password="owner")
    assert extract(path).page_texts == ("restricted but readable",)


def test_truncated_pdf_is_damaged(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", [["text"] * 40, ["more"] * 40])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 3])
    with pytest.raises(DamagedFileError):
        extract(cut)


def test_garbage_after_a_pdf_header_is_damaged(tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with pytest.raises(DamagedFileError, match="damaged"):
        extract(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty"):
        extract(path)


def test_text_file_named_pdf_is_not_supported(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("just some notes, not a PDF at all")
    with pytest.raises(UnsupportedFormatError, match="not a PDF or HTML"):
        extract(path)


def test_scanned_pdf_without_text_layer_is_catalogued_and_flagged(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [{"image": True}, {"image": True}])
    result = extract(path, ExtractOptions(ocr="never"))
    assert result.document.flags == ("no_text_layer",)
    assert result.document.unread_pages == (1, 2) and result.document.ocr_pages == ()
    assert result.page_texts == ("", "")
    assert result.document.lscb is None  # nothing to read it from: the manifest or `set` files it


def test_partly_scanned_pdf_is_indexed_and_flagged(tmp_path):
    path = make_pdf(tmp_path / "mixed.pdf", [["typed first page"], {"image": True}, ["typed third"], [""]])
    result = extract(path, ExtractOptions(ocr="never"))
    assert result.document.flags == ("no_text_layer",)
    assert result.document.unread_pages == (2,)  # a blank page without an image is blank, not a scan
    assert result.page_texts[0] == "typed first page"
    assert result.page_texts[1] == ""


def test_cover_metadata_from_a_built_report(corpus):
    document = extract(corpus["baby"]).document
    assert document.lscb == "Bexley Safeguarding Children Board"
    assert document.published == "2016-03-14"
    assert document.child_ages == (0.42,)
    assert document.age_bands == ("under-1",)
    assert document.title == "Serious Case Review: Baby F"


def test_memory_stays_flat_because_pages_are_closed(tmp_path):
    # a long report extracts; every page is read (and closed) in turn
    pages = [
        body_page(
            f"Episode {n}: the health visitor called on {n % 28 + 1} May.",
            "The home conditions were described as poor.",
            f"Reference {n * 7} concerns neglect.",
        )
        for n in range(60)
    ]
    result = extract(make_pdf(tmp_path / "long.pdf", pages))
    assert result.document.pages == 60
    assert "Episode 59: the health visitor" in result.page_texts[59]


def test_a_pdf_pdfium_refuses_is_read_by_pdfminer(tmp_path, monkeypatch):
    """The fallback (pdfplumber, imported only when it runs) reads the text and the cover's lines."""
    import ingest.pdf as pdf_module
    from ingest.errors import DamagedFileError

    def refuse(path, password):
        raise DamagedFileError("damaged PDF (pdfium refused it)")

    monkeypatch.setattr(pdf_module, "_pdfium_pages", refuse)
    path = make_pdf(
        tmp_path / "r.pdf",
        [cover("Leeds Safeguarding Children Board", "Serious Case Review: Child R"),
         body_page("Practitioners showed professional curiosity.")],
    )  # fmt: skip
    raw = pdf_module.PdfExtractor().extract(path, ExtractOptions())
    assert "professional curiosity" in raw.pages[1]
    assert any("Leeds Safeguarding Children Board" in line.text for line in raw.lines)
