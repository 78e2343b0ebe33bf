"""The fourth sealed family: board websites' review pages, in the markup such sites use.

    python -m bench.sealed_v4 --out /tmp/sealed-4 [--count 40]
    python -m bench.eval_metadata --corpus /tmp/sealed-4 --show-errors

Written on 2026-12-03 after the third family's rules were in, and committed
before it was first measured (docs/METADATA.md). Every report is an HTML page:
a breadcrumb trail, the board named only in the ``<title>`` ("Child F | Case
reviews | Gwent Safeguarding Board"), in the logo's ``alt`` text or in the
site's header; the date in a ``<time datetime>`` element, a byline ("Posted by
the Business Unit on 4 May 2021"), a "Last updated" line that is not the
publication date, or a details list (``<dl>``: "Published", "Age of child",
"Review type"); the child's age in a ``<dl>``, a table with ``<th>`` headers,
or a sentence; a sidebar of other reviews with their own dates and ages.
"""

from __future__ import annotations

import html
import random
import sys
from pathlib import Path

from ingest.model import age_bands

from .sealed import family_main, write_reports
from .sealed_grammar import AREA_OF, MONTHS, PASSING, THEME_TEXT, facts_for

SEED = 20261206

DATE_FORMS = ["time-element", "byline", "dl-published", "updated-and-published"]
BOARD_FORMS = ["title-only", "logo-alt", "header-text", "title-only"]
AGE_FORMS = ["dl-age", "th-table", "sentence-months", "sentence-years"]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _page(number: int, seed: int) -> tuple[dict[str, object], str]:
    facts = facts_for(number, seed)
    rng = random.Random(SEED + number)
    board, area = facts.board, AREA_OF[facts.board]
    year, month, day = facts.year, rng.randint(1, 12), rng.randint(1, 28)
    date_form = DATE_FORMS[number % len(DATE_FORMS)]
    # drawn, not cycled: cycles of one length would pair the same forms every time
    board_form = rng.choice(BOARD_FORMS)
    age_form = rng.choice(AGE_FORMS)
    child = facts.children[0].name
    title = f"{facts.type_label}: {child}"
    long_date = f"{day} {MONTHS[month - 1]} {year}"
    published = f"{year}-{month:02d}-{day:02d}"
    # ---- the age
    if age_form == "sentence-months" or (age_form == "dl-age" and rng.random() < 0.5):
        months = rng.randint(2, 11)
        age, age_text = round(months / 12, 2), f"{months} months"
    else:
        years = rng.randint(2, 16)
        age, age_text = float(years), f"{years} years"
    # ---- the date
    details: list[tuple[str, str]] = []
    date_html = ""
    if date_form == "time-element":
        date_html = f'<p class="meta">Published <time datetime="{published}">{_esc(long_date)}</time></p>'
    elif date_form == "byline":
        date_html = f'<p class="byline">Posted by the Business Unit on {_esc(long_date)}</p>'
    elif date_form == "dl-published":
        details.append(("Published", long_date))
    else:
        later = f"{day} {MONTHS[month % 12]} {year if month < 12 else year + 1}"
        date_html = (f'<p class="meta">Published: {_esc(long_date)}</p>'
                     f'<p class="updated">Last updated: {_esc(later)}</p>')  # fmt: skip
    details.append(("Review type", facts.type_label))
    # ---- the child
    body_age = ""
    if age_form == "dl-age":
        details.append(("Age of child", age_text))
    elif age_form == "th-table":
        body_age = (
            "<table><tr><th>Name</th><th>Relationship</th><th>Age at the time</th></tr>"
            f"<tr><td>{_esc(child)}</td><td>Subject</td><td>{age_text}</td></tr>"
            "<tr><td>Mother</td><td>Mother</td><td>26 years</td></tr></table>"
        )
    else:
        body_age = (
            f"<p>{_esc(child)} was {age_text} old when the incident that led to this review happened.</p>"
        )
    # ---- the board
    site_title = (
        f"{title} | Case reviews | {board}" if board_form == "title-only" else f"{title} | Case reviews"
    )
    header = ""
    if board_form == "logo-alt":
        header = f'<header><a href="/"><img src="/logo.png" alt="{_esc(board)} logo"></a></header>'
    elif board_form == "header-text":
        header = (
            f'<header><div class="site-name">{_esc(board)}</div><nav>Home | Reviews | Contact</nav></header>'
        )
    else:
        header = "<header><nav>Home | Reviews | Contact</nav></header>"
    themed = [THEME_TEXT[t][i] for i in range(4) for t in facts.themes]
    dl = "".join(f"<dt>{_esc(k)}</dt><dd>{_esc(v)}</dd>" for k, v in details)
    paragraphs = "".join(f"<p>{_esc(p)}</p>" for p in [
        "This review was commissioned when the criteria for a review were met.",
        f"During the period {PASSING[facts.passing]}.",
        f"{facts.other_board} was told of the review because the family had lived in its area.",
        *themed,
    ])  # fmt: skip
    other_year = year - 2
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_esc(site_title)}</title></head>
<body>{header}
<nav class="breadcrumb">Home &gt; Learning &gt; Case reviews &gt; {_esc(child)}</nav>
<main><article><h1>{_esc(title)}</h1>{date_html}<dl>{dl}</dl>{body_age}{paragraphs}
<h2>Findings</h2><p>Finding 1: {_esc(facts.themes[0].replace("-", " ").capitalize())}</p></article></main>
<aside class="related"><h2>Related reviews</h2><ul><li>Child Q – published 3 June {other_year}, aged 4 months</li>
<li>Child R – published 9 May {other_year}, aged 15</li></ul></aside>
<footer><p>Contact the business unit.</p></footer></body></html>"""
    gold = {
        "file": f"html/sealed4-{number:03d}.html",
        "format": "html",
        "lscb": area,
        "lscb_full": board,
        "published": published,
        "child_ages_years": [age],
        "age_bands": list(age_bands((age,))),
        "review_type": facts.review_type,
        "nation": facts.nation,
        "themes": sorted(facts.themes),
        "traps": [date_form, board_form, age_form],
    }
    return gold, page


def _write_one(number: int, seed: int, out: Path) -> dict[str, object]:
    gold, page = _page(number, seed)
    (out / str(gold["file"])).write_text(page, encoding="utf-8")
    return gold


def write_family(out: Path, count: int = 40, seed: int = SEED) -> Path:
    """Write ``count`` pages and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, _write_one)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    return family_main(argv, __doc__, write_family, 40, SEED)


if __name__ == "__main__":
    sys.exit(main())
