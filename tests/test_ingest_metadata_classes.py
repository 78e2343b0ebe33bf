"""Metadata rules by class of phrasing: each class in several wordings written for this file.

The classes are those of docs/METADATA.md ("Classes of phrasing"): subjects named
only in the body, ages in details tables, sibling groups, the devolved nations'
boards and review types, publication dates beyond "Date of publication", website
sidebars, compound number words, anonymised reports.
"""

from __future__ import annotations

import pytest
from builders import make_html

from ingest import extract
from ingest.metadata import read_metadata
from ingest.metadata.ages import parse_age
from ingest.registry import RawDocument
from ingest.text import normalise_pages

FILLER = "The panel met on four occasions and read the agencies' chronologies."


def read(*pages: str, filename: str = "report.pdf"):
    """Metadata of a PDF-like document whose pages are given as text."""
    raw = RawDocument(format="pdf", pages=tuple(pages), info={})
    return read_metadata(raw, normalise_pages(pages), filename)


def ages_of(meta) -> list[float]:
    return sorted(meta.child_ages)


# ---------------------------------------------------------------- class 7: compound number words


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("thirty-one weeks", 31 * 7 / 365.25),
        ("twenty one months", 21 / 12),
        ("forty-five days", 45 / 365.25),
        ("Twenty-Two Months", 22 / 12),
        ("sixty days", 60 / 365.25),
        ("one year and eleven months", 1 + 11 / 12),
    ],
)
def test_compound_number_words_are_one_number(text, years):
    assert parse_age(text) == [pytest.approx(years, abs=0.001)]


@pytest.mark.parametrize(
    "sentence",
    [
        "1.2 Child Q was thirty-one weeks old when he died.",
        "1.2 Child Q, aged thirty-one weeks, died at home.",
        "1.2 Child Q, a thirty-one-week-old baby, was found unresponsive.",
        "1.2 Child Q died at the age of thirty one weeks.",
    ],
)
def test_compound_number_word_ages_are_not_read_as_their_last_word(sentence):
    meta = read("Rutland Safeguarding Children Board\nSerious Case Review: Child Q", sentence)
    assert ages_of(meta) == [pytest.approx(31 * 7 / 365.25, abs=0.01)]
    assert meta.age_bands == ("under-1",)


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("1.2 Child Q, aged two and a half, lived with his father.", 2.5),
        ("1.2 Child Q was 3½ years old when he was taken to hospital.", 3.5),
        ("1.2 Child Q, a 2½-year-old boy, was found at home.", 2.5),
        ("1.2 Child Q died at the age of one and a half years.", 1.5),
        ("1.2 Child Q, aged 1.5 years, attended nursery.", 1.5),
        ("1.2 Child Q was six and a half months old when she died.", 6.5 / 12),
    ],
)
def test_ages_with_a_half(sentence, years):
    meta = read("Rutland Safeguarding Children Board\nSerious Case Review: Child Q", sentence)
    assert ages_of(meta) == [pytest.approx(years, abs=0.01)]


# ---------------------------------------------------------------- class 1: subject named only in the body


@pytest.mark.parametrize(
    "introduction",
    [
        "1.1 This review is about a baby girl who is called Maisie in this report.\n"
        "1.2 Maisie was nine weeks old when she was admitted to hospital with a fractured skull.",
        "1.1 The review concerns a girl known as Maisie throughout this report. Maisie was 9 weeks "
        "old when she was taken to hospital.",
        "1.1 Maisie (not her real name) was nine weeks old when she died.",
        "1.1 Maisie's mother was 19 and Maisie's father was 23.\n"
        "1.2 Maisie was 9 weeks old when she was found unresponsive.",
        "1.2 Maisie was nine weeks old when she died in her parents' bed.",
    ],
)
def test_subject_named_only_in_the_body(introduction):
    meta = read("Serious Case Review\nOverview Report", introduction)
    assert ages_of(meta) == [pytest.approx(9 * 7 / 365.25, abs=0.01)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("1.2 Mr T was 34 years old when he was arrested.", None),
        ("1.2 Her mother was 17 years old when she was admitted to the unit.", None),
        ("1.2 The panel was 12 months old when it first met.", None),
    ],
)
def test_harm_statements_about_adults_and_things_give_no_age(sentence, expected):
    meta = read("Serious Case Review\nOverview Report", sentence)
    assert (meta.child_ages or None) == expected


