"""Reports laid out the way Microsoft Word writes PDFs, the kind most published reviews are.

The main benchmark corpus draws each line with one standard-14 font call. A
Word export looks different to an extractor, and these files imitate it:

- embedded TrueType subsets (reportlab's bundled Vera fonts, so nothing is
  fetched and every machine makes the same bytes);
- justified lines written word by word, each word its own positioned text run
  (Word writes many small runs: kerning, spacing and style changes split them);
- marked content around every paragraph and heading (``/P <</MCID n>> BDC`` …
  ``EMC``), as a tagged (accessible) export carries;
- a raster logo in every page's header, a picture every few pages, ruled
  tables, footnotes in a smaller size, bullets.

When LibreOffice's ``soffice`` is installed a real office suite could write
them instead; this layout needs nothing beyond the test extra (reportlab).

    python -m bench.wordlike [--size medium] [--seed 1]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
from pathlib import Path

from .corpus import AGENCIES, THEMES, Report, _facts, _paragraph, cache_dir, write_corpus

#: Reports per size, and their median page count (24 reports of about 80 pages at medium and up).
SIZES = {"tiny": (2, 6), "small": (4, 12), "medium": (24, 80), "national": (24, 80)}

_BODY, _BOLD = "WordBody", "WordBold"
_MARGIN, _SIZE, _LEADING = 72.0, 11.0, 15.0


def _register_fonts() -> None:
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _BODY in pdfmetrics.getRegisteredFontNames():
        return
    fonts = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(_BODY, str(fonts / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(_BOLD, str(fonts / "VeraBd.ttf")))


def _picture(width: int, height: int, seed: int) -> bytes:
    """A PNG with gradients and blocks (a logo or a photograph stand-in)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    for x in range(width):
        shade = int(255 * x / width)
        draw.line([(x, 0), (x, height)], fill=(shade, 90, 255 - shade))
    for _ in range(6):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.rectangle([x, y, x + width // 5, y + height // 4], fill=(rng.randrange(256), 140, 60))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class _Page:
    """Writes one page's content the way Word does: tagged, word by word, justified."""

    def __init__(self, pdf: object, width: float, height: float) -> None:
        self.pdf = pdf
        self.width = width
        self.y = height - _MARGIN - 20
        self.mcid = 0

    def _mark(self, tag: str) -> None:
        # reportlab has no public marked-content call; its page stream is this list of operators
        self.pdf._code.append(f"/{tag} <</MCID {self.mcid}>> BDC")  # type: ignore[attr-defined]
        self.mcid += 1

    def _end_mark(self) -> None:
        self.pdf._code.append("EMC")  # type: ignore[attr-defined]

    def paragraph(self, text: str, font: str = _BODY, size: float = _SIZE, tag: str = "P") -> bool:
        """Write a justified paragraph; False when the page is full."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        measure = text.split()
        space = stringWidth(" ", font, size)
        usable = self.width - 2 * _MARGIN
        lines: list[list[str]] = [[]]
        used = 0.0
        for word in measure:
            extent = stringWidth(word, font, size)
            if lines[-1] and used + space + extent > usable:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0.0) + extent
            lines[-1].append(word)
        if self.y - len(lines) * _LEADING < _MARGIN + 30:
            return False
        self._mark(tag)
        text_object = self.pdf.beginText()  # type: ignore[attr-defined]
        text_object.setFont(font, size)
        for number, line in enumerate(lines):
            widths = [stringWidth(w, font, size) for w in line]
            gaps = len(line) - 1
            last = number == len(lines) - 1
            gap = space if last or gaps == 0 else (usable - sum(widths)) / gaps
            x = _MARGIN
            for word, extent in zip(line, widths, strict=True):
                text_object.setTextOrigin(x, self.y)  # one positioned run per word
                text_object.textOut(word)
                x += extent + gap
            self.y -= _LEADING
        self.pdf.drawText(text_object)  # type: ignore[attr-defined]
        self._end_mark()
        self.y -= _LEADING * 0.6
        return True

    def table(self, rng: random.Random, rows: int) -> None:
        """A ruled findings table."""
        left, right = _MARGIN, self.width - _MARGIN
        self._mark("Table")
        for row in range(rows):
            top = self.y
            self.pdf.line(left, top + 11, right, top + 11)  # type: ignore[attr-defined]
            cells = (
                str(row + 1),
                f"{rng.choice(THEMES).capitalize()} was not addressed",
                rng.choice(AGENCIES)[:28],
            )
            for x, cell in zip((left + 4, left + 34, left + 300), cells, strict=True):
                self.pdf.setFont(_BOLD if row == 0 else _BODY, 9)  # type: ignore[attr-defined]
                self.pdf.drawString(x, top, cell)  # type: ignore[attr-defined]
            self.y -= 18
        self.pdf.line(left, self.y + 11, right, self.y + 11)  # type: ignore[attr-defined]
        self._end_mark()
        self.y -= 10


def _report(path: Path, rng: random.Random, facts: dict[str, object], pages: int, seed: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    _register_fonts()
    width, height = A4
    board, child = str(facts["board"]), str(facts["child"])
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(f"Microsoft Word - {path.stem}.docx")
    pdf.setCreator("Microsoft® Word for Microsoft 365")
    logo = ImageReader(io.BytesIO(_picture(300, 100, seed)))
    photo = ImageReader(io.BytesIO(_picture(480, 320, seed + 1)))
    cover = _Page(pdf, width, height)
    pdf.drawImage(logo, width / 2 - 90, height - 200, 180, 60)
    cover.y = height - 300
    for text, font, size in ((board, _BOLD, 16), ("Child Safeguarding Practice Review", _BOLD, 24), (child, _BOLD, 18),
                             (str(facts["subject_line"]), _BODY, 12), (str(facts["date_line"]), _BODY, 12)):  # fmt: skip
        cover.paragraph(text, font, size, tag="H1")
    pdf.showPage()
    paragraphs = [
        f"In {facts['published']!s:.4} the {board} agreed that the circumstances of {child} met the criteria for a review.",
        str(facts["age_sentence"]),
    ]
    section = 1
    for number in range(2, pages + 1):
        page = _Page(pdf, width, height)
        pdf.drawImage(logo, width - _MARGIN - 75, height - 50, 75, 25)
        pdf.setFont(_BODY, 8)
        pdf.drawString(_MARGIN, height - 40, f"{board} – {child}")
        pdf.drawCentredString(width / 2, 30, f"Page {number} of {pages}")
        if number % 9 == 4:
            page.table(rng, 14)
        if number % 7 == 3:
            pdf.drawImage(photo, _MARGIN, page.y - 200, 300, 200)
            page.y -= 215
            page.paragraph(
                f"Figure {number // 7 + 1}: the agencies involved with {child}.", _BODY, 9, tag="Caption"
            )
        while True:
            if not paragraphs:
                section += 1
                paragraphs.append(
                    f"{section}. {rng.choice(['Analysis', 'Findings', 'Key practice episode'])}"
                )
                paragraphs += [
                    _paragraph(rng, child, f"{section}.{k}") for k in range(1, rng.randrange(3, 7))
                ]
                if rng.random() < 0.3:
                    paragraphs += [f"• {rng.choice(THEMES).capitalize()} across agencies." for _ in range(3)]
            heading = paragraphs[0][:1].isdigit() and "." not in paragraphs[0].split(" ", 1)[0][:-1]
            font, tag = (_BOLD, "H2") if heading else (_BODY, "P")
            if not page.paragraph(paragraphs[0], font, 13 if heading else _SIZE, tag):
                break
            paragraphs.pop(0)
        if number % 5 == 0:
            pdf.setFont(_BODY, 8)
            pdf.drawString(
                _MARGIN, 44, f"{number % 17 + 1} Working Together to Safeguard Children, chapter 4."
            )
        pdf.showPage()
    pdf.save()


def _make(args: tuple[Path, int, int, int]) -> Report:
    out, seed, index, median = args
    rng = random.Random(seed * 7_000_003 + index)
    facts = _facts(rng)
    pages = max(10, min(220, int(rng.lognormvariate(math.log(median), 0.5))))
    path = out / f"word-{index:03d}.pdf"
    _report(path, rng, facts, pages, seed + index)
    return Report(path.name, "pdf", pages, str(facts["board"]), str(facts["published"]),
                  list(facts["ages"]), str(facts["title"]))  # type: ignore[arg-type]  # fmt: skip


def generate(size: str, seed: int = 1, out: Path | None = None) -> Path:
    """Write the Word-like corpus for ``size`` (once; a complete one is reused) and return its folder."""
    count, median = SIZES[size]
    out = out or cache_dir() / f"wordlike-{size}-seed{seed}"
    return write_corpus(out, _make, [(out, seed, i, median) for i in range(count)])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    folder = generate(args.size, args.seed, args.out)
    reports = json.loads((folder / "corpus.json").read_text())
    print(f"{folder}: {len(reports)} reports, {sum(r['pages'] for r in reports)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
