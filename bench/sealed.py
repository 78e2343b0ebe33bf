"""Write the sealed family: reports from :mod:`bench.sealed_grammar`, with their ``gold.json``.

    python -m bench.sealed --out /tmp/sealed [--count 48] [--seed 20261203]
    python -m bench.eval_metadata --corpus /tmp/sealed --show-errors

The family is *sealed*: its grammar was written and committed before it was
first measured, and the rules were not changed in between. Its first and later
figures are in docs/METADATA.md. The gold is in the shared corpora's format, so
``bench.eval_metadata`` reads it as it reads ``dev`` and ``dev-b``.
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from ingest.model import age_bands

from .sealed_grammar import (
    FINDING_HEADINGS,
    NUMBER_WORDS,
    PASSING,
    THEME_TEXT,
    WEB,
    WELSH_NAMES,
    Facts,
    facts_for,
)

SEED = 20261203
#: How an anonymised report names its own board: by its kind alone.
_GENERIC = {
    "england": "The Local Safeguarding Children Board",
    "wales": "The Regional Safeguarding Board",
    "scotland": "The Child Protection Committee",
    "northern-ireland": "The Safeguarding Board",
}
_ONE_NATION_TYPES = {
    "child-practice-review": "wales",
    "significant-case-review": "scotland",
    "case-management-review": "northern-ireland",
}


def _subject_title(facts: Facts) -> str:
    names = [c.name for c in facts.children]
    if len(names) == 1:
        return names[0]
    if all(n.startswith("Child ") for n in names):
        letters = [n.split()[1] for n in names]
        return "Children " + ", ".join(letters[:-1]) + " and " + letters[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _board_word(facts: Facts) -> str:
    for word in ("Partnership", "Committee", "Board"):
        if word in facts.board:
            return word
    return "Board"


def _publication(facts: Facts) -> tuple[list[str], str, str]:
    """(cover lines, an introduction sentence, a running-footer text) that print the date."""
    text, form, word = facts.published_text, facts.date_form, _board_word(facts)
    if form == "cover-label":
        return [f"Published: {text}" if facts.number % 2 else f"Date of publication: {text}"], "", ""
    if form == "dots":
        return [f"Date of publication: {text}"], "", ""
    if form == "website-sentence":
        return [], f"This report was published on the {word}'s website on {text}.", ""
    if form == "first-published-by":
        return [], f"This review was first published by the {word} on {text}.", ""
    if form == "abbreviated-month":
        return [f"Published {text}"], "", ""
    if form == "iso":
        return [f"Publication date: {text}"], "", ""
    if form == "month-year-cover":
        return [text], "", ""
    if form == "two-digit-year":
        return [f"Published: {text}"], "", ""
    if form == "welsh-label":
        return [f"Dyddiad cyhoeddi / Date of publication: {text}"], "", ""
    if form == "published-in-month":
        return [], f"This overview report was published in {text}, with the {word}'s response.", ""
    return [], "", f"Published {text}"  # footer-only


def _children_sentences(facts: Facts) -> tuple[list[str], list[list[str]]]:
    """(introduction sentences, table rows) that give the subject children's ages."""
    kids, form, n = facts.children, facts.age_form, facts.number
    sentences: list[str] = []
    rows: list[list[str]] = []
    count = NUMBER_WORDS[len(kids)]
    if form == "siblings-sentence":
        if n % 2:
            listed = (
                ", ".join(f"{c.name} ({c.printed})" for c in kids[:-1])
                + f" and {kids[-1].name} ({kids[-1].printed})"
            )
            sentences.append(f"This review concerns {count} siblings, {listed}.")
        else:
            listed = "; ".join(f"{c.name}, aged {c.printed}" for c in kids)
            sentences.append(
                f"The review considers the circumstances of {count} children in one family: {listed}."
            )
    elif form == "siblings-each":
        names = " and ".join(c.name for c in kids)
        sentences.append(f"The review considers the experiences of {names}, who lived with their mother.")
        for c in kids:
            sentences.append(f"At the time of the incident {c.name} was {c.printed} old.")
    elif form in ("composition-table", "siblings-table"):
        pseudonym = "Referred to in this report as" if n % 2 else "Name"
        header = (
            "Age at the time"
            if n % 3 == 0
            else "Age when the incident occurred"
            if n % 3 == 1
            else "Age at time of death"
        )
        rows.append([pseudonym, "Relationship", header, "Ethnicity"])
        for c in kids:
            rows.append([c.name, "Subject", c.printed, "White British"])
        rows.append(["Mother", "Mother", "27 years", "White British"])
        if len(kids) == 1:
            rows.append(["Sibling 1", "Half-sister", "4 years", "White British"])
        rows.append(["Mr Y", "Mother's partner", "31 years", "White Other"])
        who = " and ".join(c.name for c in kids)
        sentences.append(f"The family members are shown in the table below; the review is about {who}.")
    elif form.startswith("two-dates"):
        c = kids[0]
        if form == "two-dates":
            sentences.append(f"{c.name} was born on {c.born} to a mother who was then 19.")
            sentences.append(
                f"On {c.incident} {c.name} was taken to hospital by ambulance and died two days later."
            )
        else:
            rows.append(["Name", c.name])
            rows.append(["D.O.B.", c.born])
            rows.append(["Date of incident", c.incident])
            rows.append(["Mother's D.O.B.", "3-Feb-95"])
            sentences.append(f"The details of {c.name} are given in the table below.")
    else:  # single-sentence
        c = kids[0]
        if n % 2:
            sentences.append(
                f"{c.name} was {c.printed} old when the incident that led to this review happened."
            )
        else:
            sentences.append(
                f"This review concerns {c.name}, who was aged {c.printed} when admitted to hospital."
            )
    return sentences, rows