def test_why_an_age_is_unknown_is_kept():
    meta = read("Serious Case Review\nChild B", "1.1 " + FILLER)
    assert meta.child_ages == ()
    assert meta.unresolved["child_ages"].reason == "no candidate found"


# ---------------------------------------------------------------- class 2: details tables and cover rows


@pytest.mark.parametrize(
    ("row", "years"),
    [
        ("Age at time of incident: 14 years", 14.0),
        ("Age at the time of the incident 13 weeks", 13 * 7 / 365.25),
        ("Age at death – 3 months", 0.25),
        ("Age:\n7 months", 7 / 12),
        ("Age at the time of the critical incident: 2 years 3 months", 2.25),
    ],
)
def test_age_in_a_cover_or_details_row(row, years):
    meta = read(f"Serious Case Review\nChild N\n{row}\nPublished May 2019", "1.1 " + FILLER)
    assert ages_of(meta) == [pytest.approx(years, abs=0.01)]


@pytest.mark.parametrize(
    "table",
    [
        "Relationship Name used in this report Age\nSubject of the review Child N twenty-one months\n"
        "Mother Ms N 24 years",
        "Family member Referred to as Age\nSubject Child N 21 months\nFather Mr P 30 years",
        "Subject of the review Child N Date of birth: 2nd March 2014\nDate of death: 2nd December 2015",
    ],
)
def test_subject_row_of_a_family_table(table):
    meta = read("Serious Case Review\nChild N", "3. The family\n" + table)
    assert ages_of(meta) == [pytest.approx(1.75, abs=0.02)]


def test_birth_and_death_rows_split_across_a_page_break():
    meta = read(
        "Serious Case Review\nChild N",
        "3. The family\nSubject of the review Child N Date of birth: 2nd March 2014",
        "Date of death: 2nd December 2015\nMother Ms N 24 years",
    )
    assert ages_of(meta) == [pytest.approx(1.75, abs=0.02)]


# ---------------------------------------------------------------- class 3: sibling groups


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        ("1.1 The review concerns three siblings, Tyler (10), Jade (7) and Mason (3), who were found alone.",
         [3, 7, 10]),
        ("1.1 This review is about four brothers and sisters: S1 (aged 12), S2 (aged 9), S3 (aged 4) and "
         "S4 (aged 18 months).", [1.5, 4, 9, 12]),
        ("1.1 The review concerns the two children of Family V, aged 6 and 2, who lived with their mother.",
         [2, 6]),
        ("1.1 The subjects of this review are Callum, aged 13, and his sister Abbie, aged 11.", [11, 13]),
    ],
)  # fmt: skip
def test_sibling_group_introduced_with_ages(sentence, ages):
    meta = read(
        "Serious Case Review\nFamily V\nExecutive Summary", sentence + "\nTheir mother, Ms V (31), ..."
    )
    assert ages_of(meta) == [pytest.approx(a, abs=0.02) for a in ages]


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Child Practice Review: Child D and Child E",
         "2. Child D, who was five, and his sister Child E, aged two, were found by police."),
        ("Learning Review: Children D and E",
         "2. Child D was five years old and Child E was two years old when they were found.\n"
         "3. Child D, aged 5, and Child E, aged 2, were then placed with foster carers."),
        ("Serious Case Review: Child D and Child E",
         "1.2 Child D (5) and his half-sister Child E (2) were left alone for two days."),
    ],
)  # fmt: skip
def test_each_named_subject_of_a_sibling_group_keeps_their_age(title, sentence):
    meta = read(f"{title}\nPublished 2019", sentence)
    assert ages_of(meta) == [2.0, 5.0]


