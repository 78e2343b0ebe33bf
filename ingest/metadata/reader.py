"""Read a report's metadata the way a librarian does: where the facts live first.

Each field is decided from *candidates*, each scored by where it was found
(library cover sheet > cover page > container metadata > introduction >
body) and by its context. The best candidate wins only if it is strong enough
and not contradicted by an equally strong one: a wrong facet value misleads
more than ``unknown`` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from ..model import Metadata, Provenance
from ..registry import Line, RawDocument
from .ages import AGE_PHRASES, BARE_AGE, find_life_dates, parse_age
from .boards import ANONYMOUS, BoardMention, find_boards, resolve_board
from .dates import DATE, parse_date, parse_iso_partial

#: Pages read in full for board and age candidates; later pages only add running headers.
#: Reports state their facts up front, and reading a 180-page body would cost more than the text.
READ_PAGES = 12

#: Minimum scores for a candidate to be kept.
MIN_BOARD_SCORE = 55
MIN_DATE_SCORE = 55
MIN_AGE_SCORE = 60


@dataclass(frozen=True)
class Candidate:
    """One possible value of a field, how much it is trusted, and where it came from."""

    value: object
    score: float
    source: str
    page: int | None
    text: str

    def provenance(self) -> Provenance:
        return Provenance(self.source, self.page, " ".join(self.text.split())[:200])


@dataclass(frozen=True)
class _Page:
    number: int | None  # 1-based PDF page; None for HTML
    text: str
    role: str  # "cover", "intro" or "body"


# ---------------------------------------------------------------- document layout


_SHEET_LABELS = re.compile(r"^\s*(Title|LSCB|Author|Date of publication)\s*:", re.I | re.M)


def _library_sheet(first_page: str) -> dict[str, str]:
    """Fields of a prepended national-library cover sheet (``Title: … LSCB: …``), if page 1 is one."""
    labels = _SHEET_LABELS.findall(first_page)
    if len({label.lower() for label in labels}) < 2:
        return {}
    fields: dict[str, str] = {}
    pattern = re.compile(
        r"^\s*(Title|LSCB|Author|Date of publication)\s*:\s*(.*?)"
        r"(?=^\s*(?:Title|LSCB|Author|Date of publication)\s*:|^\s*This\s|\Z)",
        re.I | re.M | re.S,
    )
    for match in pattern.finditer(first_page):
        fields[match.group(1).lower()] = " ".join(match.group(2).split())
    return fields


def _layout(raw: RawDocument, pages: Sequence[str]) -> tuple[list[_Page], dict[str, str]]:
    """Split the document into cover, introduction and body, and read any library sheet."""
    if not raw.paged:
        text = pages[0] if pages else ""
        cut_cover, cut_intro = min(len(text), 600), max(1500, int(len(text) * 0.4))
        return [
            _Page(None, text[:cut_cover], "cover"),
            _Page(None, text[cut_cover:cut_intro], "intro"),
            _Page(None, text[cut_intro:], "body"),
        ], {}
    sheet = _library_sheet(raw.pages[0]) if raw.pages else {}
    covers = 2 if sheet else 1
    result = []
    for index, text in enumerate(pages):
        number = index + 1
        role = "cover" if number <= covers else "intro" if number <= covers + 3 else "body"
        # a cover page's layout is best seen in the raw text (lines not yet joined)
        result.append(_Page(number, raw.pages[index] if role == "cover" else text, role))
    return result, sheet


# ---------------------------------------------------------------- board


_OTHER_BOARD_BEFORE = re.compile(
    r"\b(held\s+by|previously|another\s+area|moved|transferred|neighbouring|neighboring|"
    r"other\s+areas?|formerly|originally|from|liaised|contacted|notified|informed)\b",
    re.I,
)
_COMMISSION_BEFORE = re.compile(
    r"(on\s+behalf\s+of|commissioned\s+by|presented\s+to|published\s+by|prepared\s+for|"
    r"report\s+(?:to|for)|chair\s+of)\s+(the\s+)?$",
    re.I,
)
_COMMISSION_AFTER = re.compile(
    r"^\s*(\([A-Z&]{2,8}\)\s*)?(,\s*)?(agreed|commissioned|decided|carried\s+out|undertook|"
    r"initiated|convened|is\s+(a|the)\s+statutory|has\s+published|published|considered|"
    r"accepted|determined|met|received|endorsed|board|partnership|in\s+\w+\s+\d{4})",
    re.I,
)
_RUNNING_ZONE = 3
_ACRONYM = re.compile(r"\b([A-Z]{3,7})\b")


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "and", "the")]
    return "".join(w[0].upper() for w in words)


def _board_candidates(raw: RawDocument, layout: list[_Page], sheet: dict[str, str]) -> list[Candidate]:
    found: list[Candidate] = []
    if "lscb" in sheet:
        value = sheet["lscb"]
        resolved = resolve_board(value)
        if resolved:
            found.append(Candidate(resolved, 100, "library-cover-sheet", 1, value))
        elif re.search(r"board|partnership|committee", value, re.I):
            found.append(Candidate(value.rstrip(". "), 95, "library-cover-sheet", 1, value))
    # running headers/footers: a board printed at the top or bottom of many pages
    if raw.paged and len(raw.pages) >= 3:
        per_board: dict[str, list[int]] = {}
        for number, text in enumerate(raw.pages, start=1):
            lines = [ln for ln in text.splitlines() if ln.strip()]
            zone = "\n".join(lines[:_RUNNING_ZONE] + lines[-_RUNNING_ZONE:])
            for mention in {m.name: m for m in find_boards(zone)}.values():
                per_board.setdefault(mention.name, []).append(number)
        for name, numbers in per_board.items():
            if len(numbers) >= max(3, len(raw.pages) // 3):
                found.append(Candidate(name, 75, "running-header", numbers[0], name))
    if raw.info.get("site"):
        for mention in find_boards(raw.info["site"]):
            found.append(Candidate(mention.name, 65, "html-site-name", None, mention.text))
    if raw.info.get("description"):
        for mention in find_boards(raw.info["description"]):
            before = raw.info["description"][: mention.start]
            if re.search(r"published\s+by\s+(the\s+)?$", before, re.I):
                found.append(Candidate(mention.name, 70, "html-description", None, mention.text))
    for page in layout[:READ_PAGES]:
        for mention in find_boards(page.text):
            found.append(_score_board_mention(mention, page))
    return [c for c in found if c.score > 0]


def _score_board_mention(mention: BoardMention, page: _Page) -> Candidate:
    before = page.text[max(0, mention.start - 80) : mention.start]
    after = page.text[mention.end : mention.end + 100]
    sentence_before = re.split(r"[.;:]\s|\n\n|\n\s*\d+(?:\.\d+)+\s", before)[-1]
    commissioned = bool(_COMMISSION_BEFORE.search(sentence_before))
    if not commissioned and _OTHER_BOARD_BEFORE.search(sentence_before):
        # "Records held by X", "previously lived in another area, and X …": someone else
        return Candidate(mention.name, 0, "other-board", page.number, mention.text)
    if page.role == "cover":
        return Candidate(mention.name, 90, "cover-page", page.number, mention.text)
    if commissioned or _COMMISSION_AFTER.search(after):
        score = 70 if page.role == "intro" else 55
        return Candidate(mention.name, score, "introduction", page.number, mention.text + after[:60])
    return Candidate(
        mention.name, 20 if page.role == "intro" else 10, "body-mention", page.number, mention.text
    )


def _choose_board(candidates: list[Candidate], acronyms: set[str]) -> Candidate | None:
    best: dict[str, Candidate] = {}
    totals: dict[str, float] = {}
    for cand in candidates:
        name = str(cand.value)
        if name not in best or cand.score > best[name].score:
            best[name] = cand
        totals[name] = totals.get(name, 0) + cand.score
    if not best:
        return None

    def strength(name: str) -> tuple[float, float]:
        bonus = 8 if _initials(name) in acronyms else 0
        return (best[name].score + bonus, totals[name])

    ranked = sorted(best, key=strength, reverse=True)
    top = ranked[0]
    if best[top].score < MIN_BOARD_SCORE:
        return None
    if len(ranked) > 1 and strength(ranked[1])[0] >= strength(top)[0] and best[top].score < 90:
        return None  # two boards equally plausible: say unknown rather than guess
    return best[top]


# ---------------------------------------------------------------- publication date


_PUB_LABEL = (
    r"(?:date\s+of\s+publication|publication\s+date|date\s+published|first\s+published|"
    r"publication(?=\s*:)|published(?:\s+(?:on|in))?)"
)
_PUB = re.compile(rf"{_PUB_LABEL}\s*[:\-–]?\s*(?P<date>{DATE})(?![\w/])", re.I)
_PUB_BY = re.compile(rf"published\s+by\s+[^\n]{{1,80}}?\s[–\-:,]\s*(?P<date>{DATE})(?![\w/])", re.I)
_DATE_LINE = re.compile(rf"^\s*date\s*[:\-–]\s*(?P<date>{DATE})\s*$", re.I | re.M)
_BARE_DATE_LINE = re.compile(rf"^\s*(?P<date>{DATE})\s*$", re.I | re.M)
_NOT_PUBLICATION = re.compile(
    r"complet|draft|version|revis|updat|d\.?\s?o\.?\s?[bd]\b|born|died|death|birth|incident|"
    r"meeting|approv|signed|review\s+period|reviewed|agreed|commission",
    re.I,
)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _date_candidates(raw: RawDocument, layout: list[_Page], sheet: dict[str, str]) -> list[Candidate]:
    found: list[Candidate] = []

    def add(text: str, score: float, source: str, page: int | None, context: str) -> None:
        parsed = parse_date(text) or parse_iso_partial(text)
        if parsed is not None:
            found.append(Candidate(parsed, score, source, page, context))

    if "date of publication" in sheet:
        add(
            sheet["date of publication"],
            100,
            "library-cover-sheet",
            1,
            sheet["date of publication"],
        )
    if raw.info.get("published"):
        add(raw.info["published"], 85, "html-meta", None, raw.info["published"])
    if raw.info.get("heading_date"):
        add(raw.info["heading_date"], 75, "html-heading-date", None, raw.info["heading_date"])
    for page in layout[:READ_PAGES]:
        # every publication phrase says "publi…": pages without it need no regex scan
        patterns = (_PUB, _PUB_BY) if "publi" in page.text.lower() else ()
        for pattern in patterns:
            for match in pattern.finditer(page.text):
                line = _line_at(page.text, match.start())
                at_line_start = bool(re.match(rf"\s*[\d.]*\s*(?:{_PUB_LABEL}|published\s+by)", line, re.I))
                if page.role == "cover":
                    add(match.group("date"), 95, "cover-page", page.number, line)
                elif at_line_start and page.role == "intro":
                    add(match.group("date"), 80, "publication-statement", page.number, line)
                elif at_line_start:
                    add(match.group("date"), 60, "publication-statement", page.number, line)
        if page.role != "cover":
            continue
        for match in _DATE_LINE.finditer(page.text):
            add(match.group("date"), 70, "cover-date", page.number, match.group(0))
        for match in _BARE_DATE_LINE.finditer(page.text):
            parsed = parse_date(match.group("date"))
            if parsed is None:
                continue
            line_index = page.text[: match.start()].count("\n")
            lines = page.text.split("\n")
            neighbours = " ".join(lines[max(0, line_index - 1) : line_index])
            if _NOT_PUBLICATION.search(neighbours) and not re.search(_PUB_LABEL, neighbours, re.I):
                continue
            score = 60 if parsed.month else 55
            add(match.group("date"), score, "cover-date", page.number, match.group(0))
    return [c for c in found if not _NOT_PUBLICATION.search(c.text) or c.score >= 95]


def _choose(candidates: list[Candidate], minimum: float) -> Candidate | None:
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    top = ranked[0]
    if top.score < minimum:
        return None
    rivals = [c for c in ranked[1:] if c.score >= top.score and c.value != top.value]
    if rivals:
        return None
    return top


# ---------------------------------------------------------------- subject and ages


_NAME = (
    r"(?:(?:Child|Baby|Infant|Young\s+Person|YP|Twins?|Family|Sibling|Adolescent)\s+[A-Z0-9]{1,3}[a-z0-9]?\b)"
)
_SUBJECT_INTRO = re.compile(
    rf"(?:subject\s+of\s+the\s+review\s*:?|circumstances\s+of|review\s+concerns|"
    rf"in\s+respect\s+of|concerning|death\s+of|injuries\s+to)\s+(?:the\s+)?(?P<name>{_NAME}|[A-Z][a-z]{{2,}}\b)"
)
_TITLE_SUBJECT = re.compile(
    r"(?:review|summary|report)\s*(?:[:\-–]|in\s+respect\s+of|into|concerning|of|for|re)\s*"
    r"(?:the\s+)?(?P<subject>[A-Z].*?)\s*(?:\(|$)",
    re.I,
)
_TITLE_NOISE = re.compile(
    r"\s+(?:SCR|LCSPR|CSPR|LSCPR|CPR|overview\s+report|executive\s+summary|final\s+report|report)$",
    re.I,
)
_GENERIC_SUBJECT = re.compile(
    r"\b(?:the\s+(?:subject\s+)?(?:child|baby|infant|young\s+person|children|twins)|"
    r"twin\s+(?:boys|girls|babies)|the\s+subjects?\s+of\s+(?:the|this)\s+review)\b",
    re.I,
)
_RELATION = re.compile(
    r"\b(?:mother|mum|father|dad|step-?(?:father|mother|parent)|partner|parents?|carers?|"
    r"sibling|siblings|brothers?|sisters?|half-?(?:brother|sister|sibling)|grand(?:mother|father|"
    r"parents?)|uncle|aunt|cousin|boyfriend|girlfriend|man|woman|men|women|adults?|lodger|"
    r"friend|neighbour|perpetrator|aunt|nan|grandma|granddad|he|she|his|her|their)\b",
    re.I,
)
_SENTENCE_START = re.compile(r"(?:[.!?]\s|\n\s*\n|\n\s*\d+(?:\.\d+)+\s)")


def _subject_names(title: str | None, layout: list[_Page]) -> list[str]:
    names: list[str] = []
    if title:
        match = _TITLE_SUBJECT.search(title)
        subject = match.group("subject") if match else title
        subject = _TITLE_NOISE.sub("", subject.strip().rstrip("."))
        if 0 < len(subject) <= 40:
            names.append(subject)
            twins = re.fullmatch(r"(Twins|Children|Siblings)\s+(\w+)\s+and\s+(\w+)", subject, re.I)
            if twins:
                singular = {"twins": "Twin", "children": "Child", "siblings": "Sibling"}[
                    twins.group(1).lower()
                ]
                names += [f"{singular} {twins.group(2)}", f"{singular} {twins.group(3)}"]
    for page in layout:
        if page.role == "body":
            continue
        for match in _SUBJECT_INTRO.finditer(page.text):
            names.append(" ".join(match.group("name").split()))
    cleaned: list[str] = []
    for name in names:
        if name.lower() in ("the", "this", "a", "an") or _RELATION.fullmatch(name):
            continue
        if name.lower() not in (n.lower() for n in cleaned):
            cleaned.append(name)
    return cleaned


def _name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = sorted((r"\s+".join(map(re.escape, n.split())) for n in names), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(alternatives)})(?![\w])", re.I)


def _subject_window(text: str, start: int, names: re.Pattern[str] | None) -> tuple[bool, int]:
    """Is the age at ``start`` said of the subject? Also: how many subject names share it."""
    window_start = max(0, start - 160)
    window = text[window_start:start]
    cut = 0
    for match in _SENTENCE_START.finditer(window):
        cut = match.end()
    window = window[cut:]
    last_subject = -1
    subjects: set[str] = set()
    if names is not None:
        for match in names.finditer(window):
            last_subject = max(last_subject, match.end())
            subjects.add(match.group(0).lower())
    for match in _GENERIC_SUBJECT.finditer(window):
        last_subject = max(last_subject, match.end())
    if last_subject < 0:
        return False, 0
    tail = window[last_subject:]
    if _RELATION.search(tail) or _NAMED_OTHER.search(tail):
        return False, 0
    return True, len(subjects)


# another named person between the subject and the age ("Child T's sister Amy, aged 4")
_NAMED_OTHER = re.compile(r"'s\b|\bwhose\b|\bwith\b|\band\s+(?!was\b)")


# searched in lowercased text (faster); every age phrase holds one of these
_AGE_TRIGGER = re.compile(r"\baged?\b|\bold\b|\b(?:baby|infant|boy|girl)\s+of\b")


def _age_phrases(text: str) -> Iterator[re.Match[str]]:
    """Age phrases in ``text``, matched only near words that every age phrase contains.

    Scanning whole pages with the full pattern is slow; "aged", "age (of)" and
    "old" are cheap to find and every phrase has one.
    """
    end_of_last = -1
    for trigger in _AGE_TRIGGER.finditer(text.lower()):
        start = max(trigger.start() - 40, end_of_last, 0)
        for match in AGE_PHRASES.finditer(text, start, min(len(text), trigger.end() + 60)):
            if match.start() >= end_of_last and match.start() <= trigger.start() <= match.end():
                end_of_last = match.end()
                yield match


def _age_candidates(layout: list[_Page], names: Sequence[str]) -> list[Candidate]:
    pattern = _name_pattern(names)
    found: list[Candidate] = []
    base = {"cover": 90, "intro": 80, "body": 60}
    for page in layout[:READ_PAGES]:
        text = page.text
        for match in _age_phrases(text):
            ok, count = _subject_window(text, match.start(), pattern)
            if not ok:
                continue
            body = next(g for g in match.groups() if g)
            ages = parse_age(body)
            if len(ages) == 1 and count > 1:
                ages = ages * count
            context = text[max(0, match.start() - 60) : match.end()]
            found.append(Candidate(tuple(ages), base[page.role], "age-phrase", page.number, context))
        if pattern is not None:
            # a table row or cover line: the subject's name directly followed by an age
            for name in pattern.finditer(text):
                bare = (
                    BARE_AGE.match(text, name.end() + 1)
                    if text[name.end() : name.end() + 1] in " \t\n"
                    else None
                )
                if bare is None:
                    continue
                ages = parse_age(bare.group("bare"))
                context = text[max(0, name.start() - 30) : bare.end()]
                found.append(Candidate(tuple(ages), 65, "subject-table", page.number, context))
        for pair in find_life_dates(text):
            near_subject = page.role == "cover" or _subject_window(text, pair.start, pattern)[0]
            if near_subject:
                context = text[pair.start : pair.end]
                score = 88 if page.role == "cover" else 75
                found.append(Candidate((pair.age,), score, "birth-and-death-dates", page.number, context))
    return [c for c in found if c.value and all(0 <= a < 19 for a in c.value)]  # type: ignore[attr-defined]


def _choose_ages(candidates: list[Candidate]) -> Candidate | None:
    if not candidates:
        return None

    def key(values: object) -> tuple[float, ...]:
        return tuple(sorted(round(v, 2) for v in values))  # type: ignore[attr-defined]

    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    top = ranked[0]
    if top.score < MIN_AGE_SCORE:
        return None
    for rival in ranked[1:]:
        if rival.score < top.score:
            break
        if not _same_ages(key(rival.value), key(top.value)):
            return None
    return top


def _same_ages(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    if len(a) != len(b):
        return False
    return all(abs(x - y) <= max(0.05 * max(x, y), 0.02) for x, y in zip(a, b, strict=True))


# ---------------------------------------------------------------- title


_COVER_NOISE = re.compile(
    r"^\s*(?:author|lead\s+reviewer|independent\s+(?:reviewer|author|chair)|reviewer|"
    r"chair|written\s+by|prepared\s+by|date|published|publication|commissioned|"
    r"subject\s+of|d\.?\s?o\.?\s?[bd]|report\s+completed|version|final\s+report|"
    r"(?:independent\s+)?overview\s+report|confidential|official|contents|page\s+\d|"
    r"protect|not\s+for\s+publication)\b",
    re.I,
)
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
        if not text or _COVER_NOISE.match(text) or parse_date(text) or find_boards(text):
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


def _title_candidates(raw: RawDocument, sheet: dict[str, str], filename: str) -> list[Candidate]:
    found: list[Candidate] = []
    if sheet.get("title"):
        found.append(Candidate(sheet["title"].rstrip(". "), 100, "library-cover-sheet", 1, sheet["title"]))
    if raw.info.get("title") and not raw.paged:
        found.append(Candidate(raw.info["title"], 90, "html-heading", None, raw.info["title"]))
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
            score = 80 if set_large else 40
            found.append(Candidate(title, score, "cover-page", cover_page, title))
        info_title = raw.info.get("title", "").strip()
        if info_title and not _JUNK_TITLE.search(info_title):
            found.append(Candidate(info_title, 50, "pdf-info", None, info_title))
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ").strip()
    if stem:
        found.append(Candidate(stem, 10, "file-name", None, filename))
    return found


# ---------------------------------------------------------------- entry point


def read_metadata(raw: RawDocument, pages: Sequence[str], filename: str) -> Metadata:
    """Decide title, board, publication date and child ages for one document."""
    layout, sheet = _layout(raw, pages)
    provenance: dict[str, Provenance] = {}

    title_pick = _choose(_title_candidates(raw, sheet, filename), 0)
    title = str(title_pick.value) if title_pick else None
    if title_pick:
        provenance["title"] = title_pick.provenance()

    lscb: str | None = None
    if sheet.get("lscb", "").lower().startswith("anonym"):
        lscb = ANONYMOUS
        provenance["lscb"] = Provenance("library-cover-sheet", 1, sheet["lscb"])
    else:
        cover_text = " ".join(p.text for p in layout if p.role == "cover")
        acronyms = set(_ACRONYM.findall(cover_text))
        board = _choose_board(_board_candidates(raw, layout, sheet), acronyms)
        if board:
            lscb = str(board.value)
            provenance["lscb"] = board.provenance()

    date_pick = _choose(_date_candidates(raw, layout, sheet), MIN_DATE_SCORE)
    published = str(date_pick.value) if date_pick else None
    if date_pick:
        provenance["published"] = date_pick.provenance()

    age_pick = _choose_ages(_age_candidates(layout, _subject_names(title, layout)))
    ages: tuple[float, ...] = ()
    if age_pick:
        ages = tuple(round(a, 2) for a in age_pick.value)  # type: ignore[attr-defined]
        provenance["child_ages"] = age_pick.provenance()

    return Metadata(title=title, lscb=lscb, published=published, child_ages=ages, provenance=provenance)


__all__ = ["read_metadata"]