def _theme_lines(facts: Facts) -> tuple[list[str], list[str]]:
    """(findings headings, paragraphs spread over the body) for the themes the report discusses."""
    headings = [FINDING_HEADINGS[facts.themes[0]]]
    # interleaved, so each theme is discussed on both body pages
    paragraphs = [THEME_TEXT[theme][i] for i in range(4) for theme in facts.themes]
    return headings, paragraphs


def _slug(facts: Facts) -> str:
    kind = {"england": "scp", "wales": "safeguardingboard", "scotland": "childprotection"}.get(
        facts.nation, ""
    )
    return WEB.format(slug=re.sub(r"[^a-z]", "", facts.area.lower()) + kind) if facts.area else ""


def compose(facts: Facts) -> dict[str, object]:
    """The report's parts as text: cover lines, body paragraphs, tables, header/footer, last page."""
    title = f"{facts.type_label}: {_subject_title(facts)}"
    cover_dates, pub_sentence, footer_date = _publication(facts)
    board_on_cover = facts.board_form == "cover"
    word = _board_word(facts)
    cover: list[tuple[str, float]] = []
    if board_on_cover:
        if facts.bilingual and facts.board in WELSH_NAMES:
            cover.append((WELSH_NAMES[facts.board], 14))
        cover.append((facts.board, 14))
    cover += [(title, 22), ("Overview Report", 14)]
    cover += [(line, 12) for line in cover_dates]
    if facts.number % 3 == 0:
        cover.append((f"Report completed: {['May', 'October'][facts.number % 2]} {facts.year - 1}", 10))
    intro = []
    if board_on_cover:
        the = "the " if facts.board.startswith("Safeguarding") else ""
        intro.append(
            f"This review was commissioned by {the}{facts.board} under the statutory guidance of the time."
        )
    elif facts.board_form == "anonymous":
        intro.append(
            "The names of the area and of the agencies involved have been removed to protect the family."
            if facts.number % 2
            else f"{_GENERIC[facts.nation]} agreed that the criteria for a review were met."
        )
    else:
        intro.append(f"The {word} commissioned this review and appointed an independent reviewer.")
    if pub_sentence:
        intro.append(pub_sentence)
    child_sentences, table = _children_sentences(facts)
    intro += child_sentences
    headings, theme_paragraphs = _theme_lines(facts)
    body = [
        "Working Together to Safeguard Children 2018 sets out the purpose of a review of this kind.",
        f"{facts.other_board} shared records from the time the family lived in that area.",
        f"The mother, aged 24, moved to the area in {facts.year - 3} with her partner, who was 30.",
        f"On 14 March {facts.year - 2} the health visitor recorded a missed appointment.",
        f"During the period {PASSING[facts.passing]}.",
        *theme_paragraphs,
    ]
    last = ["Further information"]
    if facts.board_form == "web-address-only":
        last.append(f"This report and the response to it can be found at {_slug(facts)}")
    elif facts.board_form == "copyright-only":
        last.append(f"© {facts.board} {facts.year}")
    else:
        last.append("Copies of this report are available from the business unit.")
    footer = facts.board if facts.board_form == "footer-only" else ""
    return {
        "title": title,
        "cover": cover,
        "intro": intro,
        "table": table,
        "headings": headings,
        "body": body,
        "last": last,
        "footer": " | ".join(x for x in (footer, footer_date) if x),
    }