def test_twins_sharing_one_age_are_two_ages():
    meta = read(
        "Practice Review: Twin A and Twin B", "1.2 The review concerns Twin A and Twin B, aged 6 weeks."
    )
    assert ages_of(meta) == [pytest.approx(6 * 7 / 365.25, abs=0.01)] * 2


def test_siblings_who_are_not_subjects_are_left_out():
    meta = read(
        "Serious Case Review: Child K",
        "1.2 The review concerns Child K, aged 4 months, and not her brothers, Sam (7) and Ted (5).",
    )
    assert ages_of(meta) == [pytest.approx(4 / 12, abs=0.01)]


# ---------------------------------------------------------------- class 4: devolved nations


@pytest.mark.parametrize(
    ("cover", "board", "review_type", "nation"),
    [
        ("Cwm Taf Safeguarding Board\nChild Practice Review\nCTSB 2/2016",
         "Cwm Taf Safeguarding Board", "child-practice-review", "wales"),
        ("Bwrdd Diogelu Gogledd Cymru\nNorth Wales Safeguarding Board\nAdolygiad Ymarfer Plant Estynedig\n"
         "Extended Child Practice Review\nBaby W",
         "North Wales Safeguarding Board", "child-practice-review", "wales"),
        ("Fife Child Protection Committee\nSignificant Case Review\nChild F",
         "Fife Child Protection Committee", "significant-case-review", "scotland"),
        ("East Lothian and Midlothian Public Protection Committee\nLearning Review\nBaby H",
         "East Lothian and Midlothian Public Protection Committee", "learning-review", "scotland"),
        ("Safeguarding Board for Northern Ireland\nCase Management Review\nChild M",
         "Safeguarding Board for Northern Ireland", "case-management-review", "northern-ireland"),
        ("Keeping Bristol Safe Partnership\nLocal Child Safeguarding Practice Review\nChild B",
         "Keeping Bristol Safe Partnership", "child-safeguarding-practice-review", "england"),
        ("Aberdeen City Child Protection Committee\nSignificant Case Review\nChild A",
         "Aberdeen City Child Protection Committee", "significant-case-review", "scotland"),
    ],
)  # fmt: skip
def test_devolved_boards_review_types_and_nations(cover, board, review_type, nation):
    meta = read(cover, "1.1 " + FILLER)
    assert (meta.lscb, meta.review_type, meta.nation) == (board, review_type, nation)
    assert meta.provenance["nation"].source == "board"


def test_bilingual_cover_keeps_the_english_title():
    meta = read(
        "Bwrdd Diogelu Cwm Taf\nCwm Taf Safeguarding Board\nAdolygiad Ymarfer Plant\nChild Practice Review\n"
        "Baby T\nDyddiad cyhoeddi: 3 Hydref 2017\nDate of publication: 3 October 2017",
        "1.1 " + FILLER,
    )
    assert "Bwrdd" not in (meta.title or "") and "Child Practice Review" in (meta.title or "")
    assert meta.published == "2017-10-03"


def test_welsh_only_publication_label_and_month():
    meta = read("Cwm Taf Safeguarding Board\nChild Practice Review\nDyddiad cyhoeddi: 14 Mawrth 2018", FILLER)
    assert meta.published == "2018-03-14"


@pytest.mark.parametrize(
    ("text", "review_type"),
    [
        ("1.1 This serious case review was commissioned in 2014. Earlier case management reviews in "
         "Northern Ireland were read.", "serious-case-review"),
        ("1.1 The Partnership decided that a local child safeguarding practice review should be held. "
         "Previous serious case reviews had found the same.", "child-safeguarding-practice-review"),
        ("1.1 The paramedics started CPR at the scene.", None),
    ],
)  # fmt: skip
def test_review_type_from_this_review_not_from_reviews_cited(text, review_type):
    meta = read("Overview Report\nChild J", text)
    assert meta.review_type == review_type


def test_nation_without_a_board_only_from_a_devolved_review_type():
    assert read("Significant Case Review\nChild S", FILLER).nation == "scotland"
    english = read("Serious Case Review\nChild S", FILLER)
    assert english.nation is None
    assert "board is unknown" in english.unresolved["nation"].reason


