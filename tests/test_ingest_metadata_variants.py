"""Metadata rules driven by generated wordings: each class of phrasing by its shape.

A small grammar per class (names and pseudonyms; numbers as digits, words and
hyphenated or spaced compound words; units; word order; punctuation; line
breaks; parents' and siblings' ages nearby) generates thousands of sentences,
so a rule is tested on its class and not on the sentences someone wrote.
Runs are derandomised: the same examples every run, so CI is reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.metadata import read_metadata
from ingest.registry import RawDocument
from ingest.text import normalise_pages

EXAMPLES = settings(max_examples=400, deadline=None, derandomize=True)

_SMALL = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}
_UNIT_YEARS = {"day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0}
_UNIT_RANGE = {"day": (1, 30), "week": (1, 51), "month": (1, 23), "year": (1, 17)}
FIRST_NAMES = ("Maisie", "Jayden", "Oscar", "Freya", "Tyler", "Lacey", "Riley", "Kayden", "Archie",
               "Harvey", "Daisy", "Alfie", "Isla", "Ellie-Mae", "Bethan", "Callum")  # fmt: skip
PSEUDONYMS = ("Child A", "Child LR", "Child 3", "Baby Q", "Baby T2", "Young Person K", "Child W")


def number_words(n: int, joiner: str) -> str:
    """``21`` -> "twenty-one" (or "twenty one" with a space joiner)."""
    if n < 20:
        return _SMALL[n - 1]
    tens, units = divmod(n, 10)
    return _TENS[tens] + (f"{joiner}{_SMALL[units - 1]}" if units else "")


@dataclass(frozen=True)
class Age:
    """An age as a report might print it, and its value in years."""

    n: int
    unit: str
    style: str  # "digits", "words", "spaced"

    @property
    def years(self) -> float:
        return (self.n + (0.5 if self.style == "half" else 0)) * _UNIT_YEARS[self.unit]

    def number(self) -> str:
        if self.style == "digits":
            return str(self.n)
        if self.style == "half":  # "2½", and the value is n + 0.5
            return f"{self.n}½"
        return number_words(self.n, "-" if self.style == "words" else " ")

    def text(self) -> str:
        """ "twenty-one months"."""
        return f"{self.number()} {self.unit}{'s' if self.n != 1 else ''}"

    def hyphenated(self) -> str:
        """ "twenty-one-month" (as in "a twenty-one-month-old boy")."""
        return f"{self.number().replace(' ', '-')}-{self.unit}"


@st.composite
def ages(draw: st.DrawFn, units: tuple[str, ...] = ("day", "week", "month", "year")) -> Age:
    unit = draw(st.sampled_from(units))
    low, high = _UNIT_RANGE[unit]
    style = draw(st.sampled_from(("digits", "words", "spaced", "half")))
    return Age(draw(st.integers(low, high - 1 if style == "half" else high)), unit, style)


names = st.one_of(st.sampled_from(FIRST_NAMES), st.sampled_from(PSEUDONYMS))


def read(*pages: str):
    raw = RawDocument(format="pdf", pages=tuple(pages), info={})
    return read_metadata(raw, normalise_pages(pages), "report.pdf")


def break_a_line(text: str, where: int) -> str:
    """``text`` with one space turned into a line break (as a PDF's line wrapping does)."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    i = spaces[where % len(spaces)]
    return text[:i] + "\n" + text[i + 1 :]


def close(found: tuple[float, ...], expected: list[float]) -> bool:
    return len(found) == len(expected) and all(
        abs(a - b) <= max(0.02 * b, 0.011) for a, b in zip(sorted(found), sorted(expected), strict=True)
    )


# ---------------------------------------------------------------- class 1 (+7): subject named in the body


@st.composite
def harm_statements(draw: st.DrawFn) -> tuple[str, str, float]:
    """(name, statement, years): "<name> was <age> old when she died", and its kin."""
    name, age = draw(names), draw(ages())
    pronoun = draw(st.sampled_from(("he", "she")))
    statement = draw(
        st.sampled_from(
            (
                f"{name} was {age.text()} old when {pronoun} died at home",
                f"{name} was {age.text()} old when {pronoun} was admitted to hospital with injuries",
                f"{name} was only {age.text()} old when {pronoun} was found unresponsive",
                f"{name} was {age.text()} of age when {pronoun} suffered a head injury",
                f"{name} was {age.text()} old at the time of the incident",
                f"{name} was a {age.hyphenated()}-old {'boy' if pronoun == 'he' else 'girl'} "
                f"when {pronoun} died",
            )
        )
    )
    return name, statement, age.years


@st.composite
def family_distractors(draw: st.DrawFn, name: str) -> str:
    """Parents' and a sibling's ages, said of people other than the subject."""
    mother, father, sibling = draw(st.integers(17, 45)), draw(st.integers(18, 60)), draw(ages(("year",)))
    return draw(
        st.sampled_from(
            (
                f"{name}'s mother was {mother} and {name}'s father was {father}.",
                f"{name}'s mother, aged {mother}, and {name}'s brother, aged {sibling.number()}, "
                "lived nearby.",
                f"Her partner, Mr D, aged {father}, was not {name}'s father. A half-sister, aged "
                f"{sibling.number()}, lived with her father.",
                f"{name}'s older brother was {sibling.text()} old at the time.",
            )
        )
    )


@EXAMPLES
@given(harm_statements(), st.integers(0, 50), st.booleans(), st.booleans(), st.data())
def test_harm_statement_about_a_child_named_only_in_the_body(case, where, intro_cue, family_first, data):
    name, statement, years = case
    sentences = [f"1.2 {break_a_line(statement, where)}."]
    if intro_cue:
        sentences.insert(0, f"1.1 This review concerns a child who is called {name} in this report.")
    family = f"3.1 {data.draw(family_distractors(name))}"
    sentences.insert(0 if family_first else len(sentences), family)
    meta = read("Serious Case Review\nOverview Report", "\n".join(sentences))
    assert close(meta.child_ages, [years]), (sentences, meta.child_ages)


# ---------------------------------------------------------------- class 2: cover and details rows


@EXAMPLES
@given(
    ages(),
    st.sampled_from(("Age at time of incident", "Age at the time of the incident", "Age at death",
                     "Age", "Child's age at the time of the incident", "Age at the time of injury")),
    st.sampled_from((": ", " ", " – ", ":\n", "\n")),
    st.sampled_from(PSEUDONYMS),
)  # fmt: skip
def test_age_in_a_labelled_cover_row(age, label, separator, name):
    cover = f"Serious Case Review\n{name}\n{label}{separator}{age.text()}\nLead reviewer: J Smith"
    meta = read(cover, "1.1 The panel met four times. The mother, aged 24, took part.")
    assert close(meta.child_ages, [age.years]), (cover, meta.child_ages)


# ---------------------------------------------------------------- class 3: sibling groups


@st.composite
def sibling_lists(draw: st.DrawFn) -> tuple[str, list[float]]:
    count = draw(st.integers(2, 4))
    people = draw(st.lists(st.sampled_from(FIRST_NAMES[:-2]), min_size=count, max_size=count, unique=True))
    years = draw(st.lists(st.integers(1, 17), min_size=count, max_size=count))
    form = draw(st.sampled_from(("({n})", "(aged {n})", ", aged {n}")))
    items = [f"{p} {form.format(n=n)}".replace(" ,", ",") for p, n in zip(people, years, strict=True)]
    listed = ", ".join(items[:-1]) + draw(st.sampled_from((" and ", ", and "))) + items[-1]
    words = {2: "two", 3: "three", 4: "four"}[count]
    cue = draw(
        st.sampled_from(
            (
                f"The review concerns {words} siblings, {listed}, who were found alone at home.",
                f"This review is about {words} children: {listed}.",
                f"The subjects of this review are {listed}.",
            )
        )
    )
    return cue, [float(n) for n in years]


@EXAMPLES
@given(sibling_lists(), st.integers(17, 45))
def test_every_age_of_a_sibling_group(case, mother):
    sentence, years = case
    body = f"1.1 {sentence}\n1.2 Their mother was {mother}."
    meta = read("Serious Case Review\nFamily R\nExecutive Summary", body)
    assert close(meta.child_ages, years), (sentence, meta.child_ages)


# ---------------------------------------------------------------- class 5: publication dates

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


@st.composite
def printed_dates(draw: st.DrawFn) -> tuple[str, str]:
    """(printed, expected ISO at the printed precision)."""
    year, month, day = draw(st.integers(2006, 2025)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    name = MONTHS[month - 1]
    forms = (
        (f"{day}{suffix} {name} {year}", f"{year}-{month:02d}-{day:02d}"),
        (f"{day} {name[:3]} {year}", f"{year}-{month:02d}-{day:02d}"),
        (f"{name} {day}, {year}", f"{year}-{month:02d}-{day:02d}"),
        (f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}-{day:02d}"),
        (f"{day:02d}.{month:02d}.{year}", f"{year}-{month:02d}-{day:02d}"),
        (f"{day:02d}-{month:02d}-{year}", f"{year}-{month:02d}-{day:02d}"),
        (f"{name} {year}", f"{year}-{month:02d}"),
        (f"{draw(st.sampled_from(('Spring', 'Summer', 'Autumn', 'Winter')))} {year}", str(year)),
        (str(year), str(year)),
    )
    return draw(st.sampled_from(forms))


@EXAMPLES
@given(
    printed_dates(),
    printed_dates(),
    st.sampled_from(("Date of publication", "Publication date", "Published", "Date published",
                     "First published", "Dyddiad cyhoeddi", "Publication")),
    st.sampled_from((": ", " ", " – ")),
    st.sampled_from(("Report completed", "Presented to the Board", "Approved by the Partnership",
                     "Version 2", "Agreed by the panel")),
    st.booleans(),
)  # fmt: skip
def test_labelled_publication_date_beside_other_dates(
    date, other, label, separator, other_label, other_first
):
    (printed, expected), (other_printed, _) = date, other
    if label == "Publication" and separator == " ":
        separator = ": "  # "Publication 2017" alone is a heading, not a label
    lines = [f"{label}{separator}{printed}", f"{other_label}: {other_printed}"]
    if other_first:
        lines.reverse()
    meta = read("Norfolk Safeguarding Children Board\nSerious Case Review\nChild P\n" + "\n".join(lines),
                "1.1 The panel met four times.")  # fmt: skip
    assert meta.published == expected, lines
