"""The kind of review, and the nation whose process it follows.

Each nation names its reviews differently: England's serious case reviews
(to 2019) and child safeguarding practice reviews; Wales's (extended) child
practice reviews; Scotland's significant case reviews and learning reviews;
Northern Ireland's case management reviews. The title says which far more
reliably than the body, where other reviews are cited ("previous serious case
reviews found…"), so the title and cover decide and the body counts only where
it says *this* review is one. Acronyms ("SCR", "CPR") count only in the title
and file name: in the body "CPR" is as likely to be resuscitation.

The nation follows from the board's area; without a board, only from a review
type that exists in one devolved nation alone.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .candidates import READ_PAGES, Candidate, Page
from .scores import REVIEW_TYPE_SCORES

#: Review type slug -> how reports print it (most specific first; first match wins).
_TYPES: tuple[tuple[str, str], ...] = (
    ("case-management-review", r"case\s+management\s+review"),
    ("child-safeguarding-practice-review", r"(?:local\s+)?child\s+safeguarding\s+practice\s+review"),
    ("child-practice-review", r"(?:extended\s+)?child\s+practice\s+review|adolygiad\s+ymarfer\s+plant"),
    ("significant-case-review", r"significant\s+case\s+review"),
    ("serious-case-review", r"serious\s+case\s+review"),
    ("learning-review", r"learning\s+review"),
)
_ACRONYMS: tuple[tuple[str, str], ...] = (
    ("case-management-review", r"CMR"),
    ("child-safeguarding-practice-review", r"L?CSPR|LSCPR"),
    ("child-practice-review", r"E?CPR"),
    ("serious-case-review", r"SCR"),
)
_TYPE_RE = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, p) in enumerate(_TYPES)), re.I)
_ACRONYM_RE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(_ACRONYMS)) + r")(?![A-Za-z])"
)
#: "this serious case review", "the criteria for a serious case review were met", "decided that a local
#: child safeguarding practice review should be carried out"
_THIS_REVIEW = re.compile(
    r"(?:\b(?:this|the)|\b(?:criteria\s+for|(?:decided|agreed|determined)\s+that|decision\s+to\s+\w+)"
    r"\s+(?:an?|the))\s+(?:(?:independent|overview|multi-agency|further)\s+){0,2}$",
    re.I,
)
#: Reviews of one nation alone.
_NATION_OF_TYPE = {
    "child-practice-review": "wales",
    "significant-case-review": "scotland",
    "case-management-review": "northern-ireland",
}


#: Every review type ends in one of these words; finding them with str.find first is ~10x cheaper
#: than running the whole alternation over every page.
_NEEDLES = ("review", "adolygiad")
#: The word before "review" in every English review type.
_LAST_BUT_ONE = ("case", "practice", "learning", "management")
#: How far before its last word a review type may start ("local child safeguarding practice review").
_LONGEST_TYPE = 48


def _kinds(text: str, lowered: str | None = None) -> list[tuple[str, re.Match[str]]]:
    lowered = lowered if lowered is not None else text.lower()
    found = []
    covered = -1
    for needle in _NEEDLES:
        at = lowered.find(needle)
        while at >= 0:
            if needle == "review" and not lowered[max(0, at - 12) : at].rstrip().endswith(_LAST_BUT_ONE):
                at = lowered.find(needle, at + 1)
                continue  # "the review", "review panel": most occurrences, and none is a type
            start = max(0, at - _LONGEST_TYPE, covered)
            for match in _TYPE_RE.finditer(text, start, min(len(text), at + len(needle) + 40)):
                if match.start() <= at < match.end():
                    index = next(i for i in range(len(_TYPES)) if match.group(f"t{i}") is not None)
                    found.append((_TYPES[index][0], match))
                    covered = match.end()
                    break
            at = lowered.find(needle, at + 1)
    return sorted(found, key=lambda item: item[1].start())


def review_type_candidates(layout: list[Page], title: str | None, filename: str) -> list[Candidate]:
    """Every review-type candidate: title, cover, a details row, "this … review", file name."""
    found: list[Candidate] = []
    if title:
        kinds = _kinds(title)
        if kinds:
            found.append(Candidate(kinds[0][0], REVIEW_TYPE_SCORES["title"], "title", None, title))
        else:
            acronym = _ACRONYM_RE.search(title)
            if acronym:
                found.append(
                    Candidate(
                        _acronym_kind(acronym),
                        REVIEW_TYPE_SCORES["title-acronym"],
                        "title-acronym",
                        None,
                        title,
                    )
                )
    for page in layout[:READ_PAGES]:
        for kind, match in _kinds(page.text, page.lower):
            line_start = page.text.rfind("\n", 0, match.start()) + 1
            line = page.text[line_start : page.text.find("\n", match.end()) % (len(page.text) + 1)]
            before = page.text[max(0, match.start() - 40) : match.start()]
            if page.role == "cover":
                found.append(
                    Candidate(kind, REVIEW_TYPE_SCORES["cover-page"], "cover-page", page.number, line)
                )
            elif re.match(r"\s*review\s+type\s*:?\s*$", page.text[line_start : match.start()], re.I):
                found.append(
                    Candidate(kind, REVIEW_TYPE_SCORES["details-row"], "details-row", page.number, line)
                )
            elif _THIS_REVIEW.search(before):
                score = REVIEW_TYPE_SCORES[
                    "this-review" if page.role == "intro" else "this-review, later page"
                ]
                found.append(Candidate(kind, score, "this-review", page.number, line))
    stem = PurePath(filename).stem.replace("_", " ").replace("-", " ")
    acronym = _ACRONYM_RE.search(stem)
    if acronym:
        found.append(
            Candidate(_acronym_kind(acronym), REVIEW_TYPE_SCORES["file-name"], "file-name", None, filename)
        )
    return found


def _acronym_kind(match: re.Match[str]) -> str:
    return next(_ACRONYMS[i][0] for i in range(len(_ACRONYMS)) if match.group(f"a{i}") is not None)


def nation_from_type(review_type: str | None) -> str | None:
    """The nation a review type belongs to, for types used by one devolved nation alone."""
    return _NATION_OF_TYPE.get(review_type or "")