# ---------------------------------------------------------------- class 5: publication dates


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 12/05/2020", "2020-05-12"),
        ("Publication date: 30.01.2020", "2020-01-30"),
        ("Date published: 05/2019", "2019-05"),
        ("Published Spring 2017", "2017"),
        ("Summer 2020", "2020"),
        ("Published in Autumn 2016", "2016"),
        ("First published 4th November 2019", "2019-11-04"),
        ("Published date: 8 July 2021", "2021-07-08"),
        ("Date of publication: 08-07-2021", "2021-07-08"),
        ("Published: Tuesday 10 July 2018", "2018-07-10"),
    ],
)
def test_publication_date_forms(line, expected):
    meta = read(f"Hampshire Safeguarding Children Board\nSerious Case Review\n{line}", FILLER)
    assert meta.published == expected


@pytest.mark.parametrize(
    "line",
    [
        "Report completed: March 2018",
        "Presented to the LSCB: 14 March 2018",
        "Approved by the Board: 7 July 2016",
        "Version 3 – 12 September 2014",
        "Agreed by the safeguarding partners: October 2021",
    ],
)
def test_completed_presented_approved_and_version_dates_are_not_publication(line):
    meta = read(f"Hampshire Safeguarding Children Board\nSerious Case Review\n{line}", FILLER)
    assert meta.published is None


def test_date_only_in_the_running_footer():
    footer = "Lincolnshire Safeguarding Children Board | Serious Case Review | Published March 2019"
    pages = ["Serious Case Review\nOverview Report", *(f"{FILLER}\n{footer}" for _ in range(5))]
    meta = read(*pages)
    assert meta.published == "2019-03"
    assert meta.provenance["published"].source == "running-header"


@pytest.mark.parametrize(
    "closing",
    [
        "Publication\nThis report was published by the Partnership on 8\nDecember 2021.",
        "9.1 This overview report was published in May 2015.",
        "The review was first published on 2 February 2020, together with the board's response.",
    ],
)
def test_date_only_on_the_last_page(closing):
    pages = ["Serious Case Review\nChild Z", *([FILLER] * 18), closing]
    meta = read(*pages)
    assert meta.published is not None
    assert meta.provenance["published"].page == len(pages)


def test_sidebar_of_other_reviews_is_not_read(tmp_path):
    sidebar = (
        "<td class='col'><b>Recent reviews</b><ul><li>Child G (aged 11)<br>Published 20 January 2014</li>"
        "<li>Baby D (3 weeks old)<br>Published 4 October 2013</li></ul></td>"
    )
    html = (
        "<html><head><title>Child W | Sefton Safeguarding Children Board</title></head><body><table><tr>"
        f"{sidebar}<td><h1>Serious Case Review: Child W</h1><p>Published 2 March 2016</p>"
        "<p>Child W was 2 years old when he was admitted to hospital.</p></td></tr></table></body></html>"
    )
    path = tmp_path / "child-w.html"
    path.write_text(html)
    meta = extract(path).document.metadata
    assert (meta.published, meta.child_ages) == ("2016-03-02", (2.0,))


def test_related_reviews_box_after_the_article(tmp_path):
    path = make_html(
        tmp_path / "r.html",
        title="Serious Case Review: Child P",
        body="<p>Published 5 May 2018</p><p>Child P was 15 years old when she was found.</p>"
        "<div><h3>Related reviews</h3><p>Child Q (aged 3) – Published 1 June 2012</p></div>",
    )
    meta = extract(path).document.metadata
    assert meta.published == "2018-05-05"
    assert meta.child_ages == (15.0,)


# ---------------------------------------------------------------- anonymised reports


@pytest.mark.parametrize(
    "text",
    [
        "1.3 The names of the area and of the agencies involved have been removed from this version.",
        "[Area and agency names have been removed]",
        "1.1 In June 2013 the Local Safeguarding Children Board agreed that the criteria were met.",
        "1.1 The Safeguarding Children Partnership decided in May 2020 that a review was needed.",
    ],
)
def test_anonymised_report_is_anonymous(text):
    meta = read("Serious Case Review\nChild X", text)
    assert meta.lscb == "Anonymous"
    assert meta.nation is None


