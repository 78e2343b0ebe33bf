"""Build real PDF and HTML review reports for tests (reportlab for PDFs)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

#: A line is text, or (text, font size).
LineSpec = str | tuple[str, float]
#: A page is a list of lines, or {"columns": [lines, lines]} for a two-column page,
#: or {"image": True} for a page that is only a picture (a scan).
PageSpec = Sequence[LineSpec] | dict

WIDTH, HEIGHT = A4


def wrap(text: str, width: int = 88) -> list[str]:
    """Split a paragraph into lines as a word processor would (no hyphenation)."""
    return textwrap.wrap(text, width)


def _draw_lines(pdf: canvas.Canvas, lines: Sequence[LineSpec], x: float, top: float) -> None:
    y = top
    for line in lines:
        text, size = (line, 10.0) if isinstance(line, str) else line
        pdf.setFont("Helvetica", size)
        pdf.drawString(x, y, text)
        y -= size * 1.45


def make_pdf(
    path: Path,
    pages: Sequence[PageSpec],
    *,
    title: str | None = None,
    author: str | None = None,
    user_password: str | None = None,
    owner_password: str | None = None,
    header: str | None = None,
    footer: bool = False,
) -> Path:
    """Write a PDF with the given pages; optional running header and 'Page N of M' footer."""
    encrypt = None
    if user_password is not None or owner_password is not None:
        encrypt = pdfencrypt.StandardEncryption(
            user_password or "", ownerPassword=owner_password or "owner", canCopy=0, canModify=0
        )
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        if header and number > 1:
            _draw_lines(pdf, [(header, 8.0)], 60, HEIGHT - 40)
        if isinstance(page, dict) and page.get("image"):
            _draw_image(pdf, page.get("text"))
        elif isinstance(page, dict):
            left, right = page["columns"]
            _draw_lines(pdf, left, 60, HEIGHT - 80)
            _draw_lines(pdf, right, WIDTH / 2 + 10, HEIGHT - 80)
        else:
            _draw_lines(pdf, page, 60, HEIGHT - 80)
        if footer:
            _draw_lines(pdf, [(f"Page {number} of {total}", 8.0)], WIDTH / 2 - 30, 40)
        pdf.showPage()
    pdf.save()
    return path


def _draw_image(pdf: canvas.Canvas, lines: Sequence[str] | None = None) -> None:
    """A full-page picture: ruled lines, or ``lines`` of text rendered at 300 dpi (a scanned page)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    if lines is None:
        image = Image.new("RGB", (400, 560), "white")
        draw = ImageDraw.Draw(image)
        for row in range(20, 540, 18):
            draw.line((30, row, 370, row), fill="black", width=3)
    else:
        image = Image.new("L", (2245, 3155), 255)  # the drawn area at 300 dpi
        draw = ImageDraw.Draw(image)
        font = ImageFont.load_default(size=42)
        for number, line in enumerate(lines):
            draw.text((120, 150 + 72 * number), line, font=font, fill=0)
    pdf.drawImage(ImageReader(image), 40, 60, width=WIDTH - 80, height=HEIGHT - 120)


def make_html(
    path: Path,
    *,
    title: str,
    body: str,
    site: str = "Example Safeguarding Children Board",
    head_extra: str = "",
    charset: str | None = "utf-8",
    encoding: str = "utf-8",
    chrome: bool = True,
) -> Path:
    """Write an HTML review page, with site chrome (cookie banner, nav, sidebar, footer)."""
    meta = f'<meta charset="{charset}">' if charset else ""
    chrome_top = (
        '<div class="cookie-banner"><p>We use cookies. Accept analytics cookies?</p></div>'
        f'<header class="site-header"><a class="logo" href="/">{site}</a>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/reviews">Case reviews</a></li></ul></nav>'
        "</header>"
        if chrome
        else ""
    )
    chrome_side = (
        '<aside class="sidebar"><h2>Other case reviews</h2><ul>'
        "<li>Child Q SCR - published 3 March 2011 (concerning a 4-year-old boy)</li>"
        "</ul></aside>"
        if chrome
        else ""
    )
    chrome_bottom = (
        f'<footer class="site-footer"><p>Contact {site}. Privacy notice.</p></footer>' if chrome else ""
    )
    html = (
        '<!DOCTYPE html>\n<html lang="en-GB"><head>'
        f"{meta}<title>{title} | {site}</title>{head_extra}</head><body>"
        f'{chrome_top}<main id="main"><h1>{title}</h1>{body}</main>{chrome_side}{chrome_bottom}'
        "</body></html>"
    )
    path.write_bytes(html.encode(encoding))
    return path


def cover(board: str, title: str, *extra: str) -> list[LineSpec]:
    """A report cover page: the board, a large title and small-print lines."""
    return [(board, 14.0), ("", 10.0), (title, 24.0), ("", 10.0), *[(e, 11.0) for e in extra]]


def body_page(*paragraphs: str) -> list[LineSpec]:
    """A page of body text: each paragraph wrapped, a blank line between."""
    lines: list[LineSpec] = []
    for paragraph in paragraphs:
        lines += wrap(paragraph)
        lines.append("")
    return lines


def raw_pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF assembled from numbered object bodies (object 1 is the catalog), with a valid xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets.get(number, 0):010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object body."""
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def make_scan(path: Path, pages: Sequence[Sequence[str]], *, dpi: int = 300, noise: bool = False) -> Path:
    """Write an image-only PDF: each page's lines rendered to an A4 bitmap at ``dpi`` (a scan).

    The text exists only as pixels, as in a scanned report; OCR is the only way to read it.
    """
    from PIL import Image, ImageDraw, ImageFont

    size = (round(8.27 * dpi), round(11.69 * dpi))  # A4
    font = ImageFont.load_default(size=round(dpi * 0.14))  # about 10 pt
    images = []
    for lines in pages:
        image = Image.new("L", size, 255)
        draw = ImageDraw.Draw(image)
        y = round(dpi * 0.9)
        for line in lines:
            draw.text((round(dpi * 0.8), y), line, font=font, fill=0)
            y += round(dpi * 0.24)
        if noise:
            for x in range(0, size[0], 37):
                draw.point([(x, (x * 7919) % size[1])], fill=0)
        images.append(image)
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def sectioned_pdf(path: Path, parts: dict[str, str], headings: dict[str, str], filler: str = "") -> Path:
    """A report with a cover, then one page per part: a numbered heading in a larger type and its
    text (paragraphs split on newlines), after a ``filler`` paragraph."""
    pages: list[PageSpec] = [[("Child Safeguarding Practice Review", 20.0), ("Child Q", 16.0)]]
    for number, (section, text) in enumerate(parts.items(), start=1):
        lines: list[LineSpec] = [(f"{number}. {headings[section]}", 14.0)]
        for paragraph in ([filler] if filler else []) + text.split("\n"):
            lines += body_page(paragraph)
        pages.append(lines)
    return make_pdf(path, pages)
