"""The subject children's ages from a family-composition table.

Reports list the household in a table before the chronology. Its age column
is headed by a phrase as often as by "Age" ("Age at the time", "Age when the
incident occurred", "Age at time of death"), and the subject's row is named by
the pseudonym the report uses (a "Referred to in this report as" column) or
marked by its relationship cell ("Subject", "Subject child"). Every subject
row's age is kept (sibling groups have one row each); the rows of parents,
partners and siblings who are not subjects are not.

A PDF's row is one line ("Child K  Subject  15 years  White British"); an HTML
table's cells arrive one per line, so a row runs from a line that starts a row
(a subject's name, a relative, "Mr Y") to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .ages import PAIR, parse_age
from .candidates import Candidate, Page
from .scores import AGE_SCORES

#: A table's age column header: "Age", "Age at the time", "Age when the incident occurred" —
#: a short line (or part of a header row) with "Age" capitalised and no sentence in it.
_AGE_HEADER = re.compile(
    r"^[^\n.;]{0,80}?\bAge\b(?:[ \t]+(?:at|when|on|of|as)\b[^\n.;]{0,60})?[^\n.;]{0,80}$", re.M
)
#: The relationship cell that marks a subject's row.
_SUBJECT_CELL = re.compile(
    r"(?:^|[\t ]{1,})Subject(?:[ \t]+(?:child|of[ \t]+(?:the|this)[ \t]+review))?(?=[ \t]|$)"
)
#: A row that is someone else's: it starts with a relative, a titled adult or a sibling.
_OTHER_ROW = re.compile(
    r"^\s*(?:Mr|Ms|Mrs|Miss|Dr|Mother|Father|Mum|Dad|Step-?\w+|Half-?\w+|Sibling|Brother|Sister|Partner|"
    r"Maternal|Paternal|Grand\w*|Uncle|Aunt|Cousin|Baby'?s\s+\w+|Child'?s\s+\w+)\b",
    re.I,
)
_ROW_AGE = re.compile(rf"(?<![\w-])(?P<age>{PAIR})(?![\w-])|^\s*(?P<bare>\d{{1,2}})\s*$", re.I | re.M)
#: Lines after the header read as the table; an HTML row holds at most this many cells.
_TABLE_LINES = 40
_ROW_CELLS = 6
#: A table row's line is short; a longer line is a paragraph.
_ROW_WIDTH = 110
#: Between the subject's name and the age: another person's ("Child K's mother").
_SOMEONE_ELSES = re.compile(r"['’]s\b|\b(?:mother|father|partner|sister|brother|sibling|aunt|uncle)\b", re.I)


def _rows(lines: list[str], names: re.Pattern[str] | None) -> Iterator[list[str]]:
    """The table's rows: each from a line that starts a row to the line before the next."""
    row: list[str] = []
    for line in lines:
        subject_cell = _SUBJECT_CELL.search(line)
        starts = (
            _OTHER_ROW.match(line)
            or (names is not None and names.match(line.strip()))
            # a second "Subject" cell is the next subject's row (a name the report did not introduce)
            or (subject_cell and any(_SUBJECT_CELL.search(cell) for cell in row))
        )
        if starts and row:
            yield row
            row = []
        if row or starts or subject_cell:
            row.append(line)
        if len(row) >= _ROW_CELLS:
            yield row
            row = []
    if row:
        yield row


def _headers(text: str) -> Iterator[int]:
    """Where each line holding an age column's header ends (found from "Age" with str.find: the
    multi-line pattern run over whole pages cost more than the rest of the age rules)."""
    at = text.find("Age")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _AGE_HEADER.fullmatch(text, start, end):
            yield end
        at = text.find("Age", end)


def table_ages(page: Page, names: re.Pattern[str] | None, after: str = "") -> Iterator[Candidate]:
    """One candidate per family table on ``page``: the ages in its subject rows, in order.

    ``after`` is the start of the next page (or part): a table may run on past the page's end.
    """
    for header_end in _headers(page.text):
        following = (page.text[header_end:] + "\n" + after).split("\n", _TABLE_LINES + 1)[
            1 : _TABLE_LINES + 1
        ]
        ages: list[float] = []
        context: list[str] = []
        for row in _rows(following, names):
            text = "\n".join(line.strip() for line in row)
            if _OTHER_ROW.match(text) or any(
                len(line) > _ROW_WIDTH or line.rstrip().endswith(".") for line in row
            ):
                continue  # someone else's row, or a sentence rather than a table row
            named = names.match(text) if names is not None else None
            if named is None and not any(_SUBJECT_CELL.search(cell) for cell in row):
                continue
            age = _ROW_AGE.search(text, named.end() if named else 0)
            if age is None or _SOMEONE_ELSES.search(text, named.end() if named else 0, age.start()):
                continue
            ages += parse_age(age.group("age") or age.group("bare"))
            context.append(" ".join(text.split()))
        if ages:
            score = AGE_SCORES["family-table" if page.role != "body" else "family-table, body"]
            yield Candidate(tuple(ages), score, "family-table", page.number, " | ".join(context), "*")
            return  # one family table per page
