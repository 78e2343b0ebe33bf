"""A sealed family of reports with known outlines: headings, their sections, recommendations.

    python -m bench.sections_family --out /tmp/sections [--count 40] [--seed 20261203]
    python -m bench.eval_sections --corpus /tmp/sections --show-errors

Written and committed before it was first measured (docs/SEARCH.md gives the first figures and
the later ones). Each report draws a layout (numbered headings, headings set only in a larger
font with a contents page, headings in capitals, "Section N:" headings, numbered sub-headings,
HTML ``<h2>``/``<h3>``, HTML bold paragraphs, Welsh bilingual headings), a wording for each part
of the review from the lists below, sub-headings (episodes, findings, topics of its own), decoys
(short numbered paragraphs, table cells) and recommendations as labels, numbers, letters or
bullets, one of them running across a page break. The gold gives each heading's text, section
and page, and each recommendation's number and whole text.
"""

from __future__ import annotations

import html as htmllib
import random
import sys
import textwrap
from pathlib import Path

from .sealed import family_main, write_reports

SEED = 20261203

#: How reports word each part's heading.
WORDINGS: dict[str, tuple[str, ...]] = {
    "summary": ("Introduction", "Executive summary", "Summary", "Overview of the case", "Introduction and context",
                "Why this review was carried out", "Circumstances that led to the review", "Purpose of this review"),
    "terms-of-reference": ("Terms of reference", "Methodology", "The review process", "Scope of the review",
                           "How the review was conducted", "Review methodology and process",
                           "Involvement of the family in the review", "Approach to this review"),
    "background": ("Background", "Family background", "The family", "About the child", "Family composition",
                   "The child's lived experience", "Pen picture of the child", "The child and the family"),
    "chronology": ("Chronology", "Key practice episodes", "Summary of agency involvement",
                   "Timeline of significant events", "History of professional involvement", "Key events",
                   "Narrative of events", "The facts of the case"),
    "analysis": ("Analysis", "Findings", "Analysis of practice", "Learning from this review", "Key findings",
                 "Appraisal of practice", "Key issues arising", "Themes and learning"),
    "good-practice": ("Good practice", "Examples of good practice", "What went well", "Effective practice",
                      "Strengths in practice", "Notable practice"),
    "recommendations": ("Recommendations", "Recommendations for the partnership", "Learning points",
                        "Improvement actions", "Recommendations to the Board", "Actions for the partnership"),
    "conclusions": ("Conclusions", "Conclusion", "Concluding remarks", "Final comments",
                    "Summary and conclusions"),
    "appendix": ("Appendix A: Glossary", "Appendix 1: Terms of reference", "Glossary", "References",
                 "Appendix B: Action plan", "Annex: Agencies involved"),
    "other": ("Acknowledgements", "The voice of the child", "Contributors to the review", "Note on language",
              "Publication and redaction"),
}  # fmt: skip
#: Welsh headings beside the English (a Welsh board's bilingual report).
WELSH: dict[str, str] = {
    "summary": "Cyflwyniad", "terms-of-reference": "Cylch gorchwyl", "background": "Cefndir",
    "chronology": "Cronoleg", "analysis": "Dadansoddiad", "good-practice": "Arfer da",
    "recommendations": "Argymhellion", "conclusions": "Casgliadau", "appendix": "Atodiad",
}  # fmt: skip
#: Sub-headings under analysis that name a topic of their own (their section is analysis).
TOPICS = ("Supervision and management oversight", "Working with fathers", "Hearing the child",
          "Responding to neglect", "Multi-agency meetings", "Professional curiosity",
          "Assessment of risk", "Health visiting contacts")  # fmt: skip
SENTENCES = (
    "The health visitor saw the family at home and recorded that the flat was cold.",
    "Practitioners did not always share what they knew with one another.",
    "The school raised concerns about attendance on several occasions.",
    "A referral was made to children's social care but was closed after a single visit.",
    "The mother told professionals that she was managing well and did not need support.",
    "Supervision records were brief and focused on tasks rather than reflection.",
    "The police attended the address following a report from a neighbour.",
    "The panel considered whether the threshold for a strategy discussion had been met.",
    "Records held by the GP practice showed missed appointments over many months.",
    "The review heard that staff felt unable to challenge the family's account.",
)
RECOMMENDATIONS = (
    "The Partnership should seek assurance that agencies record the details of every adult living in "
    "the household, including partners who are not the child's parent.",
    "All agencies should review their guidance on professional curiosity and include it in induction.",
    "Health visiting services should ensure that safer sleep advice is repeated when circumstances change.",
    "The Board should commission an audit of strategy discussions held in the last year.",
    "Children's social care should make sure that a case is not closed until the child has been seen alone.",
    "Schools should be invited to every child protection conference about a child on their roll.",
    "Supervision policies should require managers to review the whole history of the family before a "
    "plan is ended, and to record the reasons for their decision.",
    "Adult services should ask whether the people they support care for children.",
)

