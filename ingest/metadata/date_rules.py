"""The publication date, where reports print it.

Classes of phrasing, strongest first: a library cover sheet; a labelled date
on the cover ("Date of publication:", "Published", "Publication date", the
Welsh "Dyddiad cyhoeddi"); a publication line repeated in the running header
or footer; HTML publication markup; a sentence that says the report was
published ("This report was published by … on 8 December 2021"), in the
introduction or on the last pages; a bare date on the cover. Completed,
presented, approved, agreed and version dates are never publication dates.
"""

from __future__ import annotations

import re

from ..registry import RawDocument
from .candidates import READ_PAGES, Candidate, Page, running_zone
from .dates import DATE, parse_date, parse_iso_partial
from .scores import DATE_SCORES

#: Labels that introduce a publication date, English and Welsh.
_REPORT_LABEL = (
    r"(?:date\s+of\s+publication|publication\s+date|date\s+published|published\s+date|first\s+published|"
    # "Issued: 4 May 2021", "Date of issue: …", "Date issued …": issuing a report is publishing it
    r"issued(?=\s*[:–-])|date\s+of\s+issue|date\s+issued|"
    # "Pub. date: 01-Feb-2019", "Pub date –"
    r"pub\.?\s+date|"
    r"dyddiad\s+cyhoeddi|cyhoeddwyd(?:\s+gyntaf)?|"
    r"publication(?=\s*[:–-])|published(?:\s+(?:on|in))?)"
)
#: A board website's post date: "Posted on 12 July 2016", "Date added: 1 September 2017".
_POST_LABEL = r"(?:posted(?:\s+on)?|date\s+(?:added|posted)|added\s+on)"
PUB_LABEL = f"(?:{_REPORT_LABEL}|{_POST_LABEL})"
#: "Published: Tuesday 10 July 2018": a weekday may stand before the date.
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
#: Every publication label contains one of these (lower case).
_PUB_NEEDLES = ("publi", "cyhoedd", "posted", "date added", "added on", "issue", "pub. date", "pub date")
#: "published on the 3rd of June 2016": "the" may stand before the day.
#: "Date of publication of this report: 20 October 2015": the label may name the report.
_OF_THE_REPORT = r"(?:\s+of\s+(?:this|the)\s+(?:[\w-]+\s+)?(?:report|review))?"
#: A word in brackets after the label: "Published (online): …", "Date of publication (web): …".
_BRACKETED = r"(?:\s*\([\w\s-]{1,20}\))?"
_PUB = re.compile(
    rf"{_REPORT_LABEL}{_OF_THE_REPORT}{_BRACKETED}\s*[:\-–]?\s*{_WEEKDAY}(?:the\s+)?(?P<date>{DATE})(?![\w/])",
    re.I,
)
#: ... also with its author between: "Posted by the Business Unit on 26 March 2014".
_POSTED = re.compile(
    # the author is a name of a few words ("the Business Unit"), never a clause ("the mother to a friend")
    rf"{_POST_LABEL}\s*(?:by\s+(?:(?!to\b)[\w'’&-]+\s+){{1,5}}?on\s+)?[:\-–]?\s*{_WEEKDAY}(?:the\s+)?"
    rf"(?P<date>{DATE})(?![\w/])",
    re.I,
)
#: The active voice: "The Board published this report in March 2017" ("this": "published the national
#: review in 2012" is another report).
_PUB_ACTIVE = re.compile(
    rf"\bpublished\s+this\s+(?:[\w-]+\s+){{0,3}}?(?:report|review)\s+(?:in|on)\s+(?:the\s+)?"
    rf"(?P<date>{DATE})(?![\w/])",
    re.I,
)
#: Words between the verb and the date: "published on the Partnership's website on 21.10.2021",
#: "published in full on 3 May 2019", "published under the Partnership's publication policy in
#: October 2018". The words hold no digit and no sentence end, so the date is the publication's, not
#: one said before it; "published by" is :data:`_PUB_BY`'s.
_PUB_WORDS_BETWEEN = re.compile(
    rf"\bpublished\s+(?!by\b)[^\n.;:\d]{{1,60}}?\s(?:on|in)\s+(?:the\s+)?(?P<date>{DATE})(?![\w/])",
    re.I,
)
# "Published: 05/2019" — a numeric month and year, only right after a publication label
_PUB_NUMERIC_MONTH = re.compile(
    rf"{_REPORT_LABEL}\s*[:\-–]?\s*(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b", re.I
)
_PUB_BY = re.compile(
    # "published by SSCB – 12th July 2013", "published by the Partnership: 12 May 2019"
    rf"published\s+by\s+[^\n]{{1,90}}?(?:\s?[–\-:,]|\s+on|\s+in)\s*(?P<date>{DATE})(?![\w/])",
    re.I,
)
#: A cover's date line: "Date: …", "Report date: …", "Date of report: …", "Final report: …".
_COVER_DATE_LABEL = (
    r"(?:date|report\s+date|date\s+of\s+(?:the\s+)?(?:final\s+)?report|final\s+report(?:\s+date)?)"
)
#: What may follow a cover's date on its line: "March 2016 | Version 1.0", "June 2015 (final)".
_VERSION_TAIL = r"(?:\s*[|,–\-]?\s*\(?\s*(?:final(?:\s+version)?|v(?:ersion)?\s*\d+(?:\.\d+)*)\s*\)?)?"
_DATE_LINE = re.compile(
    rf"^\s*{_COVER_DATE_LABEL}\s*[:\-–]?\s*(?P<date>{DATE}){_VERSION_TAIL}\s*$", re.I | re.M
)
_BARE_DATE_LINE = re.compile(rf"^\s*(?P<date>{DATE}){_VERSION_TAIL}\s*$", re.I | re.M)
#: A copyright notice names the year the report was issued: "© Bexley LSCB 2016", "Copyright 2017 …".
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:[^\n\d]{0,80}?)(?P<year>(?:19[5-9]\d|20\d\d))\b(?![/.\-]\d)", re.I
)
_NOT_PUBLICATION = re.compile(
    r"complet|draft|version|revis|updat|d\.?\s?o\.?\s?[bd]\b|born|died|death|birth|incident|"
    r"meeting|approv|signed|review\s+period|reviewed|agreed|commission|presented",
    re.I,
)
#: A version note beside a date ("| Version 1.0", "(final)") is not a sign of a draft or revision date.
_VERSION_RE = re.compile(_VERSION_TAIL + r"\s*$", re.I)
#: What may stand before "published" in a sentence that says when the report was published:
#: nothing, or the report as its subject ("This overview report was first …").
_PUBLISHED_SENTENCE = re.compile(
    r"\s*(?:[\d.]+\s+)?(?:(?:this|the)\s+(?:[\w-]+\s+){0,4}?(?:report|review|summary)\s+"
    r"(?:was|is|has\s+been|will\s+be)\s+(?:first\s+)?"
    # a verb coordinated before: "This report was approved by the Board on 3 March and published on …"
    r"(?:[^.;\n]{1,100}?\s+and\s+(?:was\s+|then\s+)?)?)?",
    re.I,
)
#: The clause of a coordinated sentence that holds the publication: "… approved on X and published on
#: Y" is read from "and": the approval's date and word are not the publication's.
_LAST_AND = re.compile(r".*\band\s+", re.I | re.S)
_PREPOSITION_FIRST = re.compile(r"published\s+(?:on|in|to|via|at|online|under|with|following|after)\b", re.I)
#: A line that starts with a publication label (a paragraph number may stand before it).
_LABEL_AT_LINE_START = re.compile(rf"\s*[\d.]*\s*(?:{PUB_LABEL}|published\s+by)", re.I)
#: Pages at the end of a report read for a closing publication note.
_CLOSING_PAGES = 2


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _sentence_before(text: str, pos: int) -> str:
    """From the start of the sentence holding ``pos`` up to ``pos``."""
    window = text[max(0, pos - 200) : pos]
    cut = 0
    for match in re.finditer(r"[.!?]\s|\n\s*\n|\n\s*\d+(?:\.\d+)*\.?\s", window):
        cut = match.end()
    return window[cut:]


