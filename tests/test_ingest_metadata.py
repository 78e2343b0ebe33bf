"""Metadata extraction: every phrasing and trap of the brief's §2, one case at least each."""

from __future__ import annotations

import pytest
from builders import body_page, cover, make_pdf

from ingest import extract
from ingest.metadata import read_metadata
from ingest.metadata.ages import parse_age
from ingest.metadata.boards import find_boards, matches_filter, resolve_board
from ingest.metadata.dates import parse_date
from ingest.registry import Line, RawDocument
from ingest.text import normalise_pages

INTRO_FILLER = "The review panel met on six occasions and considered the agency reports."


def read(*pages: str, info: dict | None = None, lines: tuple[Line, ...] = (), filename: str = "r.pdf"):
    """Metadata of a PDF-like document whose pages are given as text."""
    raw = RawDocument(format="pdf", pages=tuple(pages), info=info or {}, lines=lines)
    return read_metadata(raw, normalise_pages(pages), filename)


def read_html(text: str, info: dict | None = None):
    raw = RawDocument(format="html", pages=(text,), paged=False, info=info or {})
    return read_metadata(raw, [text], "page.html")


# ---------------------------------------------------------------- board


def test_board_from_capitals_on_the_cover():
    meta = read("BEXLEY SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW - BABY M", INTRO_FILLER)
    assert meta.lscb == "Bexley Safeguarding Children Board"
    assert meta.provenance["lscb"].source == "cover-page"
    assert meta.provenance["lscb"].page == 1


@pytest.mark.parametrize(
    "spelling",
    ["BEXLEY SAFEGUARDING CHILDREN BOARD", "Bexley LSCB", "Bexley Safeguarding Children Board",
     "Bexley Local Safeguarding Children Board", "the Bexley SCB"],
)  # fmt: skip
def test_board_spellings_are_one_facet_value(spelling):
    assert resolve_board(spelling) == "Bexley Safeguarding Children Board"


def test_ampersand_and_and_are_the_same_joint_board():
    a = resolve_board("City of London & Hackney Safeguarding Children Board")
    b = resolve_board("City of London and Hackney Safeguarding Children Board")
    assert a == b == "City of London and Hackney Safeguarding Children Board"


def test_partnership_and_board_of_one_area_are_different_publishers():
    assert resolve_board("West Sussex Safeguarding Children Partnership") != resolve_board(
        "West Sussex Safeguarding Children Board"
    )
    assert resolve_board("Kirklees SCP") == "Kirklees Safeguarding Children Partnership"


def test_welsh_scottish_and_northern_irish_bodies():
    assert resolve_board("Cwm Taf Safeguarding Children Board") == "Cwm Taf Safeguarding Children Board"
    assert resolve_board("Glasgow Child Protection Committee") == "Glasgow Child Protection Committee"
    assert resolve_board("the Safeguarding Board for Northern Ireland") == (
        "Safeguarding Board for Northern Ireland"
    )


def test_board_on_behalf_of():
    meta = read(
        "The Overview Report of the Serious Case Review\nin respect of Child G\n"
        "Commissioned on behalf of\nSunderland Safeguarding Children Board",
        INTRO_FILLER,
    )
    assert meta.lscb == "Sunderland Safeguarding Children Board"


def test_board_presented_to():
    meta = read(
        "Serious Case Review: Child J\nPresented to the Sefton Safeguarding Children Board in May 2014",
        INTRO_FILLER,
    )
    assert meta.lscb == "Sefton Safeguarding Children Board"


def test_board_from_library_cover_sheet():
    meta = read(
        "Title: Serious case review: Family T2.\nLSCB: Tri-Borough Local Safeguarding Children Board "
        "(Hammersmith & Fulham,\nKensington & Chelsea and Westminster)\nAuthor: R. K.\n"
        "Date of publication: 2016\nThis report was lodged with the national case review repository.",
        "Serious Case Review - Family T2\nReport completed: October 2015",
        INTRO_FILLER,
    )
    assert meta.lscb == "Tri-Borough Safeguarding Children Board"
    assert meta.provenance["lscb"].source == "library-cover-sheet"
    assert meta.published == "2016"
    assert meta.title == "Serious case review: Family T2"


