"""Read a report's metadata the way a librarian does: where the facts live first.

Each field is decided from *candidates* found by the rules of its own module
(:mod:`.board_rules`, :mod:`.date_rules`, :mod:`.age_rules`,
:mod:`.title_rules`, :mod:`.review_type`), each scored by where it was found
and by its context (see :mod:`.candidates`). A field nobody can decide stays
unknown, with the reason and the candidates that were not enough.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Metadata, Provenance, Unresolved
from ..registry import RawDocument
from .age_choice import choose_ages
from .age_rules import age_candidates
from .board_rules import ACRONYM, anonymous_evidence, board_candidates, choose_board
from .boards import ANONYMOUS, nation_of_board
from .candidates import (
    MIN_AGE_SCORE,
    MIN_BOARD_SCORE,
    MIN_DATE_SCORE,
    MIN_TYPE_SCORE,
    Candidate,
    choose,
    explain_unknown,
    layout,
)
from .date_rules import date_candidates
from .review_type import nation_from_type, review_type_candidates
from .subject import subject_names
from .themes import find_themes
from .title_rules import title_candidates


def read_metadata(raw: RawDocument, pages: Sequence[str], filename: str) -> Metadata:
    """Decide title, board, publication date, child ages, review type and nation for one document."""
    parts, sheet = layout(raw, pages)
    provenance: dict[str, Provenance] = {}
    unresolved: dict[str, Unresolved] = {}

    def decide(name: str, pick: Candidate | None, candidates: list[Candidate], minimum: float) -> object:
        if pick is None:
            unresolved[name] = explain_unknown(candidates, minimum)
            return None
        provenance[name] = pick.provenance()
        return pick.value

    titles = title_candidates(raw, sheet, filename)
    title_value = decide("title", choose(titles, 0), titles, 0)
    title = str(title_value) if title_value is not None else None

    lscb: str | None = None
    if sheet.get("lscb", "").lower().startswith("anonym"):
        lscb = ANONYMOUS
        provenance["lscb"] = Provenance("library-cover-sheet", 1, sheet["lscb"], 100)
    else:
        cover_text = " ".join(p.text for p in parts if p.role == "cover")
        boards = board_candidates(raw, parts, sheet)
        board = choose_board(boards, set(ACRONYM.findall(cover_text)))
        if board is None and not any(c.score >= MIN_BOARD_SCORE for c in boards):
            board = anonymous_evidence(parts)
        lscb = decide("lscb", board, boards, MIN_BOARD_SCORE)  # type: ignore[assignment]

    dates = date_candidates(raw, parts, sheet)
    published = decide("published", choose(dates, MIN_DATE_SCORE), dates, MIN_DATE_SCORE)

    names = subject_names(title, parts)
    ages_found = age_candidates(parts, names)
    ages_value = decide("child_ages", choose_ages(ages_found, names), ages_found, MIN_AGE_SCORE)
    ages = tuple(round(a, 2) for a in ages_value) if ages_value else ()  # type: ignore[attr-defined]

    types = review_type_candidates(parts, title, filename)
    review_type = decide("review_type", choose(types, MIN_TYPE_SCORE), types, MIN_TYPE_SCORE)

    nation = nation_of_board(lscb) if lscb and lscb != ANONYMOUS else None
    if nation:
        provenance["nation"] = Provenance(
            "board", provenance["lscb"].page, lscb or "", provenance["lscb"].score
        )
    else:
        nation = nation_from_type(str(review_type) if review_type else None)
        if nation:
            kind = provenance["review_type"]
            provenance["nation"] = Provenance("review-type", kind.page, str(review_type), kind.score)
        else:
            why = "the board is unknown or anonymous, and the review type is used in more than one nation"
            unresolved["nation"] = Unresolved(why)

    evidence = find_themes(pages, raw.paged)
    if evidence:
        first = min(e.pages[0] for e in evidence.values())
        provenance["themes"] = Provenance("theme-rules", first, ", ".join(evidence))

    return Metadata(
        title=title,
        lscb=lscb,
        published=str(published) if published is not None else None,
        child_ages=ages,
        provenance=provenance,
        review_type=str(review_type) if review_type is not None else None,
        nation=nation,
        unresolved=unresolved,
        themes=tuple(evidence),
        theme_evidence=evidence,
    )


__all__ = ["read_metadata"]
