"""The fifth sealed family: more ways reports say a child's age and a publication date.

    python -m bench.sealed_v5 --out /tmp/sealed-5 [--count 30]
    python -m bench.eval_metadata --corpus /tmp/sealed-5 --show-errors

Written on 2026-12-03 after the fourth family's rules were in, and committed
before it was first measured (docs/METADATA.md). Ages: "He was 15 at the time
of his death", the age in the sentence after the one that names the child
("Child D lived with her father. She was 9 when …"), "a 15 year-old", "15
years of age", "then aged 3", "Child D (16 years)", "died, aged 15, in …".
Dates: "published by the Partnership: 12 May 2019", "Published (online): …",
"Published: May 12th, 2019", "Date published 12th May, 2019", "Published in
the spring of 2019" (a season: the year), "Published – 12 May 2019".
"""

from __future__ import annotations

import random
import sys
import textwrap
from pathlib import Path

from ingest.model import age_bands

from .sealed import family_main, write_reports
from .sealed_grammar import AREA_OF, MONTHS, NUMBER_WORDS, PASSING, THEME_TEXT, Facts, facts_for, ordinal
from .sealed_v3 import drawn

SEED = 20261207

AGE_FORMS = ["at-the-time-of-death", "pronoun-next-sentence", "year-old-mixed", "years-of-age", "then-aged",
             "paren-years", "died-aged"]  # fmt: skip
DATE_FORMS = ["published-by-colon", "published-online", "us-order-ordinal", "comma-before-year", "season",
              "dash"]  # fmt: skip


def _age(form: str, name: str, rng: random.Random) -> tuple[float, str]:
    years = rng.randint(2, 16)
    pronoun = rng.choice(["He", "She"])
    possessive = "his" if pronoun == "He" else "her"
    if form == "at-the-time-of-death":
        return float(
            years
        ), f"{name} lived with {possessive} mother. {pronoun} was {years} at the time of {possessive} death."
    if form == "pronoun-next-sentence":
        return float(
            years
        ), f"{name} lived with {possessive} father. {pronoun} was {years} when the incident happened."
    if form == "year-old-mixed":
        return float(years), f"{name}, a {years} year-old, had been known to services since birth."
    if form == "years-of-age":
        return float(years), f"{name} was {NUMBER_WORDS[years]} years of age at the time of the incident."
    if form == "then-aged":
        return float(
            years
        ), f"In the months before the incident {name}, then aged {years}, moved school twice."
    if form == "paren-years":
        return float(
            years
        ), f"The review concerns {name} ({years} years), who lived with {possessive} grandmother."
    return float(years), f"{name} died, aged {years}, in hospital after a short illness went untreated."


def _date(form: str, year: int, rng: random.Random, word: str) -> tuple[str, list[str], str]:
    """(gold date at printed precision, cover lines, an introduction sentence)."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    name, iso = MONTHS[month - 1], f"{year}-{month:02d}-{day:02d}"
    if form == "published-by-colon":
        return iso, [f"Report published by the {word}: {day} {name} {year}"], ""
    if form == "published-online":
        return iso, [f"Published (online): {day} {name} {year}"], ""
    if form == "us-order-ordinal":
        return iso, [f"Published: {name} {ordinal(day)}, {year}"], ""
    if form == "comma-before-year":
        return iso, [f"Date published {ordinal(day)} {name}, {year}"], ""
    if form == "season":
        season = rng.choice(["spring", "summer", "autumn", "winter"])
        return str(year), [], f"This report was published in the {season} of {year}."
    return iso, [f"Published – {day} {name} {year}"], ""


def _report(number: int, seed: int) -> tuple[dict[str, object], list[list[object]]]:
    facts = facts_for(number, seed)
    rng = random.Random(SEED + number)
    board = facts.board
    word = "Partnership" if "Partnership" in board else "Committee" if "Committee" in board else "Board"
    age_form = AGE_FORMS[number % len(AGE_FORMS)]
    date_form = DATE_FORMS[(number // len(AGE_FORMS) + number) % len(DATE_FORMS)]
    child = facts.children[0].name
    age, age_sentence = _age(age_form, child, rng)
    published, cover_dates, pub_sentence = _date(date_form, facts.year, rng, word)
    title = f"{facts.type_label}: {child}"
    intro = ["1. Introduction", f"1.1 This review was commissioned by {board}."]
    if pub_sentence:
        intro.append(f"1.2 {pub_sentence}")
    intro.append(f"1.3 {age_sentence}")
    pages = wrapped([[board, title, *cover_dates], intro,
                     *later_pages(facts, "2.2 The mother, who was 23, asked the GP for help with housing.")])  # fmt: skip
    gold = one_child_gold(
        f"pdf/sealed5-{number:03d}.pdf", facts, published, age, [date_form, "cover", age_form]
    )
    return gold, pages


def later_pages(facts: Facts, chronology: str) -> list[list[object]]:
    """A report's chronology (its second line ``chronology``), analysis and findings, themes in them."""
    themed = [THEME_TEXT[t][i] for i in range(4) for t in facts.themes]
    half = len(themed) // 2
    return [
        ["2. Chronology", f"2.1 During the period {PASSING[facts.passing]}.", chronology, *themed[:half]],
        ["3. Analysis", *themed[half:]],
        ["4. Findings", f"Finding 1: {facts.themes[0].replace('-', ' ').capitalize()}"],
    ]


def wrapped(pages: list[list[object]]) -> list[list[object]]:
    """Pages whose lines are wrapped as a word processor would (the drawing cuts a line at 95)."""
    return [[part for line in page for part in (textwrap.wrap(str(line), 88) or [""])] for page in pages]


def one_child_gold(
    file: str, facts: Facts, published: str, age: float, traps: list[str]
) -> dict[str, object]:
    """The gold of a drawn report about one child, whose board is printed as the grammar chose."""
    return {
        "file": file,
        "format": "pdf",
        "lscb": AREA_OF[facts.board],
        "lscb_full": facts.board,
        "published": published,
        "child_ages_years": [age],
        "age_bands": list(age_bands((age,))),
        "review_type": facts.review_type,
        "nation": facts.nation,
        "themes": sorted(facts.themes),
        "traps": traps,
    }


def write_family(out: Path, count: int = 30, seed: int = SEED) -> Path:
    """Write ``count`` reports and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, drawn(_report))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    return family_main(argv, __doc__, write_family, 30, SEED)


if __name__ == "__main__":
    sys.exit(main())
