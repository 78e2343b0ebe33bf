"""HTML extraction: main text only, deterministic decoding, dates from markup."""

from __future__ import annotations

import pytest
from builders import make_html

from ingest import UnsupportedFormatError, extract
from ingest.html import decode_html


def test_main_text_without_site_chrome(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Child E SCR",
        body="<p>The review found poor information sharing.</p>",
    )
    [text] = extract(path).page_texts
    assert "poor information sharing" in text
    for chrome in ("cookies", "Home", "Other case reviews", "Privacy notice", "4-year-old"):
        assert chrome not in text
    assert extract(path).document.pages is None


def test_title_and_meta_publication_date(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Child E SCR",
        head_extra='<meta property="article:published_time" content="2019-11-05T09:00:00Z">',
        body="<p>Text.</p>",
    )
    document = extract(path).document
    assert document.title == "Child E SCR"
    assert document.published == "2019-11-05"
    assert document.metadata.provenance["published"].source == "html-meta"


def test_time_element_labelled_as_publication(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Child N",
        body=(
            '<p class="byline">Published <time datetime="2021-09-14">14 September 2021</time></p><p>Text.</p>'
        ),
    )
    assert extract(path).document.published == "2021-09-14"


def test_last_updated_time_is_not_a_publication_date(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Child U SCR",
        body='<p>Text.</p><p>Page last updated: <time datetime="2021-03-12">12 March 2021</time></p>',
    )
    assert extract(path).document.published is None


def test_windows_1252_with_declared_charset(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Child T SCR",
        body="<p>The family\u2019s caf\u00e9 visits were noted.</p>",
        charset="windows-1252",
        encoding="cp1252",
    )
    assert "The family's café visits" in extract(path).page_texts[0]


def test_windows_1252_without_charset_is_not_mangled(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Child T SCR",
        body="<p>The family\u2019s caf\u00e9 visits were noted.</p>",
        charset=None,
        encoding="cp1252",
    )
    assert "The family's café visits" in extract(path).page_texts[0]


def test_iso_8859_1_label_is_read_as_windows_1252():
    data = '<html><head><meta charset="iso-8859-1"></head><body>it\x92s</body></html>'.encode("latin-1")
    assert "it\u2019s" in decode_html(data)


def test_utf8_bom_wins_over_a_wrong_declaration():
    data = (
        b"\xef\xbb\xbf"
        + '<html><head><meta charset="windows-1252"></head><body>caf\u00e9</body></html>'.encode()
    )
    assert "café" in decode_html(data)


def test_binary_junk_named_html_is_not_supported(tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(UnsupportedFormatError):
        extract(path)


def test_html_named_pdf_goes_to_the_html_extractor(tmp_path):
    path = tmp_path / "really-html.pdf"
    make_html(path, title="Child K SCR", body="<p>Words of the review.</p>")
    result = extract(path)
    assert result.document.format == "html"
    assert "Words of the review" in result.page_texts[0]


def test_listing_page_with_one_article_reads_the_article(tmp_path):
    path = make_html(
        tmp_path / "p.html",
        title="Serious case reviews",
        body=(
            "<p>The Board publishes reports here.</p>"
            '<article class="review"><h2>Child E SCR - 31 July 2014</h2><p>Review text.</p></article>'
        ),
    )
    document = extract(path).document
    assert document.title == "Child E SCR"
    assert document.published == "2014-07-31"
