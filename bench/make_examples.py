"""Write the sample reports in ``examples/`` (fictional cases, written for this project).

Run ``python -m bench.make_examples`` after changing them; the output is committed
so that a fresh clone can be tried without any generator dependency.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parent.parent / "examples"
WIDTH, HEIGHT = A4


def _pdf(name: str, cover: list[tuple[str, float]], sections: list[str], header: str, title: str) -> None:
    pdf = canvas.Canvas(str(OUT / name), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("casereviews examples")
    y = HEIGHT - 160
    for text, size in cover:
        pdf.setFont("Helvetica-Bold" if size > 12 else "Helvetica", size)
        pdf.drawCentredString(WIDTH / 2, y, text)
        y -= size * 2.2
    pdf.showPage()
    lines: list[str] = []
    for section in sections:
        for paragraph in section.strip().split("\n\n"):
            lines += [*textwrap.wrap(" ".join(paragraph.split()), 90), ""]
    per_page = 46
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    total = len(pages) + 1
    for number, page in enumerate(pages, start=2):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, HEIGHT - 40, header)
        pdf.drawCentredString(WIDTH / 2, 40, f"Page {number} of {total}")
        pdf.setFont("Helvetica", 10)
        y = HEIGHT - 80
        for line in page:
            pdf.drawString(60, y, line)
            y -= 14.5
        pdf.showPage()
    pdf.save()


BABY_Q = [
    """1. Introduction

    1.1 In March 2015 the Bexley Safeguarding Children Board agreed that the circumstances of
    Baby Q met the criteria for a serious case review set out in Regulation 5 of the Local
    Safeguarding Children Boards Regulations 2006.

    1.2 Baby Q, aged 4 months, died in hospital after being found unresponsive at home. Mother,
    aged 20, was the main carer. Father, aged 23, lived in the household for most of the period
    under review.

    1.3 The review was carried out under Working Together to Safeguard Children 2013 and has had
    regard to the Children Act 1989.""",
    """2. Key practice episodes

    2.1 The midwife identified concerns at booking and made a timely referral to the pre-birth
    assessment team. The assessment relied on what the parents said and did not test their
    ability to sustain the changes they described.

    2.2 Practitioners noted disguised compliance: appointments were kept, but advice about safer
    sleeping was not followed. The health visitor recorded that the Moses basket was still in
    its packaging.

    2.3 There was poor information sharing between the GP, the health visitor and children's
    social care. The police knew of two domestic abuse call-outs that were not passed to the
    health visitor.""",
    """3. Findings

    3.1 Finding 1: Information sharing. Key information was held by different agencies, and no
    single agency had the full picture of the risks to Baby Q.

    3.2 Finding 2: The unseen male. Father was rarely seen by professionals and his history of
    violence was not known to the health visitor.

    3.3 Finding 3: Safer sleeping advice was treated as a task to be completed at a single visit
    rather than a conversation to be returned to as circumstances changed.""",
    """4. Recommendations

    4.1 The Board should seek assurance that information sharing protocols are understood by
    front-line staff in all agencies.

    4.2 Agencies should make sure that fathers and other men in the household are included in
    assessments.""",
]

CHILD_H = [
    """1. Introduction

    1.1 The Leeds Safeguarding Children Partnership carried out a rapid review in June 2020, and
    the safeguarding partners agreed that a local child safeguarding practice review should be
    undertaken in line with Working Together to Safeguard Children 2018.

    1.2 Child H was aged fifteen when she was admitted to hospital following an assault. Her
    older brother, aged 19, lived elsewhere.""",
    """2. Analysis

    2.1 Child H had been going missing overnight and returning with new clothes and a mobile
    telephone that her mother had not bought. These are recognised indicators of child sexual
    exploitation.

    2.2 Records held by Wakefield Safeguarding Children Partnership showed that an older sibling
    had been the subject of a child protection plan there.

    2.3 Information sharing between the school, the police and children's social care was
    delayed, and the multi-agency child exploitation meeting discussed Child H on five occasions
    without agreeing a plan.""",
    """3. Learning

    3.1 Contextual safeguarding approaches were at an early stage of development in the area
    during the period under review.

    3.2 Professionals should be professionally curious when a young person's presentation
    changes, and should share information early.""",
]


def _html(name: str, title: str, site: str, date: str, paragraphs: list[str], charset: str = "utf-8") -> None:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="{charset}">
<title>{title} | {site}</title>
<meta name="DC.date.issued" content="{date}">
</head><body>
<div class="cookie-banner"><p>We use cookies to make this site work.</p><button>Accept</button></div>
<header class="site-header"><a href="/">{site}</a>
<nav><a href="/">Home</a> <a href="/reviews">Case reviews</a></nav></header>
<main><h1>{title}</h1><p class="byline">Published {date}</p>{body}</main>
<aside class="sidebar"><h2>Other reviews</h2>
<p>Child C SCR – published 12 March 2013 (a 2-year-old girl)</p></aside>
<footer class="site-footer">© {site}</footer>
</body></html>
"""
    (OUT / name).write_bytes(html.encode(charset))


def main() -> None:
    """Write every example into ``examples/``."""
    OUT.mkdir(exist_ok=True)
    _pdf(
        "bexley-scr-baby-q.pdf",
        [("BEXLEY SAFEGUARDING CHILDREN BOARD", 14), ("Serious Case Review", 24), ("Baby Q", 18),
         ("Independent reviewer: A. Example", 11), ("Date of publication: 14th March 2016", 11)],
        BABY_Q,
        "Bexley SCR – Baby Q – CONFIDENTIAL",
        "Microsoft Word - Baby Q overview FINAL.docx",
    )  # fmt: skip
    _pdf(
        "leeds-lcspr-child-h.pdf",
        [("Leeds Safeguarding Children Partnership", 14), ("Local Child Safeguarding Practice Review", 22),
         ("Child H", 18), ("Published: 2 September 2021", 11)],
        CHILD_H,
        "Leeds Safeguarding Children Partnership",
        "LCSPR Child H",
    )  # fmt: skip
    _html(
        "devon-scr-child-p.html",
        "Child P SCR",
        "Devon Safeguarding Children Board",
        "2017-04-27",
        [
            "The Devon Safeguarding Children Board agreed that the circumstances of Child P met the "
            "criteria for a serious case review.",
            "Child P was a 2-year-6-month-old boy when he was admitted to hospital with injuries that "
            "were not consistent with the explanation given. Mother’s partner, aged 29, had moved into "
            "the household shortly before.",
            "The review found that information sharing between the nursery and the health visitor was "
            "informal and that the unseen male partner was never assessed.",
        ],
        charset="windows-1252",
    )
    _html(
        "norfolk-scr-child-t.html",
        "Child T SCR",
        "Norfolk Safeguarding Children Board",
        "2014-07-31",
        [
            "The Norfolk Safeguarding Children Board agreed that the circumstances of Child T met the "
            "criteria for a serious case review.",
            "Child T, aged 8, lived with Mother in rented accommodation. Neglect was recognised late: the "
            "home conditions were described as poor on many occasions, yet each visit was treated as new.",
            "Agencies used the graded care profile only once, and the start-again syndrome meant that the "
            "history was not used to inform the current assessment.",
        ],
    )


if __name__ == "__main__":
    main()