def test_anonymous_publication_is_a_value():
    meta = read(
        "Title: Serious case review: Child X.\nLSCB: Anonymous\nDate of publication: 2017\n",
        "Local Safeguarding Children Board\nSerious Case Review\nChild X",
        "1.1 In November 2015 the Local Safeguarding Children Board agreed that the circumstances "
        "of Child X met the criteria.",
    )
    assert meta.lscb == "Anonymous"


def test_board_only_in_paragraph_1_2_of_an_executive_summary():
    meta = read(
        "SERIOUS CASE REVIEW\nEXECUTIVE SUMMARY\nIn Respect Of Child 1\nIndependent Chair of BSCB\n"
        "Publication date: March 2014",
        "1.1 The BSCB commissioned this serious case review in July 2012.\n"
        "1.2 The chair of Bolton Safeguarding Children Board agreed that the criteria were met.\n"
        "4.3 Records held by Salford Safeguarding Children Board showed an earlier plan.",
    )
    assert meta.lscb == "Bolton Safeguarding Children Board"
    assert meta.provenance["lscb"].source == "introduction"


def test_acronym_alone_never_decides_the_board():
    meta = read(
        "SERIOUS CASE REVIEW\nChild 4\nIndependent Chair of BSCB\nPublished 2 May 2015",
        "1.1 The BSCB commissioned this review. The BSCB agreed the terms of reference.",
    )
    assert meta.lscb is None


def test_neighbouring_board_in_the_body_is_not_the_publisher():
    meta = read(
        "Serious Case Review\nChild 5\nPublished 2 May 2015",
        "4.3 The family had previously lived in another area, and Greenwich Safeguarding Children "
        "Board shared information when asked.\n4.4 Records held by Kent Safeguarding Children "
        "Board showed an earlier plan.",
    )
    assert meta.lscb is None


def test_running_header_names_the_board():
    header = "Kirklees Safeguarding Children Partnership"
    pages = ["Local Child Safeguarding Practice Review\nChild M"] + [
        f"{header}\nBody text of page {n} about the review.\nPage {n} of 6" for n in range(2, 7)
    ]
    meta = read(*pages)
    assert meta.lscb == "Kirklees Safeguarding Children Partnership"


def test_lscb_filter_matches_name_or_area():
    board = "Tri-Borough Safeguarding Children Board"
    assert matches_filter(board, "tri-borough")
    assert matches_filter(board, "TRIBOROUGH")
    assert matches_filter("Bexley Safeguarding Children Board", "bexley")
    assert not matches_filter("Bexley Safeguarding Children Board", "bromley")


def test_unknown_area_is_not_a_board():
    assert find_boards("Atlantis Safeguarding Children Board") == []


# ---------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Date of publication: 14th March 2016", "2016-03-14"),
        ("Published 9 November 2017", "2017-11-09"),
        ("Date: July 2013", "2013-07"),
        ("Publication Date: 12th May 2020", "2020-05-12"),
        ("PUBLISHED: 3RD JUNE 2019", "2019-06-03"),
        ("Published by SSCB – 12th July 2013", "2013-07-12"),
        ("June 2016", "2016-06"),
    ],
)
def test_publication_date_phrasings_keep_printed_precision(line, expected):
    meta = read(f"Leeds Safeguarding Children Board\nSerious Case Review\nChild R\n{line}", INTRO_FILLER)
    assert meta.published == expected


def test_library_sheet_year_only():
    meta = read("Title: Review of Child Y.\nLSCB: Leeds LSCB\nDate of publication: 2014\n", INTRO_FILLER)
    assert meta.published == "2014"


def test_pdf_creation_date_is_never_the_publication_date():
    meta = read(
        "Devon Safeguarding Children Board\nSerious Case Review\nBaby N\nFinal report",
        INTRO_FILLER,
        info={"created": "D:20140820114000+00'00'"},
    )
    assert meta.published is None


def test_incident_contact_completion_and_guidance_dates_are_not_publication():
    meta = read(
        "Norfolk Safeguarding Children Board\nSerious Case Review\nChild S\nReport completed: October 2015",
        "1.1 On 19th July 2011 Child S was found unresponsive. The review was carried out under "
        "Working Together to Safeguard Children 2010 and the Children Act 1989.\n"
        "2.1 On 30/01/2009 the health visitor visited. The panel met in March 2012.",
    )
    assert meta.published is None


