"""Generate realistic review reports at scale, deterministically from a seed.

Word-style PDFs (cover page, contents, numbered sections, running header and
"Page N of M" footer, family-composition and findings tables, some two-column
pages, sometimes a national-library cover sheet) and HTML pages with site
chrome. The prose is assembled from the vocabulary of real reviews — agencies,
practice themes, chronology entries — so term statistics resemble real reports,
not lorem ipsum. Every report's facts are written to ``corpus.json``.

    python -m bench.corpus --size small|medium|national [--seed 1] [--out DIR]

Sizes: small (50 reports, 5–30 pages, for CI), medium (500 reports) and
national (3,000 reports, about 150,000 pages), cached under
``~/.cache/casereviews-bench/`` (or ``$CASEREVIEWS_BENCH_CACHE``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import textwrap
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SIZES = {
    # reports, (min pages, max pages, median pages), share of HTML pages
    "tiny": (6, (3, 6, 4), 0.34),
    "small": (50, (5, 30, 10), 0.1),
    "medium": (500, (5, 180, 40), 0.1),
    "national": (3000, (5, 180, 40), 0.1),
}

AREAS = [
    "Bexley",
    "Bolton",
    "Leeds",
    "Devon",
    "Norfolk",
    "Wigan",
    "Kirklees",
    "Lancashire",
    "Suffolk",
    "Walsall",
    "Medway",
    "Torbay",
    "Sunderland",
    "Lewisham",
    "Stockport",
    "Wiltshire",
    "Knowsley",
    "Salford",
    "Kent",
    "Essex",
    "Surrey",
    "Sefton",
    "Derbyshire",
    "Cornwall",
    "Cumbria",
    "Hertfordshire",
    "Oxfordshire",
    "Birmingham",
    "Manchester",
    "Sheffield",
    "Bradford",
    "Coventry",
    "Nottinghamshire",
    "Hampshire",
    "Somerset",
    "Gloucestershire",
    "Lincolnshire",
    "Northumberland",
    "Dorset",
    "Rochdale",
]
AGENCIES = [
    "the health visitor", "the GP", "the school nurse", "the police", "children's social care",
    "the midwife", "CAMHS", "the housing provider", "the probation service", "early help",
    "the emergency department", "the nursery", "the school", "the substance misuse service",
]  # fmt: skip
THEMES = [
    "disguised compliance", "the start-again syndrome", "the unseen male", "safer sleeping advice",
    "child criminal exploitation", "information sharing", "professional curiosity", "escalation",
    "thresholds for intervention", "management oversight", "neglect", "domestic abuse",
    "parental mental health", "parental substance misuse", "the voice of the child",
    "pre-birth assessment", "missing episodes", "drift and delay", "home conditions",
    "contextual safeguarding", "the graded care profile", "think family practice",
]  # fmt: skip
EVENTS = [
    "visited the family home and recorded that the kitchen was dirty",
    "made a referral to children's social care about bruising",
    "attended a strategy discussion but did not receive the minutes",
    "closed the case after Mother declined further support",
    "noted that the child had missed two immunisation appointments",
    "recorded a domestic abuse incident at the address",
    "offered an appointment that was not attended",
    "shared a concern with the designated safeguarding lead",
    "completed a single assessment that relied on parental self-report",
    "did not see the child alone during the visit",
    "discussed the case in supervision without changing the plan",
    "received an anonymous report of shouting from the flat",
]  # fmt: skip
ANALYSIS = [
    "The review found that {theme} was not recognised as a pattern across agencies.",
    "Practitioners described {theme}, but the records show no plan to address it.",
    "There was insufficient {theme}, and each agency held only part of the picture.",
    "It is not possible to say that the incident could have been predicted, but {theme} meant missed opportunities.",
    "The panel considered that {theme} should have prompted escalation to a manager.",
    "Research on {theme} shows that professionals are often reassured by what they are told rather than what they see.",
    "{agency_cap} did not consider {theme} when the family moved to a new address.",
    "Learning from this review about {theme} applies to all agencies in the partnership.",
]  # fmt: skip
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True)
class Report:
    """The facts of one generated report (what a perfect extractor would read)."""

    file: str
    format: str
    pages: int | None
    lscb: str
    published: str
    child_ages: list[float]
    title: str


def _date_text(rng: random.Random, year: int) -> tuple[str, str]:
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 28)
    style = rng.randrange(3)
    if style == 0:
        return f"Date of publication: {day} {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}"
    if style == 1:
        return f"Published {day} {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}"
    return f"Date: {MONTHS[month - 1]} {year}", f"{year}-{month:02d}"


def _paragraph(rng: random.Random, child: str, number: str) -> str:
    sentences = []
    for _ in range(rng.randrange(3, 7)):
        if rng.random() < 0.45:
            agency = rng.choice(AGENCIES)
            day, month, year = rng.randrange(1, 28), rng.choice(MONTHS), rng.randrange(2008, 2020)
            sentences.append(f"On {day} {month} {year} {agency} {rng.choice(EVENTS)}.")
        else:
            template = rng.choice(ANALYSIS)
            agency = rng.choice(AGENCIES)
            sentences.append(
                template.format(theme=rng.choice(THEMES), agency_cap=agency[0].upper() + agency[1:])
            )
        if rng.random() < 0.2:
            sentences.append(f"For {child}, this meant that the risks were not seen as a whole.")
    return f"{number} " + " ".join(sentences)


def _body_lines(rng: random.Random, child: str, sections: int) -> list[str]:
    lines: list[str] = []
    for section in range(1, sections + 1):
        heading = rng.choice(["Key practice episode", "Analysis", "Findings", "Background", "Chronology"])
        lines += [f"{section + 3}. {heading} {section}", ""]
        for paragraph in range(1, rng.randrange(3, 7)):
            lines += [*textwrap.wrap(_paragraph(rng, child, f"{section + 3}.{paragraph}"), 92), ""]
    return lines


def _pdf(path: Path, rng: random.Random, facts: dict[str, object], pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    board, title, child = str(facts["board"]), str(facts["title"]), str(facts["child"])
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(f"Microsoft Word - {path.stem}.docx")
    number = 1
    if facts["library_sheet"]:
        pdf.setFont("Helvetica", 10)
        y = height - 90
        for line in (f"Title: {title}.", f"LSCB: {board}", "Author: Independent reviewer",
                     f"Date of publication: {str(facts['published'])[:4]}",
                     "This report was lodged with the national case review repository."):  # fmt: skip
            pdf.drawString(60, y, line)
            y -= 16
        pdf.showPage()
        number += 1
    y = height - 170
    for text, size in ((board.upper() if rng.random() < 0.3 else board, 14), ("Serious Case Review", 24),
                       (child, 18), (str(facts["subject_line"]), 11), (str(facts["date_line"]), 11)):  # fmt: skip
        pdf.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
        pdf.drawCentredString(width / 2, y, text)
        y -= size * 2.2
    pdf.showPage()
    intro = [
        "1. Introduction", "",
        *textwrap.wrap(f"1.1 In {rng.choice(MONTHS)} {int(str(facts['published'])[:4]) - 2} the {board} agreed "
                       f"that the circumstances of {child} met the criteria for a serious case review.", 92), "",
        *textwrap.wrap(f"1.2 {facts['age_sentence']} Mother, aged {rng.randrange(17, 40)}, was the main "
                       "carer throughout the period under review.", 92), "",
        *textwrap.wrap("1.3 The review has been carried out under Working Together to Safeguard Children "
                       "2013 and has had regard to the Children Act 1989.", 92), "",
    ]  # fmt: skip
    body = intro + _body_lines(rng, child, max(2, pages * 2))
    per_page = 48
    remaining = pages - number
    header = f"{board} – Serious Case Review – {child}"
    cursor = 0
    for page in range(remaining):
        current = number + page + 1
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, height - 36, header)
        pdf.drawCentredString(width / 2, 30, f"Page {current} of {pages}")
        pdf.setFont("Helvetica", 10)
        if page % 9 == 4:  # a findings table
            y = height - 80
            pdf.drawString(60, y, "No.   Finding                                                   Agency")
            for row in range(1, 12):
                y -= 28
                pdf.drawString(60, y, str(row))
                pdf.drawString(95, y, f"{rng.choice(THEMES).capitalize()} was not addressed")
                pdf.drawString(95, y - 12, f"when {rng.choice(EVENTS)[:40]}.")
                pdf.drawString(420, y, rng.choice(AGENCIES)[:24])
        elif page % 13 == 7:  # a two-column page
            left, right = body[cursor : cursor + per_page], body[cursor + per_page : cursor + 2 * per_page]
            cursor += 2 * per_page
            for column, lines in ((60, left), (width / 2 + 5, right)):
                y = height - 80
                for line in lines:
                    pdf.drawString(column, y, line[:46])
                    y -= 14.5
        else:
            lines = body[cursor : cursor + per_page]
            cursor += per_page
            y = height - 80
            for line in lines:
                pdf.drawString(60, y, line)
                y -= 14.5
        if cursor >= len(body):
            body += _body_lines(rng, child, 3)
        pdf.showPage()
    pdf.save()


def _html(path: Path, rng: random.Random, facts: dict[str, object]) -> None:
    board, child = str(facts["board"]), str(facts["child"])
    paragraphs = [
        f"The {board} agreed that the circumstances of {child} met the criteria for a serious case review.",
        str(facts["age_sentence"]),
        *(_paragraph(rng, child, "") for _ in range(rng.randrange(8, 20))),
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{child} SCR | {board}</title>'
        f'<meta name="DC.date.issued" content="{facts["published"]}"></head><body>'
        f'<div class="cookie-banner"><p>We use cookies.</p></div><header><a href="/">{board}</a>'
        '<nav><a href="/">Home</a></nav></header>'
        f"<main><h1>{child} SCR</h1>{body}</main>"
        '<aside class="sidebar"><p>Child Q SCR – published 3 March 2011</p></aside>'
        f"<footer>© {board}</footer></body></html>"
    )
    path.write_text(html, encoding="utf-8")


def _facts(rng: random.Random) -> dict[str, object]:
    area = rng.choice(AREAS)
    partnership = rng.random() < 0.25
    board = f"{area} Safeguarding Children {'Partnership' if partnership else 'Board'}"
    year = rng.randrange(2020, 2024) if partnership else rng.randrange(2008, 2020)
    date_line, published = _date_text(rng, year)
    letter = rng.choice("ABCDEFGHJKLMNPRSTW") + rng.choice(["", "", str(rng.randrange(1, 9))])
    kind = rng.random()
    if kind < 0.35:
        child, months = f"Baby {letter}", rng.randrange(1, 12)
        ages = [round(months / 12, 2)]
        age_sentence = f"{child}, aged {months} months, died after a collapse at home."
    else:
        child, years = f"Child {letter}", rng.randrange(1, 18)
        ages = [float(years)]
        age_sentence = f"{child}, aged {years}, lived with Mother in rented accommodation."
    return {
        "board": board,
        "published": published,
        "date_line": date_line,
        "child": child,
        "ages": ages,
        "age_sentence": age_sentence,
        "subject_line": f"Subject of the review: {child}",
        "title": f"Serious Case Review: {child}",
        "library_sheet": rng.random() < 0.1,
    }


def _page_count(rng: random.Random, low: int, high: int, median: int) -> int:
    value = int(rng.lognormvariate(math.log(median), 0.7))
    return max(low, min(high, value))


def _make(args: tuple[Path, int, int, str]) -> Report:
    out, seed, index, size = args
    rng = random.Random(seed * 1_000_003 + index)
    _, (low, high, median), html_share = SIZES[size]
    facts = _facts(rng)
    if rng.random() < html_share:
        path = out / f"review-{index:05d}.html"
        _html(path, rng, facts)
        pages = None
    else:
        path = out / f"review-{index:05d}.pdf"
        pages = _page_count(rng, low, high, median)
        _pdf(path, rng, facts, pages)
    published = str(facts["published"])
    if facts["library_sheet"] and path.suffix == ".pdf":
        published = published[:4]
    return Report(path.name, path.suffix[1:], pages, str(facts["board"]), published,
                  list(facts["ages"]), str(facts["title"]))  # type: ignore[arg-type]  # fmt: skip


def cache_dir() -> Path:
    """Where generated corpora are kept (outside the repository)."""
    base = os.environ.get("CASEREVIEWS_BENCH_CACHE") or Path.home() / ".cache" / "casereviews-bench"
    return Path(base)


def write_corpus(out: Path, make: Callable[[Any], Report], tasks: list[Any], jobs: int | None = None) -> Path:
    """Make every report of a corpus in ``out`` in parallel and record their facts in ``corpus.json``.

    A folder whose ``corpus.json`` exists is complete (it is written last) and is reused as it is.
    """
    manifest = out / "corpus.json"
    if manifest.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count()) as pool:
        reports = list(pool.map(make, tasks, chunksize=4))
    manifest.write_text(json.dumps([asdict(r) for r in reports], indent=1))
    return out


def generate(size: str, seed: int = 1, out: Path | None = None, jobs: int | None = None) -> Path:
    """Write the corpus (once: an existing complete corpus is reused) and return its folder."""
    out = out or cache_dir() / f"{size}-seed{seed}"
    return write_corpus(out, _make, [(out, seed, i, size) for i in range(SIZES[size][0])], jobs)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    folder = generate(args.size, args.seed, args.out)
    reports = json.loads((folder / "corpus.json").read_text())
    pages = sum(r["pages"] or 1 for r in reports)
    print(f"{folder}: {len(reports)} reports, {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
