"""The second sealed family: the first family's facts, other wordings and a longer layout.

    python -m bench.sealed_v2 --out /tmp/sealed-2 [--count 48]
    python -m bench.eval_metadata --corpus /tmp/sealed-2 --show-errors

Written on 2026-12-03 after the first family's rules were in, and committed
before it was first measured (docs/METADATA.md has both measurements). Its
wordings are ones neither the labelled families nor the first sealed family
use: a weekday and "the … of" in dates, publication sentences with a policy or
an approval before the date, "Issued" and "Final report –" covers; ages said
with "just", "a seven year old girl", eldest-to-youngest lists, twins, years and
months together; a board's logo broken over three lines, a board after its kind
("… Partnership for Bradford District"), a board only in a foreword's signature;
ten-page reports whose themes are discussed over several pages and named once
in passing elsewhere.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from .sealed import _html, _pdf, _subject_title, family_main, gold_of, write_reports
from .sealed_grammar import AREA_OF, MONTHS, NUMBER_WORDS, PASSING, THEME_TEXT, Facts, facts_for, ordinal

SEED = 20261204
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

DATE_FORMS = ["weekday-label", "the-of", "policy-sentence", "approved-then-published", "issued-label",
              "final-report-dash", "first-published-updated", "month-comma-year"]  # fmt: skip
AGE_FORMS = ["just-days", "n-year-old-girl", "eldest-youngest", "twins", "years-and-months", "sex-and-age",
             "then-aged"]  # fmt: skip
BOARD_FORMS = ["logo-lines", "kind-then-area", "signature-only", "cover", "acronym-after"]


def _dates(facts: Facts, rng: random.Random, form: str) -> tuple[str | None, list[str], str]:
    """(gold date at printed precision, cover lines, an introduction sentence)."""
    year = facts.year
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    name = MONTHS[month - 1]
    iso = f"{year}-{month:02d}-{day:02d}"
    word = (
        "Partnership"
        if "Partnership" in facts.board
        else "Committee"
        if "Committee" in facts.board
        else "Board"
    )
    if form == "weekday-label":
        return iso, [f"Report published: {rng.choice(_WEEKDAYS)}, {ordinal(day)} {name} {year}"], ""
    if form == "the-of":
        return iso, [f"Publication date: the {ordinal(day)} of {name} {year}"], ""
    if form == "policy-sentence":
        return (
            f"{year}-{month:02d}",
            [],
            f"This review was published under the {word}'s publication policy in {name} {year}.",
        )
    if form == "approved-then-published":
        approved = f"{day} {MONTHS[(month - 2) % 12]} {year if month > 1 else year - 1}"
        return (
            iso,
            [],
            f"This report was approved by the {word} on {approved} and published on {day} {name} {year}.",
        )
    if form == "issued-label":
        return iso, [f"Issued: {day} {name} {year}"], ""
    if form == "final-report-dash":
        return f"{year}-{month:02d}", [f"Final Report – {name} {year}"], ""
    if form == "first-published-updated":
        later = f"{day} {MONTHS[month % 12]} {year if month < 12 else year + 1}"
        return iso, [f"First published: {day} {name} {year}. Updated: {later}"], ""
    return f"{year}-{month:02d}", [f"{name}, {year}"], ""  # month-comma-year


def _ages(facts: Facts, rng: random.Random, form: str) -> tuple[list[float], list[str]]:
    """(gold ages in years, introduction sentences)."""
    name = facts.children[0].name
    if form == "just-days":
        days = rng.randint(4, 26)
        return [round(days / 365.25, 2)], [f"{name} died aged just {days} days, at home."]
    if form == "n-year-old-girl":
        years = rng.randint(3, 15)
        return [float(years)], [
            f"{name} was a {NUMBER_WORDS[years]} year old girl who lived with her mother."
        ]
    if form == "eldest-youngest":
        a, b, c = rng.randint(11, 15), rng.randint(7, 10), rng.randint(2, 6)
        return [float(a), float(b), float(c)], [
            f"The review concerns three children. The eldest, Child A, was {a}; Child B was {b} and the youngest, "
            f"Child C, was {c}."
        ]
    if form == "twins":
        weeks = rng.randint(5, 12)
        return [round(weeks * 7 / 365.25, 2)] * 2, [f"This review is about twin boys, aged {weeks} weeks, who were "
                                                     "admitted to hospital with injuries."]  # fmt: skip
    if form == "years-and-months":
        years, months = rng.randint(1, 15), rng.randint(1, 11)
        return [round(years + months / 12, 2)], [
            f"At the time of the incident {name} was aged {years} years {months} months."
        ]
    if form == "sex-and-age":
        months = rng.randint(2, 11)
        return [round(months / 12, 2)], [f"{name} (male, {months} months) lived with his parents."]
    years = rng.randint(9, 17)
    return [float(years)], [
        f"{name}, then aged {years}, had been known to children's social care for a year."
    ]


def _board_lines(facts: Facts, form: str) -> tuple[list[tuple[str, float]], list[str], list[str]]:
    """(cover lines, foreword lines, introduction sentences) that print the board."""
    board = facts.board
    if form == "logo-lines":
        words = board.split()
        thirds = [" ".join(words[: len(words) // 3 or 1]), " ".join(words[len(words) // 3 or 1 : 2 * len(words) // 3]),
                  " ".join(words[2 * len(words) // 3 :])]  # fmt: skip
        return [(t, 14.0) for t in thirds if t], [], []
    if form == "kind-then-area" and facts.nation == "england":
        area = board.split(" Safeguarding")[0].split(" Local")[0]
        kind = board[len(area) :].strip()
        return [(f"{kind} for {area}", 14.0)], [], []
    if form == "signature-only":
        return [], [f"I commend this review to every agency. Signed: Independent Chair, {board}"], []
    if form == "acronym-after":
        letters = "".join(w[0] for w in board.split() if w[0].isupper())
        return [(f"{board} ({letters})", 12.0)], [], []
    return [(board, 14.0)], [], []


def compose_v2(facts: Facts, number: int) -> tuple[dict[str, object], dict[str, object]]:
    """The report's parts (as :func:`bench.sealed.compose` gives them) and its gold overrides."""
    rng = random.Random(SEED + number)
    date_form = DATE_FORMS[number % len(DATE_FORMS)]
    age_form = AGE_FORMS[(number * 3) % len(AGE_FORMS)]
    board_form = BOARD_FORMS[(number * 7) % len(BOARD_FORMS)]
    published, cover_dates, pub_sentence = _dates(facts, rng, date_form)
    ages, age_sentences = _ages(facts, rng, age_form)
    if age_form == "eldest-youngest":
        subject = "Children A, B and C"
    elif age_form == "twins":
        subject = "Twins G and H"
    else:  # one child: the first of the facts' children
        facts.children = facts.children[:1]
        subject = _subject_title(facts)
    title = f"{facts.type_label}: {subject}"
    cover_board, foreword, _ = _board_lines(facts, board_form)
    cover = [*cover_board, (title, 22.0), *[(line, 12.0) for line in cover_dates]]
    intro = ["This review was commissioned after the criteria for a review were met."]
    if pub_sentence:
        intro.append(pub_sentence)
    intro += age_sentences
    # the themes on several pages, and one named once elsewhere
    themed = [THEME_TEXT[t][i] for i in range(4) for t in facts.themes]
    body = [
        f"{facts.other_board} was told of the review because the family had lived in its area.",
        "Working Together to Safeguard Children (2018) sets out when such a review is needed.",
        f"In {facts.year - 2}, the mother, who was 26, registered the family with a new GP practice.",
        f"During the period {PASSING[facts.passing]}.",
        *themed,
    ]
    parts = {
        "title": title,
        "cover": cover,
        "intro": [*foreword, *intro] if foreword else intro,
        "table": [],
        "headings": [
            f"Finding {i + 1}: {t.replace('-', ' ').capitalize()}" for i, t in enumerate(facts.themes[:1])
        ],
        "body": body,
        "last": ["Further information", "Copies of this report are available from the business unit."],
        "footer": "",
    }
    gold = {"published": published, "child_ages_years": ages, "traps": [date_form, board_form, age_form]}
    return parts, gold


def _write_one(number: int, seed: int, out: Path) -> dict[str, object]:
    from ingest.model import age_bands

    facts = facts_for(number, seed)
    # every report here prints its board (where and how is this family's own choice)
    facts.board_form = "cover"
    facts.area = AREA_OF[facts.board]
    parts, override = compose_v2(facts, number)
    name = f"{'html' if facts.html else 'pdf'}/sealed2-{number:03d}.{'html' if facts.html else 'pdf'}"
    if facts.html:
        _html(out / name, facts, parts)
    else:
        _pdf(out / name, parts)
    gold = gold_of(facts, name)
    gold.update(override)
    gold["age_bands"] = list(age_bands(tuple(gold["child_ages_years"])))  # type: ignore[arg-type]
    return gold


def write_family(out: Path, count: int = 48, seed: int = SEED) -> Path:
    """Write ``count`` reports and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, _write_one)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    return family_main(argv, __doc__, write_family, 48, SEED)


if __name__ == "__main__":
    sys.exit(main())
