"""The sixth sealed family: ages, dates and board names in wordings the first five never used.

    python -m bench.sealed_v6 --out /tmp/sealed-6 [--count 42]
    python -m bench.eval_metadata --corpus /tmp/sealed-6 --show-errors

Written on 2026-12-05 after the fifth family's rules were in, and committed
before it was first measured (docs/METADATA.md). Ages: an age from a birthday
("three weeks after her 15th birthday", "had just turned 13"), "fifteen and a
half", "15yr old", "the 4 month old baby", "a fourteen-year-old", "a girl of
15"; each report also gives a parent's and an older sibling's age, which are
not the child's. Dates: an ISO date ("Publication date: 2019-05-12"), a Welsh
month on a Welsh report ("Dyddiad cyhoeddi: 12 Mai 2019"), "Final version for
publication: …", "Published on 12/05/2019", a report completed on one date and
published on another, "Sept." with a dot, and a date printed only in the
running footer of every page. Boards: "Local Safeguarding Children
Partnership" after an English area, an area named with a possessive in a
sentence ("on behalf of Rotherham's Safeguarding Children Partnership", with
no board on the cover), and a cover in capitals with "&" for "and".
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from .sealed import family_main, write_reports
from .sealed_grammar import (
    AREA_OF,
    MONTHS,
    NUMBER_WORDS,
    SHORT_MONTHS,
    facts_for,
    ordinal,
)
from .sealed_v3 import drawn
from .sealed_v5 import later_pages, one_child_gold, wrapped

SEED = 20261209

AGE_FORMS = ["birthday-after", "just-turned", "and-a-half", "yr-abbreviated", "months-old-unhyphenated",
             "words-hyphenated", "girl-of"]  # fmt: skip
DATE_FORMS = ["iso-label", "welsh-month", "final-version", "slash-on", "completed-then-published",
              "month-dot", "footer-only"]  # fmt: skip
BOARD_FORMS = ["cover", "local-partnership", "possessive-sentence", "capitals-ampersand"]

#: Welsh month names, as a Welsh-language cover prints them.
WELSH_MONTHS = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                "Hydref", "Tachwedd", "Rhagfyr"]  # fmt: skip


def _age(form: str, name: str, rng: random.Random) -> tuple[float, str]:
    """(the child's age in years, the sentence that gives it)."""
    years = rng.randint(3, 16)
    girl = rng.random() < 0.5
    pronoun, possessive = ("She", "her") if girl else ("He", "his")
    if form == "birthday-after":
        weeks = rng.choice(["three weeks", "a month", "two months", "a few days"])
        return float(years), f"{name} died {weeks} after {possessive} {ordinal(years)} birthday."
    if form == "just-turned":
        return float(
            years
        ), f"{name} had just turned {years} when {pronoun.lower()} moved to live with an aunt."
    if form == "and-a-half":
        return years + 0.5, f"At the time of the incident {name} was {NUMBER_WORDS[years]} and a half."
    if form == "yr-abbreviated":
        return float(years), f"{name}, a {years}yr old {'girl' if girl else 'boy'}, was found at home."
    if form == "months-old-unhyphenated":
        months = rng.randint(2, 11)
        return round(
            months / 12, 3
        ), f"The {months} month old baby, {name}, was taken to hospital by ambulance."
    if form == "words-hyphenated":
        return float(years), f"{name} was a {NUMBER_WORDS[years]}-year-old {'girl' if girl else 'boy'}."
    return float(years), f"The review is about {name}, a {'girl' if girl else 'boy'} of {years}."


def _date(form: str, year: int, nation: str, rng: random.Random) -> tuple[str, list[str], str, str]:
    """(gold date at printed precision, cover lines, an introduction sentence, the running footer)."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    name, iso = MONTHS[month - 1], f"{year}-{month:02d}-{day:02d}"
    if form == "iso-label":
        return iso, [f"Publication date: {iso}"], "", ""
    if form == "welsh-month" and nation == "wales":
        return iso, [f"Dyddiad cyhoeddi: {day} {WELSH_MONTHS[month - 1]} {year}"], "", ""
    if form in ("welsh-month", "slash-on"):
        return iso, [], f"This report was published on {day:02d}/{month:02d}/{year}.", ""
    if form == "final-version":
        return iso, [f"Final version for publication: {day} {name} {year}"], "", ""
    if form == "completed-then-published":
        completed = f"{MONTHS[month - 2]} {year}" if month > 1 else f"December {year - 1}"
        return iso, [f"Report completed: {completed}", f"Published: {ordinal(day)} {name} {year}"], "", ""
    if form == "month-dot":
        short = SHORT_MONTHS[month - 1]
        return iso, [f"Published {day} {name if short == name else short + '.'} {year}"], "", ""
    return f"{year}-{month:02d}", [], "", f"Published {name} {year}"


def _board_lines(form: str, board: str, area: str, nation: str, year: int) -> tuple[list[str], str]:
    """(the cover's board lines, the sentence naming the board in the introduction)."""
    commissioned = f"This review was commissioned by {board}."
    if form == "local-partnership" and nation == "england":
        local = f"{area} Local Safeguarding Children Partnership"
        return [local], f"This review was commissioned by {local}."
    if form == "possessive-sentence":
        kind = {"wales": "Safeguarding Board", "scotland": "Child Protection Committee",
                "northern-ireland": ""}.get(nation, "Safeguarding Children Partnership" if year >= 2019
                                            else "Safeguarding Children Board")  # fmt: skip
        if kind:
            return [], f"The review was carried out on behalf of {area}'s {kind}."
    if form == "capitals-ampersand":
        return [board.upper().replace(" AND ", " & ")], commissioned
    return [board], commissioned


def _report(number: int, seed: int) -> tuple[dict[str, object], list[list[object]]]:
    facts = facts_for(number, seed)
    rng = random.Random(SEED + number)
    board, area = facts.board, AREA_OF[facts.board]
    age_form = AGE_FORMS[number % len(AGE_FORMS)]
    date_form = DATE_FORMS[(number // len(AGE_FORMS) + number) % len(DATE_FORMS)]
    board_form = BOARD_FORMS[(number // 2) % len(BOARD_FORMS)]
    child = facts.children[0].name
    age, age_sentence = _age(age_form, child, rng)
    published, cover_dates, pub_sentence, footer = _date(date_form, facts.year, facts.nation, rng)
    cover_board, board_sentence = _board_lines(board_form, board, area, facts.nation, facts.year)
    title = f"{facts.type_label}: {child}"
    intro = ["1. Introduction", f"1.1 {board_sentence}"]
    if pub_sentence:
        intro.append(f"1.2 {pub_sentence}")
    intro += [
        f"1.3 {age_sentence}",
        f"1.4 {child}'s mother was 24 and {child}'s older brother, then aged 17, lived with them.",
    ]
    chronology = "2.2 The family's housing officer, who had known them for 6 years, raised concerns."
    pages = wrapped([[*cover_board, title, *cover_dates], intro, *later_pages(facts, chronology)])
    if footer:  # printed at the foot of every page, under the page's text
        pages = [[*page, "", f"{facts.type_label} | {footer}"] for page in pages]
    gold = one_child_gold(
        f"pdf/sealed6-{number:03d}.pdf", facts, published, age, [date_form, board_form, age_form]
    )
    return gold, pages


def write_family(out: Path, count: int = 42, seed: int = SEED) -> Path:
    """Write ``count`` reports and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, drawn(_report))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    return family_main(argv, __doc__, write_family, 42, SEED)


if __name__ == "__main__":
    sys.exit(main())
