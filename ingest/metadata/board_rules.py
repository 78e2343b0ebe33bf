"""The publishing board: cover page, running headers, commissioning sentences, HTML site name.

A board mentioned in passing ("records held by X", "the family moved from Y") is
someone else's. A report whose own board is named only generically ("the Local
Safeguarding Children Board agreed…") or that says its area names were removed
is ``Anonymous``.
"""

from __future__ import annotations

import re

from ..registry import RawDocument
from .board_lookup import area_by_letters, board_of_area
from .boards import ANONYMOUS, BoardMention, canonical_name, find_boards, resolve_board
from .candidates import MIN_BOARD_SCORE, READ_PAGES, Candidate, Page, running_zone
from .scores import BOARD_SCORES

_OTHER_BOARD_BEFORE = re.compile(
    r"\b(held\s+by|previously|another\s+area|moved|transferred|neighbouring|neighboring|"
    r"other\s+areas?|formerly|originally|from|liaised|contacted|notified|informed)\b",
    re.I,
)
#: Someone else's board by what it did: "X shared records from …", "X provided information".
_OTHER_BOARD_AFTER = re.compile(
    r"^\s*(?:\([A-Z&]{2,8}\)\s*)?(?:also\s+)?(?:(?:shared|provided|supplied|sent|passed\s+on|forwarded|held|"
    r"contributed)(?:\s+(?:its|their|the|some|relevant|further))?\s+(?:records|information|files|chronolog)"
    # told of the review, not its author: "X was told of the review because the family had lived there"
    # (but "X was notified of the incident" is how a report speaks of its own board)
    r"|(?:was|were)\s+(?:(?:told|informed|notified|made\s+aware)\s+(?:of|about)\s+(?:the|this)\s+"
    r"(?:review|report)|consulted|contacted)\b)",
    re.I,
)
_COMMISSION_BEFORE = re.compile(
    r"(on\s+behalf\s+of|commissioned\s+by|presented\s+to|published\s+by|prepared\s+for|"
    # a foreword's signature: "Independent Chair, North Wales Safeguarding Board"
    r"report\s+(?:to|for)|chair(?:person)?\s+of|chair(?:person)?\s*,)\s*(the\s+)?$",
    re.I,
)
_COMMISSION_AFTER = re.compile(
    r"^\s*(\([A-Z&]{2,8}\)\s*)?(,\s*)?(agreed|commissioned|decided|carried\s+out|undertook|"
    r"initiated|convened|is\s+(a|the)\s+statutory|has\s+published|published|considered|"
    r"accepted|determined|met|received|endorsed|board|partnership|in\s+\w+\s+\d{4})",
    re.I,
)
#: Capitalised acronyms on the cover: a board whose initials are among them gets a small bonus.
ACRONYM = re.compile(r"\b([A-Z]{3,7})\b")


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "and", "the")]
    return "".join(w[0].upper() for w in words)


