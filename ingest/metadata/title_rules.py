"""The report's title: library sheet, the cover's large type, HTML heading, PDF Title, file name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath

from ..registry import Line, RawDocument
from .boards import find_boards
from .candidates import Candidate
from .dates import DATE, parse_date
from .scores import TITLE_SCORES

_COVER_NOISE = re.compile(
    r"^\s*(?:author|lead\s+reviewer|independent\s+(?:reviewer|author|chair)|reviewer|"
    r"chair|written\s+by|prepared\s+by|date|published|publication|commissioned|"
    r"subject\s+of|d\.?\s?o\.?\s?[bd]|report\s+completed|version|final\s+report|"
    r"(?:independent\s+)?overview\s+report|confidential|official|contents|page\s+\d|"
    r"protect|not\s+for\s+publication)\b",
    re.I,
)
#: Welsh lines of a bilingual cover (board, review type, date labels): the English line that
#: follows each one is the title's language in this index.
_WELSH_LINE = re.compile(
    r"\b(?:bwrdd|diogelu|adolygiad|ymarfer|estynedig|dyddiad|cyhoeddi|cyhoeddwyd|rhanbarthol)\b", re.I
)
#: A cover line that is a label and a date ("Pub. date: 27-Oct-2022", "Incident: 4 March 2015",
#: "Review commissioned: May 2015"): never part of the title, whatever its label.
_DATED = re.compile(rf"^[^:–\n]{{1,40}}?\s*[:–-]\s*(?:{DATE})\s*\.?$", re.I)
_SMALL_WORDS = {"of", "in", "the", "and", "for", "to", "a", "an", "on", "by", "into", "re"}


def _smart_case(line: str) -> str:
    if not line.isupper():
        return line
    words = []
    for index, word in enumerate(line.split()):
        lower = word.lower()
        if index and lower in _SMALL_WORDS:
            words.append(lower)
        elif len(word) <= 3 and word.isalpha() and index and lower not in ("sex", "age"):
            words.append(word)  # initials such as "LR", "M"
        else:
            words.append(word.capitalize())
    return " ".join(words)


def _title_from_cover(lines: Iterable[Line], cover_page: int) -> tuple[str, bool] | None:
    """The cover's title lines joined, and whether they stood out by font size."""
    page_lines = [line for line in lines if line.page == cover_page]
    sizes = [line.size for line in page_lines if line.size > 0]
    threshold = 0.0
    if sizes and max(sizes) > min(sizes):
        # title lines are set larger than the cover's small print (author, dates)
        threshold = max(0.55 * max(sizes), min(sizes) + 0.5)
    picked: list[str] = []
    for line in page_lines:
        if line.size < threshold:
            continue
        text = line.text.strip()
        if (
            not text
            or _COVER_NOISE.match(text)
            or _WELSH_LINE.search(text)
            or parse_date(text)
            or _DATED.match(text)
        ):
            if picked:
                break
            continue
        if find_boards(text):
            if picked:
                break
            continue
        if re.fullmatch(r"[\W\d_]+", text):
            continue
        picked.append(_smart_case(text))
        if len(picked) == 4:
            break
    if not picked:
        return None
    title = " ".join(picked)
    # "Serious Case Review Child LR" -> "Serious Case Review: Child LR"
    title = re.sub(
        r"\b(Review|Summary)\s+(?=(?:Child|Baby|Young Person|Family|Twins?|Infant)\b|[A-Z][a-z]+$)",
        r"\1: ",
        title,
    )
    return (title, threshold > 0) if len(title) <= 200 else None


_JUNK_TITLE = re.compile(r"^(?:microsoft\s+word|untitled|document\d*$)|\.(?:docx?|pdf|rtf)$", re.I)


def title_candidates(raw: RawDocument, sheet: dict[str, str], filename: str) -> list[Candidate]:
    """Every title candidate, scored by source."""
    found: list[Candidate] = []
    if sheet.get("title"):
        found.append(
            Candidate(
                sheet["title"].rstrip(". "),
                TITLE_SCORES["library-cover-sheet"],
                "library-cover-sheet",
                1,
                sheet["title"],
            )
        )
    if raw.info.get("title") and not raw.paged:
        found.append(
            Candidate(
                raw.info["title"], TITLE_SCORES["html-heading"], "html-heading", None, raw.info["title"]
            )
        )
    if raw.paged:
        cover_page = 2 if sheet else 1
        lines = raw.lines or tuple(
            Line(text, cover_page, 0.0)
            for text in (raw.pages[cover_page - 1].splitlines() if len(raw.pages) >= cover_page else [])
        )
        cover_title = _title_from_cover(lines, cover_page)
        if cover_title:
            title, set_large = cover_title
            # without larger type the first lines may just be body text
            score = TITLE_SCORES["cover-page" if set_large else "cover-page, no larger type"]
            found.append(Candidate(title, score, "cover-page", cover_page, title))
        info_title = raw.info.get("title", "").strip()
        if info_title and not _JUNK_TITLE.search(info_title):
            found.append(Candidate(info_title, TITLE_SCORES["pdf-info"], "pdf-info", None, info_title))
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ").strip()
    if stem:
        found.append(Candidate(stem, TITLE_SCORES["file-name"], "file-name", None, filename))
    return found