def test_named_board_is_not_anonymous_even_with_a_generic_mention():
    meta = read(
        "Leeds Safeguarding Children Partnership\nChild Safeguarding Practice Review",
        "1.1 The Safeguarding Children Partnership decided in May 2020 that a review was needed.",
    )
    assert meta.lscb == "Leeds Safeguarding Children Partnership"


@pytest.mark.parametrize(
    "text",
    [
        "1.1 This review concerns a boy called Kai in this report.\n1.2 Kai, aged 14 months, lived at home.",
        "1.1 The child, who will be known as Kai for this review, lived with his mother.\n"
        "1.3 Kai, aged 14 months, attended nursery.",
        "3. The family\nSubject of the review Kai 14 months\nMother Ms B 22 years",
        "3. The family\nSubject: Kai (aged 14 months)\nMother: Ms B (aged 22)",
    ],
)
def test_subject_named_for_the_report_then_aged(text):
    meta = read("Serious Case Review\nOverview Report", text)
    assert ages_of(meta) == [pytest.approx(14 / 12, abs=0.01)]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("1.1 This review concerns a 14-year-old girl, who will be called Child B in this report.", 14.0),
        ("1.2 On 3 May a 3-month-old baby, Child B, was admitted to hospital.", 0.25),
        ("1.1 The review is about a two-year-old boy known as Child B.", 2.0),
    ],
)
def test_an_age_before_the_person_it_describes(text, years):
    meta = read("Serious Case Review: Child B", text + " Her brother, a 9-year-old boy, was not harmed.")
    assert ages_of(meta) == [pytest.approx(years, abs=0.01)]


def test_an_age_before_someone_else_is_not_the_subjects():
    meta = read("Serious Case Review: Child B", "1.2 The family's lodger, a 17-year-old young man, moved in.")
    assert meta.child_ages == ()


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("1.2 Child D died suddenly when he was 7 weeks old.", 7 * 7 / 365.25),
        (
            "1.2 Child D was admitted to hospital because she was, at 14 years of age, severely underweight.",
            14.0,
        ),
        ("1.2 Child D's mother said she was 19 years old.", None),
        ("1.2 Child D lived with his father, who was 41 years old.", None),
        ("1.2 Child D stayed with Mr K; he was 35 years old.", None),
    ],
)
def test_a_pronoun_between_the_subject_and_the_age(sentence, years):
    meta = read("Serious Case Review: Child D", sentence)
    expected = [pytest.approx(years, abs=0.01)] if years else []
    assert ages_of(meta) == expected


@pytest.mark.parametrize(
    ("printed", "board"),
    [
        ("Rochdale Borough Safeguarding Children Board", "Rochdale Safeguarding Children Board"),
        ("Barnsley Metropolitan Borough Safeguarding Children Board", "Barnsley Safeguarding Children Board"),
        ("Durham County Safeguarding Children Board", "Durham Safeguarding Children Board"),
        ("Sandwell Children's Safeguarding Board", "Sandwell Safeguarding Children Board"),
        ("Nottingham City Safeguarding Children Board", "Nottingham City Safeguarding Children Board"),
    ],
)
def test_council_words_and_word_order_in_board_names(printed, board):
    assert read(f"{printed}\nSerious Case Review\nChild R", FILLER).lscb == board


def test_a_council_word_alone_is_no_area():
    meta = read("The Borough Safeguarding Children Board\nSerious Case Review\nChild R", FILLER)
    assert meta.lscb is None


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("1.2 Child R, 14, was found in a flat in another town.", 14.0),
        ("1.2 Child R, 3 months, was admitted to hospital.", 0.25),
        ("1.2 Child R, 15 January 2019, was the date of the incident.", None),
        ("1.2 Child R, 14 and her sister were seen.", None),
    ],
)
def test_an_age_set_off_by_commas_after_the_name(sentence, years):
    meta = read("Serious Case Review: Child R", sentence)
    assert ages_of(meta) == ([pytest.approx(years, abs=0.01)] if years else [])


