"""Outlines: headings found in several layouts, mapped to the fixed vocabulary; recommendations."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from builders import body_page, make_html, make_pdf

from ingest import extract, read_outline
from ingest.section_names import section_of

PARA = (
    "The health visitor saw the family at home and recorded that the flat was cold and that the "
    "baby was sleeping in a car seat; the advice given was not recorded in the notes."
)


def _outline(*pages: str, paged: bool = True, hints: str = ""):
    return read_outline(list(pages), paged, hints)


def _pairs(outline) -> list[tuple[str, str]]:
    return [(h.text, h.section) for h in outline.headings]


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Executive Summary", "summary"),
        ("1. Introduction and context", "summary"),
        ("Reasons for this review", "summary"),
        ("Why the review was commissioned", "summary"),
        ("Cyflwyniad / Introduction", "summary"),
        ("2.  Terms of Reference and Methodology", "terms-of-reference"),
        ("How the review was undertaken", "terms-of-reference"),
        ("Involvement of the family", "terms-of-reference"),
        ("Cylch gorchwyl", "terms-of-reference"),
        ("Family composition", "background"),
        ("The children and their family", "background"),
        ("Pen picture of Child D", "background"),
        ("Cefndir", "background"),
        ("Key Practice Episodes", "chronology"),
        ("Summary of agency involvement", "chronology"),
        ("Timeline of significant events", "chronology"),
        ("History of professional involvement", "chronology"),
        ("Analysis of key issues", "analysis"),
        ("Findings and recommendations", "analysis"),
        ("Practice and organisational learning", "analysis"),
        ("Dadansoddiad", "analysis"),
        ("What worked well", "good-practice"),
        ("Examples of effective practice", "good-practice"),
        ("Recommendations for the safeguarding partners", "recommendations"),
        ("Learning points", "recommendations"),
        ("Improving systems and practice", "recommendations"),
        ("Argymhellion / Recommendations", "recommendations"),
        ("Summary and conclusions", "conclusions"),
        ("Concluding comments", "conclusions"),
        ("Casgliadau", "conclusions"),
        ("Appendix 2: Glossary of terms", "appendix"),
        ("Annex A – Agencies involved", "appendix"),
    ],
)
def test_each_part_is_known_by_its_many_names(heading: str, section: str) -> None:
    assert section_of(heading) == section


@pytest.mark.parametrize(
    "heading",
    ["Acknowledgements", "The voice of the child", "Hearing the child", "Note on language",
     "Publication and redaction", "Learning Review", "Contributors"],
)  # fmt: skip
def test_a_heading_the_vocabulary_does_not_know_stays_other(heading: str) -> None:
    assert section_of(heading) == "other"


def test_numbered_headings_and_the_parts_they_open() -> None:
    outline = _outline(
        "1. Introduction\n1.1 " + PARA[:80] + "\nthe baby.\n2. Key practice episodes\n"
        "Episode 1: May 2019 to June 2019\n2.1 " + PARA[:80] + "\n",
        "3. Findings\n3.1 Supervision\nThe review found that supervision was rare.\n"
        "4. Acknowledgements\nThe author thanks the family.\n",
    )
    assert _pairs(outline) == [
        ("1. Introduction", "summary"),
        ("2. Key practice episodes", "chronology"),
        ("Episode 1: May 2019 to June 2019", "chronology"),
        ("3. Findings", "analysis"),
        ("3.1 Supervision", "analysis"),  # a sub-heading takes its part's section
        ("4. Acknowledgements", "other"),  # a top heading the vocabulary does not know
    ]
    assert [h.level for h in outline.headings] == [1, 1, 2, 1, 2, 1]
    assert [h.page for h in outline.headings] == [1, 1, 1, 2, 2, 2]


def test_a_sub_heading_naming_a_part_inside_its_words_stays_in_its_part() -> None:
    text = "\n".join(textwrap.wrap(PARA, 88))
    outline = _outline(
        f"5. Analysis\n5.1 Hearing the child\n{text}\n5.2 Delays in the review process\n{text}\n"
        f"5.3 Recommendations made earlier\n{text}\n"
    )
    assert _pairs(outline) == [
        ("5. Analysis", "analysis"),
        ("5.1 Hearing the child", "analysis"),
        ("5.2 Delays in the review process", "analysis"),  # "review process" is not where it starts
        ("5.3 Recommendations made earlier", "recommendations"),  # it opens with a part's name
    ]


def test_numbered_paragraphs_are_not_headings() -> None:
    wide = (
        "2. Background\n2.1 The Safeguarding Board for Northern Ireland commissioned the review after the\n"
    )
    narrow = (
        "3. Background\n3.1 Child P lived with his mother, who was\nknown to the service.\n"
        "3.2 The Safeguarding Board for Northern\nIreland asked the reviewer to consider the\n"
        "arrangements for sharing information with\nschools across the region in detail.\n"
        "3.3 On 27/08/2016 a notification was received\n"
    )
    assert _pairs(_outline(wide)) == [("2. Background", "background")]
    assert _pairs(_outline(narrow)) == [("3. Background", "background")]


def test_unnumbered_headings_by_their_words_and_capitals_but_not_the_cover() -> None:
    outline = _outline(
        "Serious Case Review\nLearning Review\nOverview Report\n",
        "EXECUTIVE SUMMARY\n" + PARA + "\nRecommendations\n1. Agencies should share information.\n",
    )
    assert _pairs(outline) == [("EXECUTIVE SUMMARY", "summary"), ("Recommendations", "recommendations")]


def test_a_table_of_short_cells_is_not_a_heading() -> None:
    outline = _outline("Cover", "1. Introduction\n" + PARA + "\nBackground\nName\nAge\nMother\n34\n")
    assert _pairs(outline) == [("1. Introduction", "summary")]


def test_a_contents_page_names_headings_that_are_only_short_lines(tmp_path: Path) -> None:
    outline = _outline(
        "Child Practice Review",
        "Contents\nThe child's world ........ 3\nWorking with fathers ........ 4\n",
        "The child's world\n" + PARA + "\nWorking with fathers\n" + PARA + "\n",
    )
    assert [h.text for h in outline.headings] == ["The child's world", "Working with fathers"]
    assert [h.page for h in outline.headings] == [3, 3]


def test_headings_set_in_a_larger_type_in_a_real_pdf(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "review.pdf",
        [
            [("Child Safeguarding Practice Review", 22.0), ("Child K", 16.0)],
            [("The child's world", 16.0), *body_page(PARA, PARA), ("Working with fathers", 13.0),
             *body_page(PARA), ("Background", 10.0), "Name", "Age"],
            [("What we recommend", 16.0), *body_page(PARA), ("Recommendations", 13.0), *body_page(PARA)],
        ],
    )  # fmt: skip
    outline = extract(pdf).outline
    assert _pairs(outline) == [
        ("The child's world", "background"),
        ("Working with fathers", "background"),  # smaller type: a sub-heading of the child's world
        ("What we recommend", "other"),
        ("Recommendations", "recommendations"),
    ]
    assert [h.level for h in outline.headings] == [1, 2, 1, 2]


def test_html_headings_from_their_tags_and_bold_paragraphs(tmp_path: Path) -> None:
    page = make_html(
        tmp_path / "review.html",
        title="Child Practice Review: Child K",
        body=(
            "<h2>Circumstances resulting in the review</h2><p>" + PARA + "</p>"
            "<h2>Timeline of significant events</h2>"
            "<h3>Episode 1: May 2012 to June 2012</h3><p>" + PARA + "</p>"
            "<table><tr><th>Summary of finding</th></tr></table>"
            "<h2>Effective practice</h2><p>" + PARA + "</p>"
            "<table><tr><td>Effective practice</td></tr></table>"
            "<p><strong>Improving systems and practice</strong></p><ol><li>Agencies should meet.</li></ol>"
        ),
    )
    assert _pairs(extract(page).outline) == [
        ("Circumstances resulting in the review", "summary"),
        ("Timeline of significant events", "chronology"),
        ("Episode 1: May 2012 to June 2012", "chronology"),
        ("Effective practice", "good-practice"),  # once: the table cell repeating it is no heading
        ("Improving systems and practice", "recommendations"),
    ]


def test_bold_paragraphs_all_alike_still_put_a_labelled_episode_under_its_part(tmp_path: Path) -> None:
    page = make_html(
        tmp_path / "review.html",
        title="Learning Review: Baby E",
        body=(
            "<p><strong>Key events</strong></p><p>" + PARA + "</p>"
            "<p><strong>Episode 2: June 2012 to July 2012</strong></p><p>" + PARA + "</p>"
            "<p><strong>Acknowledgements</strong></p><p>" + PARA + "</p>"
        ),
    )
    assert _pairs(extract(page).outline) == [
        ("Key events", "chronology"),
        ("Episode 2: June 2012 to July 2012", "chronology"),
        ("Acknowledgements", "other"),
    ]


def test_recommendations_by_label_number_letter_or_bullet() -> None:
    labelled = _outline(
        "9. Recommendations\nThe review makes the following recommendations:\n"
        "9.1 Recommendation 1: The Partnership should audit strategy\ndiscussions.\n"
        "Recommendation 2 – Schools should be invited to conferences:\n• for every child on their roll\n"
        "10. Conclusions\nThe end.\n"
    )
    assert [(r.number, r.text) for r in labelled.recommendations] == [
        ("1", "The Partnership should audit strategy discussions."),
        ("2", "Schools should be invited to conferences: • for every child on their roll"),
    ]
    numbered = _outline(
        "9. Recommendations\n9.1 The panel makes the following recommendations:\n9.2 Agencies should share.\n"
        "9.3 Managers should\nreview plans.\nRecommendations for health\n9.4 Midwives should ask.\n"
    )
    assert [(r.number, r.text) for r in numbered.recommendations] == [
        ("9.2", "Agencies should share."),
        ("9.3", "Managers should review plans."),  # the sub-heading after it is not its text
        ("9.4", "Midwives should ask."),
    ]
    lettered = _outline("Learning points\n(a) Listen to the child.\n(b) Record fathers.\n")
    assert [r.number for r in lettered.recommendations] == ["a", "b"]
    bullets = _outline("Improvement actions\n• Listen to the child.\n• Record fathers.\n")
    assert [(r.number, r.text) for r in bullets.recommendations] == [
        (None, "Listen to the child."),
        (None, "Record fathers."),
    ]


def test_a_recommendation_across_a_page_break_is_one_whole_item() -> None:
    outline = _outline(
        "8. Recommendations\n1. Health visitors should repeat safer sleep\nadvice when",
        "circumstances change, and record it.\n2. Schools should attend conferences.\n",
    )
    first = "Health visitors should repeat safer sleep advice when circumstances change, and record it."
    assert [(r.number, r.text, r.page) for r in outline.recommendations] == [
        ("1", first, 1),
        ("2", "Schools should attend conferences.", 2),
    ]


def test_recommendation_labels_inside_one_paragraph_split_it() -> None:
    text = (
        "Recommendations\nThe review recommends as follows: Recommendation 1: Agencies should share. "
        "Recommendation 2: Managers should review plans. As Recommendation 3 of 2015 said, it matters.\n"
    )
    outline = _outline(text, paged=False)
    assert [(r.number, r.text) for r in outline.recommendations] == [
        ("1", "Agencies should share."),
        ("2", "Managers should review plans. As Recommendation 3 of 2015 said, it matters."),
    ]
    assert all(r.page is None for r in outline.recommendations)


def test_no_recommendations_outside_a_recommendations_section() -> None:
    outline = _outline("5. Findings\n1. Agencies did not share.\n2. Managers did not review plans.\n")
    assert outline.recommendations == ()
    assert outline.sections == ("analysis",)
    assert _outline("No headings here at all, just a paragraph of text.").sections == ("other",)


def test_the_section_map_places_every_offset_and_round_trips() -> None:
    outline = _outline("Cover\n\n1. Findings\nText.\n2. Recommendations\n1. Share.\n")
    where = outline.section_map()
    first, second = (h.start for h in outline.headings)
    assert [where.section_at(o) for o in (0, first - 1, first, second - 1, second, 10**9)] == [
        "other", "other", "analysis", "analysis", "recommendations", "recommendations",
    ]  # fmt: skip
    assert where.stretches({"recommendations"}) == [(second, 1 << 62)]
    assert where.stretches({"analysis", "other"}) == [(0, first), (first, second)]
    assert type(where).from_json(where.to_json()) == where
    assert [where.section_at(h.start) for h in outline.headings] == [outline.section_at(h.start)
                                                                     for h in outline.headings]  # fmt: skip