def board_candidates(raw: RawDocument, layout: list[Page], sheet: dict[str, str]) -> list[Candidate]:
    """Every board candidate: library sheet, running headers, HTML site, cover and text mentions."""
    found: list[Candidate] = []
    if "lscb" in sheet:
        value = sheet["lscb"]
        resolved = resolve_board(value)
        if resolved:
            found.append(
                Candidate(resolved, BOARD_SCORES["library-cover-sheet"], "library-cover-sheet", 1, value)
            )
        elif board_of_area(value, _sheet_year(sheet)):
            # "LSCB: Gwent": the area alone, under a cover that names the board itself
            name = board_of_area(value, _sheet_year(sheet))
            score = BOARD_SCORES["library-cover-sheet, area only"]
            found.append(Candidate(name, score, "library-cover-sheet", 1, value))
        elif re.search(r"board|partnership|committee", value, re.I):
            found.append(
                Candidate(
                    value.rstrip(". "),
                    BOARD_SCORES["library-cover-sheet, unknown board"],
                    "library-cover-sheet",
                    1,
                    value,
                )
            )
    # running headers/footers: a board printed at the top or bottom of many pages
    if raw.paged and len(raw.pages) >= 3:
        per_board: dict[str, list[int]] = {}
        for number, text in enumerate(raw.pages, start=1):
            zone = running_zone(text)
            for mention in {m.name: m for m in find_boards(zone)}.values():
                per_board.setdefault(mention.name, []).append(number)
        for name, numbers in per_board.items():
            if len(numbers) >= max(3, len(raw.pages) // 3):
                found.append(
                    Candidate(name, BOARD_SCORES["running-header"], "running-header", numbers[0], name)
                )
    if raw.info.get("site"):
        for mention in find_boards(raw.info["site"]):
            found.append(
                Candidate(mention.name, BOARD_SCORES["html-site-name"], "html-site-name", None, mention.text)
            )
    if raw.info.get("site_header"):
        for mention in find_boards(raw.info["site_header"]):
            score = BOARD_SCORES["html-site-name"]
            found.append(Candidate(mention.name, score, "html-site-name", None, raw.info["site_header"]))
    if raw.info.get("copyright"):
        for mention in find_boards(raw.info["copyright"]):
            score = BOARD_SCORES["copyright"]
            found.append(Candidate(mention.name, score, "copyright", None, raw.info["copyright"]))
    for address in _WEB_ADDRESS.finditer(raw.info.get("web_addresses", "")):
        site_board = board_of_site(address.group("label"))
        if site_board:
            score = BOARD_SCORES["web-address"]
            found.append(Candidate(site_board, score, "web-address", None, address.group(0)))
    if raw.info.get("description"):
        for mention in find_boards(raw.info["description"]):
            before = raw.info["description"][: mention.start]
            if re.search(r"published\s+by\s+(the\s+)?$", before, re.I):
                found.append(
                    Candidate(
                        mention.name, BOARD_SCORES["html-description"], "html-description", None, mention.text
                    )
                )
    read = layout[:READ_PAGES]
    for page in read:
        for mention in find_boards(page.text):
            found.append(_score_board_mention(mention, page))
    closing = [p for p in layout[-_CLOSING_PAGES:] if p not in read] if raw.paged else []
    for page in read + closing:
        found += _copyright_and_web(page)
    return [c for c in found if c.score > BOARD_SCORES["other-board"]]


#: Pages at the end of a report read for a copyright line or the board's web address.
_CLOSING_PAGES = 2
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.I)
#: A web address: its first name after "www." (or the scheme) is read for an area and a board kind.
_WEB_ADDRESS = re.compile(r"(?:\bwww\.|https?://(?:www\.)?)(?P<label>[a-z0-9-]{4,60})\.", re.I)
#: How a board's kind is run together in its site's name, longest first.
_WEB_KINDS = (
    ("safeguardingchildrenpartnership", "partnership"), ("safeguardingchildrenboard", "board"),
    ("safeguardingpartnership", "safeguarding-partnership"), ("safeguardingboard", "safeguarding-board"),
    ("childprotectioncommittee", "committee"), ("childprotection", "committee"), ("lscb", "board"),
    ("scb", "board"), ("scp", "partnership"), ("cpc", "committee"),
)  # fmt: skip


def _copyright_and_web(page: Page) -> list[Candidate]:
    """A board in a copyright line ("© Fife Child Protection Committee 2019") or in its web address."""
    found: list[Candidate] = []
    lower = page.lower
    if "©" in lower or "(c)" in lower or "copyright" in lower:
        for mark in _COPYRIGHT.finditer(page.text):
            line_end = page.text.find("\n", mark.end())
            line = page.text[mark.end() : line_end if line_end >= 0 else len(page.text)]
            for mention in find_boards(line[:160]):
                if mention.start <= 12:  # the board is whom the notice names, not a board it mentions
                    score = BOARD_SCORES["copyright"]
                    found.append(Candidate(mention.name, score, "copyright", page.number, mention.text))
    if "www." in lower or "://" in lower:
        for address in _WEB_ADDRESS.finditer(page.text):
            name = board_of_site(address.group("label"))
            if name:
                score = BOARD_SCORES["web-address"]
                whole = page.text[address.start() :].split(maxsplit=1)[0].rstrip(".,;)")
                found.append(Candidate(name, score, "web-address", page.number, whole))
    return found