# ---------------------------------------------------------------- more date labels and forms


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Report date: 14 March 2016", "2016-03-14"),
        ("Date of report: March 2016", "2016-03"),
        ("Date of final report – 2 June 2019", "2019-06-02"),
        ("Final report: September 2020", "2020-09"),
        ("March 2016 | Version 1.0", "2016-03"),
        ("June 2015 (final)", "2015-06"),
        ("Published on the 14th of March 2016", "2016-03-14"),
        ("Published: the 2nd of May 2018", "2018-05-02"),
    ],
)
def test_cover_date_labels_and_forms(line, published):
    meta = read(f"Leeds Safeguarding Children Board\nSerious Case Review: Child K\n{line}", FILLER)
    assert meta.published == published


@pytest.mark.parametrize(
    "line",
    ["Draft version 3 – 14 March 2016", "Date of incident: 14 March 2016", "Version 2 revised June 2015"],
)
def test_drafts_and_incidents_on_the_cover_are_not_publication(line):
    meta = read(f"Leeds Safeguarding Children Board\nSerious Case Review: Child K\n{line}", FILLER)
    assert meta.published is None


def test_a_publication_sentence_with_the_before_its_date():
    meta = read("Serious Case Review: Child K", "1.1 This report was published on the 3rd of June 2016.")
    assert meta.published == "2016-06-03"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("© Leeds Safeguarding Children Board 2016", "2016"),
        ("Copyright 2017 Leeds Safeguarding Children Partnership", "2017"),
        ("(c) Leeds SCB, 2014. All rights reserved.", "2014"),
    ],
)
def test_a_copyright_notice_gives_the_year_as_weak_evidence(line, published):
    meta = read(f"Leeds Safeguarding Children Board\nSerious Case Review: Child K\n{line}", FILLER)
    assert meta.published == published
    assert meta.provenance["published"].source == "copyright"
    assert meta.provenance["published"].score < 70  # queued for a librarian to check


def test_a_cover_month_outranks_a_copyright_year():
    cover = "Leeds Safeguarding Children Board\nSerious Case Review: Child K\nJune 2015\n© Leeds SCB 2015"
    assert read(cover, FILLER).published == "2015-06"


# ---------------------------------------------------------------- more age phrasings


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("1.1 At the age of 15, Child K was placed in foster care.", 15.0),
        ("1.1 At the age of seven months Child K was admitted to hospital.", 7 / 12),
        ("1.1 Child K's age at the time of his death was 6 weeks.", 6 * 7 / 365.25),
        ("1.1 Child K’s age when she went missing was fourteen.", 14.0),
        ("1.1 Child K's age is 16 years.", 16.0),
    ],
)
def test_age_said_before_the_name_or_as_the_subjects_age(sentence, years):
    meta = read("Serious Case Review: Child K", sentence)
    assert ages_of(meta) == [pytest.approx(years, abs=0.01)]


@pytest.mark.parametrize(
    "sentence",
    [
        "1.1 At the age of 35, her mother moved to the area with Child K.",
        "1.1 Mother's age at the time was 19 years.",
    ],
)
def test_someone_elses_age_is_not_the_subjects(sentence):
    assert ages_of(read("Serious Case Review: Child K", sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("1.1 The children were Amy (7) and Ben (5).", [5.0, 7.0]),
        ("1.1 The family: Child A, aged 7; Child B, aged 5.", [5.0, 7.0]),
        ("1.1 The family consisted of Child A (9), Child B (6) and Child C (18 months).", [1.5, 6.0, 9.0]),
        ("1.1 Their children are Child A (3) and Child B (1), and their mother, Ms R (24).", [1.0, 3.0]),
    ],
)
def test_children_introduced_with_their_ages(sentence, years):
    meta = read("Serious Case Review: Family K", sentence)
    assert ages_of(meta) == [pytest.approx(y, abs=0.01) for y in years]


# ---------------------------------------------------------------- the area after the board's kind