def test_birth_and_death_dates_on_the_cover_are_not_publication():
    meta = read(
        "BEXLEY SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW - BABY M\nD.O.B: 03/02/2011\n"
        "D.O.D: 19/07/2011\nDate: November 2012",
        INTRO_FILLER,
    )
    assert meta.published == "2012-11"


def test_html_meta_and_heading_dates():
    assert read_html("Child E SCR\nText.", {"published": "2014-07-31"}).published == "2014-07-31"
    assert read_html("Text.", {"heading_date": "31 July 2014"}).published == "2014-07-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14th March 2016", "2016-03-14"), ("March 25, 2021", "2021-03-25"), ("12/05/2020", "2020-05-12"),
     ("Sept 2019", "2019-09"), ("31st February 2016", None), ("1st of June 2019", "2019-06-01")],
)  # fmt: skip
def test_date_parsing(text, expected):
    parsed = parse_date(text)
    assert (str(parsed) if parsed else None) == expected


# ---------------------------------------------------------------- child ages


def intro(sentence: str, title: str = "Serious Case Review: Child A"):
    return read(f"Bexley Safeguarding Children Board\n{title}\nPublished 2 May 2015", f"1.2 {sentence}")


@pytest.mark.parametrize(
    ("sentence", "title", "ages"),
    [
        (
            "Child LR, aged 3 months (deceased), was the only child.",
            "Serious Case Review: Child LR",
            (0.25,),
        ),
        ("Child 2 died unexpectedly aged five months.", "Serious Case Review: Child 2", (0.42,)),
        (
            "Baby N died at the age of 12 weeks, after admission.",
            "Serious Case Review: Baby N",
            (0.23,),
        ),
        (
            "This review concerns Ellie, an 8-day-old baby girl who died.",
            "Practice Review: Ellie",
            (0.02,),
        ),
        (
            "Child R was a 2-year-6-month-old boy when admitted.",
            "Serious Case Review: Child R",
            (2.5,),
        ),
        (
            "Child X, a 17-year-old, was living with Mother.",
            "Serious Case Review: Child X",
            (17.0,),
        ),
        ("Child M was fifteen years old at the time.", "Serious Case Review: Child M", (15.0,)),
        (
            "Child M was aged fourteen at the time of the incident.",
            "Practice Review: Child M",
            (14.0,),
        ),
        (
            "Child P, aged 1 year and 4 months, was admitted.",
            "Serious Case Review: Child P",
            (1.33,),
        ),
    ],
)
def test_age_phrasings(sentence, title, ages):
    meta = intro(sentence, title)
    assert meta.child_ages == ages


def test_age_from_dob_and_dod_on_the_cover():
    meta = read(
        "BEXLEY SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW - BABY M\n"
        "D.O.B: 03/02/2011\nD.O.D: 19/07/2011",
        INTRO_FILLER,
    )
    assert meta.child_ages == (0.45,)
    assert meta.provenance["child_ages"].source == "birth-and-death-dates"


def test_age_from_born_and_died_sentence():
    meta = intro(
        "Child Z was born 3rd April 2009 and died 18th June 2011 in hospital.",
        "Serious Case Review: Child Z",
    )
    assert meta.child_ages == (2.21,)


def test_twins_give_two_ages():
    meta = intro(
        "The review concerns twin boys, Twin A and Twin B, aged 10 weeks when they were admitted.",
        "Practice Review: Twins A and B",
    )
    assert meta.child_ages == (0.19, 0.19)


def test_sibling_group_gives_every_age():
    meta = intro(
        "The review concerns the three children of Family T2, aged 9, 6 and 2.",
        "Serious Case Review: Family T2",
    )
    assert meta.child_ages == (9.0, 6.0, 2.0)
    assert meta.age_bands == ("1-5", "6-10")


def test_parents_and_partners_ages_are_ignored():
    meta = intro("Mother, aged 19, was the main carer. Father, aged 24, and her partner, aged 31, visited.")
    assert meta.child_ages == ()
    assert meta.age_bands == ("unknown",)


def test_sibling_ages_are_ignored_when_the_review_is_about_one_child():
    meta = intro(
        "Child A, aged 7, lived with Mother. Sibling 1, aged 11, and Sibling 2, aged 4, also lived there.",
    )
    assert meta.child_ages == (7.0,)