Line = tuple[str, float, bool]  # text, font size, bold


def _paragraphs(rng: random.Random, count: int, numbered: str | None, width: int = 90) -> list[Line]:
    lines: list[Line] = []
    for index in range(1, count + 1):
        body = " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        text = f"{numbered}.{index} {body}" if numbered else body
        lines += [(w, 10.0, False) for w in textwrap.wrap(text, width)]
    return lines


def _recommendation_lines(
    rng: random.Random, style: str, chosen: list[str], part: int
) -> tuple[list[Line], list[dict[str, object]]]:
    lines: list[Line] = [("The review makes the following recommendations:", 10.0, False)]
    gold = []
    letters = "abcdefgh"
    for index, text in enumerate(chosen, start=1):
        if style == "label":
            marker, number = f"Recommendation {index}: ", str(index)
        elif style == "numbered":
            marker, number = f"{index}. ", str(index)
        elif style == "paragraph":
            marker, number = f"{part}.{index} ", f"{part}.{index}"
        elif style == "letter":
            marker, number = f"({letters[index - 1]}) ", letters[index - 1]
        else:
            marker, number = "• ", None
        lines += [(w, 10.0, False) for w in textwrap.wrap(marker + text, 90)]
        gold.append({"number": number, "text": text})
    return lines, gold


def _parts(rng: random.Random) -> list[str]:
    parts = ["summary", "terms-of-reference", "background", "chronology", "analysis"]
    if rng.random() < 0.7:
        parts.append("good-practice")
    tail = ["conclusions", "recommendations"] if rng.random() < 0.5 else ["recommendations", "conclusions"]
    parts += tail
    if rng.random() < 0.4:
        parts.insert(rng.randint(1, len(parts) - 1), "other")
    parts.append("appendix")
    return parts


def _sub_headings(rng: random.Random, section: str) -> list[str]:
    if section == "chronology" and rng.random() < 0.7:
        label = rng.choice(("Episode", "Key practice episode", "Practice episode"))
        return [f"{label} {n}: {rng.choice(('January', 'March', 'June'))} 20{12 + n} to "
                f"{rng.choice(('May', 'August', 'December'))} 20{13 + n}" for n in range(1, rng.randint(2, 4))]  # fmt: skip
    if section == "analysis":
        if rng.random() < 0.5:
            return [f"Finding {n}: {t}" for n, t in enumerate(rng.sample(TOPICS, rng.randint(2, 3)), start=1)]
        return rng.sample(TOPICS, rng.randint(1, 3))  # sub-headings with no number or label
    return []


def _heading_text(rng: random.Random, section: str, welsh: bool) -> str:
    text = rng.choice(WORDINGS[section])
    if welsh and section in WELSH and rng.random() < 0.8:
        return f"{WELSH[section]} / {text}"
    return text


def compose(
    rng: random.Random, layout: str
) -> tuple[list[list[Line]], list[dict[str, object]], list[dict[str, object]]]:
    """Pages of lines (the first is the cover), the gold headings and the gold recommendations."""
    welsh = layout == "welsh"
    pages: list[list[Line]] = [[("Child Safeguarding Practice Review", 20.0, True), ("Child " + rng.choice("ABCDEFGHJK"), 16.0, True),
                                ("Published " + rng.choice(("March", "July", "October")) + " 2021", 12.0, False)]]  # fmt: skip
    headings: list[dict[str, object]] = []
    recs: list[dict[str, object]] = []
    current: list[Line] = []
    rec_style = rng.choice(("label", "numbered", "paragraph", "letter", "bullet"))
    for number, section in enumerate(_parts(rng), start=1):
        text = _heading_text(rng, section, welsh)
        if layout in ("numbered", "subnumbered", "welsh"):
            shown = f"{number}. {text}"
        elif layout == "section":
            shown = f"Section {number}: {text}"
        elif layout == "capitals":
            shown = text.upper()
        else:  # "font", "html-h", "html-bold": the heading is set apart only by its type
            shown = text
        if len(current) > 34 or rng.random() < 0.5:
            pages.append(current)
            current = []
        headings.append({"text": shown, "section": section, "page": len(pages) + 1})
        current.append((shown, 14.0, True))
        numbered = str(number) if layout in ("numbered", "subnumbered", "section", "welsh") else None
        if section == "recommendations":
            chosen = rng.sample(RECOMMENDATIONS, rng.randint(3, 6))
            lines, gold = _recommendation_lines(rng, rec_style, chosen, number)
            # the section starts low on a page, so a recommendation runs onto the next
            while len(current) < 44 - len(lines) // 2:
                current += _paragraphs(rng, 1, None)[:1]
            for line in lines:
                if len(current) >= 48:
                    pages.append(current)
                    current = []
                current.append(line)
            recs += gold
            continue
        current += _paragraphs(rng, rng.randint(1, 3), numbered)
        for index, sub in enumerate(_sub_headings(rng, section), start=1):
            shown_sub = f"{number}.{index} {sub}" if layout == "subnumbered" and not sub[0].isdigit() else sub
            if len(current) > 40:
                pages.append(current)
                current = []
            headings.append({"text": shown_sub, "section": section, "page": len(pages) + 1})
            current.append((shown_sub, 12.0, True))
            current += _paragraphs(
                rng, rng.randint(1, 2), f"{number}.{index}" if layout == "subnumbered" else None
            )
        if section == "background" and rng.random() < 0.5:  # a table whose cells are short lines
            current += [("Background", 9.0, False), ("Name", 9.0, False), ("Age", 9.0, False)]
    pages.append(current)
    return pages, headings, recs