def _pdf(path: Path, parts: dict[str, object]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    height = A4[1]
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setTitle(str(parts["title"]))
    pages: list[list[tuple[str, float, bool]]] = [[(t, s, False) for t, s in parts["cover"]]]  # type: ignore[attr-defined]

    def paragraphs(number: str, items: list[str]) -> list[tuple[str, float, bool]]:
        lines: list[tuple[str, float, bool]] = []
        for index, item in enumerate(items, start=1):
            wrapped = textwrap.wrap(f"{number}.{index} {item}", 88)
            lines += [(w, 10.0, False) for w in wrapped] + [("", 10.0, False)]
        return lines

    intro = [("1. Introduction", 14.0, True), *paragraphs("1", parts["intro"])]  # type: ignore[arg-type]
    table = parts["table"]
    if table:
        intro += [("Family composition" if len(table[0]) > 2 else "Details", 12.0, True)]  # type: ignore[index]
        intro += [("\t".join(row), 9.0, False) for row in table]  # type: ignore[union-attr]
    pages.append(intro)
    body = parts["body"]
    half = len(body) // 2  # type: ignore[arg-type]
    pages.append([("2. Background and chronology", 14.0, True), *paragraphs("2", body[:half])])  # type: ignore[index]
    pages.append([("3. Analysis", 14.0, True), *paragraphs("3", body[half:])])  # type: ignore[index]
    findings = [(h, 12.0, True) for h in parts["headings"]]  # type: ignore[attr-defined]
    findings += paragraphs("4", ["The panel's findings and the learning from them are set out above."])
    pages.append([("4. Findings", 14.0, True), *findings])
    pages.append([(parts["last"][0], 14.0, True), *[(t, 10.0, False) for t in parts["last"][1:]]])  # type: ignore[index]
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        y = height - 90
        for text, size, bold in lines:
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            if "\t" in text:
                for column, cell in enumerate(text.split("\t")):
                    pdf.drawString(60 + column * 125, y, cell[:26])
            else:
                pdf.drawString(60, y, text)
            y -= size * 1.5
        pdf.setFont("Helvetica", 8)
        if number > 1:
            footer = parts["footer"] or "CONFIDENTIAL"
            pdf.drawString(60, 40, f"{footer}    Page {number} of {total}")
        pdf.showPage()
    pdf.save()


def _html(path: Path, facts: Facts, parts: dict[str, object]) -> None:
    site = facts.board if facts.board_form == "cover" else "Reviews and learning"
    paras = [*parts["intro"], *parts["body"], *parts["headings"]]  # type: ignore[misc]
    table = "".join(
        "<tr>" + "".join(f"<td>{htmllib.escape(c)}</td>" for c in row) + "</tr>"
        for row in parts["table"]  # type: ignore[attr-defined]
    )
    dates = "".join(f"<p class='date'>{htmllib.escape(t)}</p>" for t, s in parts["cover"] if s == 12)  # type: ignore[attr-defined]
    foot = " ".join(htmllib.escape(t) for t in parts["last"][1:])  # type: ignore[index]
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{htmllib.escape(str(parts["title"]))}</title></head>
<body><header><div class="site">{htmllib.escape(site)}</div><nav>Home | About us | Reviews | Contact</nav></header>
<main><h1>{htmllib.escape(str(parts["title"]))}</h1>{dates}
{"".join(f"<p>{htmllib.escape(p)}</p>" for p in paras)}
<table>{table}</table></main>
<aside><h2>Related reviews</h2><p>Child Practice Review: Child Q, aged 4 months. Published 3 June 2015.</p></aside>
<footer><p>{foot}</p></footer></body></html>"""
    path.write_text(page, encoding="utf-8")


def gold_of(facts: Facts, file: str) -> dict[str, object]:
    """The gold record in the shared corpora's format."""
    ages = [c.age_years for c in facts.children]
    traps = [facts.date_form, facts.board_form, facts.age_form]
    return {
        "file": file,
        "format": "html" if facts.html else "pdf",
        "lscb": facts.area,
        "lscb_full": facts.board if facts.area else None,
        "published": facts.published,
        "child_ages_years": ages,
        "age_bands": list(age_bands(tuple(ages))),
        "review_type": facts.review_type,
        # an anonymous report's nation is known only from a review type that one nation alone uses
        "nation": facts.nation if facts.area else _ONE_NATION_TYPES.get(facts.review_type),
        "themes": sorted(facts.themes),
        "traps": traps,
    }


#: How a family writes its report ``number`` under the folder given: it returns the report's gold.
WriteReport = Callable[[int, int, Path], dict[str, object]]


def write_reports(out: Path, count: int, seed: int, write_one: WriteReport) -> Path:
    """Write a family's ``count`` reports with ``write_one``, and their ``gold.json``, under ``out``."""
    (out / "pdf").mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(parents=True, exist_ok=True)
    golds = [write_one(number, seed, out) for number in range(count)]
    (out / "gold.json").write_text(json.dumps(golds, indent=1))
    return out


def family_main(
    argv: list[str] | None, doc: str | None, write: Callable[..., Path], count: int, seed: int
) -> int:
    """A family's command line: ``--out DIR [--count N] [--seed S]``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=count)
    parser.add_argument("--seed", type=int, default=seed)
    args = parser.parse_args(argv)
    write(args.out, args.count, args.seed)
    print(f"{args.count} reports and gold.json in {args.out}")
    return 0


def _write_one(number: int, seed: int, out: Path) -> dict[str, object]:
    facts = facts_for(number, seed)
    parts = compose(facts)
    if facts.html:
        name = f"html/sealed-{number:03d}.html"
        _html(out / name, facts, parts)
    else:
        name = f"pdf/sealed-{number:03d}.pdf"
        _pdf(out / name, parts)
    return gold_of(facts, name)


def write_family(out: Path, count: int = 48, seed: int = SEED) -> Path:
    """Write ``count`` reports and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, _write_one)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    return family_main(argv, __doc__, write_family, 48, SEED)


if __name__ == "__main__":
    sys.exit(main())