def test_subject_age_not_given_stays_unknown():
    meta = intro("Child A was taken to hospital. Sibling, aged 6, also lived in the household.")
    assert meta.child_ages == ()


def test_subject_table_row():
    meta = read(
        "Stockport Safeguarding Children Board\nSerious Case Review\nChild T",
        "Relationship to child Name used in this report Age at time of incident\n"
        "Subject of the review Child T 8 years\nMother Mother 27 years",
    )
    assert meta.child_ages == (8.0,)


def test_mother_of_sixteen_is_still_the_mother():
    meta = intro(
        "Baby K, aged 6 weeks, died. Mother, aged 16, was herself a looked-after child.",
        "Serious Case Review: Baby K",
    )
    assert meta.child_ages == (0.12,)


@pytest.mark.parametrize(
    ("text", "years"),
    [("3 months", [0.25]), ("five months", [0.4167]), ("9, 6 and 2", [9.0, 6.0, 2.0]),
     ("fourteen", [14.0]), ("2 years and 6 months", [2.5]), ("12 weeks", [0.23]), ("8-day", [0.0219])],
)  # fmt: skip
def test_parse_age(text, years):
    assert parse_age(text) == years


# ---------------------------------------------------------------- title and real layouts


def test_title_from_large_cover_text(tmp_path):
    path = make_pdf(
        tmp_path / "report.pdf",
        [
            [("Stockport Safeguarding Children Board", 14.0), ("Serious Case Review", 24.0),
             ("Child 3", 18.0), ("Lead reviewer: A. Person", 11.0), ("Published 30 November 2014", 11.0)],
            body_page(INTRO_FILLER),
        ],
    )  # fmt: skip
    document = extract(path).document
    assert document.title == "Serious Case Review: Child 3"
    assert document.lscb == "Stockport Safeguarding Children Board"
    assert document.published == "2014-11-30"


def test_html_title_and_board_from_the_page(tmp_path):
    meta = read_html(
        "Child T SCR\nThe Bexley Safeguarding Children Board has published the summary below.",
        {"title": "Child T SCR", "site": "Bexley Safeguarding Children Board"},
    )
    assert meta.title == "Child T SCR"
    assert meta.lscb == "Bexley Safeguarding Children Board"


def test_every_value_has_provenance(tmp_path):
    path = make_pdf(
        tmp_path / "r.pdf",
        [cover("Leeds Safeguarding Children Board", "Serious Case Review: Child R", "Published 2 May 2016"),
         body_page("1.2 Child R, aged 4, lived with Mother.")],
    )  # fmt: skip
    provenance = extract(path).document.metadata.provenance
    assert set(provenance) == {"title", "lscb", "published", "child_ages", "review_type", "nation"}
    assert provenance["child_ages"].page == 2
    assert "aged 4" in provenance["child_ages"].text


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Publication: 5 June 2019", "2019-06-05"), ("Published in March 2016", "2016-03"),
     ("Date: 25.03.2021", "2021-03-25"), ("Published: March, 2014", "2014-03")],
)  # fmt: skip
def test_more_publication_phrasings(line, expected):
    meta = read(f"Leeds Safeguarding Children Board\nSerious Case Review\nChild R\n{line}", INTRO_FILLER)
    assert meta.published == expected


def test_unknown_joint_board_is_not_read_as_its_last_area():
    assert find_boards("the Foo and Hackney Safeguarding Children Board") == []
    assert find_boards("Records held by Greenwich, Bexley SCB") == []
    assert (
        resolve_board("City of London and Hackney SCB")
        == "City of London and Hackney Safeguarding Children Board"
    )


def test_age_in_parentheses_and_relative_clause():
    assert intro("Child A (aged 4) lived with Mother.").child_ages == (4.0,)
    assert intro("Child A, who was aged 4, lived with Mother.").child_ages == (4.0,)
    assert intro("Her brother, Child B, aged 6, lived elsewhere.").child_ages == ()


def test_baby_of_n_weeks():
    meta = intro(
        "This review concerns Baby S, a baby girl of 10 weeks, who died.", "Serious Case Review: Baby S"
    )
    assert meta.child_ages == (0.19,)