@pytest.mark.parametrize(
    ("printed", "board"),
    [
        ("Safeguarding Children Board for Rotherham", "Rotherham Safeguarding Children Board"),
        ("Local Safeguarding Children Board for the London Borough of Hackney",
         "Hackney Safeguarding Children Board"),
        ("The Safeguarding Children Partnership for Bexley", "Bexley Safeguarding Children Partnership"),
    ],
)  # fmt: skip
def test_a_board_named_kind_first(printed, board):
    assert read(f"{printed}\nSerious Case Review\nChild R", FILLER).lscb == board


def test_a_kind_followed_by_no_area_is_no_board():
    assert read("Safeguarding Children Board of Directors\nSerious Case Review\nChild R", FILLER).lscb is None


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("1.1 Child K was 16 when he died.", 16.0),
        ("1.1 Child K was fifteen when she was sexually exploited.", 15.0),
        ("1.1 Child K had just turned 13 when the incident happened.", 13.0),
        ("1.1 Young Person K was 17 when he was stabbed.", 17.0),
        ("1.1 Child K was 2 when the family moved; he died when he was 4 years old.", 4.0),
        ("1.1 Ms R was 17 when she was found to be pregnant with Child K.", None),
        ("1.1 By the time Child K was 14 she had been excluded from school.", None),
    ],
)
def test_a_bare_number_in_a_harm_statement_is_years(sentence, years):
    meta = read("Serious Case Review: Child K", sentence)
    assert ages_of(meta) == ([pytest.approx(years)] if years else [])


# ---------------------------------------------------------------- website post dates and details tables


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Posted on 12 July 2016", "2016-07-12"),
        ("Date added: 1 September 2017", "2017-09-01"),
        ("Added on 3 May 2019", "2019-05-03"),
        ("Date posted – March 2015", "2015-03"),
    ],
)
def test_a_websites_post_date_is_the_publication_date(tmp_path, line, published):
    page = make_html(
        tmp_path / "review.html",
        title="Serious Case Review: Child K",
        site="Wigan Safeguarding Children Partnership",
        body=f"<p>{line}</p><p>The partnership agreed that a serious case review was needed.</p>",
    )
    assert extract(page).document.published == published


@pytest.mark.parametrize(
    ("rows", "years"),
    [
        ("<dt>Age of child</dt><dd>6 months</dd>", [0.5]),
        ("<dt>Age of the young person</dt><dd>15 years</dd>", [15.0]),
        ("<tr><th>Age</th><td>12</td></tr>", [12.0]),
        ("<tr><th>Age</th><td>12 professionals attended</td></tr>", []),
    ],
)
def test_ages_in_website_details_tables(tmp_path, rows, years):
    table = f"<dl>{rows}</dl>" if rows.startswith("<dt>") else f"<table>{rows}</table>"
    page = make_html(
        tmp_path / "review.html",
        title="SCR Child K",
        site="Wigan Safeguarding Children Partnership",
        body=f"{table}<p>The review found gaps in information sharing.</p>",
    )
    assert sorted(extract(page).document.child_ages) == [pytest.approx(y, abs=0.01) for y in years]


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("1.1 The Board published this report in March 2017 following approval.", "2017-03"),
        ("1.1 The Partnership published this overview report on 4 June 2020.", "2020-06-04"),
        ("1.1 Date of publication of this report: 20 October 2015.", "2015-10-20"),
        ("1.1 Publication date of the review – 5 May 2016", "2016-05-05"),
        ("1.1 The Board published the national review in 2012 and its own in 2013.", None),
        ("1.1 The Board published its annual report in March 2017.", None),
    ],
)
def test_publication_in_the_active_voice_and_labels_naming_the_report(sentence, published):
    assert read("Serious Case Review: Child K", sentence).published == published


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Serious Case Review: 'Child K'", "1.1 'Child K' was aged 4 when she died."),
        ("Serious Case Review: “Child K”", "1.1 Child K was aged 4 when she died."),
        ('Child Safeguarding Practice Review into "Child K"', "1.1 Child K, aged 4, died at home."),
    ],
)
def test_a_pseudonym_in_quotes_in_the_title(title, sentence):
    assert ages_of(read(title, sentence)) == [4.0]