def _contents(headings: list[dict[str, object]]) -> list[Line]:
    lines: list[Line] = [("Contents", 14.0, True)]
    for heading in headings:
        title = str(heading["text"])
        lines.append((f"{title} {'.' * max(4, 70 - len(title))} {heading['page']}", 10.0, False))
    return lines


def _pdf(path: Path, pages: list[list[Line]], with_contents: bool, headings: list[dict[str, object]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    if with_contents:
        for heading in headings:
            heading["page"] = int(heading["page"]) + 1  # type: ignore[call-overload]
        pages = [pages[0], _contents(headings), *pages[1:]]
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, start=1):
        y = A4[1] - 80
        for text, size, bold in lines:
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            pdf.drawString(60, y, text)
            y -= size * 1.45
        pdf.setFont("Helvetica", 8)
        pdf.drawString(260, 40, f"Page {number} of {len(pages)}")
        pdf.showPage()
    pdf.save()


def _html(path: Path, pages: list[list[Line]], bold_paragraphs: bool) -> None:
    body = []
    for lines in pages[1:]:
        paragraph: list[str] = []
        for text, size, bold in lines:
            if bold:
                if paragraph:
                    body.append(f"<p>{htmllib.escape(' '.join(paragraph))}</p>")
                    paragraph = []
                tag = "h2" if size >= 14 else "h3"
                body.append(f"<p><strong>{htmllib.escape(text)}</strong></p>" if bold_paragraphs
                            else f"<{tag}>{htmllib.escape(text)}</{tag}>")  # fmt: skip
            elif size < 10:
                body.append(f"<table><tr><td>{htmllib.escape(text)}</td></tr></table>")
            else:
                starts_item = (
                    text[:1] in "•(" or text.split(" ", 1)[0].rstrip(".:").replace(".", "").isdigit()
                )
                if paragraph and starts_item:
                    body.append(f"<p>{htmllib.escape(' '.join(paragraph))}</p>")
                    paragraph = []
                paragraph.append(text)
        if paragraph:
            body.append(f"<p>{htmllib.escape(' '.join(paragraph))}</p>")
    title = " ".join(t for t, _, _ in pages[0][:2])
    path.write_text(f"<!DOCTYPE html><html><head><title>{htmllib.escape(title)}</title></head><body><main>"
                    f"<h1>{htmllib.escape(title)}</h1>{''.join(body)}</main></body></html>", encoding="utf-8")  # fmt: skip


LAYOUTS = ("numbered", "font", "capitals", "section", "subnumbered", "html-h", "html-bold", "welsh")


def _write_one(number: int, seed: int, out: Path) -> dict[str, object]:
    rng = random.Random(seed * 1000 + number)
    layout = LAYOUTS[number % len(LAYOUTS)]
    pages, headings, recs = compose(rng, layout)
    if layout.startswith("html"):
        name = f"html/sections-{number:03d}.html"
        _html(out / name, pages, layout == "html-bold")
        for heading in headings:
            heading["page"] = None
    else:
        name = f"pdf/sections-{number:03d}.pdf"
        _pdf(out / name, pages, layout in ("font", "capitals") or rng.random() < 0.3, headings)
    return {"file": name, "layout": layout, "headings": headings, "recommendations": recs}


def write_family(out: Path, count: int = 40, seed: int = SEED) -> Path:
    """Write ``count`` reports and their ``gold.json`` under ``out``."""
    return write_reports(out, count, seed, _write_one)


def main(argv: list[str] | None = None) -> int:
    """Write the family."""
    return family_main(argv, __doc__, write_family, 40, SEED)


if __name__ == "__main__":
    sys.exit(main())
