"""The sixth sealed family's classes of phrasing (bench/sealed_v6.py), each in wordings of our own.

Ages from a birthday or "turned", a number glued to an abbreviated unit, "a girl of 15";
a board's area before "Local" or in the possessive. Each class also has the wordings
it must not take: another person's birthday, a count of siblings, a board with no area.
"""

from __future__ import annotations

import pytest

from ingest.metadata import find_boards, read_metadata
from ingest.registry import RawDocument
from ingest.text import normalise_pages

FILLER = "The panel met on four occasions and read the agencies' chronologies."


def ages_in(sentence: str) -> list[float]:
    """The subject's ages read from a report about Child N whose second page holds ``sentence``."""
    pages = ("Serious Case Review: Child N", f"{FILLER}\n\n1.2 {sentence}", FILLER)
    raw = RawDocument(format="pdf", pages=pages, info={})
    return sorted(read_metadata(raw, normalise_pages(pages), "report.pdf").child_ages)


def board_of(*pages: str) -> str | None:
    raw = RawDocument(format="pdf", pages=pages, info={})
    return read_metadata(raw, normalise_pages(pages), "report.pdf").lscb


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Child N died three weeks after her 15th birthday.", 15.0),
        ("Child N was taken to hospital on his fourth birthday.", 4.0),
        ("Child N was admitted shortly after his 1st birthday.", 1.0),
        ("Child N died a few days before his second birthday.", 1.0),  # in whole years: one
        ("Child N moved school just before her sixteenth birthday.", 15.0),
    ],
)
def test_an_age_from_a_birthday(sentence, years):
    assert ages_in(sentence) == [pytest.approx(years)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Child N's brother died after his 17th birthday.",  # someone else's birthday
        "Child N went to her mother's 30th birthday party.",
        "Since her 3rd birthday, Child N had lived with her aunt.",  # only that she was older
    ],
)
def test_a_birthday_that_is_not_the_subjects_age(sentence):
    assert ages_in(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Child N had just turned 13 when she moved school.", 13.0),
        ("Child N had recently turned two.", 2.0),
        ("Child N turned 16 in the March before the incident.", 16.0),
        ("Child N had only just turned 9 months when she was admitted.", 0.75),
    ],
)
def test_an_age_the_subject_had_just_turned(sentence, years):
    assert ages_in(sentence) == [pytest.approx(years, abs=0.01)]


@pytest.mark.parametrize(
    "sentence",
    ["Child N's sister had just turned 17.", "The car turned 90 degrees and hit the wall."],
)
def test_turned_said_of_someone_or_something_else(sentence):
    assert ages_in(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("Child N, a 7yr old boy, was found at home.", 7.0),
        ("Child N (15yrs) lived with his aunt.", 15.0),
        ("Child N was aged 3mths when she was admitted.", 0.25),
        ("Child N, aged 2yrs 4mths, was admitted.", 2 + 4 / 12),
        ("Child N was aged 11wks at the time.", 11 * 7 / 365.25),
    ],
)
def test_a_number_glued_to_an_abbreviated_unit(sentence, years):
    assert ages_in(sentence) == [pytest.approx(years, abs=0.01)]


def test_a_glued_abbreviation_after_the_name():
    """In brackets after the subject's name, as a details table or chronology prints it."""
    assert ages_in("On the 3rd, at 10am, Child N (3mths) was admitted.") == [pytest.approx(0.25)]


@pytest.mark.parametrize(
    ("sentence", "years"),
    [
        ("The review is about Child N, a girl of 15.", 15.0),
        ("Child N, a boy of ten, lived with his grandmother.", 10.0),
        ("Child N was a girl of 14 who had missed school for a term.", 14.0),
    ],
)
def test_a_boy_or_girl_of_n(sentence, years):
    assert ages_in(sentence) == [pytest.approx(years)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Child N was the only girl of 3 siblings.",
        "Child N was the eldest girl of four children.",
        "Child N was a girl of 15/16 years, the records said.",
    ],
)
def test_a_boy_or_girl_of_a_count_is_no_age(sentence):
    assert ages_in(sentence) == []


@pytest.mark.parametrize(
    ("printed", "board"),
    [
        ("Bexley Local Safeguarding Children Partnership", "Bexley Safeguarding Children Partnership"),
        ("Rotherham Local Safeguarding Partnership", "Rotherham Safeguarding Partnership"),
        ("ROTHERHAM LOCAL SAFEGUARDING CHILDREN PARTNERSHIP", "Rotherham Safeguarding Children Partnership"),
        ("on behalf of Gwent's Safeguarding Board", "Gwent Safeguarding Board"),
        ("for Rotherham’s Safeguarding Children Partnership", "Rotherham Safeguarding Children Partnership"),
        ("Leicester, Leicestershire and Rutland's Safeguarding Children Partnership",
         "Leicester, Leicestershire and Rutland Safeguarding Children Partnership"),
    ],
)  # fmt: skip
def test_an_area_before_local_or_in_the_possessive(printed, board):
    assert [m.name for m in find_boards(printed)] == [board]


@pytest.mark.parametrize(
    "printed",
    [
        "the Local Safeguarding Children Partnership agreed",
        "the Children's Safeguarding Partnership",
        "the area's Safeguarding Children Partnership",
    ],
)
def test_local_or_a_possessive_without_an_area_names_no_board(printed):
    assert find_boards(printed) == []


def test_a_report_whose_board_is_named_only_in_the_possessive():
    intro = f"{FILLER}\n\n1.1 The review was carried out on behalf of Gwent's Safeguarding Board."
    assert board_of("Child Practice Review: Child N", intro, FILLER) == "Gwent Safeguarding Board"
