"""Dates as printed, at the precision printed: ``2014``, ``2013-07`` or ``2015-06-03``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
# Welsh month names, for bilingual covers ("Dyddiad cyhoeddi: 14 Mawrth 2018")
_WELSH_MONTHS = ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                 "Hydref", "Tachwedd", "Rhagfyr")  # fmt: skip
_MONTHS.update({name.lower(): number for number, name in enumerate(_WELSH_MONTHS, start=1)})
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|" + "|".join(_WELSH_MONTHS) + r")\.?"
)
#: A season names a year, not a month: "Spring 2017" is printed at year precision.
SEASON = r"(?:Spring|Summer|Autumn|Fall|Winter)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19[5-9]\d|20\d\d)"

#: Two-digit years, only in full day-month-year dates ("21/10/21", "7-May-19", "03.06.24"): a
#: year below 50 is 20yy, otherwise 19yy (a child's or a parent's birth, or a publication).
_SHORT_YEAR = r"\d\d(?![\d/.\-]\d)"
_SHORT_PIVOT = 50

#: A printed date: "14th March 2016", "March 25, 2021", "July 2013", "2016", "12/05/2020",
#: "12-05-2020", "2015-06-03", "21/10/21", "7-May-19", "27-Oct-2022".
DATE = (
    rf"(?:{_DAY}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}"
    rf"|{MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|{MONTH},?\s+{_YEAR}"
    rf"|{SEASON},?\s+(?:of\s+)?{_YEAR}"
    rf"|[0-3]?\d[/.][01]?\d[/.]{_YEAR}"
    rf"|[0-3]?\d-[01]?\d-{_YEAR}"
    rf"|{_YEAR}-[01]\d(?:-[0-3]\d)?"
    rf"|[0-3]?\d/[01]?\d/{_SHORT_YEAR}|[0-3]?\d\.[01]?\d\.{_SHORT_YEAR}"
    rf"|[0-3]?\d-{MONTH}-(?:{_YEAR}|{_SHORT_YEAR})"
    rf"|{_YEAR})"
)
_DATE_RE = re.compile(rf"^{DATE}$", re.IGNORECASE)


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        """The earliest day this date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest day this date can mean."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


def _make(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _full_year(digits: str) -> int:
    """A printed year: four digits as they are, two about a pivot ("19" → 2019, "95" → 1995)."""
    if len(digits) == 4:
        return int(digits)
    return int(digits) + (2000 if int(digits) < _SHORT_PIVOT else 1900)


def parse_date(text: str) -> PartialDate | None:
    """Parse one printed date (see :data:`DATE`); None if it is not a valid date.

    A season ("Summer 2020") gives the year alone.
    """
    text = " ".join(text.strip().rstrip(".,").split())
    if not _DATE_RE.match(text):
        return None
    iso = re.fullmatch(r"(\d{4})-(\d\d)(?:-(\d\d))?", text)
    if iso:
        day = int(iso.group(3)) if iso.group(3) else None
        return _make(int(iso.group(1)), int(iso.group(2)), day)
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d\d)", text)
    if numeric:  # British order: day/month/year
        return _make(_full_year(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
    short = re.fullmatch(r"(\d{1,2})-([A-Za-z]+)\.?-(\d{4}|\d\d)", text)
    if short:  # "7-May-19", "27-Oct-2022"
        month = _MONTHS.get(short.group(2).lower()) or _MONTHS.get(short.group(2)[:3].lower())
        return _make(_full_year(short.group(3)), month, int(short.group(1))) if month else None
    year = int(re.findall(r"\d{4}", text)[-1])
    if re.match(SEASON, text, re.IGNORECASE):
        return _make(year, None, None)
    month_name = re.search(r"[A-Za-z]{3,}", text.replace(" of ", " "))
    if month_name is None:
        return _make(year, None, None)
    month = _MONTHS.get(month_name.group(0).lower()) or _MONTHS.get(month_name.group(0)[:3].lower())
    if month is None:
        return None
    day_match = re.search(r"\b([0-3]?\d)(?:st|nd|rd|th)?\b(?!\d)", text.replace(str(year), ""), re.IGNORECASE)
    day = int(day_match.group(1)) if day_match else None
    return _make(year, month, day)


def parse_iso_partial(text: str) -> PartialDate | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (also the date part of an ISO timestamp)."""
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+\-Z]*)?\s*", text)
    if not match:
        return None
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    return _make(int(match.group(1)), month, day)