def board_of_site(label: str) -> str | None:
    """The board a site's name stands for: "perthandkinrosschildprotection" → Perth and Kinross CPC.

    The name must be a gazetteer area run together with a board's kind; a council's own site
    ("kirklees") or a national one names no board.
    """
    label = label.lower().replace("-", "")
    for suffix, kind in _WEB_KINDS:
        if label.endswith(suffix) and len(label) > len(suffix):
            area = area_by_letters(label[: -len(suffix)])
            if area is not None:
                return canonical_name(area, kind)
    return None


def _sheet_year(sheet: dict[str, str]) -> int | None:
    year = re.search(r"\b(?:19|20)\d\d\b", sheet.get("date of publication", ""))
    return int(year.group(0)) if year else None


def _score_board_mention(mention: BoardMention, page: Page) -> Candidate:
    before = page.text[max(0, mention.start - 80) : mention.start]
    after = page.text[mention.end : mention.end + 100]
    sentence_before = re.split(r"[.;:]\s|\n\n|\n\s*\d+(?:\.\d+)+\s", before)[-1]
    commissioned = bool(_COMMISSION_BEFORE.search(sentence_before))
    if not commissioned and (_OTHER_BOARD_BEFORE.search(sentence_before) or _OTHER_BOARD_AFTER.match(after)):
        # "Records held by X", "previously lived in another area, and X …": someone else
        return Candidate(mention.name, BOARD_SCORES["other-board"], "other-board", page.number, mention.text)
    if page.role == "cover":
        return Candidate(mention.name, BOARD_SCORES["cover-page"], "cover-page", page.number, mention.text)
    if commissioned or _COMMISSION_AFTER.search(after):
        score = BOARD_SCORES["introduction" if page.role == "intro" else "introduction, later page"]
        return Candidate(mention.name, score, "introduction", page.number, mention.text + after[:60])
    return Candidate(
        mention.name,
        BOARD_SCORES["body-mention, introduction page" if page.role == "intro" else "body-mention"],
        "body-mention",
        page.number,
        mention.text,
    )


def choose_board(candidates: list[Candidate], acronyms: set[str]) -> Candidate | None:
    """The publishing board, or None when none is strong enough or two are equally plausible."""
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
    if (
        len(ranked) > 1
        and strength(ranked[1])[0] >= strength(top)[0]
        and best[top].score < BOARD_SCORES["cover-page"]
    ):
        return None  # two boards equally plausible: say unknown rather than guess
    return best[top]


#: A report that says its place names were taken out, or marks where they were.
_REDACTED = re.compile(
    r"names?\s+of\s+(?:the\s+)?(?:area|places?|local\s+authorit(?:y|ies)|board|partnership)\b"
    r"[^.]{0,80}?\b(?:removed|redacted|withheld|anonymi[sz]ed|omitted)"
    r"|\b(?:area|place|board|local\s+authority)(?:\s+and\s+\w+)?\s+names\s+(?:have|has)\s+been\s+"
    r"(?:removed|redacted|withheld|anonymi[sz]ed|omitted)"
    r"|\[\s*(?:name\s+of\s+)?(?:area|local\s+authority|board|partnership|redacted)\s*\]",
    re.I,
)
#: The review's own board named by its kind alone, as the subject of a commissioning verb: every
#: nation's kind ("the Local Safeguarding Children Board", "the Regional Safeguarding Board", "the
#: Child Protection Committee", "the Safeguarding Partnership").
_GENERIC_OWN_BOARD = re.compile(
    r"\bthe\s+(?:(?:Local|Regional)\s+)?(?:Safeguarding\s+(?:Children\s+)?(?:Board|Partnership)"
    r"|(?:Child|Public)\s+Protection\s+Committee)\s+(?:\([A-Z]{2,6}\)\s+)?"
    r"(?:agreed|decided|commissioned|initiated|determined)",
    re.I,
)


def anonymous_evidence(layout: list[Page]) -> Candidate | None:
    """Evidence that the report withholds its board: a redaction note, or a board with no name."""
    for page in layout[:READ_PAGES]:
        for pattern, source in ((_REDACTED, "redaction-note"), (_GENERIC_OWN_BOARD, "unnamed-board")):
            match = pattern.search(page.text)
            if match:
                return Candidate(ANONYMOUS, BOARD_SCORES[source], source, page.number, match.group(0).strip())
    return None