def _publication_dates(text: str) -> list[tuple[re.Match[str], str]]:
    """Each publication phrase in ``text`` with the date text it names."""
    found: list[tuple[re.Match[str], str]] = []
    lower = text.lower()
    # the rarer forms only where their words are: each regex scan of a page costs
    patterns = [_PUB, _PUB_BY, _PUB_WORDS_BETWEEN]
    if "published this" in lower:
        patterns.append(_PUB_ACTIVE)
    if "posted" in lower or "added" in lower:
        patterns.append(_POSTED)
    for start, end in _near_needles(lower):
        for pattern in patterns:
            found += [(m, m.group("date")) for m in pattern.finditer(text, start, end)]
        found += [
            (m, f"{m.group('year')}-{int(m.group('month')):02d}")
            for m in _PUB_NUMERIC_MONTH.finditer(text, start, end)
        ]
    return found


#: How far before its needle a publication phrase may start ("Date of publication": "publi" is 8
#: characters in) and how far after it the phrase may end (a few words, then the date).
_BEFORE_NEEDLE, _AFTER_NEEDLE = 30, 200


def _near_needles(lower: str) -> list[tuple[int, int]]:
    """The stretches of a page around each publication needle, merged where they overlap.

    The publication patterns scanned whole pages cost four times the rest of the date rules once
    they allowed words between "published" and the date (0.35 s against 0.08 s over the labelled
    reports); scanning near the needles finds the same phrases.
    """
    spans: list[tuple[int, int]] = []
    for needle in _PUB_NEEDLES:
        at = lower.find(needle)
        while at >= 0:
            spans.append((max(0, at - _BEFORE_NEEDLE), min(len(lower), at + _AFTER_NEEDLE)))
            at = lower.find(needle, at + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _running_dates(raw: RawDocument) -> list[Candidate]:
    """A publication phrase printed in the running header or footer of many pages."""
    if not raw.paged or len(raw.pages) < 3:
        return []
    pages_by_value: dict[str, list[int]] = {}
    lines_by_value: dict[str, str] = {}
    for number, text in enumerate(raw.pages, start=1):
        zone = running_zone(text)
        lowered = zone.lower()
        if not any(needle in lowered for needle in _PUB_NEEDLES):
            continue
        for match, date_text in _publication_dates(zone):
            parsed = parse_date(date_text) or parse_iso_partial(date_text)
            if parsed is not None and number not in pages_by_value.setdefault(str(parsed), []):
                pages_by_value[str(parsed)].append(number)
                lines_by_value.setdefault(str(parsed), _line_at(zone, match.start()))
    return [
        Candidate(
            parse_iso_partial(value),
            DATE_SCORES["running-header"],
            "running-header",
            numbers[0],
            lines_by_value[value],
        )
        for value, numbers in pages_by_value.items()
        if len(numbers) >= max(3, len(raw.pages) // 3)
    ]


def date_candidates(raw: RawDocument, layout: list[Page], sheet: dict[str, str]) -> list[Candidate]:
    """Every publication-date candidate, scored by where and how it is printed."""
    found: list[Candidate] = []

    def add(text: str, score: float, source: str, page: int | None, context: str) -> None:
        parsed = parse_date(text) or parse_iso_partial(text)
        if parsed is not None:
            found.append(Candidate(parsed, score, source, page, context))

    if "date of publication" in sheet:
        value = sheet["date of publication"]
        add(value, DATE_SCORES["library-cover-sheet"], "library-cover-sheet", 1, value)
    if raw.info.get("published"):
        add(raw.info["published"], DATE_SCORES["html-meta"], "html-meta", None, raw.info["published"])
    if raw.info.get("heading_date"):
        add(
            raw.info["heading_date"],
            DATE_SCORES["html-heading-date"],
            "html-heading-date",
            None,
            raw.info["heading_date"],
        )
    found += _running_dates(raw)
    read = layout[:READ_PAGES]
    closing = [p for p in layout[-_CLOSING_PAGES:] if p not in read] if raw.paged else []
    for page in read + closing:
        # every publication phrase says one of these: other pages need no regex scan
        wanted = any(needle in page.lower for needle in _PUB_NEEDLES)
        matches = _publication_dates(page.text) if wanted else []
        for match, date_text in matches:
            line = _line_at(page.text, match.start())
            before = _sentence_before(page.text, match.start())
            # "Published guidance on safeguarding in 2018 …": words that start with a noun are the
            # report's publication only when the report is the sentence's subject
            noun_first = match.re is _PUB_WORDS_BETWEEN and not _PREPOSITION_FIRST.match(match.group(0))
            if noun_first and not before.strip():
                continue
            at_line_start = bool(_LABEL_AT_LINE_START.match(line))
            # a heading line ("Publication") may stand before the sentence with no full stop
            in_sentence = match.re is _PUB_ACTIVE or any(
                _PUBLISHED_SENTENCE.fullmatch(b) for b in (before, before.rsplit("\n", 1)[-1])
            )
            clause = _LAST_AND.sub("", before) if in_sentence and match.re is not _PUB_ACTIVE else before
            sentence = clause + page.text[match.start() : match.end()]
            if page.role == "cover":
                add(date_text, DATE_SCORES["cover-page"], "cover-page", page.number, line)
            elif (at_line_start or in_sentence) and page.role == "intro":
                add(
                    date_text,
                    DATE_SCORES["publication-statement"],
                    "publication-statement",
                    page.number,
                    sentence,
                )
            elif (at_line_start or in_sentence) and page in closing:
                add(date_text, DATE_SCORES["closing-note"], "closing-note", page.number, sentence)
            elif at_line_start or in_sentence:
                add(
                    date_text,
                    DATE_SCORES["publication-statement, later page"],
                    "publication-statement",
                    page.number,
                    sentence,
                )
        if page.role == "cover" or page in closing:
            for match in _COPYRIGHT.finditer(page.text):
                line = _line_at(page.text, match.start())
                add(match.group("year"), DATE_SCORES["copyright"], "copyright", page.number, line)
        if page.role != "cover":
            continue
        for match in _DATE_LINE.finditer(page.text):
            add(match.group("date"), DATE_SCORES["cover-date"], "cover-date", page.number, match.group(0))
        lines = page.text.split("\n")
        for match in _BARE_DATE_LINE.finditer(page.text):
            parsed = parse_date(match.group("date"))
            if parsed is None:
                continue
            line_index = page.text[: match.start()].count("\n")
            neighbours = " ".join(lines[max(0, line_index - 1) : line_index])
            if _NOT_PUBLICATION.search(neighbours) and not re.search(PUB_LABEL, neighbours, re.I):
                continue
            score = DATE_SCORES["cover-date, bare month" if parsed.month else "cover-date, bare year"]
            add(match.group("date"), score, "cover-date", page.number, match.group(0))
    return [
        c
        for c in found
        if not _NOT_PUBLICATION.search(_VERSION_RE.sub("", c.text)) or c.score >= DATE_SCORES["cover-page"]
    ]
