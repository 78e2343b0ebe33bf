"""The third sealed family: layouts and abbreviations the first two never used.

    python -m bench.sealed_v3 --out /tmp/sealed-3 [--count 48]
    python -m bench.eval_metadata --corpus /tmp/sealed-3 --show-errors

Written on 2026-12-03 after the second family's rules were in, and committed
before it was first measured (docs/METADATA.md). Layouts: a national library
cover sheet naming only the area ("LSCB: Gwent"), a cover listing several
dated events (incident, commissioning, publication), a contents page whose
entries carry years, a two-column page, a details box ("Review details"), and
the child's details in a table with abbreviated units ("2 yrs 4 mths",
"15 yrs", "11 wks"); a board that combines adults' and children's safeguarding
("Bracknell Forest Safeguarding Board"), a board printed with its acronym
first ("DSCP – Doncaster Safeguarding Children Partnership"); dates as
"1st Feb 2019", "Pub. date: 01-Feb-2019", "Date of Publication – February
2019".
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.model import age_bands

from .sealed import WriteReport, family_main, write_reports
from .sealed_grammar import AREA_OF, MONTHS, PASSING, THEME_TEXT, facts_for, ordinal

SEED = 20261205
_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: England's boards that name themselves a "Safeguarding Board" (adults and children together).
COMBINED = [
    ("Bracknell Forest Safeguarding Board", "Bracknell Forest"),
    ("Swindon Safeguarding Partnership", "Swindon"),
]

DATE_FORMS = ["sheet-year", "events-cover", "short-month-ordinal", "pub-dot-date", "label-dash-month"]
AGE_FORMS = ["table-abbrev", "details-box", "two-column", "yrs-sentence"]
BOARD_FORMS = ["sheet-area-only", "acronym-first", "combined", "cover"]


def _ages(rng: random.Random) -> tuple[float, str, str]:
    """(age in years, abbreviated form, the same in words for a sentence)."""
    kind = rng.choice(["years-months", "years", "weeks", "months"])
    if kind == "years-months":
        years, months = rng.randint(1, 4), rng.randint(1, 11)
        return round(years + months / 12, 2), f"{years} yrs {months} mths", f"{years} yrs {months} mths"
    if kind == "years":
        years = rng.randint(5, 16)
        return float(years), f"{years} yrs", f"{years} yrs"
    if kind == "weeks":
        weeks = rng.randint(2, 20)
        return round(weeks * 7 / 365.25, 2), f"{weeks} wks", f"{weeks} wks"
    months = rng.randint(2, 11)
    return round(months / 12, 2), f"{months} mths", f"{months} mths"


def _report(number: int, seed: int) -> tuple[dict[str, object], list[list[object]]]:
    """The gold record and the pages (lists of lines, or a ``("columns", left, right)`` page)."""
    facts = facts_for(number, seed)
    rng = random.Random(SEED + number)
    board, area = facts.board, AREA_OF[facts.board]
    nation = facts.nation
    board_form = BOARD_FORMS[number % len(BOARD_FORMS)]
    if board_form == "combined":
        board, area = COMBINED[number % len(COMBINED)]
        nation = "england"
        review_type, type_label = (
            "child-safeguarding-practice-review",
            "Local Child Safeguarding Practice Review",
        )
    else:
        review_type, type_label = facts.review_type, facts.type_label
    year = facts.year
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date_form = DATE_FORMS[(number * 3) % len(DATE_FORMS)]
    age_form = AGE_FORMS[(number * 7) % len(AGE_FORMS)]
    age, short, said = _ages(rng)
    child = facts.children[0].name
    title = f"{type_label}: {child}"
    # ---- dates
    published = f"{year}-{month:02d}-{day:02d}"
    sheet: list[str] = []
    cover_dates: list[str] = []
    if date_form == "sheet-year":
        published = str(year)
    elif date_form == "events-cover":
        cover_dates = [f"Incident: {day} March {year - 1}", f"Review commissioned: May {year - 1}",
                       f"Published: {day} {MONTHS[month - 1]} {year}"]  # fmt: skip
    elif date_form == "short-month-ordinal":
        cover_dates = [f"Published {ordinal(day)} {_SHORT[month - 1]} {year}"]
    elif date_form == "pub-dot-date":
        cover_dates = [f"Pub. date: {day:02d}-{_SHORT[month - 1]}-{year}"]
    else:
        published = f"{year}-{month:02d}"
        cover_dates = [f"Date of Publication – {MONTHS[month - 1]} {year}"]
    # ---- board
    if board_form == "sheet-area-only" or date_form == "sheet-year":
        # the sheet prints a date only when the report itself prints none (two dates at two
        # precisions would leave the gold to a choice)
        dated = [f"Date of publication: {year}"] if date_form == "sheet-year" else []
        sheet = [f"Title: {title}", f"LSCB: {area}", "Author: Independent reviewer", *dated,
                 "This case review report was deposited with the national repository."]  # fmt: skip
    cover_board: list[str] = []
    if board_form == "acronym-first":
        letters = "".join(w[0] for w in board.split() if w[0].isupper())
        cover_board = [f"{letters} – {board}"]
    elif board_form in ("combined", "cover"):
        cover_board = [board]
    # ---- the child's age
    body_age: list[object]
    if age_form == "table-abbrev":
        body_age = ["Family composition", "Name\tRelationship\tAge", f"{child}\tSubject\t{short}",
                    "Mother\tMother\t24 yrs", "Sibling\tHalf-brother\t6 yrs"]  # fmt: skip
    elif age_form == "details-box":
        body_age = ["Review details", f"Subject: {child}", f"Age at time of incident: {short}",
                    f"Review type: {type_label}"]  # fmt: skip
    elif age_form == "two-column":
        body_age = [("columns",
                     [f"1.2 {child} was {said} old", "when the events that led to", "this review took place."],
                     ["1.3 The mother, then 22, had", "moved to the area a year", "before with her partner."])]  # fmt: skip
    else:
        body_age = [f"1.2 {child}, aged {said}, lived with mother and two older siblings."]
    # ---- pages
    themed = [THEME_TEXT[t][i] for i in range(4) for t in facts.themes]
    contents = ["Contents", "1. Introduction ........ 3", f"2. Chronology {year - 4}–{year - 1} ........ 4",
                "3. Analysis ........ 5", "4. Findings ........ 6"]  # fmt: skip
    pages: list[list[object]] = []
    if sheet:
        pages.append(sheet)
    pages.append([*cover_board, title, *cover_dates])
    pages.append(contents)
    pages.append(
        ["1. Introduction", "1.1 This review was commissioned when the criteria were met.", *body_age]
    )
    half = len(themed) // 2
    pages.append(["2. Chronology", f"2.1 During the period {PASSING[facts.passing]}.",
                  f"2.2 {facts.other_board} was told of the review.", *themed[:half]])  # fmt: skip
    pages.append(["3. Analysis", *themed[half:]])
    pages.append(["4. Findings", f"Finding 1: {facts.themes[0].replace('-', ' ').capitalize()}"])
    gold = {
        "file": f"pdf/sealed3-{number:03d}.pdf",
        "format": "pdf",
        "lscb": area,
        "lscb_full": board,
        "published": published,
        "child_ages_years": [age],
        "age_bands": list(age_bands((age,))),
        "review_type": review_type,
        "nation": nation,
        "themes": sorted(facts.themes),
        "traps": [date_form, board_form, age_form],
    }
    return gold, pages


def _draw(path: Path, pages: list[list[object]]) -> None:
    height = A4[1]
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, start=1):
        y = height - 90
        for line in lines:
            if isinstance(line, tuple):  # a two-column stretch
                _, left, right = line
                for row, (a, b) in enumerate(zip(left, right, strict=False)):
                    pdf.setFont("Helvetica", 10)
                    pdf.drawString(60, y - row * 14, a)
                    pdf.drawString(320, y - row * 14, b)
                y -= 14 * max(len(left), len(right)) + 6
                continue
            text = str(line)
            pdf.setFont("Helvetica-Bold" if number == 1 and y > height - 200 else "Helvetica", 10)
            if "\t" in text:
                for column, cell in enumerate(text.split("\t")):
                    pdf.drawString(60 + column * 150, y, cell)
            else:
                pdf.drawString(60, y, text[:95])
            y -= 15
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 40, f"Page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()


#: How a family of drawn reports makes its report ``number``: its gold and its pages of lines.
DrawnReport = Callable[[int, int], tuple[dict[str, object], list[list[object]]]]


def drawn(report: DrawnReport) -> WriteReport:
    """A family's report writer that draws ``report``'s pages at the gold's ``file``."""

    def write_one(number: int, seed: int, out: Path) -> dict[str, object]:
        gold, pages = report(number, seed)
        _draw(out / str(gold["file"]), pages)
        return gold

    return write_one


def write_family(out: Path, count: int = 48, seed: int = SEED) -> Path:
    """Write ``count`` reports and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, drawn(_report))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    return family_main(argv, __doc__, write_family, 48, SEED)


if __name__ == "__main__":
    sys.exit(main())
