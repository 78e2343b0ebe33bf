"""Child ages as reports print them, converted to years.

Numbers may be digits or words ("five months", "aged fourteen"); units are
days, weeks, months or years; compound forms ("2-year-6-month-old",
"1 year and 4 months") add up. Whether an age belongs to the subject child
is decided by the caller (:mod:`ingest.metadata.reader`), which sees the
context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import DATE, parse_date

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "a": 1, "an": 1,
}  # fmt: skip
#: Tens that combine with a unit word ("twenty-one", "thirty six"): ages in days, weeks or months.
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}  # fmt: skip
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DAYS_PER_YEAR = 365.25
_UNIT_YEARS = {"day": 1 / _DAYS_PER_YEAR, "week": 7 / _DAYS_PER_YEAR, "month": 1 / 12, "year": 1.0}

# longest words first, so "fourteen" is not read as "four"; a compound ("thirty-one") is one
# number, matched before its tens word alone, so it is never read as its last word ("one")
_NUMBER_WORDS = sorted((w for w in _WORD_NUMBERS if len(w) > 2), key=len, reverse=True)
_COMPOUND = rf"(?:{'|'.join(_TENS)})(?:[\s-]?(?:{'|'.join(_UNITS)}))?"
#: "and a half" after a number: "2½ years", "two and a half years", "1.5 years".
_HALF = r"(?:\s*½|\.5|\s+and\s+a\s+half)"
#: Abbreviated units a number may be glued to: "7yr old", "15yrs", "3mths", "11wks".
_GLUED_UNIT = r"(?=(?:yrs?|mths?|mnths?|wks?)\b)"
NUM = (
    rf"(?:(?<!\w)\d{{1,2}}(?:{_HALF}(?!\w)|\b|{_GLUED_UNIT})"
    rf"|(?<![\w-])(?:{_COMPOUND}|{'|'.join(_NUMBER_WORDS)})(?:{_HALF}(?!\w)|\b))"
)
#: Units as printed, abbreviations of tables and chronologies included ("2 yrs 4 mths", "11 wks").
UNIT = r"(?:days?|weeks?|months?|years?|yrs?|wks?|mths?|mnths?)"
#: Each abbreviation's unit.
_UNIT_OF = {"yr": "year", "wk": "week", "mth": "month", "mnth": "month"}
#: An age as a number and a unit, or two of them: "3 months", "2 years and 6 months", "2 yrs 4 mths".
PAIR = rf"{NUM}[\s-]*{UNIT}(?:,?\s+(?:and\s+)?{NUM}[\s-]*{UNIT})?"
_LIST = rf"{NUM}(?:\s*,\s*{NUM})*(?:\s*,?\s+and\s+{NUM})?"

#: Ordinal numbers up to a child's last birthday: "4th", "fifteenth".
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
}  # fmt: skip
_ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))})"

#: Age phrases that name an age on their own (the context decides whose age it is).
AGE_PHRASES = re.compile(
    "|".join(
        [
            # "aged 3 months", "aged 2 years and 6 months", "aged 9, 6 and 2", "aged fourteen"
            # "aged just 11 days", "aged only 3 months": an adverb of degree before the age
            rf"\baged\s+(?:just\s+|only\s+)?(?P<aged>{PAIR}|{_LIST}(?:\s+{UNIT})?)(?![\w-])",
            # "at the age of 12 weeks", "at the age of five"
            rf"\bat\s+the\s+age\s+of\s+(?P<ageof>{PAIR}|{NUM}(?:\s+{UNIT})?)(?![\w-])",
            # "8-day-old", "2-year-6-month-old", "17-year-old", "a 17 year old"
            rf"\b(?P<old>{NUM}[\s-]?{UNIT}(?:[\s-]+(?:and[\s-]+)?{NUM}[\s-]?{UNIT})?)[\s-]old\b",
            # "fifteen years old", "5 months of age"
            rf"\b(?P<yearsold>{PAIR})\s+(?:old|of\s+age)\b",
            # "a baby girl of 10 weeks", "an infant of six months"
            rf"\b(?:baby|infant|boy|girl)\s+(?:boy\s+|girl\s+)?of\s+(?P<babyof>{PAIR})(?![\w-])",
            # "a girl of 15", "a boy of ten": a number alone is years (not a date, a time or a share)
            # ("the only girl of 3 siblings" is not an age: the number must end the phrase)
            rf"\b(?:boy|girl)\s+of\s+(?P<boyof>{NUM})(?![\w%/-]|[.:]\d)"
            r"(?=\s*(?:[,.;:)]|$)|\s+(?:who|when|and|at|with|whose|in)\b)",
            # "had just turned 13", "turned two in March"
            rf"\bturned\s+(?P<turned>{PAIR}|{NUM})(?![\w%/-]|[.:]\d|\s*(?:degrees|per\s*cent))",
            # "three weeks after her 15th birthday", "on his fourth birthday": that age ("since her
            # 3rd birthday" says only that she was older)
            rf"\b(?:after|on)\s+(?:his|her|their)\s+(?P<birthday>{_ORDINAL})\s+birthday\b",
            # "days before his second birthday": a year younger
            rf"\bbefore\s+(?:his|her|their)\s+(?P<prebirthday>{_ORDINAL})\s+birthday\b",
        ]
    ),
    re.IGNORECASE,
)

#: A bare duration ("8 years", "1 years 4 months"): an age only right after the subject's name.
BARE_AGE = re.compile(rf"(?P<bare>{PAIR})(?![\w-])", re.IGNORECASE)

_DOB = re.compile(
    rf"\b(?:D\.?\s?O\.?\s?B\.?|date\s+of\s+birth|born(?:\s+on)?)\s*[:\-–]?\s*(?P<date>{DATE})",
    re.IGNORECASE,
)
_DOD = re.compile(
    rf"\b(?:D\.?\s?O\.?\s?D\.?|date\s+of\s+death|died(?:\s+on)?"
    # the harm rather than a death: "Date of incident: 22 January 2020", "Date of admission …"
    r"|date\s+of\s+(?:the\s+)?(?:(?:critical\s+|serious\s+)?incident|injury|injuries|admission|collapse))"
    rf"\s*[:\-–]?\s*(?P<date>{DATE})",
    re.IGNORECASE,
)
#: A sentence that dates the harm: "On 22 January 2020 Child R was taken to hospital …"; whose harm
#: it is (the ``who`` group) is for the caller to check against the subject's names.
_INCIDENT_SENTENCE = re.compile(
    rf"\bOn\s+(?:the\s+)?(?P<date>{DATE}),?\s+(?P<who>[^.\n]{{1,40}}?)\s+(?:was\s+(?:taken|admitted|rushed|"
    r"brought|found|injured|assaulted)|died|sustained|suffered|collapsed)\b",
    re.IGNORECASE,
)
#: Someone else's birth date: "Mother's D.O.B.", "her mother was born on".
_OTHERS_BIRTH = re.compile(
    r"(?:mother|father|mum|dad|partner|sibling|sister|brother|parent|carer)['’]?s?\s*(?:was\s+)?$", re.I
)


#: Compiled once: parse_age runs for every candidate, and building the number pattern each time cost
#: more than matching it.
_TOKENS = re.compile(rf"{NUM}|{UNIT}", re.IGNORECASE)
_UNIT_ONLY = re.compile(UNIT, re.IGNORECASE)
_HALF_AT_END = re.compile(_HALF + "$")
_WORD_BREAK = re.compile(r"[\s-]+")


def _number(token: str) -> float:
    """A number as digits or words: ``"7"``, ``"seven"``, ``"thirty-one"``, ``"2½"``, ``"two and a half"``."""
    token = token.lower().strip()
    half = _HALF_AT_END.search(token)
    if half:
        return _number(token[: half.start()]) + 0.5
    if token.isdigit():
        return int(token)
    words = _WORD_BREAK.split(token)
    if words[0] in _TENS:
        return _TENS[words[0]] + (_WORD_NUMBERS[words[1]] if len(words) > 1 else 0)
    return _WORD_NUMBERS[token]


def parse_age(text: str) -> list[float]:
    """Ages in years named by an age phrase body: ``"3 months"`` → [0.25]; ``"9, 6 and 2"`` → 3 ages.

    A number without a unit is in years. A list shares its trailing unit.
    """
    tokens = _TOKENS.findall(text)
    numbers: list[float] = []
    units: list[str | None] = []
    for token in tokens:
        if _UNIT_ONLY.fullmatch(token):
            unit = token.lower().rstrip("s")
            unit = _UNIT_OF.get(unit, unit)
            # a unit applies to the number just before it
            if units and units[-1] is None:
                units[-1] = unit
        else:
            numbers.append(_number(token))
            units.append(None)
    if not numbers:
        return []
    if len(numbers) == 2 and units[0] and units[1]:  # "2 years and 6 months"
        return [round(sum(n * _UNIT_YEARS[u] for n, u in zip(numbers, units, strict=True) if u), 4)]
    shared = next((u for u in reversed(units) if u), "year")
    return [round(n * _UNIT_YEARS[u or shared], 4) for n, u in zip(numbers, units, strict=True)]


def phrase_ages(match: re.Match[str]) -> list[float]:
    """The ages an :data:`AGE_PHRASES` match names, in years.

    A birthday is an age in whole years: "after her 15th birthday" is 15, "before his
    second birthday" 1.
    """
    kind = match.lastgroup
    body = match.group(kind) if kind else next(g for g in match.groups() if g)
    if kind in ("birthday", "prebirthday"):
        number = body.lower()
        years = _ORDINAL_WORDS[number] if number in _ORDINAL_WORDS else int(number[:-2])
        return [float(years - (kind == "prebirthday"))]
    return parse_age(body)


@dataclass(frozen=True)
class LifeDates:
    """A birth and death (or incident) date pair and the age they imply."""

    born: date
    died: date
    start: int
    end: int
    #: "death" for a date of death, "incident" for the date of the harm (injury, admission, …)
    event: str = "death"

    @property
    def age(self) -> float:
        """Age in years at death."""
        return round((self.died - self.born).days / _DAYS_PER_YEAR, 4)


#: Every birth date's label holds one of these (lower case).
_BIRTH_WORDS = ("born", "birth", "d.o.b", "dob", "d.o. b", "d. o. b")


def has_birth_words(lowered: str) -> bool:
    """Whether lowercased text may hold a birth date (the test before any pattern is run)."""
    return any(word in lowered for word in _BIRTH_WORDS)


def find_life_dates(text: str, window: int = 300, subject: re.Pattern[str] | None = None) -> list[LifeDates]:
    """Birth/death pairs ("D.O.B: … D.O.D: …", "Born … Died …") within ``window`` characters.

    The second date may be the harm's instead of a death ("Date of incident: …", "On 22 January
    2020 Child R was taken to hospital", the latter only when ``subject`` matches whom it names).
    A birth date said of a parent or sibling ("Mother's D.O.B.") starts no pair.
    """
    lowered = text.lower()
    if not has_birth_words(lowered):
        return []  # the cheap test spares a regex scan of every page without a birth date
    pairs = []
    for birth in _DOB.finditer(text):
        line_start = text.rfind("\n", 0, birth.start()) + 1
        if _OTHERS_BIRTH.search(text, max(line_start, birth.start() - 30), birth.start()):
            continue
        born = parse_date(birth.group("date"))
        if born is None or born.day is None:
            continue
        later = [m for m in (_DOD.search(text, birth.end(), birth.end() + window),) if m is not None]
        if subject is not None and "on " in lowered:
            for sentence in _INCIDENT_SENTENCE.finditer(text, birth.end(), birth.end() + window):
                who = sentence.group("who").strip()
                if subject.fullmatch(who) or who.lower() in ("he", "she", "the baby", "the child"):
                    later.append(sentence)
                    break
        for death in sorted(later, key=lambda m: m.start())[:1]:
            died = parse_date(death.group("date"))
            if died is None or died.day is None:
                continue
            b, d = born.first_day(), died.first_day()
            event = (
                "death"
                if re.match(r"d\.?\s?o\.?\s?d|date\s+of\s+death|died", death.group(0), re.I)
                else "incident"
            )
            if b <= d and (d - b).days < 19 * _DAYS_PER_YEAR:
                pairs.append(LifeDates(b, d, birth.start(), death.end(), event))
    return pairs
